"""THE KILL-A-WORKER TEST: real worker processes, a real SMTP server, a database on disk.

A worker is killed with SIGKILL in the middle of sending 2,000 due emails; a second worker
resumes. Every delivery must arrive. SMTP cannot be exactly-once: a worker killed after the
server accepted a message but before it recorded SENT leaves that message to be sent again.
The re-sent copy carries the same Message-ID (derived from the delivery key), so the receiver
can discard it; and because the dispatcher records outcomes after every batch, at most one
batch (the one in flight at the moment of the kill) can arrive twice.
"""

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import dj_database_url
import pytest

from presscenter.delivery.dispatch import BATCH_SIZE
from tests.conftest import skip_or_fail
from tests.delivery.conftest import start_sink

REPO = Path(__file__).resolve().parents[2]
DELIVERIES = 2000
SAFETY_BOUND_SECONDS = 600  # only so a broken run ends; not a performance limit

SEED = f"""
from django.db import transaction
from django.utils import timezone
from presscenter.delivery.fanout import delivery_key
from presscenter.delivery.models import Delivery, EventKind, OutboxEvent, Status
from presscenter.subscriptions.models import EmailSubscriber
from tests.factories import Newsroom

item = Newsroom().publish(priority="urgent")
with transaction.atomic():
    event = OutboxEvent.objects.create(kind=EventKind.PUBLISHED, item=item, version=1, priority=1,
                                       processed_at=timezone.now())
subscribers = EmailSubscriber.objects.bulk_create(
    EmailSubscriber(email=f"doc-gia-{{n}}@example.vn", confirmed_at=timezone.now()) for n in range({DELIVERIES})
)
Delivery.objects.bulk_create(
    Delivery(event=event, item=item, version=1, kind=EventKind.PUBLISHED, channel="email",
             email_subscriber=s, target=s.email, key=delivery_key("email", s.email, item, 1, EventKind.PUBLISHED),
             priority=1, status=Status.PENDING)
    for s in subscribers
)
"""

REPORT = """
import json
from presscenter.mail.sender import message_id
from presscenter.delivery.models import Delivery
rows = list(Delivery.objects.values_list("status", "key"))
print(json.dumps({"statuses": sorted({s for s, _ in rows}), "count": len(rows),
                  "message_ids": [message_id(k) for _, k in rows]}))
"""


def _database(env: dict[str, str]) -> tuple[str | None, str | None]:
    """PostgreSQL when DATABASE_URL is set (a database of our own, dropped afterwards); else
    SQLite in the worker's data directory. Returns (url for the workers, name to drop)."""
    url = os.environ.get("DATABASE_URL")
    if not url:
        return None, None
    import psycopg

    config = dj_database_url.parse(url)
    name = f"{config['NAME']}_killworker"
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    return url.rsplit("/", 1)[0] + f"/{name}", name


def _drop(url: str | None, name: str | None) -> None:
    if name and url:
        import psycopg

        with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _django(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "django", *args], cwd=REPO, env=env, capture_output=True, text=True, check=True
    )


def _worker(env: dict[str, str], *extra: str) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "django", "deliver", "--loop", "--interval", "0.2", "--reclaim-after", "3", *extra]
    return subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _message_ids(sink) -> list[str]:  # type: ignore[no-untyped-def]
    with sink._lock:
        return [" ".join(str(m["Message-ID"]).split()) for m in sink.messages]


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_killed_worker_loses_nothing_and_sends_at_most_one_batch_twice(tmp_path):
    controller, sink, port = start_sink()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "presscenter.settings",
        "PRESSCENTER_ENV": "test",
        "PRESSCENTER_DATA_DIR": str(tmp_path),
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(port),
        "LOG_LEVEL": "WARNING",
    }
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    try:
        url, name = _database(env)
    except Exception as error:  # PostgreSQL asked for but unreachable
        skip_or_fail(f"PostgreSQL for the kill-a-worker test: {error}")
    if url:
        env["DATABASE_URL"] = url
    try:
        _django(env, "migrate", "--noinput")
        _django(env, "shell", "-c", SEED)

        first = _worker(env, "--limit", str(2 * BATCH_SIZE))
        deadline = time.monotonic() + SAFETY_BOUND_SECONDS
        while len(_message_ids(sink)) < DELIVERIES // 5 and first.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        first.send_signal(signal.SIGKILL)
        first.wait()
        arrived_before_kill = len(_message_ids(sink))
        assert 0 < arrived_before_kill < DELIVERIES, "the worker must be killed mid-way"

        started = time.monotonic()
        second = _worker(env, "--exit-when-idle")
        assert second.wait(timeout=SAFETY_BOUND_SECONDS) == 0
        print(f"arrived before the kill: {arrived_before_kill}; second worker: {time.monotonic() - started:.1f} s")

        report = json.loads(_django(env, "shell", "-c", REPORT).stdout.strip().splitlines()[-1])
        received = Counter(_message_ids(sink))
        assert report["count"] == DELIVERIES
        assert report["statuses"] == ["sent"]
        assert set(received) == set(report["message_ids"])  # every delivery arrived
        assert len(received) == DELIVERIES
        duplicates = sum(n - 1 for n in received.values())
        assert duplicates <= BATCH_SIZE  # only the batch in flight at the kill
    finally:
        controller.stop()
        _drop(url if "url" in locals() else None, name if "name" in locals() else None)
