"""`defenders changepassword USER`: set a password without the old one, which revokes the staff key."""

import getpass

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from defenders.intake.actions import staff_keys

MAX_TRIES = 3


class Command(BaseCommand):
    help = "Set a user's password; their staff key is revoked, to be granted again with the recovery key."
    requires_migrations_checks = True

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", nargs="?", default=None, help="Defaults to the current system user.")

    def handle(self, *args, username: str | None, **options) -> None:
        name = username or getpass.getuser()
        try:
            user = get_user_model().objects.get(username=name)
        except get_user_model().DoesNotExist:
            raise CommandError(f"No account named {name!r}.") from None
        self.stdout.write(f"Changing password for user {name!r}")
        password = self._ask_password(user)
        revoked = staff_keys.reset_staff_password(user, new_password=password, by=None)
        self.stdout.write(
            f"Password changed for {name!r}; their staff key and {revoked} submission keys were revoked. "
            "Grant access again with `defenders keys grant` once they have unlocked the inbox."
        )

    def _ask_password(self, user) -> str:
        for _ in range(MAX_TRIES):
            first, second = getpass.getpass("Password: "), getpass.getpass("Password (again): ")
            if first != second:
                self.stdout.write("Passwords do not match. Please try again.")
                continue
            try:
                validate_password(second, user)
            except ValidationError as refused:
                self.stderr.write("\n".join(refused.messages))
                continue
            return second
        raise CommandError(f"Aborting the password change after {MAX_TRIES} attempts.")
