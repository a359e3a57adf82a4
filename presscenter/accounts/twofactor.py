"""Two-factor sign-in: a TOTP authenticator app (django-otp) plus single-use recovery codes.
Required for the center's staff and agency spokespersons, optional for everyone else.
Every write here is audited, in the transaction of the change."""

from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from presscenter.accounts import access
from presscenter.accounts.models import Role, User
from presscenter.audit.domain import record
from presscenter.core.errors import DomainError, PermissionDenied

REQUIRED_ROLES = frozenset({Role.CENTER_ADMIN, Role.CENTER_OPERATOR, Role.SPOKESPERSON})
RECOVERY_CODE_COUNT = 10
DEVICE_NAME = "app"


def role_requires(role: str) -> bool:
    """Whether accounts of this role sign in with a second factor (when the setting asks for it)."""
    return role in REQUIRED_ROLES


def is_required(user: Any) -> bool:
    return bool(settings.PRESSCENTER_REQUIRE_STAFF_OTP and role_requires(getattr(user, "role", "")))


def authenticator(user: Any) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def is_enabled(user: Any) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def recovery_codes_left(user: Any) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@transaction.atomic
def pending_authenticator(user: User) -> TOTPDevice:
    """The not yet confirmed device whose secret the enrolment page shows (the same one on reload)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
        record(user, "account.otp_enrolment_start", user, summary=user.username)
    return device


def _new_codes(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="recovery", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


@transaction.atomic
def enable(user: User, device: TOTPDevice, code: str) -> list[str]:
    """Confirm the authenticator with a first code; returns the recovery codes (shown once)."""
    if device.user_id != user.pk or device.confirmed:
        raise PermissionDenied(_("Thiết bị xác thực này không thuộc về bạn."))
    if not device.verify_token((code or "").strip()):
        raise DomainError(
            _("Mã xác thực không đúng hoặc đã hết hạn; hãy nhập mã đang hiện trên ứng dụng."), field="code"
        )
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = _new_codes(user)
    record(user, "account.otp_enable", user, summary=user.username)
    return codes


@transaction.atomic
def regenerate_recovery_codes(user: User) -> list[str]:
    """New codes replace the old ones, which stop working at once."""
    if not is_enabled(user):
        raise DomainError(_("Hãy bật xác thực hai lớp trước."))
    codes = _new_codes(user)
    record(user, "account.otp_recovery_codes", user, summary=user.username)
    return codes


@transaction.atomic
def disable(user: User) -> None:
    """Someone whose role does not require it may turn two-factor sign-in off for themselves."""
    if is_required(user):
        raise PermissionDenied(_("Vai trò của bạn bắt buộc xác thực hai lớp."))
    _remove_devices(user)
    record(user, "account.otp_disable", user, summary=user.username)


@transaction.atomic
def reset(actor: Any, account: User) -> None:
    """A lost phone: whoever manages the account removes its devices; the owner enrols again
    at the next sign-in (or may then sign in with the password alone when not required)."""
    if not access.can_manage_account(actor, account):
        raise PermissionDenied(_("Bạn không có quyền quản lý tài khoản này."))
    _remove_devices(account)
    record(actor, "account.otp_reset", account, summary=account.username)


def _remove_devices(user: User) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


def verified_device(user: User, code: str) -> TOTPDevice | StaticDevice | None:
    """The device that accepts `code`: six digits go to the authenticator, anything else to the
    recovery codes (used up on success). Failures slow the device down (django-otp throttling)."""
    code = (code or "").strip().replace(" ", "").lower()
    model: type[TOTPDevice] | type[StaticDevice] = TOTPDevice if code.isdigit() and len(code) == 6 else StaticDevice
    if not code:
        return None
    with transaction.atomic():
        for device in model.objects.select_for_update().filter(user=user, confirmed=True):
            if device.verify_token(code):
                return device
    return None
