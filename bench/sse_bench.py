"""5,000 concurrent server-sent event streams on one uvicorn process.

    .venv/bin/python bench/sse_bench.py [--clients 5000] [--baseline 100]

Starts one uvicorn process on loopback over a fresh SQLite file (or DATABASE_URL / REDIS_URL
from the environment: PostgreSQL database must exist), opens the streams with raw asyncio
sockets, creates one notification per connected user through the live sender's domain function
and wakes the hubs as the sender does, then prints the per-client latency (notification
created → event received) p50/p95/p99 and the server's resident memory, for a baseline of 100
clients and for the full count, in the same run. Target: p99 ≤ 2 s at 5,000 clients.
"""

import argparse
import asyncio
import os
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def setup_django(env: dict[str, str]) -> None:
    os.environ.update(env)
    subprocess.run([PYTHON, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env={**os.environ}, check=True)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def make_users(count: int) -> tuple[list[int], list[str], int]:
    """`count` readers with sessions, and one item to notify them about."""
    from django.contrib.auth.hashers import make_password
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    from presscenter.accounts.models import User
    from presscenter.orgs.models import Organisation
    from presscenter.releases.models import Item

    password = make_password("bench-password-not-secret")
    stamp = int(time.time())
    users = User.objects.bulk_create(
        [User(username=f"bench-{stamp}-{n}", password=password, email=f"b{n}@bench.invalid") for n in range(count)]
    )
    store = SessionStore()
    expiry = timezone.now() + timezone.timedelta(days=1)
    sessions = []
    for user in users:
        data = {
            "_auth_user_id": str(user.pk),
            "_auth_user_backend": "django.contrib.auth.backends.ModelBackend",
            "_auth_user_hash": user.get_session_auth_hash(),
        }
        sessions.append(
            Session(session_key=store._get_new_session_key(), session_data=store.encode(data), expire_date=expiry)
        )
    Session.objects.bulk_create(sessions)
    org = Organisation.objects.create(name=f"Sở Đo lường {stamp}", slug=f"so-do-luong-{stamp}", kind="department")
    item = Item.objects.create(organisation=org, author=users[0], title="Tin đo hiệu năng")
    return [u.pk for u in users], [s.session_key for s in sessions], item.pk


def notify_all(user_ids: list[int], item_id: int, version: int) -> tuple[float, float]:
    """What the live sender does for a batch: bulk rows, then a wake-up. Returns the start time
    and the commit time (latency counts from the start: the sender's own cost is part of it)."""
    from django.db import transaction

    from presscenter.live import events
    from presscenter.live.models import Notification

    started = time.time()
    with transaction.atomic():
        Notification.objects.bulk_create(
            [
                Notification(user_id=u, item_id=item_id, version=version, kind="published", title="Tin khẩn")
                for u in user_ids
            ],
            batch_size=2000,
        )
        events.publish(user_ids)
    return started, time.time()


class Client:
    def __init__(self, port: int, session: str):
        self.port, self.session = port, session
        self.ready = asyncio.Event()
        self.received: dict[int, float] = {}  # notification version -> arrival
        self.task: asyncio.Task[None] | None = None

    async def run(self) -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", self.port)
        writer.write(
            (
                f"GET /truc-tiep/su-kien/ HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n"
                f"Cookie: sessionid={self.session}\r\n\r\n"
            ).encode()
        )
        await writer.drain()
        try:
            status = await reader.readline()
            if b" 200 " not in status:
                raise RuntimeError(status)
            while True:
                line = await reader.readline()
                if not line:
                    return
                if line.startswith(b"event: unread"):
                    self.ready.set()
                elif line.startswith(b'data: {"id"'):
                    version = int(line.split(b'"version": ')[1].split(b",")[0])
                    self.received.setdefault(version, time.time())
        finally:
            writer.close()


async def round_(
    port: int, sessions: list[str], user_ids: list[int], item_id: int, version: int, pid: int
) -> dict[str, float]:
    clients = [Client(port, s) for s in sessions]
    gate = asyncio.Semaphore(200)  # connect in waves, not all SYNs at once

    async def start(client: Client) -> None:
        async with gate:
            client.task = asyncio.create_task(client.run())
            await client.ready.wait()

    connect_started = time.time()
    await asyncio.gather(*(start(c) for c in clients))
    connect_seconds = time.time() - connect_started
    memory = rss_mb(pid)
    started, committed = await asyncio.to_thread(notify_all, user_ids, item_id, version)
    deadline = time.time() + 60
    while time.time() < deadline and any(version not in c.received for c in clients):
        await asyncio.sleep(0.05)
    latencies = sorted(c.received[version] - started for c in clients if version in c.received)
    for c in clients:
        assert c.task is not None
        c.task.cancel()
    await asyncio.gather(*(c.task for c in clients if c.task), return_exceptions=True)
    q = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else latencies * 99
    return {
        "clients": len(clients),
        "received": len(latencies),
        "connect_s": connect_seconds,
        "commit_ms": (committed - started) * 1000,
        "p50_ms": q[49] * 1000,
        "p95_ms": q[94] * 1000,
        "p99_ms": q[98] * 1000,
        "max_ms": latencies[-1] * 1000 if latencies else float("nan"),
        "rss_mb": memory,
        "load": os.getloadavg()[0],
    }


async def wait_for_port(port: int) -> None:
    for _ in range(200):
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.close()
            return
        except OSError:
            await asyncio.sleep(0.1)
    raise RuntimeError("uvicorn did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=5000)
    parser.add_argument("--baseline", type=int, default=100)
    args = parser.parse_args()
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))  # inherited by the server
    data_dir = tempfile.mkdtemp(prefix="sse-bench-")
    env = {
        "DJANGO_SETTINGS_MODULE": "presscenter.settings",
        "PRESSCENTER_DATA_DIR": data_dir,
        "DEBUG": "0",
        "LOG_LEVEL": "WARNING",
    }
    setup_django(env)
    user_ids, sessions, item_id = make_users(args.clients)
    port = free_port()
    server = subprocess.Popen(
        [PYTHON, "-m", "uvicorn", "presscenter.asgi:application", "--host", "127.0.0.1", "--port", str(port),
         "--backlog", "8192", "--timeout-graceful-shutdown", "2", "--log-level", "warning", "--no-access-log"],
        cwd=ROOT, env={**os.environ},
    )  # fmt: skip
    try:
        asyncio.run(wait_for_port(port))
        idle = rss_mb(server.pid)
        backend = "PostgreSQL" if os.environ.get("DATABASE_URL") else "SQLite"
        backend += " + Redis pub/sub" if os.environ.get("REDIS_URL") else " + table polling"
        print(
            f"sse_bench: one uvicorn process, {backend}; server RSS idle {idle:.0f} MB; fd limit {hard};"
            f" {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} (other work slows every figure)"
        )
        for version, count in ((1, args.baseline), (2, args.clients)):
            result = asyncio.run(round_(port, sessions[:count], user_ids[:count], item_id, version, server.pid))
            print(
                "  {clients:>5} clients: received {received:>5}, connect {connect_s:5.1f} s, sender commit {commit_ms:4.0f} ms,"
                " latency p50 {p50_ms:6.0f} ms"
                " p95 {p95_ms:6.0f} ms p99 {p99_ms:6.0f} ms max {max_ms:6.0f} ms, server RSS {rss_mb:5.0f} MB,"
                " load {load:.1f}".format(**result)
            )
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


if __name__ == "__main__":
    main()
