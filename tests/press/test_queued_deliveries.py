"""What is still queued for a journalist follows their accreditation at once: a lapsed card
stops every queued delivery, a new press card awaiting approval stops the embargoed ones
(presscenter.press.eligibility.may_receive, the rule checked again at send time)."""

import datetime as dt

import pytest
from django.utils import timezone

from presscenter.delivery.models import Delivery, EventKind, OutboxEvent
from presscenter.delivery.models import Status as DeliveryStatus
from presscenter.press import domain
from presscenter.press.models import JournalistProfile
from presscenter.releases.models import Item
from tests.press.conftest import journalist

pytestmark = pytest.mark.django_db

QUEUED = (DeliveryStatus.PENDING, DeliveryStatus.HELD, DeliveryStatus.FAILED)


def queue(user, item: Item) -> None:
    """One delivery of `item` to `user` in each waiting state, and one already sent."""
    event = OutboxEvent.objects.create(kind=EventKind.PUBLISHED, item=item, version=1)
    for status in (*QUEUED, DeliveryStatus.SENT):
        Delivery.objects.create(
            event=event, item=item, version=1, kind=EventKind.PUBLISHED, channel="email", recipient=user,
            target=user.email, key=f"email:{user.pk}:{item.pk}:{status}", status=status,
            digest=status == DeliveryStatus.HELD,
        )  # fmt: skip


def statuses(user, item: Item) -> list[str]:
    return sorted(Delivery.objects.filter(recipient=user, item=item).values_list("status", flat=True))


@pytest.fixture
def items(newsroom) -> tuple[Item, Item]:
    embargoed = newsroom.publish(title="Tin cấm đăng", embargo_until=timezone.now() + dt.timedelta(days=2))
    return embargoed, newsroom.publish(title="Tin công khai")


def test_a_lapsed_card_cancels_everything_still_queued(outlet, operator, items):
    lapsed, valid = journalist(outlet, approved_by=operator), journalist(outlet, approved_by=operator)
    for profile in (lapsed, valid):
        for item in items:
            queue(profile.user, item)
    JournalistProfile.objects.filter(pk=lapsed.pk).update(press_card_expiry=domain.today_local() - dt.timedelta(days=1))

    assert domain.expire_lapsed_cards() == 1

    cancelled = sorted([DeliveryStatus.CANCELLED] * 3 + [DeliveryStatus.SENT])
    assert [statuses(lapsed.user, item) for item in items] == [cancelled, cancelled]
    assert set(
        Delivery.objects.filter(recipient=lapsed.user, status=DeliveryStatus.CANCELLED).values_list(
            "last_error", flat=True
        )
    ) == {"Thẻ nhà báo đã hết hạn."}
    untouched = sorted([*QUEUED, DeliveryStatus.SENT])
    assert [statuses(valid.user, item) for item in items] == [untouched, untouched]


def test_a_new_card_awaiting_approval_cancels_the_queued_embargoed_items_only(outlet, operator, items):
    profile = journalist(outlet, approved_by=operator)
    embargoed, public = items
    queue(profile.user, embargoed)
    queue(profile.user, public)

    domain.renew_card(
        profile.user,
        profile,
        press_card_number="HN-77777",
        press_card_expiry=domain.today_local() + dt.timedelta(days=700),
    )

    assert statuses(profile.user, embargoed) == sorted([DeliveryStatus.CANCELLED] * 3 + [DeliveryStatus.SENT])
    assert statuses(profile.user, public) == sorted([*QUEUED, DeliveryStatus.SENT])
