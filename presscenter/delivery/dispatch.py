"""The dispatcher: claim due deliveries, re-check eligibility, hand them to their channel in
batches, record the outcome.

A claim is one conditional UPDATE (pending/failed/held-for-quiet-hours and due -> sending, with a
fresh token), renewed while its batches are sent; a SENDING claim not renewed for `reclaim_after`
(LEASE, presscenter.delivery.lease) belongs to a dead worker and is taken over. SMTP and HTTP
cannot be exactly-once: a worker killed between sending and recording leaves its in-flight batch
to be sent again, with the same idempotency key (Message-ID, webhook delivery id) so the
receiver can drop the copy. Keep batches small to bound that window.
"""

import datetime as dt
import logging
import uuid
from collections import defaultdict

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext

from presscenter.delivery import channels
from presscenter.delivery.access import may_receive
from presscenter.delivery.channels import SendResult
from presscenter.delivery.lease import LEASE, Heartbeat
from presscenter.delivery.models import Delivery, OutboxEvent, Status
from presscenter.delivery.readers import readers
from presscenter.releases.models import Item
from presscenter.subscriptions.models import EmailSubscriber

logger = logging.getLogger("presscenter.delivery")

CLAIM_LIMIT = 200
BATCH_SIZE = 50  # per send() call: also the most a killed worker can leave to be sent twice
# Channels whose sends are cheap or concurrent take bigger bites; email keeps BATCH_SIZE, which
# bounds the copies a killed worker leaves (each carries its idempotency key all the same).
CLAIM_LIMITS = {"live": 1000, "webhook": 500}
BATCH_SIZES = {"live": 1000, "webhook": 500}
MAX_ROUNDS = 50
MAX_ATTEMPTS = 6
BACKOFF_BASE_SECONDS = 30
# Per-recipient rate limit: at most this many immediate messages per target per minute on the
# channel; the rest wait a minute (not counted as a failed attempt). Flash/urgent are exempt.
RATE_LIMITS = {"email": 20}
RATE_WINDOW = dt.timedelta(minutes=1)


def backoff(attempts: int) -> dt.timedelta:
    return dt.timedelta(seconds=BACKOFF_BASE_SECONDS * 2 ** max(attempts - 1, 0))


def due(now: dt.datetime, reclaim_after: dt.timedelta = LEASE) -> Q:
    waiting = Q(status__in=[Status.PENDING, Status.FAILED]) | Q(status=Status.HELD, digest=False)
    return (waiting & Q(due_at__lte=now)) | Q(status=Status.SENDING, claimed_at__lt=now - reclaim_after)


def claim_limit(channel: str | None) -> int:
    return CLAIM_LIMITS.get(channel or "", CLAIM_LIMIT)


def claim(
    limit: int = CLAIM_LIMIT, *, channel: str | None = None, reclaim_after: dt.timedelta = LEASE
) -> list[Delivery]:
    now = timezone.now()
    token = uuid.uuid4().hex
    candidates = Delivery.objects.filter(due(now, reclaim_after))
    if channel:
        candidates = candidates.filter(channel=channel)
    # A plain read first: an idle worker polling must not take SQLite's write lock each time,
    # which would hold up fan-out and the other channels' workers.
    if not candidates.exists():
        return []
    with transaction.atomic():
        # PostgreSQL: workers skip each other's rows instead of queueing on them.
        ids = list(
            candidates.select_for_update(skip_locked=True)
            .order_by("priority", "due_at", "id")
            .values_list("pk", flat=True)[:limit]
        )
        Delivery.objects.filter(due(now, reclaim_after), pk__any=ids).update(
            status=Status.SENDING, claimed_at=now, claimed_by=token
        )
    claimed = list(
        Delivery.objects.filter(claimed_by=token, status=Status.SENDING).order_by("priority", "due_at", "id")
    )
    _attach_related(claimed)
    return claimed


def _attach_related(deliveries: list[Delivery]) -> None:
    """What eligibility and the senders read, one query per relation, one object per row shared
    by all its deliveries (a fan-out's thousand deliveries announce the same item).

    Recipients are attached as Readers (the user fields eligibility and senders read, loaded as
    values) rather than User instances: a claim of 500 would otherwise build 1,000 model objects."""
    items = Item.objects.select_related("organisation").in_bulk({d.item_id for d in deliveries})
    events = OutboxEvent.objects.in_bulk({d.event_id for d in deliveries})
    users = readers({d.recipient_id for d in deliveries if d.recipient_id})
    subscribers = EmailSubscriber.objects.in_bulk({d.email_subscriber_id for d in deliveries if d.email_subscriber_id})
    recipient = Delivery._meta.get_field("recipient")
    for delivery in deliveries:
        delivery.item = items[delivery.item_id]
        delivery.event = events[delivery.event_id]
        recipient.set_cached_value(delivery, users.get(delivery.recipient_id) if delivery.recipient_id else None)  # type: ignore[union-attr, arg-type]  # a Reader stands in for the User
        delivery.email_subscriber = (
            subscribers.get(delivery.email_subscriber_id) if delivery.email_subscriber_id else None
        )


def outstanding() -> bool:
    """Anything still to send now or later (digests aside)."""
    return Delivery.objects.filter(status__in=[Status.PENDING, Status.FAILED, Status.SENDING]).exists()


def dispatch(
    limit: int | None = None,
    *,
    channel: str | None = None,
    max_rounds: int = MAX_ROUNDS,
    reclaim_after: dt.timedelta = LEASE,
) -> int:
    """Send due deliveries until none remain (at most `max_rounds` claims). Returns how many were sent."""
    limit = limit or claim_limit(channel)
    sent = 0
    for _round in range(max_rounds):
        claimed = claim(limit, channel=channel, reclaim_after=reclaim_after)
        if not claimed:
            break
        sent += deliver(claimed, lease=reclaim_after)
    return sent


def deliver(claimed: list[Delivery], *, lease: dt.timedelta = LEASE) -> int:
    sendable = drop_ineligible(claimed)
    by_channel: dict[str, list[Delivery]] = defaultdict(list)
    for delivery in sendable:
        by_channel[delivery.channel].append(delivery)
    sent = 0
    tokens = {d.claimed_by for d in claimed}
    heartbeat = Heartbeat(
        lambda now: Delivery.objects.filter(claimed_by__in=tokens, status=Status.SENDING).update(claimed_at=now),
        since=min((d.claimed_at for d in claimed if d.claimed_at), default=timezone.now()),
        lease=lease,
    )
    for name, deliveries in by_channel.items():
        deliveries = _defer_over_rate_limit(name, deliveries)
        size = BATCH_SIZES.get(name, BATCH_SIZE)
        for start in range(0, len(deliveries), size):
            heartbeat.beat()
            sent += _send_batch(name, deliveries[start : start + size])
    return sent


def drop_ineligible(claimed: list[Delivery]) -> list[Delivery]:
    """The claimed deliveries their recipient may still receive; the others are cancelled.
    Right before sending, here and for digests: what changed since fan-out counts."""
    keep: list[Delivery] = []
    drop: list[Delivery] = []
    for delivery in claimed:
        (keep if may_receive(delivery) else drop).append(delivery)
    if drop:
        Delivery.objects.filter(pk__any=[d.pk for d in drop]).update(
            status=Status.CANCELLED, last_error=gettext("Người nhận không còn được nhận tin này.")
        )
    return keep


def _defer_over_rate_limit(channel: str, deliveries: list[Delivery]) -> list[Delivery]:
    limit = RATE_LIMITS.get(channel)
    if limit is None:
        return deliveries
    now = timezone.now()
    counted = [d for d in deliveries if d.priority > 1]
    recent = dict(
        Delivery.objects.filter(
            channel=channel, status=Status.SENT, sent_at__gte=now - RATE_WINDOW, target__in={d.target for d in counted}
        )
        .values_list("target")
        .annotate(n=Count("id"))
    )
    keep, later = [], []
    for delivery in deliveries:
        if delivery.priority > 1:
            recent[delivery.target] = recent.get(delivery.target, 0) + 1
            if recent[delivery.target] > limit:
                later.append(delivery.pk)
                continue
        keep.append(delivery)
    if later:
        Delivery.objects.filter(pk__any=later).update(status=Status.PENDING, due_at=now + RATE_WINDOW, claimed_by="")
    return keep


def _send_batch(channel: str, batch: list[Delivery]) -> int:
    try:
        results = channels.get(channel).send(batch)
    except LookupError:
        error = gettext("Không có bộ gửi cho kênh %(channel)s.") % {"channel": channel}
        results = [SendResult(ok=False, error=error)] * len(batch)
    except Exception as exc:  # a broken sender must not stop the other channels
        logger.exception("delivery: channel %s failed on a batch", channel)
        results = [SendResult(ok=False, error=f"{type(exc).__name__}: {exc}")] * len(batch)
    if len(results) != len(batch):
        raise RuntimeError(f"channel {channel} returned {len(results)} results for {len(batch)} deliveries")
    return record(batch, results)


def record(batch: list[Delivery], results: list[SendResult]) -> int:
    now = timezone.now()
    ok = [d.pk for d, r in zip(batch, results, strict=True) if r.ok]
    # Only rows still held by this claim: a row reclaimed meanwhile belongs to its new worker.
    Delivery.objects.filter(pk__any=ok, status=Status.SENDING).update(status=Status.SENT, sent_at=now, last_error="")
    for delivery, result in zip(batch, results, strict=True):
        if not result.ok:
            attempts = delivery.attempts + 1
            dead = not result.retry or attempts >= MAX_ATTEMPTS
            Delivery.objects.filter(pk=delivery.pk, claimed_by=delivery.claimed_by).update(
                status=Status.DEAD if dead else Status.FAILED,
                attempts=attempts,
                due_at=now if dead else now + backoff(attempts),
                last_error=result.error[:2000],
            )
    return len(ok)
