"""Second factors of staff accounts: a TOTP device enrolled at first login, and single-use backup codes.

The password alone opens no staff page: every page under /staff/ needs a session verified by one of these."""

import io
import secrets
from base64 import b32encode

import qrcode
import qrcode.image.svg
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django_otp import match_token, user_has_device
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

BACKUP_CODES = 10
TOTP_NAME = "Authenticator app"
BACKUP_NAME = "Backup codes"


def has_second_factor(user: AbstractBaseUser) -> bool:
    return user_has_device(user, confirmed=True)


@transaction.atomic
def start_enrolment(user: AbstractBaseUser) -> TOTPDevice:
    """A new, unconfirmed TOTP device; it counts only once a code from it is entered (`confirm_enrolment`)."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)


def pending_enrolment(user: AbstractBaseUser) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()


def secret_of(device: TOTPDevice) -> str:
    """The key in base 32, as authenticator apps take it when typed in."""
    return b32encode(device.bin_key).decode("ascii")


def qr_code_svg(device: TOTPDevice) -> str:
    """The otpauth:// address as an inline SVG QR code: drawn on the server, so the page needs no script."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    return buffer.getvalue().decode("utf-8")


@transaction.atomic
def confirm_enrolment(device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the device with a code from it; returns new backup codes (shown once), or None if the code is wrong."""
    if not device.verify_token(code.strip()):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return new_backup_codes(device.user)


@transaction.atomic
def new_backup_codes(user: AbstractBaseUser) -> list[str]:
    """Replace the user's backup codes with new ones; each works once."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=BACKUP_NAME, confirmed=True)
    codes = [secrets.token_hex(5) for _ in range(BACKUP_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def verify(user: AbstractBaseUser, code: str) -> Device | None:
    """The confirmed device that accepts this code (TOTP or an unused backup code), or None."""
    normalised = "".join(code.split()).lower()
    return match_token(user, normalised) if normalised else None


@transaction.atomic
def enrol_without_confirmation(user: AbstractBaseUser) -> TOTPDevice:
    """A confirmed TOTP device at once, for the demo account, whose secret is printed to the newcomer."""
    TOTPDevice.objects.filter(user=user).delete()
    return TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=True)
