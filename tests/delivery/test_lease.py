"""A killed worker's claims are taken over once its lease runs out (seconds, not minutes), a
live worker's are not: it renews them while it sends."""

import datetime as dt

import pytest
from django.utils import timezone

from presscenter.delivery import dispatch as dispatcher
from presscenter.delivery.fanout import fan_out
from presscenter.delivery.lease import LEASE
from presscenter.delivery.models import Delivery, OutboxEvent, Status
from presscenter.subscriptions import domain as subscriptions
from tests.delivery.conftest import journalist

pytestmark = pytest.mark.django_db
MARGIN = dt.timedelta(seconds=1)


@pytest.fixture
def sent(newsroom, smtp, django_capture_on_commit_callbacks):
    """Two journalists who received an item by email."""
    readers = [journalist(), journalist()]
    for reader in readers:
        subscriptions.create_subscription(reader, organisations=[newsroom.org.pk], channels=["email"])
    with django_capture_on_commit_callbacks(execute=True):
        item = newsroom.publish()
    assert Delivery.objects.filter(item=item, status=Status.SENT).count() == 2
    return item


def in_flight(item, claimed_ago: dt.timedelta) -> None:
    """As a worker killed while sending leaves them: SENDING, claimed `claimed_ago`."""
    Delivery.objects.filter(item=item).update(
        status=Status.SENDING, claimed_at=timezone.now() - claimed_ago, claimed_by="nguoi-da-chet"
    )


def test_the_lease_is_short_enough_for_the_delivery_targets():
    assert dt.timedelta(seconds=5) < LEASE <= dt.timedelta(seconds=15)


def test_a_claim_younger_than_the_lease_is_not_taken_over(sent, smtp):
    in_flight(sent, LEASE - MARGIN)
    assert dispatcher.dispatch() == 0
    assert set(Delivery.objects.filter(item=sent).values_list("status", flat=True)) == {Status.SENDING}


def test_a_claim_older_than_the_lease_is_taken_over_and_sent(sent, smtp):
    in_flight(sent, LEASE + MARGIN)
    before = len(smtp.messages)
    assert dispatcher.dispatch() == 2
    assert set(Delivery.objects.filter(item=sent).values_list("status", flat=True)) == {Status.SENT}
    assert len(smtp.messages) == before + 2


def test_a_live_worker_renews_its_claim_between_batches(sent):
    in_flight(sent, dt.timedelta(0))
    claimed = dispatcher.claim(channel="email", reclaim_after=dt.timedelta(0))
    assert len(claimed) == 2
    first, second = claimed
    long_ago = timezone.now() - dt.timedelta(hours=1)
    Delivery.objects.filter(pk__in=[first.pk, second.pk]).update(claimed_at=long_ago)
    first.claimed_at = long_ago
    dispatcher.deliver([first], lease=LEASE)  # a third of the lease has long passed: renew first
    second.refresh_from_db()
    assert second.status == Status.SENDING
    assert second.claimed_at > timezone.now() - MARGIN  # held for another lease


def test_a_fan_out_claim_is_taken_over_after_the_lease_only(sent):
    event = OutboxEvent.objects.get(item=sent)
    OutboxEvent.objects.filter(pk=event.pk).update(processed_at=None, claimed_at=timezone.now() - LEASE + MARGIN)
    fan_out(event.pk)
    assert OutboxEvent.objects.get(pk=event.pk).processed_at is None  # still the other worker's
    OutboxEvent.objects.filter(pk=event.pk).update(claimed_at=timezone.now() - LEASE - MARGIN)
    fan_out(event.pk)
    assert OutboxEvent.objects.get(pk=event.pk).processed_at is not None
