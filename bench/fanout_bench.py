"""Fan-out of one urgent item to 10,000 subscribers, mixed channels: email to a local SMTP sink
(aiosmtpd), webhooks to a local HTTP receiver, live notifications (server-sent events' store).

    .venv/bin/python bench/fanout_bench.py                       # SQLite file + DB task backend
    .venv/bin/python bench/fanout_bench.py --database-url postgres://postgres@127.0.0.1:5432/pc_bench_fanout \
        --redis-url redis://127.0.0.1:6379/0                     # PostgreSQL + Redis

A PostgreSQL database named on the command line is DROPPED and recreated: give a scratch one.
Workers are real processes (`manage deliver --loop`, one per channel, as a deployment would run
them so that no channel waits for another), already idle-polling when the item is published.
The fan-out runs in this process, timed, as a worker's fan_out task would.

Figures: throughput (deliveries / (last sent_at - publish)), and per channel publish -> sent
latency p50/p95/p99, from the Delivery rows. Baseline measured in the same run: a naive loop
sending each email on its own SMTP connection (django.core.mail.send_mail per recipient).
"""

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# The SMTP sink stands in for the local mail relay (an MTA such as Postfix takes a message in well
# under a millisecond): a minimal SMTP responder that accepts and drops every message. aiosmtpd,
# which the tests use as the real server, spends about 1.1 ms of CPU per message, as much as
# the whole email channel, on the same two cores.
SMTP_SINK = """
import asyncio, sys
class Sink(asyncio.Protocol):
    def connection_made(self, transport):
        self.transport, self.buffer, self.in_data = transport, b"", False
        transport.write(b"220 sink ESMTP\\r\\n")
    def data_received(self, data):
        self.buffer += data
        while True:
            if self.in_data:
                end = self.buffer.find(b"\\r\\n.\\r\\n")
                if end < 0:
                    return
                self.buffer, self.in_data = self.buffer[end + 5 :], False
                self.transport.write(b"250 OK queued\\r\\n")
                continue
            end = self.buffer.find(b"\\r\\n")
            if end < 0:
                return
            line, self.buffer = self.buffer[:end], self.buffer[end + 2 :]
            verb = line[:4].upper()
            if verb == b"EHLO":
                self.transport.write(b"250-sink\\r\\n250-8BITMIME\\r\\n250 SMTPUTF8\\r\\n")
            elif verb == b"DATA":
                self.in_data = True
                self.buffer = b"\\r\\n" + self.buffer  # the terminator may follow at once
                self.transport.write(b"354 End data with <CR><LF>.<CR><LF>\\r\\n")
            elif verb == b"QUIT":
                self.transport.write(b"221 Bye\\r\\n")
                self.transport.close()
                return
            else:
                self.transport.write(b"250 OK\\r\\n")
async def main():
    server = await asyncio.get_running_loop().create_server(Sink, "127.0.0.1", int(sys.argv[1]), backlog=1024)
    await server.serve_forever()
asyncio.run(main())
"""

# A newsroom system stand-in that answers 204 to every POST, cheap enough not to take the two
# cores from the system under test (http.server spends about 0.4 ms of Python on a request).
HTTP_RECEIVER = """
import asyncio, sys
ANSWER = b"HTTP/1.1 204 No Content\\r\\nContent-Length: 0\\r\\n\\r\\n"
class Receiver(asyncio.Protocol):
    def connection_made(self, transport):
        self.transport, self.buffer = transport, b""
    def data_received(self, data):
        self.buffer += data
        while True:
            head_end = self.buffer.find(b"\\r\\n\\r\\n")
            if head_end < 0:
                return
            length = 0
            for line in self.buffer[:head_end].split(b"\\r\\n")[1:]:
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value)
            if len(self.buffer) < head_end + 4 + length:
                return
            self.buffer = self.buffer[head_end + 4 + length :]
            self.transport.write(ANSWER)
async def main():
    server = await asyncio.get_running_loop().create_server(Receiver, "127.0.0.1", int(sys.argv[1]), backlog=1024)
    await server.serve_forever()
asyncio.run(main())
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for_port(port: int) -> None:
    for _attempt in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listens on {port}")


def reset_postgres(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def percentiles(samples: list[float]) -> str:
    if len(samples) < 2:
        return f"n={len(samples)}"
    cut = statistics.quantiles(sorted(samples), n=100, method="inclusive")
    return f"first {min(samples):6.3f} s   p50 {cut[49]:6.3f} s   p95 {cut[94]:6.3f} s   p99 {cut[98]:6.3f} s   (n={len(samples)})"


def populate(subscribers: int, webhook_port: int, channels: list[str]) -> None:
    """`subscribers` accredited journalists following one agency, spread evenly over `channels`;
    subscriptions and index rows copied from one made through the domain function."""
    import datetime as dt

    from django.utils import timezone

    from presscenter.accounts.models import Role, User
    from presscenter.press.models import Accreditation, JournalistProfile, Outlet
    from presscenter.subscriptions import domain as subscriptions
    from presscenter.subscriptions.models import Subscription, SubscriptionTerm
    from presscenter.webhooks.models import Webhook
    from tests.factories import Newsroom

    newsroom = Newsroom()
    outlet = Outlet.objects.create(name="Báo Đo hiệu năng", type="online")
    users = User.objects.bulk_create(
        User(username=f"nb-{n}", email=f"nha-bao-{n}@example.vn", password="!", role=Role.JOURNALIST, accredited=True)  # noqa: S106 (unusable)
        for n in range(subscribers)
    )
    JournalistProfile.objects.bulk_create(
        JournalistProfile(
            user=u,
            outlet=outlet,
            press_card_number=f"B-{u.pk}",
            press_card_expiry=dt.date.today() + dt.timedelta(days=365),
            status=Accreditation.APPROVED,
        )
        for u in users
    )
    template = subscriptions.create_subscription(users[0], organisations=[newsroom.org.pk], channels=channels[:1])
    terms = list(template.terms.values_list("field", "value"))
    made = Subscription.objects.bulk_create(
        Subscription(
            owner=u, channels=[channels[n % len(channels)]], required=template.required, created_at=timezone.now()
        )
        for n, u in enumerate(users[1:], start=1)
    )
    through = Subscription.organisations.through
    through.objects.bulk_create(through(subscription=s, organisation=newsroom.org) for s in made)
    SubscriptionTerm.objects.bulk_create(
        SubscriptionTerm(subscription=s, field=field, value=value) for s in made for field, value in terms
    )
    Webhook.objects.bulk_create(
        Webhook(owner=u, name="Tòa soạn", url=f"http://127.0.0.1:{webhook_port}/hook", allow_private_network=True)
        for n, u in enumerate(users)
        if channels[n % len(channels)] == "webhook"
    )
    return newsroom


def naive_email_baseline(count: int) -> float:
    """One SMTP connection per email, one after another: the straightforward loop."""
    from django.core.mail import send_mail

    started = time.perf_counter()
    for n in range(count):
        send_mail(f"Tin khẩn {n}", "Nội dung", None, [f"baseline-{n}@example.vn"])
    return count / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--subscribers", type=int, default=10_000)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--redis-url", default=None)
    parser.add_argument("--baseline", type=int, default=500, help="emails sent by the naive loop")
    parser.add_argument("--channels", default="live,webhook,email", help="comma-separated, spread evenly")
    parser.add_argument("--profile", default=None, help="write a cProfile of the fan-out call to this path")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="pc-fanout-bench-"))
    database_url = args.database_url or f"sqlite:///{workdir / 'bench.sqlite3'}"
    if args.database_url:
        reset_postgres(args.database_url)
    smtp_port, http_port = free_port(), free_port()
    env = {
        **os.environ,
        "PRESSCENTER_ENV": "test",
        "PRESSCENTER_DATA_DIR": str(workdir),
        "DATABASE_URL": database_url,
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
        "LOG_LEVEL": "WARNING",
        "DJANGO_SETTINGS_MODULE": "presscenter.settings",
    }
    env.pop("REDIS_URL", None)
    if args.redis_url:
        env["REDIS_URL"] = args.redis_url
    if database_url.startswith("sqlite"):
        # settings.py gives SQLite its WAL/IMMEDIATE options only for its own default file.
        env.pop("DATABASE_URL")
        database_url = f"sqlite:///{workdir / 'presscenter.sqlite3'}"
    os.environ.update(env)
    helpers = [
        subprocess.Popen([sys.executable, "-c", SMTP_SINK, str(smtp_port)]),
        subprocess.Popen([sys.executable, "-c", HTTP_RECEIVER, str(http_port)]),
    ]
    workers: list[subprocess.Popen[bytes]] = []
    try:
        wait_for_port(smtp_port)
        wait_for_port(http_port)
        import django
        from django.core.management import call_command

        django.setup()
        call_command("migrate", verbosity=0)
        from django.db import connection

        from presscenter.delivery.fanout import fan_out
        from presscenter.delivery.models import Delivery, OutboxEvent, Status

        print(f"database: {connection.vendor}; redis: {'yes' if args.redis_url else 'no'}; cores: {os.cpu_count()}")
        started = time.perf_counter()
        channels = args.channels.split(",")
        newsroom = populate(args.subscribers, http_port, channels)
        with connection.cursor() as cursor:
            # Planner statistics, as a running system has them for its users, profiles,
            # subscriptions and webhooks (autovacuum analyzes tables this size within minutes).
            cursor.execute("ANALYZE")
        print(f"populated {args.subscribers} subscribers in {time.perf_counter() - started:.1f} s")

        for channel in channels:
            command = [sys.executable, "-m", "django", "deliver", "--loop", "--interval", "0.05", "--channel", channel]
            workers.append(subprocess.Popen(command, cwd=ROOT, env=env))
        time.sleep(3)  # workers started and idle-polling

        from presscenter.subscriptions.matching import MATCHER

        MATCHER.refresh()  # a running worker has its subscription index built already
        item = newsroom.publish(priority="urgent", title="Cảnh báo mưa lớn, ngập úng cục bộ")
        event = OutboxEvent.objects.get(item=item)
        fan_started = time.perf_counter()
        if args.profile:
            import cProfile

            with cProfile.Profile() as profiler:
                planned = fan_out(event.pk)
            profiler.dump_stats(args.profile)
        else:
            planned = fan_out(event.pk)
        fan_seconds = time.perf_counter() - fan_started
        while Delivery.objects.filter(status__in=[Status.PENDING, Status.SENDING, Status.FAILED]).exists():
            time.sleep(0.1)
        for worker in workers:
            worker.send_signal(signal.SIGTERM)

        rows = list(Delivery.objects.values_list("channel", "status", "sent_at"))
        sent = [(c, at) for c, s, at in rows if s == Status.SENT]
        published = event.created_at
        last = max(at for _c, at in sent)
        total_seconds = (last - published).total_seconds()
        print(f"deliveries planned {planned}, sent {len(sent)}, other {len(rows) - len(sent)}")
        print(f"fan-out (match + {planned} rows): {fan_seconds:.2f} s")
        print(
            f"publish -> last delivered: {total_seconds:.2f} s   throughput {len(sent) / total_seconds:8.0f} deliveries/s"
        )
        for channel in channels:
            latencies = [(at - published).total_seconds() for c, at in sent if c == channel]
            print(f"  {channel:8s} {percentiles(latencies)}")
        email_sent = [at for c, at in sent if c == "email"]
        if email_sent:
            baseline = naive_email_baseline(args.baseline)
            email_rate = len(email_sent) / max((max(email_sent) - published).total_seconds(), 1e-9)
            print(
                f"email: dispatcher {email_rate:8.0f}/s (from publish)   naive loop {baseline:8.0f}/s   ratio {email_rate / baseline:.1f}x"
            )
    finally:
        for process in workers + helpers:
            process.send_signal(signal.SIGTERM)
        for process in workers + helpers:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


if __name__ == "__main__":
    main()
