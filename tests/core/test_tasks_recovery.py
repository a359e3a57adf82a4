"""A task whose worker died is not left RUNNING for ever: it fails (WorkerLost) and runs again."""

import datetime as dt
import socket
import subprocess
import sys

import pytest
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from presscenter.core import clock
from presscenter.core.tasks_recovery import STALE_AFTER, recover_abandoned, worker_id
from presscenter.delivery.tasks import fan_out_task


@pytest.fixture
def database_tasks(settings, db):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def running(worker: str, started: dt.timedelta = dt.timedelta(seconds=5)) -> DBTaskResult:
    """A task a worker took `started` ago, as db_worker leaves it."""
    fan_out_task.enqueue(event_id=42)
    result = DBTaskResult.objects.get(status=TaskResultStatus.READY)
    result.claim(worker)
    DBTaskResult.objects.filter(pk=result.pk).update(started_at=timezone.now() - started)
    return result


def test_a_task_whose_worker_process_is_gone_fails_and_runs_again(database_tasks):
    lost = running(f"{socket.gethostname()[:40]}:{_dead_pid()}:ab12cd34")
    assert recover_abandoned() == [str(lost.pk)]
    lost.refresh_from_db()
    assert lost.status == TaskResultStatus.FAILED
    assert lost.exception_class_path == "presscenter.core.tasks_recovery.WorkerLost"
    again = DBTaskResult.objects.get(status=TaskResultStatus.READY)
    assert (again.task_path, again.args_kwargs["kwargs"]) == (lost.task_path, {"event_id": 42})
    assert recover_abandoned() == []  # once


def test_a_task_of_a_live_worker_is_left_alone(database_tasks):
    alive = running(worker_id())  # this very process
    assert recover_abandoned() == []
    alive.refresh_from_db()
    assert alive.status == TaskResultStatus.RUNNING


def test_a_worker_elsewhere_is_given_up_after_the_bound_only(database_tasks):
    elsewhere = "may-khac:1234:ab12cd34"  # another machine: its process cannot be looked at
    recent = running(elsewhere, started=STALE_AFTER - dt.timedelta(seconds=5))
    assert recover_abandoned() == []
    DBTaskResult.objects.filter(pk=recent.pk).update(started_at=timezone.now() - STALE_AFTER - dt.timedelta(seconds=1))
    assert recover_abandoned() == [str(recent.pk)]


def test_the_clock_runs_the_recovery(database_tasks, settings):
    lost = running(f"{socket.gethostname()[:40]}:{_dead_pid()}:ab12cd34")
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    clock.tick()  # the periodic tasks run at once now
    lost.refresh_from_db()
    assert lost.status == TaskResultStatus.FAILED
