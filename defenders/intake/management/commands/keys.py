"""`defenders keys`: the office recovery key (create, rotate, show) and staff access granted or revoked with it."""

import sys

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from nacl.exceptions import CryptoError

from defenders.communications.embargo import office_today
from defenders.intake import keyring
from defenders.intake.actions import staff_keys
from defenders.intake.models import OfficeKey, StaffKey, WrappedSubmissionKey
from defenders.vault import recovery, submissions

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
        revoke = sub.add_parser(
            "revoke", help="Remove a staff member's key and their access to every submission."
        )
        revoke.add_argument("username")

    def handle(self, *args, action: str, **options) -> None:
        getattr(self, action.replace("-", "_"))(**options)

    def _read_private_key(self):
        if sys.stdin.isatty():
            self.stderr.write("Paste the office recovery private key, then press Enter:")
        try:
            return recovery.private_key_from_b64(sys.stdin.readline())
        except Exception:
            raise CommandError("That is not a recovery private key (base64, 32 bytes).") from None

    def create_recovery(self, **options) -> None:
        if OfficeKey.objects.current() is not None:
            raise CommandError(
                "A recovery key exists already; use `defenders keys rotate-recovery` to replace it."
            )
        private, office_key = keyring.install_recovery_key()
        self.stdout.write(KEEP_IT_OFFLINE.format(private=private, fingerprint=office_key.fingerprint))

    @transaction.atomic
    def rotate_recovery(self, **options) -> None:
        old = OfficeKey.objects.current()
        if old is None:
            raise CommandError("There is no recovery key yet; use `defenders keys create-recovery`.")
        old_private = self._read_private_key()
        if bytes(old_private.public_key) != bytes(old.public_key):
            raise CommandError(
                "That private key does not belong to the current recovery key; nothing changed."
            )
        private, new = keyring.install_recovery_key()
        for wrap in WrappedSubmissionKey.objects.filter(office_key=old):
            try:
                resealed = submissions.reseal_submission_key(
                    old_private, bytes(wrap.wrapped_key), bytes(new.public_key)
                )
            except CryptoError:
                raise CommandError(
                    "A submission key did not open with the old recovery key; nothing changed."
                ) from None
            WrappedSubmissionKey.objects.create(
                submission=wrap.submission, office_key=new, wrapped_key=resealed
            )
        WrappedSubmissionKey.objects.filter(office_key=old).delete()
        old.retired_on = office_today()
        old.save(update_fields=["retired_on"])
        self.stdout.write(KEEP_IT_OFFLINE.format(private=private, fingerprint=new.fingerprint))
        self.stdout.write(f"The old key ({old.fingerprint}) is retired and opens nothing stored any more.")

    def show(self, **options) -> None:
        current = OfficeKey.objects.current()
        self.stdout.write(f"Recovery key: {current.fingerprint if current else 'none (run create-recovery)'}")
        for key in StaffKey.objects.select_related("user").order_by("user__username"):
            self.stdout.write(
                f"Staff key: {key.user.get_username()} {recovery.fingerprint(bytes(key.public_key))}"
            )

    def _user(self, username: str):
        try:
            return get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"No account named {username!r}.") from None

    def grant(self, username: str, **options) -> None:
        user = self._user(username)
        if not StaffKey.objects.filter(user=user).exists():
            raise CommandError(f"{username} has no key yet: they unlock once in the inbox to create it.")
        recovery = self._read_private_key()
        current = OfficeKey.objects.current()
        if current is None or bytes(recovery.public_key) != bytes(current.public_key):
            raise CommandError("That private key does not belong to the current recovery key.")
        count = staff_keys.grant_access(user, recovery_private_key=recovery)
        self.stdout.write(f"{username} can now read {count} more submissions.")

    def revoke(self, username: str, **options) -> None:
        count = staff_keys.revoke_staff_key(self._user(username))
        self.stdout.write(f"Revoked {username}'s key and {count} submission keys sealed to it.")
