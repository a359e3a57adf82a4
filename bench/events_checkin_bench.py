"""500 check-ins from 5 scanners on PostgreSQL: each ticket admitted once.

    .venv/bin/python bench/events_checkin_bench.py \\
        --database-url postgres://postgres@127.0.0.1:5432/pc_bench_checkin            # 10 minutes
    .venv/bin/python bench/events_checkin_bench.py --duration 60 --database-url ...  # the same, in 1 minute
    .venv/bin/python bench/events_checkin_bench.py --duration 0 --database-url ...   # as fast as they go

The database named on the command line is DROPPED and recreated (give a scratch one) and
migrated. One press conference, --tickets tickets (journalists and their crews, over 40 outlets),
five scanners (threads, each with its own connection: centre operators and the organiser's
editors) reading every ticket once, spread evenly over --duration seconds (open loop: a read
starts at its time whether or not the previous one has finished). On top of those reads:

- duplicates: --duplicates of the tickets are read again by ANOTHER scanner at the same
  moment (the guest who shows the code at two doors), so two admissions race;
- replays: --replays of the reads are sent a second time with the same scan_id (the answer that
  never reached a scanner on a flaky connection).

Every read goes through `presscenter.events.checkin.admit` (what the page and the API call).
Beside each read the same thread times the baseline, one single-row UPDATE in a transaction of
its own (the floor of any write), alternating which goes first (ABBA), so the ratio holds on a
noisy machine. At the end the run checks: every ticket admitted exactly once, one ADMITTED scan
per ticket, one ALREADY per duplicate, replays recorded once, and prints p50/p95/p99.

With --drop the database is dropped at the end.
"""

import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

SCANNERS = 5
OUTLETS = 40


def setup_django(database_url: str, workdir: Path) -> None:
    """A fresh database (the dashboard benchmark's helpers), then Django."""
    from bench.inquiries_dashboard_bench import setup_django as setup

    setup(database_url, workdir, reuse=False)


def populate(tickets: int) -> tuple[Any, list[Any], list[int], list[str]]:
    """The event, its scanners, the ids of a few spare tickets for the baseline, and the QR texts."""
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from presscenter.accounts.models import Role, User
    from presscenter.events import domain
    from presscenter.events import tickets as qr
    from presscenter.events.models import (
        CrewMember,
        CrewRole,
        EventType,
        Registration,
        RegistrationStatus,
        Room,
        Ticket,
        Venue,
    )  # fmt: skip
    from presscenter.orgs.models import Kind, Organisation

    call_command("migrate", verbosity=0)
    agency = Organisation.objects.create(kind=Kind.DEPARTMENT, name="Sở Văn hóa và Thể thao", slug="so-vhtt")
    operator = User.objects.create(username="dieu-hanh-0", full_name="Điều hành viên 0", role=Role.CENTER_OPERATOR)
    scanners = [operator]
    for n in range(1, SCANNERS):
        role, org = (Role.CENTER_OPERATOR, None) if n % 2 else (Role.EDITOR, agency)
        scanners.append(
            User.objects.create(username=f"soat-ve-{n}", full_name=f"Soát vé {n}", role=role, organisation=org)
        )
    venue = Venue.objects.create(name="Trung tâm Báo chí", is_centre=True)
    room = Room.objects.create(venue=venue, name="Hội trường lớn", capacity=tickets + 100)
    starts = timezone.now().replace(microsecond=0) + dt.timedelta(minutes=30)
    event = domain.create_event(
        operator, organiser=agency, type=EventType.PRESS_CONFERENCE, title="Họp báo công bố Lễ hội mùa thu",
        starts_at=starts, ends_at=starts + dt.timedelta(hours=2), capacity=tickets + 100, room=room,
    )  # fmt: skip
    journalists = User.objects.bulk_create(
        User(username=f"nha-bao-{n}", full_name=f"Nhà báo {n}", role=Role.JOURNALIST) for n in range(tickets)
    )
    # About 70 % of the people are journalists, the rest their crews (camera, sound).
    people = 0
    registrations = []
    for n, journalist in enumerate(journalists):
        if people >= tickets:
            break
        crew = 0 if people + 1 >= tickets else min(tickets - people - 1, random.choice([0, 0, 0, 1, 1, 2]))
        registrations.append((journalist, crew, f"Báo số {n % OUTLETS + 1}"))
        people += 1 + crew
    made = Registration.objects.bulk_create(
        Registration(event=event, journalist=j, status=RegistrationStatus.APPROVED, outlet_name=o)
        for j, _c, o in registrations
    )
    crew_members = CrewMember.objects.bulk_create(
        CrewMember(registration=r, full_name=f"Người đi cùng {r.pk}-{k}", role=CrewRole.CAMERA)
        for r, (_j, crew, _o) in zip(made, registrations, strict=True)
        for k in range(crew)
    )
    rows = [Ticket(registration=r, holder_name=str(r.journalist.full_name)) for r in made]
    rows += [Ticket(registration=m.registration, crew_member=m, holder_name=m.full_name) for m in crew_members]
    admitted = Ticket.objects.bulk_create(rows)
    spare_registration = Registration.objects.create(
        event=event, journalist=journalists[-1], status=RegistrationStatus.CANCELLED, outlet_name="(chuẩn so sánh)"
    )
    spares = Ticket.objects.bulk_create(
        Ticket(registration=spare_registration, holder_name=f"Chuẩn {n}") for n in range(SCANNERS)
    )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return event, scanners, [t.pk for t in spares], [qr.payload(t) for t in admitted]


def percentiles(samples: list[float]) -> str:
    cut = statistics.quantiles(sorted(samples), n=100, method="inclusive")
    return f"p50 {cut[49] * 1000:7.2f} ms   p95 {cut[94] * 1000:7.2f} ms   p99 {cut[98] * 1000:7.2f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", required=True, help="a scratch PostgreSQL database: DROPPED and recreated")
    parser.add_argument("--tickets", type=int, default=500)
    parser.add_argument("--duration", type=float, default=600.0, help="seconds the reads are spread over (0: flat out)")
    parser.add_argument("--duplicates", type=float, default=0.1, help="share of tickets read twice at once")
    parser.add_argument("--replays", type=float, default=0.05, help="share of reads sent again with their scan_id")
    parser.add_argument("--seed", type=int, default=20261202)
    parser.add_argument("--drop", action="store_true")
    args = parser.parse_args()
    if not args.database_url.startswith(("postgres://", "postgresql://")):
        parser.error("this benchmark runs on PostgreSQL")
    random.seed(args.seed)
    workdir = Path(tempfile.mkdtemp(prefix="pc-checkin-bench-"))
    setup_django(args.database_url, workdir)

    from django.db import connections, transaction
    from django.db.models import Count, F

    from presscenter.events import checkin
    from presscenter.events.models import Scan, ScanResult, Ticket

    started = time.perf_counter()
    event, scanners, spares, texts = populate(args.tickets)
    print(f"populated {len(texts)} tickets in {time.perf_counter() - started:.1f} s")

    # The plan: (time offset, scanner index, text, scan_id), each ticket once at a random door.
    slots = sorted(random.uniform(0, args.duration) for _ in texts)
    random.shuffle(texts)
    plan: list[list[tuple[float, str, str]]] = [[] for _ in range(SCANNERS)]
    duplicated = random.sample(range(len(texts)), int(len(texts) * args.duplicates))
    doors = [random.randrange(SCANNERS) for _ in texts]
    for at, text, door in zip(slots, texts, doors, strict=True):
        plan[door].append((at, text, uuid.uuid4().hex))
    for index in duplicated:  # the same ticket at another door, at the same moment
        other = (doors[index] + random.randrange(1, SCANNERS)) % SCANNERS
        plan[other].append((slots[index], texts[index], uuid.uuid4().hex))
    replays = 0
    for door in range(SCANNERS):
        reads = plan[door]
        for at, text, scan_id in random.sample(reads, int(len(reads) * args.replays)):
            reads.append((at + 0.5, text, scan_id))
            replays += 1
        reads.sort()
    total_reads = sum(len(p) for p in plan)
    print(
        f"{len(texts)} tickets, {len(duplicated)} read twice at two doors at once, {replays} reads resent, "
        f"{total_reads} reads from {SCANNERS} scanners over {args.duration:.0f} s"
    )

    ours: list[float] = []
    baseline: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    begin = time.perf_counter() + 0.5

    def baseline_write(spare: int) -> float:
        tick = time.perf_counter()
        with transaction.atomic():
            Ticket.objects.filter(pk=spare).update(created_at=F("created_at"))
        return time.perf_counter() - tick

    def admit(scanner: Any, text: str, scan_id: str) -> float:
        tick = time.perf_counter()
        checkin.admit(scanner, event, text, scan_id)
        return time.perf_counter() - tick

    def run(door: int) -> None:
        scanner, spare = scanners[door], spares[door]
        mine, base = [], []
        try:
            for n, (at, text, scan_id) in enumerate(plan[door]):
                wait = begin + at - time.perf_counter()
                if wait > 0:
                    time.sleep(wait)
                if n % 2 == 0:
                    mine.append(admit(scanner, text, scan_id))
                    base.append(baseline_write(spare))
                else:
                    base.append(baseline_write(spare))
                    mine.append(admit(scanner, text, scan_id))
        except Exception as error:  # reported below; the checks then fail loudly
            with lock:
                errors.append(f"scanner {door}: {error!r}")
        finally:
            connections.close_all()
            with lock:
                ours.extend(mine)
                baseline.extend(base)

    threads = [threading.Thread(target=run, args=(door,)) for door in range(SCANNERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - begin

    admitted_tickets = Ticket.objects.filter(registration__event=event, checked_in_at__isnull=False).count()
    by_result = dict(Scan.objects.filter(event=event).values_list("result").annotate(n=Count("id")).order_by())
    print(f"ran {total_reads} reads in {elapsed:.1f} s; errors: {len(errors)}")
    for error in errors[:5]:
        print("  ", error)
    print(f"scans recorded: {by_result}")
    print(f"check-in  (checkin.admit)            {percentiles(ours)}")
    print(f"baseline  (one-row UPDATE, own txn)  {percentiles(baseline)}")
    ratio = statistics.median(ours) / statistics.median(baseline)
    print(f"ratio of medians: {ratio:.1f}x")
    checks = {
        "every ticket admitted": admitted_tickets == len(texts),
        "one ADMITTED scan per ticket": by_result.get(ScanResult.ADMITTED, 0) == len(texts),
        "one ALREADY scan per duplicate": by_result.get(ScanResult.ALREADY, 0) == len(duplicated),
        "replays recorded once": sum(by_result.values()) == total_reads - replays,
        "no errors": not errors,
    }
    for name, ok in checks.items():
        print(f"  {'ok  ' if ok else 'FAIL'} {name}")
    if args.drop:
        from bench.inquiries_dashboard_bench import drop_postgresql

        drop_postgresql(args.database_url)
    sys.exit(0 if all(checks.values()) else 1)


if __name__ == "__main__":
    main()
