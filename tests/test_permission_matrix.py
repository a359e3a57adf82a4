"""Every role against every action on official information items, through the domain functions
(the same choke point every view and endpoint uses)."""

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from presscenter.accounts import domain as accounts_domain
from presscenter.accounts import twofactor
from presscenter.accounts.models import Role
from presscenter.audit.models import AuditEntry
from presscenter.core.errors import DomainError, PermissionDenied
from presscenter.releases import access, domain
from presscenter.releases.models import Item, State
from tests import factories

ROLES = [
    "center_admin",
    "center_operator",
    "spokesperson_own",
    "spokesperson_other",
    "editor_own",
    "editor_other",
    "journalist_accredited",
    "journalist",
    "public",
    "anonymous",
    "deactivated_operator",
]


def make_actor(role: str, own_org: Any, other_org: Any) -> Any:
    if role == "anonymous":
        return AnonymousUser()
    if role == "deactivated_operator":
        return factories.user(Role.CENTER_OPERATOR, is_active=False)
    if role.endswith("_own") or role.endswith("_other"):
        base, side = role.rsplit("_", 1)
        return factories.user(base, own_org if side == "own" else other_org)
    if role == "journalist_accredited":
        return factories.user(Role.JOURNALIST, accredited=True)
    return factories.user(role)


def _draft(newsroom: factories.Newsroom) -> Item:
    return newsroom.draft()


def _in_review(newsroom: factories.Newsroom) -> Item:
    item = newsroom.draft()
    return domain.submit(newsroom.editor, item)


def _published(newsroom: factories.Newsroom) -> Item:
    return newsroom.publish()


# action name -> (set up the item, perform the action as actor)
ACTIONS: dict[str, tuple[Callable[..., Item] | None, Callable[[Any, Any, Item | None], Any]]] = {
    "create": (None, lambda actor, org, item: domain.create_item(actor, org, title="Thông báo mới")),
    "edit": (_draft, lambda actor, org, item: domain.update_item(actor, item, title="Tiêu đề đã sửa")),
    "submit": (_draft, lambda actor, org, item: domain.submit(actor, item)),
    "approve": (_in_review, lambda actor, org, item: domain.approve(actor, item)),
    "schedule": (
        _in_review,
        lambda actor, org, item: domain.approve(actor, item, publish_at=timezone.now() + dt.timedelta(hours=1)),
    ),
    "request_changes": (_in_review, lambda actor, org, item: domain.request_changes(actor, item, "Cần sửa")),
    "force_publish": (_draft, lambda actor, org, item: domain.force_publish(actor, item, "Khẩn cấp")),
    "withdraw": (_published, lambda actor, org, item: domain.withdraw(actor, item, "Sai sót")),
    "read_working_copy": (_draft, lambda actor, org, item: access.item_for_work(actor, item.pk)),
    "acknowledge_late": (
        _published,
        lambda actor, org, item: domain.acknowledge_late(actor, factories.late_publication(item)),
    ),
}

ALLOWED = {
    "create": {"center_admin", "center_operator", "spokesperson_own", "editor_own"},
    "edit": {"center_admin", "center_operator", "spokesperson_own", "editor_own"},
    "submit": {"center_admin", "center_operator", "spokesperson_own", "editor_own"},
    "approve": {"center_admin", "center_operator", "spokesperson_own"},
    "schedule": {"center_admin", "center_operator", "spokesperson_own"},
    "request_changes": {"center_admin", "center_operator", "spokesperson_own"},
    "force_publish": {"center_admin", "center_operator"},
    "withdraw": {"center_admin", "center_operator", "spokesperson_own"},
    "read_working_copy": {"center_admin", "center_operator", "spokesperson_own", "editor_own"},
    "acknowledge_late": {"center_admin", "center_operator"},
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_permission_matrix(db, action: str, role: str) -> None:
    newsroom = factories.Newsroom()
    other = factories.organisation()
    setup, perform = ACTIONS[action]
    item = setup(newsroom) if setup else None
    actor = make_actor(role, newsroom.org, other)
    if role in ALLOWED[action]:
        perform(actor, newsroom.org, item)
    else:
        with pytest.raises(PermissionDenied):
            perform(actor, newsroom.org, item)
        if item is not None:
            before = (item.state, item.title, item.current_version_id)
            item.refresh_from_db()
            assert (item.state, item.title, item.current_version_id) == before


EMBARGO_READERS = {
    "center_admin",
    "center_operator",
    "spokesperson_own",
    "editor_own",
    "journalist_accredited",
}


@pytest.mark.parametrize("role", ROLES)
def test_embargo_matrix(db, role: str) -> None:
    newsroom = factories.Newsroom()
    item = newsroom.publish(embargo_until=timezone.now() + dt.timedelta(hours=3))
    actor = make_actor(role, newsroom.org, factories.organisation())
    visible = access.public_items(actor).filter(pk=item.pk).exists()
    assert visible == (role in EMBARGO_READERS)


def test_author_second_approval_refused_even_for_staff(db) -> None:
    newsroom = factories.Newsroom()
    item = domain.create_item(newsroom.operator, newsroom.org, title="Thông cáo của Trung tâm")
    domain.submit(newsroom.operator, item)
    with pytest.raises(DomainError):
        domain.approve(newsroom.operator, item)


@pytest.mark.parametrize("role", ROLES)
def test_force_publish_without_a_reason_is_refused_for_everyone(db, role: str) -> None:
    """Those allowed to force-publish are told to give a reason; everyone else is refused outright."""
    newsroom = factories.Newsroom()
    item = newsroom.draft()
    actor = make_actor(role, newsroom.org, factories.organisation())
    with pytest.raises(DomainError) as refused:
        domain.force_publish(actor, item, "   ")
    if role in ALLOWED["force_publish"]:
        assert not isinstance(refused.value, PermissionDenied) and refused.value.field == "reason"
    else:
        assert isinstance(refused.value, PermissionDenied)
    item.refresh_from_db()
    assert item.current_version_id is None and item.state == State.DRAFT


@pytest.mark.parametrize("role", sorted(ALLOWED["approve"]))
def test_no_approver_approves_text_they_changed(db, role: str) -> None:
    newsroom = factories.Newsroom()
    item = newsroom.draft()
    actor = make_actor(role, newsroom.org, factories.organisation())
    domain.update_item(actor, item, body="<p>Đoạn do người duyệt viết.</p>")
    domain.submit(newsroom.editor, item)
    with pytest.raises(PermissionDenied):
        domain.approve(actor, item)
    assert not access.can_approve(actor, item)
    item.refresh_from_db()
    assert item.state == State.IN_REVIEW


# Sign-in management of another account: lifting a lockout, resetting two-factor sign-in.
ACCOUNT_ACTIONS: dict[str, Callable[[Any, Any], Any]] = {
    "unlock": accounts_domain.unlock,
    "otp_reset": twofactor.reset,
}
ACCOUNT_TARGETS = {"journalist": Role.JOURNALIST, "spokesperson": Role.SPOKESPERSON, "operator": Role.CENTER_OPERATOR}
ACCOUNT_MANAGERS = {
    "journalist": {"center_admin", "center_operator"},
    "spokesperson": {"center_admin", "center_operator"},
    "operator": {"center_admin"},
}


@pytest.mark.parametrize("target", ACCOUNT_TARGETS)
@pytest.mark.parametrize("action", ACCOUNT_ACTIONS)
@pytest.mark.parametrize("role", ROLES)
def test_account_sign_in_management_matrix(db, role: str, action: str, target: str) -> None:
    newsroom = factories.Newsroom()
    actor = make_actor(role, newsroom.org, factories.organisation())
    account = factories.user(ACCOUNT_TARGETS[target], newsroom.org if target == "spokesperson" else None)
    if role in ACCOUNT_MANAGERS[target]:
        ACCOUNT_ACTIONS[action](actor, account)
        assert AuditEntry.objects.filter(action=f"account.{action}", object_id=str(account.pk)).exists()
    else:
        with pytest.raises(PermissionDenied):
            ACCOUNT_ACTIONS[action](actor, account)
        assert not AuditEntry.objects.filter(action=f"account.{action}").exists()
