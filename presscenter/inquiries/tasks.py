"""Thin tasks of questions and feedback. The clock enqueues the periodic ones
(presscenter.core.clock.PERIODIC_TASKS); all are idempotent."""

from django_tasks import task

from presscenter.inquiries import domain, escalation, notices


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


def wake_sender() -> None:
    send_notices_task.enqueue()
