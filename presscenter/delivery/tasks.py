"""Thin tasks: take ids, delegate to the domain. The periodic ones are enqueued by the clock
(presscenter.core.clock.PERIODIC_TASKS) and are all idempotent."""

import datetime as dt

from django.db.models import Q
from django.utils import timezone
from django_tasks import task


@task()
def fan_out_task(*, event_id: int) -> None:
    from presscenter.delivery.fanout import fan_out

    fan_out(event_id)


@task()
def dispatch_task(*, channel: str | None = None) -> None:
    from presscenter.delivery.dispatch import dispatch

    dispatch(channel=channel)


@task()
def dispatch_due_task() -> None:
    """Retries after backoff, quiet hours ended, stale SENDING claims of dead workers."""
    from presscenter.delivery.dispatch import dispatch

    dispatch()


@task()
def lift_embargoes_task() -> None:
    from presscenter.delivery.embargo import lift_due_embargoes

    lift_due_embargoes()


@task()
def send_digests_task() -> None:
    from presscenter.delivery.digests import send_due_digests

    send_due_digests()


@task()
def recover_outbox_task() -> None:
    """Outbox events nobody fanned out: the wake-up task was lost, or its worker died."""
    from presscenter.delivery.fanout import fan_out
    from presscenter.delivery.lease import LEASE
    from presscenter.delivery.models import OutboxEvent

    now = timezone.now()
    forgotten = Q(claimed_at__isnull=True, created_at__lt=now - dt.timedelta(minutes=1)) | Q(claimed_at__lt=now - LEASE)
    for event_id in OutboxEvent.objects.filter(forgotten, processed_at__isnull=True).values_list("pk", flat=True)[:100]:
        fan_out(event_id)
