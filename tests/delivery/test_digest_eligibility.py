"""Digests re-check, item by item at send time, what their reader may still receive: a card
that lapsed, a suspension, a deactivated account or a press card waiting for approval since
the items were held must not let them out (the rule of immediate delivery,
presscenter.press.eligibility.may_receive)."""

import datetime as dt

import pytest
from django.utils import timezone

from presscenter.accounts.models import User
from presscenter.delivery.models import Delivery, Status
from presscenter.mail.digests import send_due_digests
from presscenter.press.models import Accreditation, JournalistProfile
from presscenter.subscriptions import domain as subscriptions
from tests.delivery.conftest import journalist

pytestmark = pytest.mark.django_db

EMBARGOED = "Phương án điều chỉnh giá nước sạch"
PUBLIC = "Lịch tiếp công dân tháng 12"


def daily_digest_reader(newsroom) -> User:
    reader = journalist()
    subscriptions.create_subscription(reader, organisations=[newsroom.org.pk], channels=["email"], cadence="daily")
    return reader


def held_embargoed_and_public(publish, *readers: User) -> dt.datetime:
    """One item under embargo well past the digest hour and one public item, held for the
    readers' digest; returns the moment just after the digest is due."""
    publish(title=EMBARGOED, embargo_until=timezone.now() + dt.timedelta(days=3))
    publish(title=PUBLIC)
    held = Delivery.objects.filter(recipient__in=readers)
    assert held.count() == 2 * len(readers) and {(d.status, d.digest) for d in held} == {(Status.HELD, True)}
    return max(d.due_at for d in held) + dt.timedelta(seconds=1)


def statuses(reader: User) -> dict[str, str]:
    return dict(Delivery.objects.filter(recipient=reader).values_list("item__title", "status"))


def body(message) -> str:
    return message.get_body(("plain",)).get_content()


def test_a_card_waiting_for_approval_keeps_only_the_public_items(newsroom, smtp, publish):
    reader = daily_digest_reader(newsroom)
    due = held_embargoed_and_public(publish, reader)
    # A new press card entered: pending again, public items only until the centre approves it.
    JournalistProfile.objects.filter(user=reader).update(status=Accreditation.PENDING)
    User.objects.filter(pk=reader.pk).update(accredited=False)

    assert send_due_digests(now=due) == 1

    [message] = smtp.to(reader.email)
    assert PUBLIC in body(message) and EMBARGOED not in body(message)
    assert "1 tin mới" in str(message["Subject"])
    assert statuses(reader) == {PUBLIC: Status.SENT, EMBARGOED: Status.CANCELLED}


@pytest.mark.parametrize(
    "change",
    [
        pytest.param({"accredited": False}, id="card lapsed"),
        pytest.param({"accredited": False, "journalist__status": Accreditation.SUSPENDED}, id="suspended"),
        pytest.param({"is_active": False}, id="deactivated"),
    ],
)
def test_a_reader_cut_off_since_gets_no_digest_at_all(newsroom, smtp, publish, change):
    reader, accredited = daily_digest_reader(newsroom), daily_digest_reader(newsroom)
    due = held_embargoed_and_public(publish, reader, accredited)
    profile_status = change.pop("journalist__status", None)
    if profile_status:  # changed behind the domain's back: only the send-time check is tested
        JournalistProfile.objects.filter(user=reader).update(status=profile_status)
    User.objects.filter(pk=reader.pk).update(**change)

    assert send_due_digests(now=due) == 1

    assert smtp.to(reader.email) == []
    assert statuses(reader) == {PUBLIC: Status.CANCELLED, EMBARGOED: Status.CANCELLED}
    [message] = smtp.to(accredited.email)
    assert PUBLIC in body(message) and EMBARGOED in body(message)
    assert statuses(accredited) == {PUBLIC: Status.SENT, EMBARGOED: Status.SENT}
