"""Who may manage which accounts: the center admin manages operators (and everyone else);
operators manage agency and press accounts. Nobody manages their own account here."""

from typing import Any

from presscenter.accounts.models import Role, User
from presscenter.accounts.roles import is_member_of, is_staff

ROLES_MANAGED_BY = {
    Role.CENTER_ADMIN: frozenset(Role),
    Role.CENTER_OPERATOR: frozenset({Role.SPOKESPERSON, Role.EDITOR, Role.JOURNALIST, Role.PUBLIC}),
}


def manageable_roles(actor: Any) -> frozenset[str]:
    if not is_staff(actor):
        return frozenset()
    return ROLES_MANAGED_BY.get(actor.role, frozenset())


def can_manage_accounts(actor: Any) -> bool:
    return bool(manageable_roles(actor))


def can_manage_account(actor: Any, account: User) -> bool:
    return account.pk != getattr(actor, "pk", None) and account.role in manageable_roles(actor)


def can_manage_tokens(actor: Any) -> bool:
    """API tokens belong to agency members, for their own organisation."""
    return actor.is_authenticated and actor.organisation_id is not None and is_member_of(actor, actor.organisation_id)
