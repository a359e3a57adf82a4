"""Fan-out: turn one outbox event into Delivery rows, one per (channel, target).

Safe to run twice or to resume after a crash: the event is claimed with a conditional UPDATE
(renewed chunk by chunk; a claim unrenewed for LEASE belongs to a dead worker and is taken over) and every Delivery
has a unique key, inserted with ignore_conflicts, so a re-run creates nothing twice.

Fast for many thousands of recipients: matched subscriptions are planned and inserted a chunk
at a time, those reaching the fastest channels first (webhooks, live, then email) and the
first chunk small, so the dispatcher is woken and sending starts while the rest is planned;
recipients are read as plain values (presscenter.delivery.readers), channel targets once per
chunk, and live notifications are sent in the very transaction that inserts their rows.
"""

import copy
import datetime as dt
import hashlib
import logging
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from presscenter.delivery import channels, wake
from presscenter.delivery.access import subscriber_may_receive
from presscenter.delivery.bulk import NewDelivery, insert_records
from presscenter.delivery.lease import LEASE, Heartbeat
from presscenter.delivery.models import Delivery, EventKind, OutboxEvent, Status
from presscenter.delivery.readers import Reader, readers
from presscenter.press.eligibility import in_quiet_hours, may_receive
from presscenter.releases.models import Item
from presscenter.subscriptions.matching import match_ids
from presscenter.subscriptions.models import Cadence, EmailSubscriber, Subscription
from presscenter.subscriptions.schedule import next_digest_at

logger = logging.getLogger("presscenter.delivery")

FIRST_CHUNK = 250  # small, so the first deliveries go out within a few tens of milliseconds
CHUNK = 1000
QUERY_CHUNK = 2000  # ids per query (SQLite bounds the number of query parameters)
# Planned first: the channels with the tightest latency. Webhooks lead, so their worker starts
# sending while fan-out writes the live notifications itself; email, slower anyway, comes last.
CHANNEL_ORDER = {"webhook": 0, "live": 1}


class PlannedSubscription(NamedTuple):
    """What planning reads of a subscription (next_digest_at included), without a model instance."""

    pk: int
    owner_id: int | None
    email_subscriber_id: int | None
    channels: list[str]
    cadence: str
    digest_hour: int
    digest_weekday: int


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
    user: Reader | None
    subscriber: EmailSubscriber | None
    subscription: PlannedSubscription | None


def delivery_key(channel: str, target: str, item: Item, version: int, kind: str) -> str:
    short = target if len(target) <= 120 else hashlib.sha256(target.encode()).hexdigest()[:40]
    return f"{channel}:{short}:{item.uid}:v{version}:{KEY_KIND[EventKind(kind)]}"


def claim(event_id: int, *, worker: str = "", now: dt.datetime | None = None) -> bool:
    now = now or timezone.now()
    fresh_or_stale = Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - LEASE)
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
    had = _had_this_version(event) if event.kind == EventKind.EMBARGO_LIFTED else set()
    plan = _Plan(event, now)
    woken: set[str] = set()
    chunks = planned = 0
    heartbeat = Heartbeat(
        lambda at: OutboxEvent.objects.filter(pk=event_id, processed_at__isnull=True).update(claimed_at=at), since=now
    )
    for recipients in _recipient_chunks(event):
        heartbeat.beat()
        rows = [row for row in plan.add(recipients) if (row.channel, row.target) not in had]
        waiting = _insert(rows) | plan.improve_inserted()
        planned += len(rows)
        if waiting - woken:
            wake.dispatch(waiting - woken, urgent=event.priority <= URGENT)
            woken |= waiting
        chunks += 1
    # Once more at the end: a dispatcher woken by the first chunk may have drained it and stopped.
    if chunks > 1 and woken:
        wake.dispatch(woken, urgent=event.priority <= URGENT)
    OutboxEvent.objects.filter(pk=event.pk).update(processed_at=timezone.now())
    return planned


def audience(item: Item) -> Counter[str]:
    """How many targets on each channel publishing the working copy now would reach: the
    recipients its fan-out would plan (earlier recipients of a correction, then matching
    subscriptions) who may receive it once published. Reads only; plans and sends nothing."""
    current = item.current_version
    # Matching reads the published version's text when there is one: give it the working copy,
    # whose text is about to be published.
    upcoming = copy.copy(item)
    upcoming.current_version = None
    event = OutboxEvent(
        item=upcoming,
        kind=EventKind.CORRECTED if current else EventKind.PUBLISHED,
        version=current.number + 1 if current else 1,
    )
    # Eligibility asks whether the item is public; once published it will be (embargo as set).
    as_published = copy.copy(item)
    as_published.current_version_id = item.current_version_id or 0
    reached: set[tuple[str, str]] = set()
    for recipients in _recipient_chunks(event):
        reached.update((r.channel, r.target) for r in recipients if _eligible(r, as_published))
    return Counter(channel for channel, _target in reached)


def _insert(rows: list[NewDelivery]) -> set[str]:
    """One transaction per chunk. Channels whose sending is itself a database write (live
    notifications) are sent right here: their rows go in as sent. Returns the channels left
    with due rows for the dispatcher."""
    with transaction.atomic():
        _send_inline(rows)
        insert_records(Delivery, rows)
    return {row.channel for row in rows if row.status == Status.PENDING}


def _send_inline(chunk: list[NewDelivery]) -> None:
    by_channel: dict[str, list[NewDelivery]] = defaultdict(list)
    for row in chunk:
        if row.status == Status.PENDING and channels.sends_inline(row.channel):
            by_channel[row.channel].append(row)
    now = timezone.now()
    for name, due_now in by_channel.items():
        send_inline = channels.get(name).send_inline
        assert send_inline is not None  # sends_inline() checked it
        for row, result in zip(due_now, send_inline(due_now), strict=True):
            row.attempts = 1
            row.last_error = result.error[:2000]
            if result.ok:
                row.status, row.sent_at = Status.SENT, now
            else:
                row.status = Status.FAILED if result.retry else Status.DEAD


def _cancel_superseded(event: OutboxEvent) -> None:
    """Older versions not yet sent are replaced by the correction (or stopped by the withdrawal)."""
    upto = {"version__lte": event.version} if event.kind == EventKind.WITHDRAWN else {"version__lt": event.version}
    Delivery.objects.filter(
        item_id=event.item_id,
        **upto,
        status__in=[Status.PENDING, Status.HELD, Status.FAILED],
    ).exclude(kind=EventKind.WITHDRAWN).update(status=Status.CANCELLED, last_error="superseded")


def _recipient_chunks(event: OutboxEvent) -> Iterator[list[Recipient]]:
    if event.kind in (EventKind.CORRECTED, EventKind.WITHDRAWN):
        yield from _earlier_recipients(event)
    if event.kind != EventKind.WITHDRAWN:
        yield from _matched_recipients(event.item)


def _earlier_recipients(event: OutboxEvent) -> Iterator[list[Recipient]]:
    """Everyone who was sent an earlier version, on the same channel and target."""
    before = event.version + 1 if event.kind == EventKind.WITHDRAWN else event.version
    rows = list(
        Delivery.objects.filter(item_id=event.item_id, version__lt=before, status=Status.SENT)
        .exclude(kind=EventKind.WITHDRAWN)
        .values_list("channel", "target", "recipient_id", "email_subscriber_id")
        .distinct()
    )
    for chunk in _chunks(rows):
        users = readers({row[2] for row in chunk if row[2]})
        subscribers = EmailSubscriber.objects.in_bulk({row[3] for row in chunk if row[3]})
        yield [
            Recipient(channel, target, users.get(user_id), subscribers.get(subscriber_id), None)
            for channel, target, user_id, subscriber_id in chunk
        ]


def _chunks(rows: list[Any]) -> Iterator[list[Any]]:
    if rows:
        yield rows[:FIRST_CHUNK]
    for start in range(FIRST_CHUNK, len(rows), CHUNK):
        yield rows[start : start + CHUNK]


def _matched_recipients(item: Item) -> Iterator[list[Recipient]]:
    ids = match_ids(item)
    matched: list[PlannedSubscription] = []
    for start in range(0, len(ids), QUERY_CHUNK):
        rows = Subscription.objects.filter(pk__in=ids[start : start + QUERY_CHUNK], active=True)
        matched += [PlannedSubscription(*row) for row in rows.values_list(*PlannedSubscription._fields)]
    matched.sort(key=lambda s: min((CHANNEL_ORDER.get(c, len(CHANNEL_ORDER)) for c in s.channels), default=0))
    for chunk in _chunks(matched):
        yield list(_recipients_of(chunk))


def _recipients_of(subscriptions: list[PlannedSubscription]) -> Iterator[Recipient]:
    users = readers({s.owner_id for s in subscriptions if s.owner_id})
    subscribers = EmailSubscriber.objects.in_bulk(
        {s.email_subscriber_id for s in subscriptions if s.email_subscriber_id}
    )
    targets = _targets(subscriptions, users)
    for subscription in subscriptions:
        if subscription.email_subscriber_id:
            subscriber = subscribers[subscription.email_subscriber_id]
            yield Recipient("email", subscriber.email, None, subscriber, subscription)
            continue
        owner = users.get(subscription.owner_id or 0)
        if owner is None:
            continue
        for channel_name in subscription.channels:
            for target in targets.get(channel_name, {}).get(owner.pk, []):
                yield Recipient(channel_name, target, owner, None, subscription)


def _targets(subscriptions: list[PlannedSubscription], users: dict[int, Reader]) -> dict[str, dict[int, list[str]]]:
    """{channel: {user id: targets}}, asked of each channel once for all its subscribers."""
    wanted: dict[str, set[int]] = defaultdict(set)
    for subscription in subscriptions:
        if subscription.owner_id in users:
            for channel_name in subscription.channels:
                wanted[channel_name].add(subscription.owner_id)
    found: dict[str, dict[int, list[str]]] = {}
    for channel_name, user_ids in wanted.items():
        try:
            sender = channels.get(channel_name)
        except LookupError:
            logger.warning("fan-out: channel %s has no sender, skipped", channel_name)
            continue
        found[channel_name] = sender.targets_of([users[pk] for pk in user_ids])
    return found


def _eligible(recipient: Recipient, item: Item) -> bool:
    if recipient.subscriber is not None:
        return subscriber_may_receive(recipient.subscriber, item)
    return recipient.user is not None and may_receive(recipient.user, item)


class _Plan:
    """One Delivery per key; when several subscriptions reach the same target, the earliest due
    wins, across chunks too: a key already inserted as HELD is moved to the earlier time."""

    def __init__(self, event: OutboxEvent, now: dt.datetime) -> None:
        self.event, self.now = event, now
        self.eligibility: dict[Any, bool] = {}
        self.due: dict[str, dt.datetime] = {}  # every key planned so far, and when it is due
        self.earlier: list[NewDelivery] = []  # better plans for keys inserted in an earlier chunk

    def add(self, recipients: Iterable[Recipient]) -> list[NewDelivery]:
        item, event = self.event.item, self.event
        planned: dict[str, NewDelivery] = {}
        for recipient in recipients:
            who = ("s", recipient.subscriber.pk) if recipient.subscriber else ("u", getattr(recipient.user, "pk", None))
            if who not in self.eligibility:
                self.eligibility[who] = _eligible(recipient, item)
            if not self.eligibility[who]:
                continue
            status, due_at, digest = _schedule(event, recipient, self.now)
            key = delivery_key(recipient.channel, recipient.target, item, event.version, event.kind)
            known = self.due.get(key)
            if known is not None and known <= due_at:
                continue
            row = NewDelivery(
                event_id=event.pk,
                item_id=item.pk,
                version=event.version,
                kind=event.kind,
                channel=recipient.channel,
                recipient_id=getattr(recipient.user, "pk", None),
                email_subscriber_id=getattr(recipient.subscriber, "pk", None),
                subscription_id=getattr(recipient.subscription, "pk", None),
                target=recipient.target,
                key=key,
                priority=event.priority,
                status=status,
                due_at=due_at,
                digest=digest,
                created_at=self.now,
            )
            if known is not None and key not in planned:
                self.earlier.append(row)
            else:
                planned[key] = row
            self.due[key] = due_at
        return list(planned.values())

    def improve_inserted(self) -> set[str]:
        """Move keys inserted in an earlier chunk to their better plan; returns the channels this
        left with due rows, so that their dispatcher is woken like for new rows."""
        due: set[str] = set()
        for row in self.earlier:
            moved = Delivery.objects.filter(key=row.key, status=Status.HELD).update(
                status=row.status, due_at=row.due_at, digest=row.digest, subscription_id=row.subscription_id
            )
            if moved and row.status == Status.PENDING:
                due.add(row.channel)
        self.earlier = []
        return due


def _schedule(event: OutboxEvent, recipient: Recipient, now: dt.datetime) -> tuple[str, dt.datetime, bool]:
    """(status, due_at, held for an email digest)."""
    if event.priority <= URGENT:
        return Status.PENDING, now, False
    subscription = recipient.subscription
    if subscription is not None and subscription.cadence != Cadence.IMMEDIATE:
        return Status.HELD, next_digest_at(subscription, now), recipient.channel == "email"
    if recipient.user is not None and recipient.channel in QUIET_CHANNELS:
        ends = in_quiet_hours(recipient.user, now)
        if ends is not None:
            return Status.HELD, ends, False
    return Status.PENDING, now, False


def _had_this_version(event: OutboxEvent) -> set[tuple[str, str]]:
    """At the lift, (channel, target) pairs that already had this version (entitled journalists,
    or a correction they received before the lift): they are skipped."""
    return set(
        Delivery.objects.filter(item_id=event.item_id, version__gte=event.version).values_list("channel", "target")
    )
