"""Thin tasks of the email channel. The clock enqueues them (presscenter.core.clock.PERIODIC_TASKS)."""

from django_tasks import task

from presscenter.mail.digests import send_due_digests


@task()
def send_digests_task() -> None:
    send_due_digests()
