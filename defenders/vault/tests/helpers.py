"""The people and secrets the vault's tests share: staff members enrolled at the test-speed cost, a codename."""

from dataclasses import dataclass

from nacl.public import PrivateKey

from defenders.vault import kdf, staff_keys

FAST = kdf.INTERACTIVE
SOURCE_CODENAME = "abacus drop-down t-shirt zoom yo-yo felt-tip enamel"
MARKER = b"MARKER-Detained-in-pre-trial-facility-No-2"


@dataclass(frozen=True)
class StaffMember:
    id: str
    password: str
    public_key: bytes
    wrapped_private_key: bytes
    salt: bytes
    private_key: PrivateKey


def enrol(staff_id: str, password: str) -> StaffMember:
    public_key, wrapped, salt = staff_keys.new_staff_key(password, cost=FAST)
    private_key = staff_keys.unlock_staff_key(password, salt, wrapped, cost=FAST)
    return StaffMember(staff_id, password, public_key, wrapped, salt, private_key)
