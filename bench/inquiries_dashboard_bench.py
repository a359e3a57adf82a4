"""The accountability dashboard over 1,000,000 questions on PostgreSQL.

    .venv/bin/python bench/inquiries_dashboard_bench.py \\
        --database-url postgres://postgres@127.0.0.1:5432/pc_bench_inquiries
    .venv/bin/python bench/inquiries_dashboard_bench.py --reuse \\
        --database-url postgres://postgres@127.0.0.1:5432/pc_bench_inquiries   # queries only

The database named on the command line is DROPPED and recreated (give a scratch one), migrated,
and filled with COPY: ~300 organisations (the city, departments, boards, sectors, wards and
communes), 20 categories and N questions received over two years, with realistic skew (a few
agencies and categories get most questions, weekdays more than weekends, more recent years
more), most answered (on time or late, with working time to answer and ratings), some still
open and overdue. Then VACUUM ANALYZE, the roll-up built (`rollup.rebuild()`, timed;
--keep-rollup skips it with --reuse), and for four periods (the default last 30 days, the last
12 months, the whole two years, and 30 days across two half months, the 17th to the 15th: the
most days outside whole months) and three views (the centre's staff; the spokesperson of the
busiest organisation, an agency's view; the centre filtered on the biggest category):

- ours: `presscenter.inquiries.stats.overview()` (what the dashboard's overview page runs),
  reading the roll-up;
- raw: the same call reading the questions themselves (`rolled=False`: every figure from the
  questions, exact percentile_cont);

interleaved A B B A (--rounds rounds of --block runs of ours, two raw runs, --block runs of
ours), so that both see the same load: p50/p95 of each, the ratio of their p50 and the load
average. With --explain, every SELECT of one overview of each again under EXPLAIN (ANALYZE,
BUFFERS): planner cost, server time and pages touched, summed (all but the time independent of
the load). Then, for the centre's view, the naive ORM draft of the same figures (one query per
organisation and category, time to answer in Python; --naive-scenarios periods).

With --drop the database is dropped at the end.
"""

import argparse
import datetime as dt
import io
import math
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

CATEGORIES = [
    "Giao thông", "Trật tự đô thị", "Môi trường", "Đất đai", "Xây dựng", "Y tế", "Giáo dục",
    "An ninh trật tự", "Điện, nước", "Thuế, phí", "Lao động, việc làm", "Bảo hiểm xã hội",
    "Văn hóa, du lịch", "Thông tin, truyền thông", "Nông nghiệp", "Công thương", "Tư pháp",
    "Nội vụ", "Khoa học, công nghệ", "Khác",
]  # fmt: skip
KINDS = ["question", "info_request", "feedback", "petition"]
KIND_WEIGHTS = [0.12, 0.08, 0.65, 0.15]
WORKING_DAY = 9 * 3600


def setup_django(database_url: str, workdir: Path, reuse: bool) -> None:
    os.environ["DEBUG"] = "0"  # DEBUG keeps every query in memory
    os.environ["PRESSCENTER_ENV"] = "test"
    os.environ["PRESSCENTER_DATA_DIR"] = str(workdir)
    os.environ["DATABASE_URL"] = database_url
    if not reuse:
        recreate_postgresql(database_url)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "presscenter.settings")
    import django

    django.setup()


def _maintenance(database_url: str) -> Any:
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(database_url)
    connection = psycopg.connect(
        dbname="postgres", user=config["USER"], host=config["HOST"], port=config["PORT"] or 5432,
        password=config["PASSWORD"] or None, autocommit=True,
    )  # fmt: skip
    return connection, config["NAME"]


def recreate_postgresql(database_url: str) -> None:
    maintenance, name = _maintenance(database_url)
    with maintenance:
        maintenance.execute(f'DROP DATABASE IF EXISTS "{name}"')
        maintenance.execute(f'CREATE DATABASE "{name}"')


def drop_postgresql(database_url: str) -> None:
    from django.db import connections

    connections.close_all()
    maintenance, name = _maintenance(database_url)
    with maintenance:
        maintenance.execute(f'DROP DATABASE IF EXISTS "{name}"')


def zipf_weights(n: int, s: float = 1.1) -> list[float]:
    return [1 / (rank + 1) ** s for rank in range(n)]


def build_orgs() -> tuple[list[int], list[int], list[int]]:
    """~300 organisations: the city, its office, 40 departments, 10 boards, 8 sectors and 240
    wards and communes. Returns (answering agencies, wards and communes, categories)."""
    from presscenter.inquiries.models import Category
    from presscenter.orgs.models import Kind, Organisation

    city = Organisation.objects.create(kind=Kind.PEOPLES_COMMITTEE, name="Ủy ban nhân dân thành phố", slug="ubnd-tp")
    Organisation.objects.create(kind=Kind.OFFICE, name="Văn phòng UBND thành phố", slug="van-phong", parent=city)
    agencies = Organisation.objects.bulk_create(
        [Organisation(kind=Kind.DEPARTMENT, name=f"Sở số {i + 1}", slug=f"so-{i}", parent=city) for i in range(40)]
        + [Organisation(kind=Kind.BOARD, name=f"Ban số {i + 1}", slug=f"ban-{i}", parent=city) for i in range(10)]
        + [Organisation(kind=Kind.SECTOR, name=f"Ngành số {i + 1}", slug=f"nganh-{i}", parent=city) for i in range(8)]
    )
    wards = Organisation.objects.bulk_create(
        Organisation(
            kind=Kind.WARD if i < 120 else Kind.COMMUNE,
            name=f"{'Phường' if i < 120 else 'Xã'} số {i + 1}",
            slug=f"dia-ban-{i}",
            parent=city,
        )
        for i in range(240)
    )
    categories = Category.objects.bulk_create(
        Category(code=f"linh-vuc-{i}", name=name, position=i) for i, name in enumerate(CATEGORIES)
    )
    return [org.pk for org in agencies], [org.pk for org in wards], [cat.pk for cat in categories]


COLUMNS = (
    "code", "access_key", "kind", "category_id", "priority", "channel", "subject", "text", "asker_name",
    "asker_email", "asker_phone", "asker_address", "asker_outlet", "asker_accredited", "publish_allowed",
    "area_id", "location", "state", "organisation_id", "rejection_reason", "received_at", "routed_at", "due_at",
    "answered_at", "answered_on_time", "answer_working_seconds", "closed_at", "rating", "rating_comment",
    "reopen_count", "updated_at", "escalation_level",
)  # fmt: skip


def _working_after(start: dt.datetime, seconds: float) -> dt.datetime:
    """A cheap stand-in for deadlines.add_working_seconds (the benchmark needs plausible times,
    not the calendar): 9 working hours a day, five days a week."""
    days = seconds / WORKING_DAY
    calendar_days = days * 7 / 5
    return start + dt.timedelta(days=calendar_days)


def rows(n: int, now: dt.datetime, agencies: list[int], wards: list[int], categories: list[int], rng: random.Random):  # type: ignore[no-untyped-def]
    span = 730 * 86400
    agency_w = zipf_weights(len(agencies + wards), 0.9)
    answering = agencies + wards
    rng.shuffle(answering)
    category_w = zipf_weights(len(categories), 1.0)
    ward_w = zipf_weights(len(wards), 0.8)
    states_closed = ["answered", "closed", "closed", "closed"]
    # More questions lately (volume grows over the two years), fewer at weekends; stored in the
    # order they arrived, as the site stores them.
    moments: list[dt.datetime] = []
    while len(moments) < n:
        recent = rng.random() if rng.random() < 0.75 else rng.triangular(0, 1, 1)
        moment = now - dt.timedelta(seconds=span * (1 - recent))
        if moment.weekday() < 5 or rng.random() < 0.3:
            moments.append(moment)
    moments.sort()
    for i, received in enumerate(moments):
        kind = rng.choices(KINDS, KIND_WEIGHTS)[0]
        organisation = rng.choices(answering, agency_w)[0]
        category = rng.choices(categories, category_w)[0]
        area = rng.choices(wards, ward_w)[0] if kind in ("feedback", "petition") else None
        routed = received + dt.timedelta(hours=rng.uniform(0.2, 20))
        due = _working_after(routed, 5 * WORKING_DAY)
        # Time to answer: log-normal, median ~3 working days, a long tail.
        working = int(min(rng.lognormvariate(math.log(3 * WORKING_DAY), 0.8), 60 * WORKING_DAY))
        answered = _working_after(routed, working)
        state, answered_at, on_time, seconds, closed, rating = "", None, None, None, None, None
        roll = rng.random()
        if roll < 0.02:
            state, closed = "rejected", routed
        elif roll < 0.04:
            state, closed = "merged", routed
        elif answered <= now:
            state = rng.choice(states_closed)
            answered_at, seconds, on_time = answered, working, working <= 5 * WORKING_DAY
            closed = answered + dt.timedelta(days=7) if state == "closed" else None
            if rng.random() < 0.4:
                rating = rng.choices([1, 2, 3, 4, 5], [0.06, 0.07, 0.15, 0.32, 0.40])[0]
        else:
            state = rng.choice(["assigned", "in_progress", "in_progress", "waiting", "reopened"])
        yield (
            f"HD-B{i:08d}", f"k{i}", kind, category, "urgent" if rng.random() < 0.05 else "normal", "web",
            f"Phản ánh số {i}", "Nội dung câu hỏi, phản ánh của người dân về việc cần giải quyết.",
            f"Người hỏi {i}", f"nguoi{i}@example.vn", f"09{i:08d}", f"Số {i % 300} phố Bench", "", "f", "f",
            area, "", state, organisation, "", received, routed, due, answered_at, on_time, seconds, closed,
            rating, "", 0, answered_at or routed, 0,
        )  # fmt: skip


def _copy_value(value: Any) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, dt.datetime):
        return value.isoformat()
    return str(value).replace("\\", "\\\\").replace("\t", " ").replace("\n", " ")


def populate(n: int, rng: random.Random) -> None:
    from django.db import connection
    from django.utils import timezone

    agencies, wards, categories = build_orgs()
    now = timezone.now()
    columns = ", ".join(COLUMNS)
    with connection.cursor() as cursor:
        raw = cursor.connection
        batch = 100_000
        generated = rows(n, now, agencies, wards, categories, rng)
        done = 0
        while done < n:
            buffer = io.StringIO()
            for row in (next(generated) for _ in range(min(batch, n - done))):
                buffer.write("\t".join(_copy_value(value) for value in row))
                buffer.write("\n")
            with raw.cursor() as pg, pg.copy(f"COPY inquiries_inquiry ({columns}) FROM STDIN") as copy:
                copy.write(buffer.getvalue())
            done += min(batch, n - done)
    connection.commit() if not connection.get_autocommit() else None
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE inquiries_inquiry")
        cursor.execute("VACUUM ANALYZE orgs_organisation")


def timed(function: Callable[[], Any], runs: int) -> list[float]:
    latencies = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        latencies.append((time.perf_counter() - start) * 1000)
    return latencies


def abba(ours: Callable[[], Any], raw: Callable[[], Any], rounds: int, block: int) -> tuple[list[float], list[float]]:
    """Interleaved runs, so that both see the same load: per round `block` runs of ours, a raw
    run, a raw run, `block` runs of ours (A B B A)."""
    mine: list[float] = []
    theirs: list[float] = []
    for _ in range(rounds):
        mine += timed(ours, block)
        theirs += timed(raw, 2)
        mine += timed(ours, block)
    return mine, theirs


def cpu(function: Callable[[], Any], runs: int = 5) -> float:
    """The median CPU time of this process (Python, the driver) for one call, in ms: what the
    load of other processes does not change much (the server's share is in --explain)."""
    used = []
    for _ in range(runs):
        start = time.process_time()
        function()
        used.append((time.process_time() - start) * 1000)
    return statistics.median(used)


def explain(captured: list[dict[str, Any]]) -> str:
    """Each SELECT of an overview again under EXPLAIN (ANALYZE, BUFFERS): the planner's cost,
    the server's execution time and the 8 kB pages it touched, summed (figures that do not
    depend on the machine's load, except the time)."""
    import json

    from django.db import connection

    cost = server = 0.0
    pages = statements = 0
    parts = []
    with connection.cursor() as cursor:
        for query in captured:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
                continue
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) {sql}")
            plan = cursor.fetchone()[0]
            plan = json.loads(plan) if isinstance(plan, str) else plan
            top = plan[0]["Plan"]
            touched = top.get("Shared Hit Blocks", 0) + top.get("Shared Read Blocks", 0)
            statements += 1
            cost += top["Total Cost"]
            server += plan[0]["Execution Time"]
            pages += touched
            parts.append(f"{top['Total Cost']:.0f}/{plan[0]['Execution Time']:.1f}ms/{touched}p")
    return (
        f"{statements} SELECTs: planner cost {cost:,.0f}, server time {server:.1f} ms, {pages:,} pages"
        f" [{', '.join(parts)}]"
    )


def percentiles(latencies: list[float]) -> str:
    if len(latencies) == 1:
        return f"one run {latencies[0]:8.1f} ms"
    cuts = statistics.quantiles(latencies, n=100, method="inclusive")
    return f"p50 {cuts[49]:8.1f} ms   p95 {cuts[94]:8.1f} ms   max {max(latencies):8.1f} ms   (n={len(latencies)})"


def naive_overview(start: dt.datetime, end: dt.datetime) -> dict[str, Any]:
    """How a first ORM draft computes the overview: a query (or several) per organisation and
    per category, medians in Python over every answered row."""
    from django.utils import timezone

    from presscenter.inquiries.models import Category, Inquiry, State
    from presscenter.orgs.models import Organisation

    period = Inquiry.objects.filter(received_at__gte=start, received_at__lt=end)
    now = timezone.now()

    def figures(rows: Any) -> dict[str, Any]:
        answered = [
            (inquiry.answered_on_time, inquiry.answer_working_seconds, inquiry.rating)
            for inquiry in rows.filter(answered_at__isnull=False).only(
                "answered_on_time", "answer_working_seconds", "rating"
            )
        ]
        times = sorted(seconds for _, seconds, _ in answered if seconds is not None)
        ratings = [rating for _, _, rating in answered if rating]
        return {
            "received": rows.count(),
            "answered": len(answered),
            "on_time": sum(1 for on_time, _, _ in answered if on_time),
            "median": statistics.median(times) if times else None,
            "p90": times[int(0.9 * (len(times) - 1))] if times else None,
            "rating": statistics.mean(ratings) if ratings else None,
            "overdue": rows.filter(due_at__lt=now, state__in=["assigned", "in_progress", "reopened"]).count(),
        }

    result = {"total": figures(period), "organisations": {}, "categories": {}}
    for organisation in Organisation.objects.all():
        result["organisations"][organisation.pk] = figures(period.filter(organisation=organisation))
    for category in Category.objects.all():
        result["categories"][category.pk] = figures(period.filter(category=category))
    result["months"] = {}
    month = start.replace(day=1)
    while month < end:
        following = (month + dt.timedelta(days=32)).replace(day=1)
        result["months"][month] = period.filter(received_at__gte=month, received_at__lt=following).count()
        month = following
    del State
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL"), required=False)
    parser.add_argument("--inquiries", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=3, help="A B B A rounds of ours and raw per scenario")
    parser.add_argument("--block", type=int, default=5, help="runs of ours in each A of a round")
    parser.add_argument("--views", type=int, default=3, help="1: the centre only; 2: and the agency; 3: and a category")
    parser.add_argument("--explain", action="store_true", help="EXPLAIN (ANALYZE, BUFFERS) each statement once")
    parser.add_argument("--keep-rollup", action="store_true", help="with --reuse: do not rebuild the roll-up")
    parser.add_argument("--naive-runs", type=int, default=3, help="the naive aggregation is slow: fewer")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--scenarios", type=int, default=4, help="periods: 1 the default only, ... 4 all")
    parser.add_argument("--naive-scenarios", type=int, default=3, help="periods timed the naive way")
    parser.add_argument("--reuse", action="store_true", help="keep the database's questions; only time")
    parser.add_argument("--drop", action="store_true", help="drop the database at the end")
    args = parser.parse_args()
    if not args.database_url or not args.database_url.startswith("postgres"):
        parser.error("--database-url postgres://... is required (the benchmark is about PostgreSQL)")
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="dashboard-bench-") as workdir:
        setup_django(args.database_url, Path(workdir), args.reuse)
        from django.core.management import call_command
        from django.db import connection
        from django.db.models import Count
        from django.test.utils import CaptureQueriesContext
        from django.utils import timezone

        from presscenter.accounts.models import Role, User
        from presscenter.inquiries import rollup, stats
        from presscenter.inquiries.models import DailyFigures, Inquiry

        call_command("migrate", verbosity=0)
        print(
            f"database: {connection.vendor} {connection.pg_version}; cpus: {os.cpu_count()};"
            f" load average at start: {' '.join(f'{load:.2f}' for load in os.getloadavg())}"
        )
        if not args.reuse:
            start = time.perf_counter()
            populate(args.inquiries, rng)
            print(
                f"data:     {args.inquiries:,} questions stored (COPY) and analysed in {time.perf_counter() - start:.1f} s"
            )
        staff = User.objects.filter(username="bench-staff").first() or User.objects.create(
            username="bench-staff", role=Role.CENTER_OPERATOR
        )
        busiest = (Inquiry.objects.values("organisation_id").annotate(n=Count("pk")).order_by("-n").first() or {}).get(
            "organisation_id"
        )
        category = (Inquiry.objects.values("category_id").annotate(n=Count("pk")).order_by("-n").first() or {}).get(
            "category_id"
        )
        agency = User.objects.filter(username="bench-agency").first() or User.objects.create(
            username="bench-agency", role=Role.SPOKESPERSON, organisation_id=busiest
        )
        print(f"rows:     {Inquiry.objects.count():,} questions")
        if not args.keep_rollup:
            start = time.perf_counter()
            days = rollup.rebuild()
            cells = DailyFigures.objects.count()
            print(f"rollup:   {days} months rebuilt in {time.perf_counter() - start:.1f} s: {cells:,} rows")
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE inquiries_dailyfigures")
        today = timezone.localdate()
        # A 30-day period across two months mid-month (the 17th of the month before last to the
        # 15th of last month): the most days outside whole months.
        last_month = today.replace(day=1) - dt.timedelta(days=1)
        mid = (last_month.replace(day=1) - dt.timedelta(days=1)).replace(day=17)
        periods = [
            ("last 30 days", stats.Filters.default(today)),
            ("last 12 months", stats.Filters.default(today, start=today - dt.timedelta(days=364))),
            ("whole two years", stats.Filters.default(today, start=today - dt.timedelta(days=731))),
            ("30 days mid-month", stats.Filters.default(mid + dt.timedelta(days=29), start=mid)),
        ][: args.scenarios]
        views = [
            ("centre", staff, {}),
            ("agency", agency, {}),
            ("category", staff, {"category": category}),
        ][: args.views]
        print(
            f"views:    centre = the centre's staff, every organisation; agency = the spokesperson of the"
            f" busiest organisation (#{busiest}); category = the centre, filtered on the biggest category (#{category})"
        )
        for number, (label, period) in enumerate(periods):
            for view, user, changes in views:
                filters = period.with_(**changes)

                def overview(filters: stats.Filters = filters, user: Any = user, rolled: bool = True) -> Any:
                    return stats.overview(user, filters, rolled=rolled)

                overview()  # warm caches
                overview(rolled=False)
                with CaptureQueriesContext(connection) as queries:
                    overview()
                with CaptureQueriesContext(connection) as raw_queries:
                    overview(rolled=False)
                ours, raw = abba(overview, lambda overview=overview: overview(rolled=False), args.rounds, args.block)
                name = f"{label}, {view}"
                load = " ".join(f"{value:.2f}" for value in os.getloadavg())
                print(
                    f"ours:     {name:28} {percentiles(ours)}   {len(queries)} statements\n"
                    f"raw:      {name:28} {percentiles(raw)}   {len(raw_queries)} statements\n"
                    f"          ours/raw (p50) {statistics.median(ours) / statistics.median(raw):.3f};"
                    f" client CPU per call: ours {cpu(overview):.1f} ms, raw {cpu(lambda o=overview: o(rolled=False), 1):.1f} ms;"
                    f" load average now {load}",
                    flush=True,
                )
                if args.explain:
                    print(f"          explain ours: {explain(queries.captured_queries)}", flush=True)
                    print(f"          explain raw:  {explain(raw_queries.captured_queries)}", flush=True)
            if number < args.naive_scenarios:
                start_at, end_at = period.bounds()
                with CaptureQueriesContext(connection) as queries:
                    naive_overview(start_at, end_at)  # also warms the caches
                latencies = timed(
                    lambda start_at=start_at, end_at=end_at: naive_overview(start_at, end_at),
                    args.naive_runs if number == 0 else 1,
                )
                print(
                    f"naive:    {label + ', centre':28} {percentiles(latencies)}   {len(queries)} queries", flush=True
                )
            print(f"          load average now: {' '.join(f'{load:.2f}' for load in os.getloadavg())}", flush=True)
        print(f"load average at end: {' '.join(f'{load:.2f}' for load in os.getloadavg())}")
        if args.drop:
            drop_postgresql(args.database_url)


if __name__ == "__main__":
    main()
