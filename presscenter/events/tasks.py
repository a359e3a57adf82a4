"""Thin tasks of the events app. The clock enqueues the periodic ones
(presscenter.core.clock.PERIODIC_TASKS); all are idempotent."""

from django_tasks import task

from presscenter.events import notices


@task()
def send_notices_task() -> None:
    """Event notices due: new ones (woken after commit), retries after backoff, claims of dead workers."""
    notices.send_due_notices()


@task()
def reminders_task() -> None:
    """Reminders to approved registrants of the events starting within a day."""
    if notices.queue_reminders():
        notices.send_due_notices()


def wake_sender() -> None:
    send_notices_task.enqueue()
