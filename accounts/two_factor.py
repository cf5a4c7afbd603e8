"""Two-step sign-in to the newsroom (django-otp): who owes the second step, and the devices that give it.

The password is the first step, on the admin's own login page (where django-axes counts the failures). The
second is a six-digit code from an authenticator app on the user's phone (a TOTP device) or, when the phone
is lost, one of the recovery codes shown once at enrolment (a static device; each code works once).
Only the roles that can put something on the unit's site or hand out accounts are asked (superusers,
administrators, approvers), and only while settings.REQUIRE_2FA is on: a stolen password of theirs is the
one that could publish in the committee's name.
"""

import math
from base64 import b32encode

import django_otp
import segno
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.safestring import mark_safe
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .roles import Role, role_of

REQUIRED_ROLES = frozenset({Role.APPROVER, Role.ADMINISTRATOR})
RECOVERY_CODE_COUNT = 10
AUTHENTICATOR_NAME = "Ứng dụng xác thực"
RECOVERY_CODES_NAME = "Mã dự phòng"

# The admin's URL names of the two steps a signed-in user may still owe (portal/admin_site.py).
VERIFY = "two_factor_verify"
ENROL = "two_factor_enrol"


def is_required(user) -> bool:
    if not (settings.REQUIRE_2FA and user.is_active and user.is_staff):
        return False
    return user.is_superuser or role_of(user) in REQUIRED_ROLES


def is_verified(user) -> bool:
    # OTPMiddleware gives signed-in users is_verified(); without it nobody counts as verified.
    check = getattr(user, "is_verified", None)
    return bool(check and check())


def missing_step(request) -> str | None:
    """The step (VERIFY or ENROL) this request's user still owes before the admin opens, or None."""
    user = request.user
    if not settings.REQUIRE_2FA or not user.is_authenticated or is_verified(user):
        return None
    # The admin asks several times per page (each view, its context, the menu): the role is read once.
    try:
        required = request._two_factor_required
    except AttributeError:
        required = request._two_factor_required = is_required(user)
    if not required:
        return None
    return VERIFY if django_otp.user_has_device(user) else ENROL


def pending_authenticator(user) -> TOTPDevice:
    """The authenticator being enrolled: the same secret on every visit until a code from it confirms it."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)


def secret_text(device: TOTPDevice) -> str:
    """The secret as authenticator apps ask for it when typed in by hand: base32, in groups of four."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_svg(device: TOTPDevice) -> str:
    """The device's otpauth:// address as an SVG QR code for the page, drawn here: no other site sees it."""
    svg = segno.make(device.config_url, error="m").svg_inline(
        scale=5,
        light="#fff",
        omitsize=True,  # a viewBox instead, so the stylesheet sizes it
        title="Mã QR để thêm tài khoản vào ứng dụng xác thực",
        svgclass="two-factor-qr",
    )
    return mark_safe(svg)  # segno's own markup; the title is ours


def normalize(code: str) -> str:
    """What the user typed, as the devices store it: recovery codes are shown as "abcd-efgh"."""
    return "".join(code.split()).replace("-", "").lower()


def device_for(user, code: str):
    """The user's confirmed device that a code of this shape belongs to: six digits are the app's."""
    # Each device counts its own failures, so a code is only tried on the one it can belong to.
    model = TOTPDevice if code.isdigit() and len(code) == 6 else StaticDevice
    return model.objects.devices_for_user(user, confirmed=True).order_by("pk").first()


def verify(user, device, code: str):
    """The device as it accepted the code, or None; a good recovery code is used up, a bad code counted."""
    # django_otp.verify_token locks the device's row, so two requests cannot both use one code.
    return django_otp.verify_token(user, device.persistent_id, code)


def confirm_authenticator(device: TOTPDevice) -> None:
    """The enrolled app gave a good code: proof it holds the secret, so from now on it is asked for."""
    device.confirmed = True
    device.save(update_fields=["confirmed"])


def seconds_to_wait(device) -> int:
    """How long the device refuses codes after failed ones (django-otp doubles it per failure), or 0."""
    allowed, details = device.verify_is_allowed()
    if allowed:
        return 0
    return max(1, math.ceil((details["locked_until"] - timezone.now()).total_seconds()))


def issue_recovery_codes(user) -> list[str]:
    """New recovery codes for the user, replacing any left; returned once, in the form the page shows them."""
    with transaction.atomic():
        # The same device is kept, so a session verified with one of the old codes stays verified.
        device = StaticDevice.objects.filter(user=user).order_by("pk").first()
        if device is None:
            device = StaticDevice.objects.create(user=user, name=RECOVERY_CODES_NAME)
        device.token_set.all().delete()
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return [f"{code[:4]}-{code[4:]}" for code in codes]


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user).count()


def reset(user) -> int:
    """Forget every device of the user (a lost phone): their next sign-in enrols a new one. How many went."""
    devices = list(django_otp.devices_for_user(user, confirmed=None))
    for device in devices:
        device.delete()
    return len(devices)
