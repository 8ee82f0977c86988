"""`defenders staff`: add staff accounts in their roles, change their roles, list them, deactivate them."""

import sys
from collections.abc import Callable
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError, CommandParser

from defenders.accounts import actions
from defenders.accounts.models import StaffMember
from defenders.accounts.roles import ROLES
from defenders.mandates.models import Mandate

HAND_OVER = """Staff account {username} added ({roles}).

One-time password (shown once, give it over a safe channel):

    {password}

At the first login at /staff/login/ they set up an authenticator app and receive backup codes; then they choose
their own password at /staff/password/.
"""


class Command(BaseCommand):
    help = "Add staff accounts in their roles, change their roles, list them, deactivate them."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="Create a staff account; prints a one-time password.")
        add.add_argument("username")
        self._role_arguments(add)
        add.add_argument("--email", default="", help="Where notifications go.")
        add.add_argument(
            "--password-stdin",
            action="store_true",
            help="Read the password from standard input instead of making one.",
        )
        roles = sub.add_parser("roles", help="Put an account in exactly these roles.")
        roles.add_argument("username")
        self._role_arguments(roles)
        sub.add_parser("list", help="Every staff account: roles, mandate, email, active, last login.")
        notify = sub.add_parser("notify", help="Turn an account's email notifications on or off.")
        notify.add_argument("username")
        notify.add_argument("setting", choices=["on", "off"])
        deactivate = sub.add_parser(
            "deactivate", help="Close an account and revoke its intake key and submission keys."
        )
        deactivate.add_argument("username")

    @staticmethod
    def _role_arguments(parser: CommandParser) -> None:
        parser.add_argument(
            "--role",
            action="append",
            required=True,
            choices=ROLES,
            dest="roles",
            help="A role (repeat for several).",
        )
        parser.add_argument(
            "--mandate", help="Short name of the mandate signed for, e.g. “SR FoE” (holders, co-signers)."
        )

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        try:
            verbs: dict[str, Callable[..., None]] = {
                "add": self.add,
                "roles": self.set_roles,
                "list": self.list_accounts,
                "notify": self.notify,
                "deactivate": self.deactivate,
            }
            verbs[action](**options)
        except actions.StaffAccountError as refused:
            raise CommandError(str(refused)) from None

    def _account(self, username: str) -> User:
        user = User.objects.filter(username=username, is_staff=True).first()
        if user is None:
            raise CommandError(f"No staff account {username!r} (`defenders staff list` shows them).")
        return user

    def _mandate(self, short_name: str | None) -> Mandate | None:
        if not short_name:
            return None
        mandate = Mandate.objects.filter(short_name=short_name).first()
        if mandate is None:
            known = ", ".join(Mandate.objects.order_by("short_name").values_list("short_name", flat=True))
            raise CommandError(
                f"No mandate {short_name!r}. Known: {known or 'none (run `defenders loaddata mandates`)'}."
            )
        return mandate

    def add(
        self,
        username: str,
        roles: list[str],
        mandate: str | None,
        email: str,
        password_stdin: bool,
        **options,
    ) -> None:
        password = None
        if password_stdin:
            if sys.stdin.isatty():
                self.stderr.write("Type the password, then press Enter:")
            password = sys.stdin.readline().rstrip("\n")
        user, password = actions.add_staff(
            username, roles=roles, mandate=self._mandate(mandate), email=email, password=password
        )
        if password_stdin:
            self.stdout.write(f"Staff account {user.get_username()} added ({', '.join(roles)}).")
        else:
            self.stdout.write(HAND_OVER.format(username=username, roles=", ".join(roles), password=password))

    def set_roles(self, username: str, roles: list[str], mandate: str | None, **options) -> None:
        user = self._account(username)
        actions.set_roles(user, roles, mandate=self._mandate(mandate))
        self.stdout.write(f"{username}: {', '.join(roles)}.")

    def list_accounts(self, **options) -> None:
        members = {
            member.user_id: member
            for member in StaffMember.objects.select_related("mandate")  # type: ignore[misc]
        }
        rows = [("username", "roles", "mandate", "email", "active", "last login")]
        for user in get_user_model().objects.filter(is_staff=True).order_by("username"):
            member = members.get(user.pk)
            groups = set(user.groups.values_list("name", flat=True))
            rows.append(
                (
                    user.get_username(),
                    ", ".join(role for role in ROLES if role in groups) or "-",
                    member.mandate.short_name if member and member.mandate else "-",
                    (user.email or "-") + ("" if member is None or member.notify_by_email else " (off)"),
                    "yes" if user.is_active else "no",
                    f"{user.last_login:%Y-%m-%d %H:%M}" if user.last_login else "never",
                )
            )
        widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
        for row in rows:
            self.stdout.write(
                "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
            )

    def notify(self, username: str, setting: str, **options) -> None:
        user = self._account(username)
        actions.set_email_notifications(user, on=setting == "on")
        self.stdout.write(f"{username}: email notifications {setting}.")

    def deactivate(self, username: str, **options) -> None:
        user = self._account(username)
        revoked = actions.deactivate_staff(user)
        self.stdout.write(
            f"{username} deactivated: they can no longer log in; their intake key and {revoked} submission "
            "key(s) were revoked."
        )
