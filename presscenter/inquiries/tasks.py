"""Thin tasks of questions and feedback. The clock enqueues the periodic ones
(presscenter.core.clock.PERIODIC_TASKS); all are idempotent."""

from django_tasks import task

from presscenter.inquiries import autoroute, domain, escalation, notices, rollup
from presscenter.inquiries.suggest import retrain_from_history


@task()
def send_notices_task() -> None:
    """Notices due: new ones (woken after commit), retries after backoff, claims of dead workers."""
    notices.send_due_notices()


@task()
def deadlines_task() -> None:
    """Reminders before the deadline, escalation after it."""
    escalation.run()


@task()
def close_expired_task() -> None:
    """Answered inquiries whose reopening period has ended."""
    domain.close_expired()


@task()
def retrain_routing_task() -> None:
    """Daily: the routing model learns from the routing decisions (skipped while too few)."""
    retrain_from_history()


def wake_sender() -> None:
    send_notices_task.enqueue()


@task()
def auto_route_task(*, inquiry_id: int) -> None:
    """A new question: routed on its own when the centre's thresholds allow it."""
    autoroute.route_new(inquiry_id)


def enqueue_auto_route(inquiry_id: int) -> None:
    auto_route_task.enqueue(inquiry_id=inquiry_id)


@task()
def rollup_stats_task() -> None:
    """The dashboard's daily roll-up: the days changed since the last run, and yesterday."""
    rollup.refresh()
