"""The words of a search box, read once and written for each engine: words, "quoted phrases", OR between
alternatives and -word to leave out. Any punctuation is read as a space, so no character can break the engine's
own syntax (FTS5 MATCH, PostgreSQL's websearch_to_tsquery)."""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .errors import InvalidSearch

MAX_QUERY_LENGTH = 300
MAX_TERMS = 24
# Letters and digits of every script; "_" and punctuation separate words, as the engines' tokenizers do.
_WORD = re.compile(r"[^\W_]+")
# Turkish dotted capital and dotless small i read as i, as the index reads them (lower() would make a dotted
# capital "i" plus a combining dot, and keep the dotless one apart).
_TURKISH_I = str.maketrans({"İ": "I", "ı": "i"})
_CLAUSE = re.compile(r'(?P<minus>-?)(?:"(?P<phrase>[^"]*)"?|(?P<word>[^\s"]+))')


@dataclass(frozen=True)
class Clause:
    """A word, or several in a row (a quoted phrase, or "human-rights"), to find or to leave out."""

    words: tuple[str, ...]
    excluded: bool = False


@dataclass(frozen=True)
class TextQuery:
    """Alternatives (joined by OR), each a list of clauses that must all hold."""

    alternatives: tuple[tuple[Clause, ...], ...]

    @property
    def words(self) -> list[str]:
        return [
            word
            for clauses in self.alternatives
            for clause in clauses
            if not clause.excluded
            for word in clause.words
        ]

    def fts5(self) -> str:
        """An FTS5 MATCH expression: every word a quoted string, so no word is read as an operator."""

        def quoted(clause: Clause) -> str:
            return '"' + " ".join(clause.words) + '"'

        alternatives = [
            "(" + " AND ".join(quoted(c) for c in clauses if not c.excluded) + ")"
            for clauses in self.alternatives
        ]
        expression = " OR ".join(alternatives)
        excluded = [quoted(c) for clauses in self.alternatives for c in clauses if c.excluded]
        # FTS5's NOT is binary: leave the excluded words out of the whole.
        return "(" + expression + ")" + "".join(f" NOT {e}" for e in excluded)

    def websearch(self) -> str:
        """The same query in the syntax of PostgreSQL's websearch_to_tsquery."""

        def written(clause: Clause) -> str:
            return ("-" if clause.excluded else "") + '"' + " ".join(clause.words) + '"'

        return " or ".join(" ".join(written(c) for c in clauses) for clauses in self.alternatives)


def parse(text: str) -> TextQuery | None:
    """Read the search box; None when it is empty. Raises InvalidSearch when there is nothing to look for."""
    text = text.strip()
    if not text:
        return None
    if len(text) > MAX_QUERY_LENGTH:
        raise InvalidSearch(
            _("The search text is too long: use at most %(count)d characters.") % {"count": MAX_QUERY_LENGTH}
        )
    alternatives: list[list[Clause]] = [[]]
    for match in _CLAUSE.finditer(text):
        raw = match.group("phrase") if match.group("phrase") is not None else match.group("word")
        if match.group("word") == "OR":
            alternatives.append([])
            continue
        words = tuple(word.translate(_TURKISH_I).lower() for word in _WORD.findall(raw))
        if words:
            alternatives[-1].append(Clause(words, excluded=bool(match.group("minus"))))
    # "a OR" or "OR b" reads as "a", "b": an empty alternative is dropped, not matched against everything.
    kept = tuple(tuple(clauses) for clauses in alternatives if any(not c.excluded for c in clauses))
    excluded_only = any(clauses and all(c.excluded for c in clauses) for clauses in alternatives)
    if not kept:
        if excluded_only:
            raise InvalidSearch(_("Say what to look for, not only which words to leave out."))
        raise InvalidSearch(_("Type at least one word or number to search for."))
    query = TextQuery(kept)
    if sum(len(c.words) for clauses in kept for c in clauses) > MAX_TERMS:
        raise InvalidSearch(_("Use at most %(count)d words in a search.") % {"count": MAX_TERMS})
    return query
