"""Readers of the DEFENDERS_* environment variables that never guess: a value they cannot read keeps the
default and is recorded, so that a system check can stop start-up and say which variable to fix."""

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
FALSE_WORDS = frozenset({"0", "false", "no", "off"})


@dataclass(frozen=True)
class Problem:
    """An environment variable whose value could not be read; the default was used instead."""

    variable: str
    value: str
    expected: str

    def __str__(self) -> str:
        return f"{self.variable}={self.value!r} is not {self.expected}"


class Environment:
    """Reads variables from a mapping (the process environment by default) and keeps the problems found."""

    def __init__(self, variables: Mapping[str, str] | None = None) -> None:
        self.variables: Mapping[str, str] = os.environ if variables is None else variables
        self.problems: list[Problem] = []

    def _raw(self, name: str) -> str | None:
        """The stripped value, or None when the variable is unset or blank (both mean: use the default)."""
        value = self.variables.get(name)
        if value is None or not value.strip():
            return None
        return value.strip()

    def text(self, name: str, default: str) -> str:
        """The value as given (a secret keeps its every character), or the default when unset or blank."""
        value = self.variables.get(name)
        return default if value is None or not value.strip() else value

    def flag(self, name: str, default: bool) -> bool:
        value = self._raw(name)
        if value is None:
            return default
        if value.lower() in TRUE_WORDS:
            return True
        if value.lower() in FALSE_WORDS:
            return False
        self.problems.append(Problem(name, value, "one of 1/true/yes/on or 0/false/no/off"))
        return default

    def integer(self, name: str, default: int, *, minimum: int | None = None) -> int:
        value = self._raw(name)
        if value is None:
            return default
        expected = "a whole number" if minimum is None else f"a whole number of at least {minimum}"
        try:
            number = int(value)
        except ValueError:
            self.problems.append(Problem(name, value, expected))
            return default
        if minimum is not None and number < minimum:
            self.problems.append(Problem(name, value, expected))
            return default
        return number

    def path(self, name: str, default: Path) -> Path:
        """An absolute path, relative ones resolved against the working directory at start."""
        value = self._raw(name)
        return (default if value is None else Path(value)).resolve()

    def names(self, name: str, default: list[str]) -> list[str]:
        """A comma-separated list, blanks dropped."""
        value = self._raw(name)
        if value is None:
            return list(default)
        return [item.strip() for item in value.split(",") if item.strip()]
