"""`defenders keys`: the office recovery key (create, rotate, show) and staff access granted or revoked with it."""

import sys

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from nacl.public import PrivateKey

from defenders.intake import keyring
from defenders.intake.actions import staff_keys
from defenders.intake.errors import IntakeError
from defenders.intake.models import OfficeKey, RecipientApproval, StaffKey
from defenders.vault import recovery

KEEP_IT_OFFLINE = """
Office recovery PRIVATE key (shown once, never stored on this server):

    {private}

Public key fingerprint: {fingerprint}

Write it down or print it, keep it offline (a safe, two sealed copies in different places). Anyone with it can
read every submission. It is needed to give a staff member access and to replace this key.
"""


class Command(BaseCommand):
    help = "Create, rotate or show the office recovery key; grant or revoke a staff member's access."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        init = sub.add_parser(
            "init",
            help="Create the codename pepper in DEFENDERS_KEY_DIR if it is not there (create-recovery does too).",
        )
        init.add_argument(
            "--replace-lost-pepper",
            action="store_true",
            help="Make a new pepper although codename submissions exist: every codename given out is then refused.",
        )
        sub.add_parser(
            "create-recovery", help="Create the office recovery key and print its private half once."
        )
        sub.add_parser(
            "rotate-recovery", help="Replace the recovery key; reads the current private key on stdin."
        )
        sub.add_parser("show", help="Show the recovery key's fingerprint and the staff who have keys.")
        grant = sub.add_parser(
            "grant", help="Seal every submission to a staff member; reads the recovery key on stdin."
        )
        grant.add_argument("username")
        enable = sub.add_parser(
            "enable",
            help="Enable a staff member as a recipient of new submissions; their next unlock makes their key.",
        )
        enable.add_argument("username")
        revoke = sub.add_parser(
            "revoke", help="Remove a staff member's key and their access to every submission."
        )
        revoke.add_argument("username")

    def handle(self, *args, action: str, **options) -> None:
        try:
            getattr(self, action.replace("-", "_"))(**options)
        except IntakeError as refused:
            raise CommandError(str(refused)) from None

    def _read_private_key(self) -> PrivateKey:
        if sys.stdin.isatty():
            self.stderr.write("Paste the office recovery private key, then press Enter:")
        try:
            return recovery.private_key_from_b64(sys.stdin.readline())
        except recovery.MalformedKey:
            raise CommandError("That is not a recovery private key (base64, 32 bytes).") from None

    def init(self, replace_lost_pepper: bool = False, **options) -> None:
        if staff_keys.create_pepper(replace_lost=replace_lost_pepper):
            self.stdout.write(
                f"Codename pepper created in {keyring.key_dir()}: back it up offline, apart from the database."
            )
        else:
            self.stdout.write(f"The codename pepper is in place in {keyring.key_dir()}; nothing changed.")

    def create_recovery(self, **options) -> None:
        self.init()
        private, office_key = staff_keys.create_recovery_key()
        self.stdout.write(KEEP_IT_OFFLINE.format(private=private, fingerprint=office_key.fingerprint))

    def rotate_recovery(self, **options) -> None:
        rotated = staff_keys.rotate_recovery_key(old_private_key=self._read_private_key())
        self.stdout.write(
            KEEP_IT_OFFLINE.format(private=rotated.private_key, fingerprint=rotated.new.fingerprint)
        )
        self.stdout.write(
            f"The old key ({rotated.retired.fingerprint}) is retired and opens nothing stored any more; "
            f"{rotated.resealed} submissions were resealed."
        )

    def show(self, **options) -> None:
        current = OfficeKey.objects.current()
        self.stdout.write(f"Recovery key: {current.fingerprint if current else 'none (run create-recovery)'}")
        keys = {key.user_id: key for key in StaffKey.objects.select_related("user")}
        approvals = RecipientApproval.objects.select_related("user", "enabled_by").order_by("user__username")
        for approval in approvals:
            key = keys.pop(approval.user_id, None)
            fingerprint = (
                recovery.fingerprint(bytes(key.public_key)) if key else "no key yet (unlocks once to make it)"
            )
            by = approval.enabled_by.get_username() if approval.enabled_by else "the command line"
            self.stdout.write(
                f"Staff key: {approval.user.get_username()} {fingerprint} "
                f"(enabled by {by} on {approval.enabled_at:%Y-%m-%d})"
            )
        for key in sorted(keys.values(), key=lambda key: key.user.get_username()):
            self.stdout.write(
                f"Staff key: {key.user.get_username()} {recovery.fingerprint(bytes(key.public_key))} "
                "(NOT ENABLED by an administrator: new submissions are not sealed to it)"
            )

    def _user(self, username: str):
        try:
            return get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"No account named {username!r}.") from None

    def grant(self, username: str, **options) -> None:
        count = staff_keys.grant_access(self._user(username), recovery_private_key=self._read_private_key())
        self.stdout.write(f"{username} can now read {count} more submissions.")

    def enable(self, username: str, **options) -> None:
        staff_keys.enable_recipient(self._user(username), by=None)
        self.stdout.write(
            f"{username} is enabled as a recipient: their next unlock in the inbox creates their key; "
            "compare its fingerprint with `defenders keys show` then."
        )

    def revoke(self, username: str, **options) -> None:
        count = staff_keys.revoke_staff_key(self._user(username))
        self.stdout.write(
            f"Revoked {username}'s key, {count} submission keys sealed to it, and their approval as a recipient."
        )
