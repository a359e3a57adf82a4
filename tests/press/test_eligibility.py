"""Who receives an item through a subscription, and when quiet hours hold a delivery."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from presscenter.accounts.models import Role
from presscenter.delivery.readers import readers
from presscenter.press import domain
from presscenter.press.eligibility import in_quiet_hours, may_receive
from presscenter.press.models import JournalistProfile
from presscenter.releases import domain as releases
from tests import factories
from tests.press.conftest import journalist

pytestmark = pytest.mark.django_db
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def items(newsroom):
    public = newsroom.publish(title="Tin công khai")
    embargoed = newsroom.publish(title="Tin cấm đăng", embargo_until=timezone.now() + dt.timedelta(hours=2))
    withdrawn = newsroom.publish(title="Tin sẽ thu hồi")
    releases.withdraw(newsroom.spokesperson, withdrawn, "Thông tin chưa chính xác")
    withdrawn.refresh_from_db()
    return {"public": public, "embargoed": embargoed, "withdrawn": withdrawn}


def _receives(user, items):
    return {name for name, item in items.items() if may_receive(user, item)}


def test_accredited_journalist_receives_everything(outlet, operator, items):
    user = journalist(outlet, approved_by=operator).user
    assert _receives(user, items) == {"public", "embargoed", "withdrawn"}


def test_pending_and_rejected_journalists_receive_public_items_only(outlet, operator, items):
    pending = journalist(outlet).user
    rejected = domain.reject(operator, journalist(outlet), "Không đủ điều kiện").user
    assert _receives(pending, items) == {"public", "withdrawn"}
    assert _receives(rejected, items) == {"public", "withdrawn"}


@pytest.mark.parametrize("action", ["suspend", "revoke"])
def test_suspended_or_revoked_journalist_receives_nothing(outlet, operator, items, action):
    profile = journalist(outlet, approved_by=operator)
    domain.decide(operator, profile, action, "Vi phạm")
    profile.user.refresh_from_db()
    assert _receives(profile.user, items) == set()


def test_journalist_with_lapsed_card_receives_nothing(outlet, operator, items):
    profile = journalist(outlet, approved_by=operator)
    domain.expire_lapsed_cards(profile.press_card_expiry + dt.timedelta(days=1))
    profile.user.refresh_from_db()
    assert _receives(profile.user, items) == set()


def test_inactive_and_public_users(items):
    assert _receives(factories.user(Role.PUBLIC), items) == {"public", "withdrawn"}
    assert _receives(factories.user(Role.PUBLIC, is_active=False), items) == set()
    assert _receives(factories.user(Role.CENTER_OPERATOR), items) == {"public", "embargoed", "withdrawn"}


def test_agency_members_receive_only_their_own_agencys_embargoed_items(newsroom, items):
    """The embargo rule of releases.access holds for deliveries too, as loaded users and as fan-out's records."""
    other = factories.organisation()
    own_editor = factories.user(Role.EDITOR, organisation=newsroom.org)
    others = [factories.user(Role.EDITOR, organisation=other), factories.user(Role.SPOKESPERSON, organisation=other)]
    assert _receives(own_editor, items) == {"public", "embargoed", "withdrawn"}
    for user in others:
        assert _receives(user, items) == {"public", "withdrawn"}
    records = readers([own_editor.pk, *(user.pk for user in others)])
    assert may_receive(records[own_editor.pk], items["embargoed"])
    assert not any(may_receive(records[user.pk], items["embargoed"]) for user in others)


def test_embargoed_item_reaches_everyone_after_the_lift(items):
    after_lift = items["embargoed"].embargo_until + dt.timedelta(seconds=1)
    assert may_receive(factories.user(Role.PUBLIC), items["embargoed"], at=after_lift)


def _quiet(outlet, start, end):
    profile = journalist(outlet)
    JournalistProfile.objects.filter(pk=profile.pk).update(quiet_hours_start=start, quiet_hours_end=end)
    profile.user.refresh_from_db()
    return profile.user


def _at(hour, minute=0, day=10):
    return dt.datetime(2026, 3, day, hour, minute, tzinfo=HANOI)


def test_quiet_hours_spanning_midnight(outlet):
    user = _quiet(outlet, dt.time(22, 0), dt.time(6, 30))
    assert in_quiet_hours(user, _at(23, 15)) == _at(6, 30, day=11)
    assert in_quiet_hours(user, _at(5, 0)) == _at(6, 30)
    assert in_quiet_hours(user, _at(6, 30)) is None
    assert in_quiet_hours(user, _at(12, 0)) is None


def test_quiet_hours_within_a_day(outlet):
    user = _quiet(outlet, dt.time(12, 0), dt.time(13, 30))
    assert in_quiet_hours(user, _at(12, 45)) == _at(13, 30)
    assert in_quiet_hours(user, _at(11, 59)) is None


def test_no_quiet_hours_without_profile_or_setting(outlet):
    assert in_quiet_hours(factories.user(Role.PUBLIC), _at(3)) is None
    assert in_quiet_hours(journalist(outlet).user, _at(3)) is None
