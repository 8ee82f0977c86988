"""Where intake keys live: the codename pepper on disk, the office and staff public keys in the database, and a
staff member's unlocked private key for the length of a session (sealed in the session, its key in a cookie)."""

import os
import secrets
import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from nacl.exceptions import CryptoError
from nacl.public import PrivateKey
from nacl.secret import SecretBox

from defenders.vault import codenames, kdf, staff_keys

from .errors import IntakeNotReady, NotSharedWithYou
from .models import OfficeKey, StaffKey, Submission, WrappedSubmissionKey

STAFF_KEY_COOKIE = "staff_key"
# The staff pages live under /staff/ only (no language prefix), so no public page is ever sent the cookie.
STAFF_KEY_COOKIE_PATH = "/staff/"
STAFF_KEY_SESSION = "intake_sealed_staff_key"
READ_PERMISSION = "intake.read_submission"


def kdf_cost() -> kdf.KdfCost:
    """The argon2id cost named by the DEFENDERS_KDF_COST setting."""
    return kdf.KDF_COSTS[settings.DEFENDERS_KDF_COST]


def derive_source_private_key(codename: str, salt: bytes) -> PrivateKey:
    return codenames.derive_source_private_key(codename, salt, cost=kdf_cost())


PEPPER_FILE = "codename-pepper"


def key_dir() -> Path:
    directory = Path(settings.DEFENDERS_KEY_DIR)
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    return directory


def pepper_exists() -> bool:
    return (Path(settings.DEFENDERS_KEY_DIR) / PEPPER_FILE).is_file()


def pepper() -> bytes:
    """The secret that keys codename lookups. Never created here: a missing pepper is a wrong or lost key
    directory, and a new one would refuse every codename already given out."""
    path = Path(settings.DEFENDERS_KEY_DIR) / PEPPER_FILE
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise IntakeNotReady(
            f"The codename pepper is missing from {path.parent}: restore it from its backup, or check "
            "DEFENDERS_KEY_DIR; on a new installation, run `defenders keys init`."
        ) from None


def write_new_pepper() -> bool:
    """Create the pepper if there is none, readable only by the service's user; True if this call made it."""
    path = key_dir() / PEPPER_FILE
    if path.exists():
        return False
    # Written whole under a private name, then linked into place: a reader never sees a partial file,
    # and of two writers racing, the first link wins and both read the same pepper.
    descriptor, partial = tempfile.mkstemp(dir=path.parent, prefix=".pepper-")
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(codenames.new_pepper())
            stream.flush()
            os.fsync(stream.fileno())
        try:
            os.link(partial, path)
        except FileExistsError:
            return False
    finally:
        os.unlink(partial)
    return True


def current_office_key() -> OfficeKey:
    key = OfficeKey.objects.current()
    if key is None:
        raise IntakeNotReady("No office recovery key: run `defenders keys create-recovery` first.")
    return key


def is_shared_with(submission: Submission, user: User) -> bool:
    """Whether the submission is sealed to this staff member's key: the one condition for acting on it."""
    return WrappedSubmissionKey.objects.filter(submission=submission, staff_key__user=user).exists()


def require_shared_with(submission: Submission, user: User) -> None:
    if not is_shared_with(submission, user):
        raise NotSharedWithYou(str(submission.uid))


def readers() -> list[StaffKey]:
    """Staff keys that every new submission is sealed to: active staff allowed to read submissions, whom an
    administrator enabled as recipients."""
    keys = StaffKey.objects.select_related("user").filter(
        user__is_active=True, user__recipient_approval__isnull=False
    )
    return [key for key in keys if key.user.has_perm(READ_PERMISSION)]


# A staff member's key for the session: the session (in the database) holds it sealed, the browser holds the
# sealing key; neither alone opens it, and both go when the session ends.


def unlock_for_session(request: HttpRequest, response: HttpResponse, user: User, password: str) -> None:
    staff_key = StaffKey.objects.get(user=user)
    private_key = staff_keys.unlock_staff_key(
        password, bytes(staff_key.salt), bytes(staff_key.wrapped_private_key), cost=kdf_cost()
    )
    cookie_key = secrets.token_bytes(SecretBox.KEY_SIZE)
    request.session[STAFF_KEY_SESSION] = SecretBox(cookie_key).encrypt(bytes(private_key)).hex()
    response.set_cookie(
        STAFF_KEY_COOKIE,
        cookie_key.hex(),
        httponly=True,
        samesite="Strict",
        secure=request.is_secure(),
        path=STAFF_KEY_COOKIE_PATH,
    )


def session_staff_key(request: HttpRequest) -> PrivateKey | None:
    sealed, cookie_key = request.session.get(STAFF_KEY_SESSION), request.COOKIES.get(STAFF_KEY_COOKIE)
    if not sealed or not cookie_key:
        return None
    try:
        return PrivateKey(SecretBox(bytes.fromhex(cookie_key)).decrypt(bytes.fromhex(sealed)))
    except (ValueError, CryptoError):  # a stale or forged cookie: the staff member unlocks again
        return None


def lock_session(request: HttpRequest, response: HttpResponse) -> None:
    request.session.pop(STAFF_KEY_SESSION, None)
    response.delete_cookie(STAFF_KEY_COOKIE, path=STAFF_KEY_COOKIE_PATH, samesite="Strict")
