"""Who is who: the role checks every app's `access` module asks. Rules about objects (may
this user edit that item?) stay in the owning app's `access`; this module only answers
questions about the account itself."""

from typing import Any

from django.db.models import QuerySet

from presscenter.accounts.models import AGENCY_ROLES, STAFF_ROLES, Role, User


def is_active(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def is_staff(user: Any) -> bool:
    """The centre's admins and operators."""
    return is_active(user) and user.role in STAFF_ROLES


def agency_of(user: Any) -> int | None:
    """The agency an active editor or spokesperson works for."""
    return user.organisation_id if is_active(user) and user.role in AGENCY_ROLES else None


def is_member_of(user: Any, organisation_id: int) -> bool:
    agency = agency_of(user)
    return agency is not None and agency == organisation_id


def is_spokesperson(user: Any) -> bool:
    return is_active(user) and user.role == Role.SPOKESPERSON


def is_journalist(user: Any) -> bool:
    return is_active(user) and user.role == Role.JOURNALIST


def is_accredited_journalist(user: Any) -> bool:
    """An active journalist whose press card the centre has accredited (and not suspended)."""
    return is_journalist(user) and bool(user.accredited)


def has_journalist_account(user: Any) -> bool:
    """A journalist's account, active or not: accreditation standing applies to it either way."""
    return user.role == Role.JOURNALIST


def agency_members(organisation_id: int, *, spokespersons_only: bool = False) -> QuerySet[User]:
    """The active editors and spokespersons of an agency (only its spokespersons if asked)."""
    wanted = {Role.SPOKESPERSON} if spokespersons_only else AGENCY_ROLES
    return User.objects.filter(organisation_id=organisation_id, role__in=wanted, is_active=True)


def centre_staff() -> QuerySet[User]:
    """The centre's active admins and operators."""
    return User.objects.filter(role__in=STAFF_ROLES, is_active=True)


def accredited_journalists() -> QuerySet[User]:
    """The active journalists whose press card the centre has accredited."""
    return User.objects.filter(role=Role.JOURNALIST, is_active=True, accredited=True)
