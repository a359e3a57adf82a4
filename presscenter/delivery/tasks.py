"""Thin tasks: take ids, delegate to the domain. The periodic ones are enqueued by the clock
(presscenter.core.clock.PERIODIC_TASKS) and are all idempotent. The pipeline's steps wake the
next one through presscenter.delivery.wake, which the functions at the end serve."""

import datetime as dt
from collections.abc import Iterable

from django.db.models import Q
from django.utils import timezone
from django_tasks import task

from presscenter.delivery.dispatch import dispatch
from presscenter.delivery.embargo import lift_due_embargoes
from presscenter.delivery.fanout import fan_out
from presscenter.delivery.lease import LEASE
from presscenter.delivery.models import OutboxEvent


@task()
def fan_out_task(*, event_id: int) -> None:
    fan_out(event_id)


@task()
def dispatch_task(*, channel: str | None = None) -> None:
    dispatch(channel=channel)


@task()
def dispatch_due_task() -> None:
    """Retries after backoff, quiet hours ended, stale SENDING claims of dead workers."""
    dispatch()


@task()
def lift_embargoes_task() -> None:
    lift_due_embargoes()


@task()
def recover_outbox_task() -> None:
    """Outbox events nobody fanned out: the wake-up task was lost, or its worker died."""
    now = timezone.now()
    forgotten = Q(claimed_at__isnull=True, created_at__lt=now - dt.timedelta(minutes=1)) | Q(claimed_at__lt=now - LEASE)
    for event_id in OutboxEvent.objects.filter(forgotten, processed_at__isnull=True).values_list("pk", flat=True)[:100]:
        fan_out(event_id)


def enqueue_fan_out(event_id: int, item_id: int) -> None:
    fan_out_task.enqueue(event_id=event_id)


def enqueue_dispatch(channel_names: Iterable[str], urgent: bool) -> None:
    """One dispatch task per channel, so a slow channel never holds the others back. Urgent
    work runs first where the task backend orders by priority."""
    dispatch_one = dispatch_task
    if urgent and dispatch_one.get_backend().supports_priority:
        dispatch_one = dispatch_one.using(priority=50)
    for name in sorted(channel_names):
        dispatch_one.enqueue(channel=name)
