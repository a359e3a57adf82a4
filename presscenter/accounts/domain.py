"""Every write to accounts, each with its audit entry."""

from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from presscenter.accounts import access, lockout
from presscenter.accounts.models import AGENCY_ROLES, ApiToken, Role, User
from presscenter.audit.domain import record
from presscenter.core.errors import DomainError, PermissionDenied

UPDATABLE_FIELDS = ("full_name", "email", "phone", "role", "organisation", "accredited", "is_active")


def snapshot(account: User) -> dict[str, Any]:
    return {
        "username": account.username,
        "role": account.role,
        "organisation": account.organisation_id,
        "accredited": account.accredited,
        "active": account.is_active,
    }


def _check_role(actor: Any, role: str) -> None:
    if role not in Role.values:
        raise DomainError(_("Vai trò không hợp lệ."), field="role")
    if role not in access.manageable_roles(actor):
        raise PermissionDenied(_("Bạn không có quyền quản lý tài khoản có vai trò này."))


def _check_consistency(account: User) -> None:
    if account.role in AGENCY_ROLES and account.organisation_id is None:
        raise DomainError(_("Tài khoản của cơ quan phải gắn với một cơ quan."), field="organisation")
    if account.role not in AGENCY_ROLES:
        account.organisation = None
    if account.role != Role.JOURNALIST:
        account.accredited = False


@transaction.atomic
def create_account(
    actor: Any,
    *,
    username: str,
    role: str,
    full_name: str = "",
    email: str = "",
    phone: str = "",
    organisation: Any = None,
    accredited: bool = False,
    password: str | None = None,
) -> User:
    _check_role(actor, role)
    username = (username or "").strip()
    if not username:
        raise DomainError(_("Tên đăng nhập không được để trống."), field="username")
    if User.objects.filter(username__iexact=username).exists():
        raise DomainError(_("Tên đăng nhập này đã có người dùng."), field="username")
    account = User(
        username=username,
        role=role,
        full_name=(full_name or "").strip(),
        email=(email or "").strip(),
        phone=(phone or "").strip(),
        organisation=organisation,
        accredited=accredited,
    )
    _check_consistency(account)
    if password:
        try:
            validate_password(password, account)
        except ValidationError as error:
            raise DomainError(" ".join(error.messages), field="password") from None
        account.set_password(password)
    else:
        account.set_unusable_password()
    account.save()
    record(actor, "account.create", account, summary=account.username, after=snapshot(account))
    return account


def update_account(actor: Any, account: User, **fields: Any) -> User:
    return _update(actor, account, "account.update", fields)


def deactivate(actor: Any, account: User) -> User:
    """Accounts are never deleted: their actions stay attributable in the audit log."""
    return _update(actor, account, "account.deactivate", {"is_active": False})


@transaction.atomic
def _update(actor: Any, account: User, action: str, fields: dict[str, Any]) -> User:
    unknown = set(fields) - set(UPDATABLE_FIELDS)
    if unknown:
        raise DomainError(_("Trường không hợp lệ: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    account = User.objects.select_for_update().get(pk=account.pk)
    if not access.can_manage_account(actor, account):
        raise PermissionDenied(_("Bạn không có quyền sửa tài khoản này."))
    if "role" in fields:
        _check_role(actor, fields["role"])
    before = snapshot(account)
    for name, value in fields.items():
        setattr(account, name, value.strip() if isinstance(value, str) and name != "role" else value)
    _check_consistency(account)
    account.save(update_fields=list({*fields, "organisation", "accredited"}))
    record(actor, action, account, summary=account.username, before=before, after=snapshot(account))
    return account


@transaction.atomic
def unlock(actor: Any, account: User) -> int:
    """Lift a sign-in lockout (django-axes) before its cool-off ends, of the account from an
    address and of an address that locks the account out; returns how many records of failures
    (one per username, address and browser) were cleared."""
    if not access.can_manage_account(actor, account):
        raise PermissionDenied(_("Bạn không có quyền mở khóa tài khoản này."))
    cleared, addresses = lockout.unlock(account.username)
    after = {"failure_records_cleared": cleared, "addresses_unlocked": addresses}
    record(actor, "account.unlock", account, summary=account.username, after=after)
    return cleared


@transaction.atomic
def revoke_api_tokens(user: User) -> int:
    """Every API token of the account stops working (the account was cut off); in the caller's
    transaction, whose audit entry records the decision."""
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())


def bootstrap_admin(*, username: str, email: str, password: str) -> User:
    """The first center admin of a new installation (from the command line). Later admins are
    created by an existing admin in the workspace, so this refuses once one exists."""
    if User.objects.filter(role=Role.CENTER_ADMIN, is_active=True).exists():
        raise DomainError(_("Đã có quản trị Trung tâm; hãy tạo thêm tài khoản trong màn hình quản lý tài khoản."))
    if not password:
        raise DomainError(_("Cần đặt mật khẩu."), field="password")
    account = User(username=(username or "").strip(), email=(email or "").strip(), role=Role.CENTER_ADMIN)
    if not account.username:
        raise DomainError(_("Tên đăng nhập không được để trống."), field="username")
    if User.objects.filter(username__iexact=account.username).exists():
        raise DomainError(_("Tên đăng nhập này đã có người dùng."), field="username")
    try:
        validate_password(password, account)
    except ValidationError as error:
        raise DomainError(" ".join(error.messages), field="password") from None
    account.set_password(password)
    account.save()
    record(None, "account.bootstrap_admin", account, summary=account.username, after=snapshot(account))
    return account
