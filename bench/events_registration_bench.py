"""2,000 journalists register for a 300-seat press conference on PostgreSQL, from concurrent
clients: how long each registration takes (p50/p95/p99), that no seat is overbooked and that the
waitlist is in order, beside a baseline measured in the same run: the same 2,000 registrations,
one by one without concurrency, for another event of the same size. Two concurrent runs: an
open loop (registrations arriving at random, 2,000 over about 55 s by default: the target's
load) and a saturated closed loop (every client sends again as soon as answered: the
most this machine takes, and the latency when the queue for the event's lock is never empty).

Clients are processes forked from this one (as web workers are), each with its own database
connection, calling the domain function (presscenter.events.registration.register) as a web worker's request would: the
row lock on the event, the seat count, the registration, crew and tickets, the audit entry and
the notices (their sending task is enqueued after commit, as in production, and not run here).
Every fourth journalist brings a camera operator, every tenth also a sound technician.

    .venv/bin/python bench/events_registration_bench.py --database-url postgres://postgres@127.0.0.1:5432/pc_bench_events
    .venv/bin/python bench/events_registration_bench.py --database-url ... --clients 8 --seconds 40

The database named in the URL is dropped and created again.
"""

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def reset_postgres(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def populate(journalists: int, capacity: int) -> tuple[Any, list[Any], Any]:
    """An organiser, two events of `capacity` seats in rooms of the centre, and accredited
    journalists of 40 outlets."""
    from django.utils import timezone

    from presscenter.accounts.models import Role, User
    from presscenter.events import domain
    from presscenter.events.models import EventType, Room, Venue
    from presscenter.orgs.models import Kind, Organisation
    from presscenter.press.models import Accreditation, JournalistProfile, Outlet, OutletType

    org = Organisation.objects.create(kind=Kind.DEPARTMENT, name="Sở Giao thông Vận tải", slug="so-giao-thong")
    operator = User.objects.create(username="dieu-phoi", role=Role.CENTER_OPERATOR, full_name="Điều phối viên")
    venue = Venue.objects.create(name="Trung tâm Báo chí Thủ đô", is_centre=True)
    outlets = [Outlet.objects.create(name=f"Báo số {n}", type=OutletType.ONLINE) for n in range(40)]
    users = User.objects.bulk_create(
        [
            User(
                username=f"nha-bao-{n}",
                email=f"nhabao{n}@bao.vn",
                full_name=f"Nhà báo {n}",
                role=Role.JOURNALIST,
                accredited=True,
            )
            for n in range(journalists)
        ]
    )
    expiry = timezone.localdate() + dt.timedelta(days=365)
    JournalistProfile.objects.bulk_create(
        [
            JournalistProfile(
                user=user,
                outlet=outlets[n % len(outlets)],
                press_card_number=f"HN-{n}",
                press_card_expiry=expiry,
                status=Accreditation.APPROVED,
            )
            for n, user in enumerate(users)
        ]
    )
    starts = timezone.now().replace(microsecond=0) + dt.timedelta(days=3)
    events = []
    for name in ("baseline", "open loop", "saturated"):
        room = Room.objects.create(venue=venue, name=f"Phòng {name}", capacity=capacity)
        events.append(
            domain.create_event(
                operator,
                organiser=org,
                type=EventType.PRESS_CONFERENCE,
                title=f"Họp báo ({name})",
                starts_at=starts,
                ends_at=starts + dt.timedelta(hours=2),
                room=room,
                capacity=capacity,
            )
        )
    return operator, events, list(User.objects.filter(role=Role.JOURNALIST).select_related("journalist__outlet"))


def crew_for(index: int) -> list[Any]:
    from presscenter.events.models import CrewRole
    from presscenter.events.registration import Crew

    crew = []
    if index % 4 == 0:
        crew.append(Crew(f"Quay phim {index}", CrewRole.CAMERA))
    if index % 10 == 0:
        crew.append(Crew(f"Thu âm {index}", CrewRole.SOUND))
    return crew


_JOB: dict[str, Any] = {}  # what forked clients inherit: the event, the users, the arrival times


def _client(work: Any, results: Any, start_at: float) -> None:
    """One client process: its own database connection, registrations until the work runs out."""
    from django.db import connections

    from presscenter.events import registration

    connections.close_all()  # never the parent's socket
    event, users, arrivals, paced = _JOB["event"], _JOB["users"], _JOB["arrivals"], _JOB["paced"]
    latencies, errors = [], []
    while time.time() < start_at:
        time.sleep(0.001)
    while True:
        index = work.get()
        if index is None:
            break
        due = start_at + arrivals[index] if paced else time.time()
        wait = due - time.time()
        if wait > 0:
            time.sleep(wait)
        try:
            registration.register(users[index], event, crew=crew_for(index))
        except Exception as error:  # counted and shown: a refusal here is a bug
            errors.append(f"{type(error).__name__}: {error}")
        latencies.append((time.time() - due) * 1000)
    connections.close_all()
    results.put((latencies, errors))


def run(event: Any, users: list[Any], clients: int, rate: float | None = None) -> tuple[list[float], float, list[str]]:
    """Register every user from `clients` client processes (forked, each with its own database
    connection, as web workers are); (latencies in ms, wall time in s, errors).

    Without `rate`, each client sends its next registration as soon as the last one is answered
    (closed loop: the most the clients can push). With `rate`, registrations arrive at random
    (Poisson) at that many a second whatever the answers (open loop), and a registration's
    latency counts from its arrival, so time spent waiting for a free client is counted too."""
    import multiprocessing
    import random

    from django.db import connections

    arrivals = [0.0] * len(users)
    if rate:
        chance = random.Random(14)
        moment = 0.0
        for index in range(len(users)):
            arrivals[index] = moment
            moment += chance.expovariate(rate)
    _JOB.update(event=event, users=users, arrivals=arrivals, paced=bool(rate))
    context = multiprocessing.get_context("fork")
    work, results = context.Queue(), context.Queue()
    for index in range(len(users)):
        work.put(index)
    for _client_number in range(clients):
        work.put(None)
    connections.close_all()
    start_at = time.time() + 1.0  # every client forked and connected before the first arrival
    processes = [context.Process(target=_client, args=(work, results, start_at)) for _ in range(clients)]
    for process in processes:
        process.start()
    latencies: list[float] = []
    errors: list[str] = []
    for _process in processes:
        mine, failed = results.get()
        latencies += mine
        errors += failed
    wall = time.time() - start_at
    for process in processes:
        process.join()
    return latencies, wall, errors


def check(event: Any) -> dict[str, Any]:
    """No overbooking; approved first then only waiting, in arrival order; one ticket per person."""
    from presscenter.events.models import Registration, RegistrationStatus, Ticket

    rows = list(Registration.objects.filter(event=event).order_by("created_at", "id").values_list("status", "seats"))
    statuses = [status for status, _seats in rows]
    taken = sum(seats for status, seats in rows if status == RegistrationStatus.APPROVED)
    first_waiting = statuses.index(RegistrationStatus.WAITLISTED) if RegistrationStatus.WAITLISTED in statuses else None
    ordered = first_waiting is None or (
        set(statuses[:first_waiting]) == {RegistrationStatus.APPROVED}
        and set(statuses[first_waiting:]) == {RegistrationStatus.WAITLISTED}
        and taken + rows[first_waiting][1] > event.capacity
    )
    tickets = Ticket.objects.filter(registration__event=event).count()
    return {
        "registrations": len(rows),
        "approved_people": taken,
        "waitlisted": statuses.count(RegistrationStatus.WAITLISTED),
        "overbooked": taken > event.capacity,
        "waitlist_in_order": ordered,
        "tickets_match": tickets == taken,
    }


def report(name: str, latencies: list[float], wall: float, errors: list[str], verdict: dict[str, Any]) -> None:
    print(
        f"{name:>10}: {len(latencies)} registrations in {wall:6.1f} s ({len(latencies) / wall:6.1f}/s)   "
        f"p50 {percentile(latencies, 0.50):6.1f} ms   p95 {percentile(latencies, 0.95):6.1f} ms   "
        f"p99 {percentile(latencies, 0.99):6.1f} ms   mean {statistics.fmean(latencies):6.1f} ms   errors {len(errors)}"
    )
    print(f"{'':>10}  {verdict}")
    for error in errors[:5]:
        print(f"{'':>10}  {error}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", ""))
    parser.add_argument("--journalists", type=int, default=2000)
    parser.add_argument("--capacity", type=int, default=300)
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients (processes)")
    parser.add_argument(
        "--seconds", type=float, default=55.0, help="the open loop's registrations arrive over about this long"
    )
    args = parser.parse_args()
    if not args.database_url.startswith("postgres"):
        parser.error("a PostgreSQL --database-url (or BENCH_DATABASE_URL) is needed: the benchmark is about its locks")

    workdir = Path(tempfile.mkdtemp(prefix="pc-events-registration-bench-"))
    reset_postgres(args.database_url)
    os.environ.update(
        PRESSCENTER_ENV="test",
        PRESSCENTER_DATA_DIR=str(workdir),
        LOG_LEVEL="WARNING",
        DATABASE_URL=args.database_url,
        DJANGO_SETTINGS_MODULE="presscenter.settings",
    )
    os.environ.pop("REDIS_URL", None)
    os.environ.pop("TASKS_IMMEDIATE", None)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    _operator, events, users = populate(args.journalists, args.capacity)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    connection.close()
    print(
        f"database: PostgreSQL {connection.pg_version if hasattr(connection, 'pg_version') else ''}; "
        f"cores: {os.cpu_count()}; journalists: {len(users)}; seats: {args.capacity}; clients: {args.clients}; "
        f"open-loop arrivals: {len(users) / args.seconds:.1f}/s"
    )
    latencies, wall, errors = run(events[0], users, 1)
    report("baseline", latencies, wall, errors, check(events[0]))
    latencies, wall, errors = run(events[1], users, args.clients, len(users) / args.seconds)
    verdict = check(events[1])
    report("open loop", latencies, wall, errors, verdict)
    within = wall <= 60 and percentile(latencies, 0.95) <= 300
    sound = not verdict["overbooked"] and verdict["waitlist_in_order"] and verdict["tickets_match"] and not errors
    print(
        f"{'':>10}  target (all within 60 s, p95 <= 300 ms): {'met' if within else 'NOT met'}; "
        f"seats and waitlist: {'correct' if sound else 'WRONG'}"
    )
    latencies, wall, errors = run(events[2], users, args.clients)
    report("saturated", latencies, wall, errors, check(events[2]))


if __name__ == "__main__":
    main()
