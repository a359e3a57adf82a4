"""Fan-out: turn one outbox event into Delivery rows, one per (channel, target).

Safe to run twice or to resume after a crash: the event is claimed with a conditional UPDATE
(a claim older than STALE_CLAIM belongs to a dead worker and is taken over) and every Delivery
has a unique key, inserted with ignore_conflicts, so a re-run creates nothing twice.
"""

import datetime as dt
import hashlib
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.utils import timezone

from presscenter.accounts.models import User
from presscenter.delivery import channels
from presscenter.delivery.access import subscriber_may_receive
from presscenter.delivery.digests import next_digest_at
from presscenter.delivery.models import Delivery, EventKind, OutboxEvent, Status
from presscenter.releases.models import Item
from presscenter.subscriptions.models import Cadence, EmailSubscriber, Subscription

logger = logging.getLogger("presscenter.delivery")

STALE_CLAIM = dt.timedelta(minutes=5)
CHUNK = 1000
URGENT = 1  # event priority 0 (flash) and 1 (urgent): immediate, no digest, no quiet hours
# Quiet hours protect people; newsroom systems (webhooks) take items at any hour.
QUIET_CHANNELS = {"email", "live"}
# An embargo lift announces the same version again: both are "new" for the recipient, so the
# key is shared and nobody who had the item before the lift gets it twice.
KEY_KIND = {
    EventKind.PUBLISHED: "new",
    EventKind.EMBARGO_LIFTED: "new",
    EventKind.CORRECTED: "corrected",
    EventKind.WITHDRAWN: "withdrawn",
}


@dataclass(frozen=True)
class Recipient:
    channel: str
    target: str
    user: User | None
    subscriber: EmailSubscriber | None
    subscription: Subscription | None


def delivery_key(channel: str, target: str, item: Item, version: int, kind: str) -> str:
    short = target if len(target) <= 120 else hashlib.sha256(target.encode()).hexdigest()[:40]
    return f"{channel}:{short}:{item.uid}:v{version}:{KEY_KIND[EventKind(kind)]}"


def claim(event_id: int, *, worker: str = "", now: dt.datetime | None = None) -> bool:
    now = now or timezone.now()
    fresh_or_stale = Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - STALE_CLAIM)
    return bool(
        OutboxEvent.objects.filter(fresh_or_stale, pk=event_id, processed_at__isnull=True).update(
            claimed_at=now, claimed_by=worker[:100]
        )
    )


def fan_out(event_id: int, *, worker: str = "") -> int:
    """Create the event's deliveries, mark it processed, wake the dispatcher. Returns how many
    deliveries were planned (existing keys are skipped by the database), 0 when another worker
    holds the event or it is done."""
    now = timezone.now()
    if not claim(event_id, worker=worker, now=now):
        return 0
    event = OutboxEvent.objects.select_related("item").get(pk=event_id)
    if event.kind in (EventKind.CORRECTED, EventKind.WITHDRAWN):
        _cancel_superseded(event)
    rows = _plan(event, _recipients(event), now)
    if event.kind == EventKind.EMBARGO_LIFTED:
        rows = _without_earlier(event, rows)
    for start in range(0, len(rows), CHUNK):
        Delivery.objects.bulk_create(rows[start : start + CHUNK], ignore_conflicts=True)
    OutboxEvent.objects.filter(pk=event.pk).update(processed_at=timezone.now())
    wake_dispatcher({row.channel for row in rows if row.status == Status.PENDING}, urgent=event.priority <= URGENT)
    return len(rows)


def wake_dispatcher(channel_names: Iterable[str], *, urgent: bool) -> None:
    """One dispatch task per channel, so a slow channel never holds the others back. Urgent
    work runs first where the task backend orders by priority."""
    from presscenter.delivery.tasks import dispatch_task

    task = dispatch_task
    if urgent and task.get_backend().supports_priority:
        task = task.using(priority=50)
    for name in sorted(channel_names):
        task.enqueue(channel=name)


def _cancel_superseded(event: OutboxEvent) -> None:
    """Older versions not yet sent are replaced by the correction (or stopped by the withdrawal)."""
    upto = {"version__lte": event.version} if event.kind == EventKind.WITHDRAWN else {"version__lt": event.version}
    Delivery.objects.filter(
        item_id=event.item_id,
        **upto,
        status__in=[Status.PENDING, Status.HELD, Status.FAILED],
    ).exclude(kind=EventKind.WITHDRAWN).update(status=Status.CANCELLED, last_error="superseded")


def _recipients(event: OutboxEvent) -> list[Recipient]:
    found: list[Recipient] = []
    if event.kind in (EventKind.CORRECTED, EventKind.WITHDRAWN):
        found += _earlier_recipients(event)
    if event.kind != EventKind.WITHDRAWN:
        found += _matched_recipients(event.item)
    return found


def _earlier_recipients(event: OutboxEvent) -> Iterator[Recipient]:
    """Everyone who was sent an earlier version, on the same channel and target."""
    before = event.version + 1 if event.kind == EventKind.WITHDRAWN else event.version
    rows = list(
        Delivery.objects.filter(item_id=event.item_id, version__lt=before, status=Status.SENT)
        .exclude(kind=EventKind.WITHDRAWN)
        .values_list("channel", "target", "recipient_id", "email_subscriber_id", "subscription_id")
        .distinct()
    )
    users = _users({row[2] for row in rows if row[2]})
    subscribers = EmailSubscriber.objects.in_bulk({row[3] for row in rows if row[3]})
    for channel, target, user_id, subscriber_id, _subscription_id in rows:
        yield Recipient(channel, target, users.get(user_id), subscribers.get(subscriber_id), None)


def _matched_recipients(item: Item) -> Iterator[Recipient]:
    from presscenter.subscriptions.matching import match

    subscriptions = [s for s in match(item) if s.active]
    users = _users({s.owner_id for s in subscriptions if s.owner_id})
    subscribers = EmailSubscriber.objects.in_bulk(
        {s.email_subscriber_id for s in subscriptions if s.email_subscriber_id}
    )
    for subscription in subscriptions:
        if subscription.email_subscriber_id:
            subscriber = subscribers[subscription.email_subscriber_id]
            yield Recipient("email", subscriber.email, None, subscriber, subscription)
            continue
        owner = users.get(subscription.owner_id or 0)
        if owner is None:
            continue
        for channel_name in subscription.channels:
            try:
                sender = channels.get(channel_name)
            except LookupError:
                logger.warning("fan-out: channel %s has no sender, skipped", channel_name)
                continue
            for target in sender.targets(owner):
                yield Recipient(channel_name, target, owner, None, subscription)


def _users(ids: set[int]) -> dict[int, User]:
    # The journalist profile is read by the eligibility check: fetch it in the same query.
    return {u.pk: u for u in User.objects.filter(pk__in=ids).select_related("journalist")}


def _eligible(recipient: Recipient, item: Item) -> bool:
    from presscenter.press.eligibility import may_receive

    if recipient.subscriber is not None:
        return subscriber_may_receive(recipient.subscriber, item)
    return recipient.user is not None and may_receive(recipient.user, item)


def _plan(event: OutboxEvent, recipients: Iterable[Recipient], now: dt.datetime) -> list[Delivery]:
    """One Delivery per key; when several subscriptions reach the same target, the earliest wins."""
    item = event.item
    eligibility: dict[Any, bool] = {}
    planned: dict[str, Delivery] = {}
    for recipient in recipients:
        who = ("s", recipient.subscriber.pk) if recipient.subscriber else ("u", getattr(recipient.user, "pk", None))
        if who not in eligibility:
            eligibility[who] = _eligible(recipient, item)
        if not eligibility[who]:
            continue
        status, due_at, digest = _schedule(event, recipient, now)
        key = delivery_key(recipient.channel, recipient.target, item, event.version, event.kind)
        known = planned.get(key)
        if known is not None and known.due_at <= due_at:
            continue
        planned[key] = Delivery(
            event=event,
            item=item,
            version=event.version,
            kind=event.kind,
            channel=recipient.channel,
            recipient=recipient.user,
            email_subscriber=recipient.subscriber,
            subscription=recipient.subscription,
            target=recipient.target,
            key=key,
            priority=event.priority,
            status=status,
            due_at=due_at,
            digest=digest,
            created_at=now,
        )
    return list(planned.values())


def _schedule(event: OutboxEvent, recipient: Recipient, now: dt.datetime) -> tuple[str, dt.datetime, bool]:
    """(status, due_at, held for an email digest)."""
    if event.priority <= URGENT:
        return Status.PENDING, now, False
    subscription = recipient.subscription
    if subscription is not None and subscription.cadence != Cadence.IMMEDIATE:
        return Status.HELD, next_digest_at(subscription, now), recipient.channel == "email"
    if recipient.user is not None and recipient.channel in QUIET_CHANNELS:
        from presscenter.press.eligibility import in_quiet_hours

        ends = in_quiet_hours(recipient.user, now)
        if ends is not None:
            return Status.HELD, ends, False
    return Status.PENDING, now, False


def _without_earlier(event: OutboxEvent, rows: list[Delivery]) -> list[Delivery]:
    """At the lift, skip targets that already had this version (entitled journalists, or a
    correction they received before the lift)."""
    had = set(
        Delivery.objects.filter(item_id=event.item_id, version__gte=event.version).values_list("channel", "target")
    )
    return [row for row in rows if (row.channel, row.target) not in had]
