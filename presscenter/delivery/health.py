"""Figures for the delivery health screen: queue depth, failures, latency percentiles."""

import datetime as dt
import math
from collections import defaultdict
from typing import Any

from django.db.models import Count, F
from django.utils import timezone

from presscenter.delivery.models import Delivery, Status
from presscenter.subscriptions.models import Channel

WINDOW = dt.timedelta(hours=24)
LATENCY_SAMPLE = 20_000  # the most recent sends measured; enough for stable percentiles


# The queue depth columns, in this order.
STATES = (Status.PENDING, Status.HELD, Status.SENDING, Status.FAILED, Status.DEAD)


def percentile(sorted_values: list[float], fraction: float) -> float:
    if not sorted_values:
        return 0.0
    rank = max(math.ceil(fraction * len(sorted_values)) - 1, 0)
    return sorted_values[rank]


def channel_label(channel: str) -> str:
    return str(dict(Channel.choices).get(channel, channel))


def queue_depth() -> list[dict[str, Any]]:
    """Per channel: how many deliveries sit in each unfinished or failed state."""
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    rows = (
        Delivery.objects.exclude(status__in=[Status.SENT, Status.CANCELLED])
        .values_list("channel", "status")
        .annotate(n=Count("id"))
    )
    for channel, status, n in rows:
        counts[channel][status] = n
    return [
        {"channel": channel_label(channel), "counts": [by_status.get(s, 0) for s in STATES]}
        for channel, by_status in sorted(counts.items())
    ]


def latency(now: dt.datetime | None = None) -> list[dict[str, Any]]:
    """Publish (outbox event) → sent, per channel over the last 24 h, in seconds."""
    since = (now or timezone.now()) - WINDOW
    rows = (
        Delivery.objects.filter(status=Status.SENT, sent_at__gte=since, digest=False)
        .annotate(published=F("event__created_at"))
        .order_by("-sent_at")
        .values_list("channel", "sent_at", "published")[:LATENCY_SAMPLE]
    )
    by_channel: dict[str, list[float]] = defaultdict(list)
    for channel, sent_at, published in rows:
        by_channel[channel].append((sent_at - published).total_seconds())
    figures = []
    for channel, values in sorted(by_channel.items()):
        values.sort()
        figures.append(
            {
                "channel": channel_label(channel),
                "count": len(values),
                "p50": percentile(values, 0.5),
                "p95": percentile(values, 0.95),
                "p99": percentile(values, 0.99),
            }
        )
    return figures
