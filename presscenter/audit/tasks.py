"""Thin tasks of the audit log, enqueued by the clock."""

from django_tasks import task

from presscenter.audit.checkpoints import write


@task()
def checkpoint_task() -> None:
    """Anchor the chain's head outside the database (idempotent: nothing new, nothing written)."""
    write()
