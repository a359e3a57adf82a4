"""Tasks whose worker died. django-tasks-db marks a task RUNNING when a worker takes it and
never looks at it again: a worker killed mid-task leaves it RUNNING for ever, and its work
undone. RQ has its own answer (a dead worker's job expires from the StartedJobRegistry and a
live worker's maintenance moves it to the FailedJobRegistry: docs/operations.md).

A RUNNING task counts as abandoned when its worker is known to be gone (the worker id names
this machine and a process that no longer exists: `presscenter worker` sets such ids), or, for
workers elsewhere, when it started more than STALE_AFTER ago: far longer than any of our tasks
takes. It is marked failed (WorkerLost) and enqueued again: every task is idempotent.
"""

import datetime as dt
import logging
import os
import secrets
import socket

from django.utils import timezone
from django_tasks import TaskResultStatus

logger = logging.getLogger("presscenter.tasks")

STALE_AFTER = dt.timedelta(minutes=10)
HOST_MAX = 40  # host:pid:token stays within django-tasks-db's 64 characters


class WorkerLost(Exception):
    """Recorded as the failure of a task whose worker died while running it."""


def _host() -> str:
    return socket.gethostname()[:HOST_MAX]


def worker_id() -> str:
    """host:pid:token, so that a process on the same machine can tell whether the worker lives."""
    return f"{_host()}:{os.getpid()}:{secrets.token_hex(4)}"


def _gone(worker: str) -> bool:
    """True only when the worker is certainly not running: on this machine, its process is gone."""
    parts = worker.rsplit(":", 2)
    if len(parts) != 3 or parts[0] != _host() or not parts[1].isdigit():
        return False
    try:
        os.kill(int(parts[1]), 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # another user's process: alive
        return False
    return False


def recover_abandoned(now: dt.datetime | None = None) -> list[str]:
    """Fail and re-enqueue every abandoned task of the database backend; returns their ids."""
    from django_tasks_db.models import DBTaskResult  # noqa: PLC0415 setup

    now = now or timezone.now()
    recovered = []
    for result in DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).order_by("started_at"):
        last_worker = result.worker_ids[-1] if result.worker_ids else ""
        if not (_gone(last_worker) or (result.started_at and result.started_at < now - STALE_AFTER)):
            continue
        # Conditional: of two recoverers, or a worker finishing after all, only one wins.
        if not DBTaskResult.objects.filter(pk=result.pk, status=TaskResultStatus.RUNNING).update(
            status=TaskResultStatus.FAILED,
            finished_at=now,
            exception_class_path=f"{WorkerLost.__module__}.{WorkerLost.__qualname__}",
            traceback=f"WorkerLost: worker {last_worker or '?'} stopped while running this task",
        ):
            continue
        result.task.enqueue(*result.args_kwargs["args"], **result.args_kwargs["kwargs"])
        logger.warning("tasks: %s (%s) lost with worker %s; enqueued again", result.task_path, result.pk, last_worker)
        recovered.append(str(result.pk))
    return recovered
