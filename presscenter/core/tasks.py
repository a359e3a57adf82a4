"""Thin periodic tasks of the installation itself, enqueued by the clock."""

from django_tasks import task

from presscenter.core.tasks_recovery import recover_abandoned


@task()
def recover_tasks_task() -> None:
    """Tasks left RUNNING by a worker that died: failed and enqueued again. (Under RQ the
    database backend's table stays empty, and RQ recovers its own: docs/operations.md.)"""
    recover_abandoned()
