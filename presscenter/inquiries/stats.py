"""Accountability figures for questions and feedback: volume, on-time rate, time to answer,
overdue questions and satisfaction, per organisation, category, area and period.

Every figure is an SQL aggregate (a handful of GROUP BY queries, never a loop over rows or over
organisations). Time to answer is `Inquiry.answer_working_seconds`: the working time from
routing (or receipt, when never routed) to the answer, less the time spent waiting for the
asker, set by `domain.approve_answer`. Medians and p90 are `percentile_cont` on PostgreSQL; on
SQLite (development, tests) the same aggregate is registered on the connection. The overview of
the centre, of an agency and of one organisation, category or area reads the past days from the
roll-up (presscenter.inquiries.rollup: exact counts, medians within a documented bound).

Who sees what: the centre's staff everything; an agency's staff their own organisation and the
organisations below it in the tree (`scope`).
"""

import datetime as dt
import math
import struct
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Aggregate, Avg, Case, Count, F, FloatField, Q, QuerySet, Sum, Value, When
from django.db.models.functions import TruncDate, TruncDay, TruncMonth, TruncWeek
from django.utils import timezone
from django.utils.translation import get_language

from presscenter.accounts import roles
from presscenter.inquiries import rollup
from presscenter.inquiries.models import (
    FINAL_STATES,
    OPEN_STATES,
    Category,
    DailyFigures,
    DirtyDay,
    Inquiry,
    RollupState,
    State,
)
from presscenter.orgs.models import AREA_KINDS, Organisation

GRANULARITIES = {"day": TruncDay, "week": TruncWeek, "month": TruncMonth}
DEFAULT_DAYS = 30
# The days a period may hold: none before the app's questions could exist, none past the end of
# next year (a far date is a typing slip; the calendar's edges would overflow the bounds).
FIRST_DAY = dt.date(2000, 1, 1)
OVERDUE_LISTED = 20
# Open and past the deadline; a question waiting for the asker has its clock stopped.
OVERDUE_STATES = tuple(state for state in OPEN_STATES if state != State.WAITING)


# Percentiles -----------------------------------------------------------------------------------


class _SqlitePercentile:
    """percentile_cont for SQLite: linear interpolation between the closest ranks."""

    def __init__(self) -> None:
        self.values: list[float] = []
        self.fraction = 0.5

    def step(self, value: Any, fraction: float) -> None:
        self.fraction = fraction
        if value is not None:
            self.values.append(value)

    def finalize(self) -> float | None:
        return percentile(sorted(self.values), self.fraction)


def percentile(ordered: list[float], fraction: float) -> float | None:
    """PostgreSQL's percentile_cont over already sorted values."""
    if not ordered:
        return None
    position = fraction * (len(ordered) - 1)
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


class Percentile(Aggregate):
    """`percentile_cont(fraction) WITHIN GROUP (ORDER BY expression)`: nulls are ignored."""

    function = "PERCENTILE_CONT"
    name = "Percentile"
    output_field = FloatField()
    template = "%(function)s(%(fraction)s) WITHIN GROUP (ORDER BY %(expressions)s)"

    def __init__(self, expression: Any, fraction: float, **extra: Any) -> None:
        if not 0 <= fraction <= 1:
            raise ValueError("fraction must be within [0, 1]")
        super().__init__(expression, fraction=float(fraction), **extra)

    def as_sqlite(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:
        connection.ensure_connection()
        connection.connection.create_aggregate("PC_PERCENTILE", 2, _SqlitePercentile)
        return self.as_sql(
            compiler, connection, function="PC_PERCENTILE",
            template=f"%(function)s(%(expressions)s, {self.extra['fraction']!r})", **extra_context,
        )  # fmt: skip


# Filters ---------------------------------------------------------------------------------------


def local_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


@dataclass(frozen=True)
class Filters:
    """What the dashboard shows: questions received from `start` to `end` (both included, local
    dates), optionally of one organisation (exactly), category, area (ward or commune) and kind."""

    start: dt.date
    end: dt.date
    organisation: int | None = None
    category: int | None = None
    area: int | None = None
    kind: str | None = None
    granularity: str = "day"

    @classmethod
    def default(cls, today: dt.date | None = None, *, start: dt.date | None = None) -> "Filters":
        today = today or timezone.localdate()
        start = start or today - dt.timedelta(days=DEFAULT_DAYS - 1)
        return cls(start=start, end=today, granularity=granularity_for(start, today))

    def bounds(self) -> tuple[dt.datetime, dt.datetime]:
        zone = local_zone()
        start = dt.datetime.combine(self.start, dt.time.min, zone)
        end = dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time.min, zone)
        return start, end

    def with_(self, **changes: Any) -> "Filters":
        return replace(self, **changes)

    def query(self, **extra: Any) -> dict[str, str]:
        """These filters as the query string of the dashboard, the list and the exports."""
        params = {"tu": self.start.isoformat(), "den": self.end.isoformat(), "theo": self.granularity}
        for name, key in (("organisation", "co_quan"), ("category", "linh_vuc"), ("area", "dia_ban")):
            if getattr(self, name) is not None:
                params[key] = str(getattr(self, name))
        if self.kind:
            params["loai"] = self.kind
        params.update({key: str(value) for key, value in extra.items() if value not in (None, "")})
        return params


def last_day(today: dt.date | None = None) -> dt.date:
    """The last day a period may reach: the end of next year."""
    return dt.date((today or timezone.localdate()).year + 1, 12, 31)


def within_limits(day: dt.date, today: dt.date | None = None) -> bool:
    return FIRST_DAY <= day <= last_day(today)


def granularity_for(start: dt.date, end: dt.date) -> str:
    days = (end - start).days + 1
    return "day" if days <= 62 else "week" if days <= 190 else "month"


# Scope -----------------------------------------------------------------------------------------


def descendants(organisation_id: int) -> set[int]:
    """The organisation and every organisation below it (one query for the whole tree)."""
    children: dict[int | None, list[int]] = {}
    for pk, parent in Organisation.objects.values_list("pk", "parent_id"):
        children.setdefault(parent, []).append(pk)
    found, stack = {organisation_id}, [organisation_id]
    while stack:
        for child in children.get(stack.pop(), ()):
            if child not in found:
                found.add(child)
                stack.append(child)
    return found


def can_view_all(user: Any) -> bool:
    """The centre's staff see every organisation's figures and the askers' personal data."""
    return roles.is_staff(user)


def can_view_dashboard(user: Any) -> bool:
    return roles.is_staff(user) or roles.agency_of(user) is not None


def visible_organisations(user: Any) -> set[int] | None:
    """None for everything (the centre); the agency's subtree; an empty set for anyone else."""
    if roles.is_staff(user):
        return None
    agency = roles.agency_of(user)
    return descendants(agency) if agency is not None else set()


def scope(user: Any) -> QuerySet[Inquiry]:
    """The questions whose figures this user may see."""
    return scope_of(visible_organisations(user))


def scope_of(visible: set[int] | None) -> QuerySet[Inquiry]:
    if visible is None:
        return Inquiry.objects.all()
    return Inquiry.objects.filter(organisation_id__in=sorted(visible))


def _narrowed(queryset: QuerySet[Inquiry], filters: Filters) -> QuerySet[Inquiry]:
    """The filters other than the period."""
    if filters.organisation is not None:
        queryset = queryset.filter(organisation_id=filters.organisation)
    if filters.category is not None:
        queryset = queryset.filter(category_id=filters.category)
    if filters.area is not None:
        queryset = queryset.filter(area_id=filters.area)
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    return queryset


def received(visible: set[int] | None, filters: Filters) -> QuerySet[Inquiry]:
    """The questions received in the period that the filters select, among those of the
    organisations `visible` (None: all)."""
    start, end = filters.bounds()
    return _narrowed(scope_of(visible), filters).filter(received_at__gte=start, received_at__lt=end)


# What a drill-down link selects beyond the filters (the list page's `chi_tiet`).
DETAILS = {
    "answered": Q(answered_at__isnull=False),
    "on_time": Q(answered_on_time=True),
    "late": Q(answered_on_time=False),
    "open": Q(state__in=OPEN_STATES),
    "closed": Q(state__in=FINAL_STATES),
    "rated": Q(rating__isnull=False),
}


def overdue_q(now: dt.datetime) -> Q:
    return Q(state__in=OVERDUE_STATES, due_at__lt=now)


def detail_rows(
    user: Any, filters: Filters, detail: str | None = None, rating: int | None = None, *, now: dt.datetime | None = None
) -> QuerySet[Inquiry]:
    """The questions behind a number of the dashboard (what its link opens)."""
    now = now or timezone.now()
    if detail == "overdue":
        rows = _narrowed(scope(user), filters).filter(overdue_q(now))
    else:
        rows = received(visible_organisations(user), filters)
        if detail in DETAILS:
            rows = rows.filter(DETAILS[detail])
    if rating is not None:
        rows = rows.filter(rating=rating)
    return rows


# Figures ---------------------------------------------------------------------------------------


def _figures() -> dict[str, Any]:
    """The aggregates of one group (or of everything)."""
    return {
        # Counting received_at (never null), not the primary key: every column these read is in
        # the index inquiry_dashboard_received, so PostgreSQL answers from the index alone.
        "received": Count("received_at"),
        "answered": Count("answered_at"),
        "on_time": Count("received_at", filter=Q(answered_on_time=True)),
        "rated": Count("rating"),
        "mean_rating": Avg("rating"),
        "median": Percentile("answer_working_seconds", 0.5),
        "p90": Percentile("answer_working_seconds", 0.9),
    }


@dataclass
class Figures:
    received: int = 0
    answered: int = 0
    on_time: int = 0
    rated: int = 0
    rating: float | None = None
    median: float | None = None  # working seconds
    p90: float | None = None
    key: Any = None
    label: str = ""

    @property
    def late(self) -> int:
        return self.answered - self.on_time

    @property
    def on_time_rate(self) -> float | None:
        """The share of the answered questions that were answered by their deadline."""
        return self.on_time / self.answered if self.answered else None

    @property
    def answered_rate(self) -> float | None:
        return self.answered / self.received if self.received else None

    @property
    def median_hours(self) -> float | None:
        return self.median / 3600 if self.median is not None else None

    @property
    def p90_hours(self) -> float | None:
        return self.p90 / 3600 if self.p90 is not None else None


def _build(row: dict[str, Any], key: Any = None, label: str = "") -> Figures:
    return Figures(
        received=row["received"] or 0, answered=row["answered"] or 0, on_time=row["on_time"] or 0,
        rated=row["rated"] or 0, rating=row["mean_rating"], median=row["median"], p90=row["p90"], key=key, label=label,
    )  # fmt: skip


@dataclass
class Overview:
    filters: Filters
    totals: Figures
    series: list[dict[str, Any]] = field(default_factory=list)
    organisations: list[Figures] = field(default_factory=list)
    categories: list[Figures] = field(default_factory=list)
    areas: list[Figures] = field(default_factory=list)
    ratings: list[dict[str, int]] = field(default_factory=list)
    overdue_count: int = 0
    overdue: list[Inquiry] = field(default_factory=list)


def _grouped(rows: QuerySet[Inquiry], key: str, names: QuerySet[Any]) -> list[Figures]:
    """The figures per value of `key` (a foreign key), biggest first. Grouped on the key alone
    (an integer sort, no join, no collation), then labelled from `names` in one small query."""
    grouped = list(rows.exclude(**{f"{key}__isnull": True}).values(key).annotate(**_figures()).order_by())
    labels = _labels(names, [row[key] for row in grouped])
    result = [_build(row, row[key], labels.get(row[key], "")) for row in grouped]
    result.sort(key=lambda figures: (-figures.received, figures.label))
    return result


def _labels(names: QuerySet[Any], keys: list[int]) -> dict[int, str]:
    if not keys:
        return {}
    english = get_language() == "en"
    return {
        pk: (name_en if english and name_en else name)
        for pk, name, name_en in names.filter(pk__in=keys).values_list("pk", "name", "name_en")
    }


def series(rows: QuerySet[Inquiry], filters: Filters, visible: set[int] | None) -> list[dict[str, Any]]:
    """Received (by day of receipt) and answered (by day of answer) per day, week or month."""
    zone = local_zone()
    trunc = GRANULARITIES[filters.granularity]
    start, end = filters.bounds()
    got = rows.annotate(bucket=trunc("received_at", tzinfo=zone)).values("bucket").annotate(n=Count("received_at"))
    answered = (
        _narrowed(scope_of(visible), filters)
        .filter(answered_at__gte=start, answered_at__lt=end)
        .annotate(bucket=trunc("answered_at", tzinfo=zone))
        .values("bucket")
        .annotate(n=Count("answered_at"))
    )
    counts: dict[dt.date, dict[str, int]] = {}
    for name, query in (("received", got), ("answered", answered)):
        for row in query.order_by():
            day = _as_date(row["bucket"], zone)
            counts.setdefault(day, {"received": 0, "answered": 0})[name] = row["n"]
    return [{"bucket": day, **counts.get(day, {"received": 0, "answered": 0})} for day in buckets(filters)]


def _as_date(value: dt.date | dt.datetime, zone: ZoneInfo) -> dt.date:
    if isinstance(value, dt.datetime):
        return (value.astimezone(zone) if timezone.is_aware(value) else value).date()
    return value


def buckets(filters: Filters) -> list[dt.date]:
    """Every day, week (its Monday) or month (its first day) of the period, empty ones too."""
    first = filters.start
    if filters.granularity == "week":
        first -= dt.timedelta(days=first.weekday())
    elif filters.granularity == "month":
        first = first.replace(day=1)
    days: list[dt.date] = []
    while first <= filters.end:
        days.append(first)
        if filters.granularity == "day":
            first += dt.timedelta(days=1)
        elif filters.granularity == "week":
            first += dt.timedelta(days=7)
        else:
            first = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return days


def rating_distribution(rows: QuerySet[Inquiry]) -> list[dict[str, int]]:
    counted = rows.filter(rating__isnull=False).values("rating").annotate(n=Count("rating")).order_by()
    by_rating = {row["rating"]: row["n"] for row in counted}
    return [{"rating": stars, "count": by_rating.get(stars, 0)} for stars in range(1, 6)]


@contextmanager
def sort_memory() -> Iterator[None]:
    """On PostgreSQL, room for the medians' sorts in memory (SET LOCAL: this transaction only);
    the default 4 MB spills a month of a big city's questions to disk."""
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL work_mem = %s", [settings.INQUIRY_STATS_WORK_MEM])
        yield


def overview(user: Any, filters: Filters, *, now: dt.datetime | None = None, rolled: bool = True) -> Overview:
    """Everything the dashboard's overview shows, in a fixed number of queries whatever the
    number of organisations or questions. For the centre's view, an agency's or one filtered
    on an organisation, a category or an area, the past days the roll-up covers (`rollup`) are
    read from it, the others (today, days changed since its last run) from the questions; the
    median and p90 then come from its histograms (bounded error, see `rollup`). When the
    roll-up gives none of the period, or `rolled` is False, everything is read from the
    questions and the percentiles are exact (`percentile_cont`)."""
    now = now or timezone.now()
    visible = visible_organisations(user)  # 1 query for an agency's subtree, none for the centre
    if rolled:
        plan = _rollup_plan(filters, now.astimezone(local_zone()).date(), visible)
        if plan is not None:  # few questions are read: no big sort
            return _overview_rolled(visible, filters, plan, now=now)
    with sort_memory():
        return _overview(visible, filters, now=now)


def _overview(visible: set[int] | None, filters: Filters, *, now: dt.datetime) -> Overview:
    rows = received(visible, filters)
    stars = {f"stars_{n}": Count("rating", filter=Q(rating=n)) for n in range(1, 6)}
    row = rows.aggregate(**_figures(), **stars)
    result = Overview(filters=filters, totals=_build(row))
    result.ratings = [{"rating": n, "count": row[f"stars_{n}"] or 0} for n in range(1, 6)]
    result.series = series(rows, filters, visible)
    result.organisations = _grouped(rows, "organisation_id", Organisation.objects.all())
    result.categories = _grouped(rows, "category_id", Category.objects.all())
    result.areas = _grouped(rows, "area_id", Organisation.objects.all())
    overdue = _narrowed(scope_of(visible), filters).filter(overdue_q(now))
    result.overdue_count = overdue.count()
    result.overdue = list(overdue.select_related("organisation", "category").order_by("due_at", "pk")[:OVERDUE_LISTED])
    return result


# From the roll-up --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Slice:
    """The questions an overview counts, as the roll-up knows them: all of them (`dim` None), or
    those of some organisations (o: an agency's view, or one organisation), of one category (c)
    or of one area (a)."""

    dim: str | None
    keys: tuple[int, ...] = ()


def _slice_of(filters: Filters, visible: set[int] | None) -> _Slice | None:
    """None for a view the roll-up cannot give: a kind, or two of organisation, category, area."""
    if filters.kind:
        return None
    if visible is not None:
        if filters.category is not None or filters.area is not None:
            return None
        keys = visible if filters.organisation is None else visible & {filters.organisation}
        return _Slice("o", tuple(sorted(keys))) if keys else None
    chosen = [(dim, getattr(filters, name)) for dim, name in FILTERED if getattr(filters, name) is not None]
    if len(chosen) > 1:
        return None
    return _Slice(chosen[0][0], (chosen[0][1],)) if chosen else _Slice(None)


FILTERED = (("o", "organisation"), ("c", "category"), ("a", "area"))
GROUPS: dict[str, tuple[str, Any]] = {"organisations": ("organisation_id", Organisation), "categories": ("category_id", Category),
          "areas": ("area_id", Organisation)}  # fmt: skip
DIM_GROUPS = {"t": None, "o": "organisations", "c": "categories", "a": "areas"}


@dataclass
class _Plan:
    """Where each day of the period is read from. Figures: the month rows of `months` (+), less
    the days of `minus` (the days of those months outside the period: from the day rows for the
    whole city, from the questions for a slice), plus the day rows of `days` (the whole city
    only) and the questions of `raw`. Series: the month rows of `series_months`, the day rows of
    `series_days`, the questions of the other days."""

    part: _Slice
    months: list[dt.date] = field(default_factory=list)
    minus: list[dt.date] = field(default_factory=list)
    days: list[dt.date] = field(default_factory=list)
    raw: list[dt.date] = field(default_factory=list)
    series_months: list[dt.date] = field(default_factory=list)
    series_days: list[dt.date] = field(default_factory=list)
    series_raw: list[dt.date] = field(default_factory=list)


def _rollup_plan(filters: Filters, today: dt.date, visible: set[int] | None) -> _Plan | None:
    """What the roll-up gives of this view and period: every past day it has built and no change
    has made stale (DirtyDay) since. A month over and clean is one row per group, less its days
    outside the period when they are fewer than those inside; a slice's other days are read from
    the questions (the roll-up has no day rows per pair of dimensions). None when it gives
    nothing (the view is not a slice of it, no past day of the period is built, or a slice's
    period holds no month row): the questions then give everything, with exact percentiles."""
    part = _slice_of(filters, visible)
    if part is None:
        return None
    built = RollupState.objects.filter(pk=1).values_list("built_through", flat=True).first()
    if built is None:
        return None
    rolled_last = min(built, today - dt.timedelta(days=1))
    first_month, last_month = rollup.month_of(filters.start)[0], rollup.month_of(filters.end)[1]
    dirty = set(DirtyDay.objects.filter(day__gte=first_month, day__lte=last_month).values_list("day", flat=True))
    plan = _Plan(part=part)
    month = first_month
    while month <= filters.end:
        first, last = rollup.month_of(month)
        days = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
        inside = [day for day in days if filters.start <= day <= filters.end]
        clean = [day for day in inside if day <= rolled_last and day not in dirty]
        if last <= rolled_last and not dirty.intersection(days) and len(days) - len(inside) < len(inside):
            plan.months.append(first)
            plan.minus += [day for day in days if day not in inside]
        elif part.dim is None:
            plan.days += clean
            plan.raw += [day for day in inside if day not in clean]
        else:
            plan.raw += inside
        if filters.granularity == "month" and len(inside) == len(days) and first in plan.months:
            plan.series_months.append(first)
        else:
            plan.series_days += clean
            plan.series_raw += [day for day in inside if day not in clean]
        month = last + dt.timedelta(days=1)
    if not plan.months and not plan.days:  # e.g. a slice over two half months: exact, from the questions
        return None
    return plan


def _within(field: str, runs: list[tuple[dt.date, dt.date]]) -> Q:
    q = Q(pk__in=[])
    for first, last in runs:
        start, end = Filters(start=first, end=last).bounds()
        q |= Q(**{f"{field}__gte": start, f"{field}__lt": end})
    return q


def _day_runs(days: Iterable[dt.date]) -> Q:
    q = Q(pk__in=[])
    for first, last in rollup.runs(days):
        q |= Q(day__gte=first, day__lte=last)
    return q


def _raw_grouped(rows: QuerySet[Any]) -> list[tuple[Any, ...]]:
    """The questions' sums per bucket and sign (`cell_sign`: +1, or -1 for days taken away) for
    the totals (dim t) and per organisation, category and area (o, c, a) as (dim, key, bucket,
    sign, received, answered, on_time, rated, rating_sum, stars 1..5): one scan with GROUPING
    SETS on PostgreSQL, one query per dimension elsewhere."""
    figures = rollup.sums(stars=True)
    if connection.vendor == "postgresql":
        inner = rows.values("organisation_id", "category_id", "area_id", "cell_bucket", "cell_sign", "received_at",
                            "answered_at", "answered_on_time", "rating")  # fmt: skip
        sql, params = inner.query.sql_with_params()
        stars = ", ".join(f"COUNT(*) FILTER (WHERE rating = {n})" for n in range(1, 6))
        # Our own query's SQL; the values are its parameters.
        grouped = (
            "SELECT CASE GROUPING(organisation_id, category_id, area_id) WHEN 7 THEN 't' WHEN 3 THEN 'o' "  # noqa: S608
            "WHEN 5 THEN 'c' ELSE 'a' END, COALESCE(organisation_id, category_id, area_id), cell_bucket, cell_sign, "
            "COUNT(received_at), COUNT(answered_at), COUNT(*) FILTER (WHERE answered_on_time), COUNT(rating), "
            f"COALESCE(SUM(rating), 0), {stars} FROM ({sql}) cells GROUP BY GROUPING SETS ((cell_bucket, cell_sign), "
            "(organisation_id, cell_bucket, cell_sign), (category_id, cell_bucket, cell_sign), "
            "(area_id, cell_bucket, cell_sign))"
        )
        with connection.cursor() as cursor:
            cursor.execute(grouped, params)
            return [row for row in cursor.fetchall() if row[0] == "t" or row[1] is not None]
    result: list[tuple[Any, ...]] = []
    for dim, column in rollup.SINGLE.items():
        names = [*([column] if column else []), "cell_bucket", "cell_sign"]
        query = rows.exclude(**{f"{column}__isnull": True}) if column else rows
        grouped_rows = rollup.tuples(query.values(*names).annotate(**figures).order_by(), [*names, *figures])
        result += [(dim, *([] if column else [None]), *row) for row in grouped_rows]
    return result


def _targets(part: _Slice, dim: str, key: int | None, key2: int | None) -> list[tuple[str | None, int | None]]:
    """The groups of the overview a roll-up row counts in: (None, None) for the totals."""
    if part.dim is None:
        group = DIM_GROUPS[dim]
        return [(group, key)] if group else [(None, None)]
    if dim == part.dim:
        return [(None, None), (DIM_GROUPS[dim], key)]
    other, other_key = (dim[1], key2) if dim[0] == part.dim else (dim[0], key)
    return [(DIM_GROUPS[other], other_key)]


def _units(months: list[dt.date]) -> dict[str, list[dt.date]]:
    """Whole clean months as the fewest roll-up rows: years (y) and quarters (q) they fill, and
    the other months (m)."""
    taken = set(months)
    units: dict[str, list[dt.date]] = {"y": [], "q": [], "m": []}
    for month in sorted(months):
        if month not in taken:
            continue
        for span, count in (("y", 12), ("q", 3), ("m", 1)):
            first = rollup.span_of(span, month)[0]
            covered = [dt.date(month.year, month.month + n, 1) for n in range(count) if month.month + n <= 12]
            if first == month and len(covered) == count and taken.issuperset(covered):
                units[span].append(month)
                taken.difference_update(covered)
                break
    return units


def _rolled_query(plan: _Plan) -> QuerySet[Any]:
    """The roll-up rows of the plan's figures, and the month rows of the series."""
    part = plan.part
    units = _units(plan.months)
    when = Q(span="y", day__in=units["y"]) | Q(span="q", day__in=units["q"]) | Q(span="m", day__in=units["m"])
    series = Q(span="m", day__in=plan.series_months) & _totals(part)  # the totals' month rows only
    if part.dim is None:
        when |= Q(span="d") & _day_runs(plan.days + plan.minus)
        return DailyFigures.objects.filter(Q(when, dim__in=list(rollup.SINGLE)) | series)
    keys = list(part.keys)
    firsts = [pair for pair in rollup.PAIRS if pair[0] == part.dim]
    seconds = [pair for pair in rollup.PAIRS if pair[1] == part.dim]
    which = Q(dim=part.dim, key__in=keys) | Q(dim__in=firsts, key__in=keys) | Q(dim__in=seconds, key2__in=keys)
    return DailyFigures.objects.filter(Q(when, which) | series)


def _totals(part: _Slice) -> Q:
    """The roll-up rows of a view's totals: the whole city's, or those of the slice's keys."""
    return Q(dim="t") if part.dim is None else Q(dim=part.dim, key__in=list(part.keys))


def _rolled_sums(plan: _Plan) -> list[tuple[Any, ...]]:
    """The plan's roll-up rows summed in SQL per (dim, key, key2) and sign (-1: the whole city's
    day rows taken away from their month), their histograms one after the other; the month rows
    of the totals that give the series apart (their month)."""
    totals = _totals(plan.part)
    # -1: a day row taken away from its month; 0: a month row read for the series only (its figures
    # come from its quarter's or year's row).
    whole_months = _units(plan.months)["m"]
    only_series = Q(span="m") & ~Q(day__in=whole_months) if whole_months else Q(span="m")
    signs = [When(only_series, then=Value(0))]
    if plan.minus:
        signs.append(When(Q(span="d") & _day_runs(plan.minus), then=Value(-1)))
    sign = Case(*signs, default=Value(1))
    month = Case(When(totals & Q(span="m", day__in=plan.series_months), then=F("day")), default=None)
    figures = {f"cell_{name}": Sum(name) for name in (*rollup.FIGURES, "answered_that_day")}
    names = ["dim", "key", "key2", "cell_sign", "cell_month", *figures, "cell_histogram"]
    query = (
        _rolled_query(plan)
        .annotate(cell_sign=sign, cell_month=month)
        .values("dim", "key", "key2", "cell_sign", "cell_month")
        .annotate(**figures, cell_histogram=rollup.ConcatBytes("histogram"))
        .order_by()
    )
    return rollup.tuples(query, names)


def _overview_rolled(visible: set[int] | None, filters: Filters, plan: _Plan, *, now: dt.datetime) -> Overview:
    """The overview from the roll-up's rows and, for the other days, the questions (the same sums
    per bucket, in SQL), merged per group (rollup.Merged)."""
    part, merged = plan.part, rollup.Merged()
    by_day: dict[dt.date, list[int]] = {}
    for dim, key, key2, sign, month, *figures, answered, histogram in _rolled_sums(plan):
        targets = _targets(part, dim, key, key2)
        for target in targets if sign else ():
            merged.add(target, sign, figures, histogram)
        if month is not None:  # the month rows of the totals, for the series
            counts = by_day.setdefault(rollup.as_date(month), [0, 0])
            counts[0] += figures[0] or 0
            counts[1] += answered or 0
    questions = _narrowed(scope_of(visible), filters)
    minus = plan.minus if part.dim is not None else []  # a slice's days taken away from its months
    if plan.raw or minus:
        taken = When(_within("received_at", rollup.runs(minus)), then=Value(-1)) if minus else None
        rows = questions.filter(_within("received_at", rollup.runs(plan.raw + minus))).annotate(
            cell_bucket=rollup.bucket_expression(),
            cell_sign=Case(taken, default=Value(1)) if taken else Value(1),
        )
        for dim, key, bucket, sign, *figures in _raw_grouped(rows):
            histogram = struct.pack("<2i", bucket, figures[0]) if bucket is not None else b""  # rollup.pack
            merged.add((DIM_GROUPS[dim], key), sign, figures, histogram)
    _series_rows(plan, questions, by_day)
    summed = merged.result()

    def build(group: tuple[str | None, int | None], label: str = "") -> Figures:
        (received, answered, on_time, rated, rating_sum, *_stars), (median, p90) = summed.get(
            group, ([0] * len(rollup.FIGURES), [None, None])
        )
        return Figures(
            received=received, answered=answered, on_time=on_time, rated=rated,
            rating=rating_sum / rated if rated else None, median=median, p90=p90, key=group[1], label=label,
        )  # fmt: skip

    result = Overview(filters=filters, totals=build((None, None)))
    stars = summed.get((None, None), ([0] * len(rollup.FIGURES), []))[0][5:10]
    result.ratings = [{"rating": n + 1, "count": stars[n]} for n in range(5)]
    result.series = _series_from_days(filters, by_day)
    keys: dict[str, list[int]] = {name: [] for name in GROUPS}
    for group, key in summed:
        if group is not None and key is not None and summed[(group, key)][0][0] > 0:
            keys[group].append(key)
    organisations, categories = _both_labels(keys["organisations"] + keys["areas"], keys["categories"])
    labels = {"organisations": organisations, "areas": organisations, "categories": categories}
    for group in GROUPS:
        rows_of = [build((group, key), labels[group].get(key, "")) for key in keys[group]]
        rows_of.sort(key=lambda item: (-item.received, item.label))
        setattr(result, group, rows_of)
    # Two statements: a count beside the list (COUNT(*) OVER ()) would read every overdue row.
    overdue = questions.filter(overdue_q(now))
    result.overdue_count = overdue.count()
    result.overdue = list(overdue.select_related("organisation", "category").order_by("due_at", "pk")[:OVERDUE_LISTED])
    return result


def _both_labels(organisations: list[int], categories: list[int]) -> tuple[dict[int, str], dict[int, str]]:
    """The labels of organisations and of categories in one query."""
    names = ["tag", "pk", "name", "name_en"]
    found: tuple[dict[int, str], dict[int, str]] = ({}, {})
    if not organisations and not categories:
        return found
    query = (
        Organisation.objects.filter(pk__in=organisations)
        .annotate(tag=Value(0))
        .values_list(*names)
        .order_by()
        .union(
            Category.objects.filter(pk__in=categories).annotate(tag=Value(1)).values_list(*names).order_by(), all=True
        )
    )
    english = get_language() == "en"
    for tag, pk, name, name_en in rollup.tuples(query):
        found[tag][pk] = name_en if english and name_en else name
    return found


def _series_rows(plan: _Plan, questions: QuerySet[Inquiry], by_day: dict[dt.date, list[int]]) -> None:
    """Received and answered per day, for the days the month rows do not give: from the day rows
    where the roll-up has them, from the questions for the others."""
    part = plan.part
    if plan.series_days:
        rows = DailyFigures.objects.filter(_day_runs(plan.series_days), span="d", dim=part.dim or "t")
        if part.dim is not None:
            rows = rows.filter(key__in=list(part.keys))
        for day, received_n, answered_n in rollup.tuples(
            rows.values("day").annotate(n=Sum("received"), a=Sum("answered_that_day")).order_by(), ["day", "n", "a"]
        ):
            counts = by_day.setdefault(rollup.as_date(day), [0, 0])
            counts[0] += received_n or 0
            counts[1] += answered_n or 0
    if plan.series_raw:
        zone = local_zone()
        runs = rollup.runs(plan.series_raw)
        per_day = [
            questions.filter(_within(moment, runs))
            .annotate(cell_day=TruncDate(moment, tzinfo=zone), cell_index=Value(index))
            .values("cell_day", "cell_index")
            .annotate(n=Count(moment))
            .order_by()
            for index, moment in enumerate(("received_at", "answered_at"))
        ]
        for day, index, n in rollup.tuples(per_day[0].union(per_day[1], all=True), ["cell_day", "cell_index", "n"]):
            by_day.setdefault(rollup.as_date(day), [0, 0])[index] += n


def _series_from_days(filters: Filters, by_day: dict[dt.date, list[int]]) -> list[dict[str, Any]]:
    counts: dict[dt.date, list[int]] = {}
    for day, (got, answered) in by_day.items():
        if not filters.start <= day <= filters.end:
            continue
        if filters.granularity == "week":
            day -= dt.timedelta(days=day.weekday())
        elif filters.granularity == "month":
            day = day.replace(day=1)
        bucket = counts.setdefault(day, [0, 0])
        bucket[0] += got
        bucket[1] += answered
    return [
        {"bucket": day, "received": counts.get(day, [0, 0])[0], "answered": counts.get(day, [0, 0])[1]}
        for day in buckets(filters)
    ]


# Public statistics -----------------------------------------------------------------------------


def public_by_agency(filters: Filters) -> list[Figures]:
    """Per agency, for the public page: received, answered on time, median time to answer."""
    with sort_memory():
        return _grouped(received(None, filters), "organisation_id", Organisation.objects.all())


# Monthly report --------------------------------------------------------------------------------


def month_filters(organisation_id: int, year: int, month: int) -> Filters:
    start = dt.date(year, month, 1)
    end = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    return Filters(start=start, end=end, organisation=organisation_id, granularity="week")


@dataclass
class MonthlyReport:
    organisation: Organisation
    filters: Filters
    totals: Figures
    overdue_at_end: int
    categories: list[Figures]
    series: list[dict[str, Any]]
    ratings: list[dict[str, int]]


def monthly_report(user: Any, organisation: Organisation, year: int, month: int) -> MonthlyReport:
    """One organisation's month: what it received, answered (on time), how fast, what was still
    overdue at the end of the month, satisfaction and its top categories."""
    filters = month_filters(organisation.pk, year, month)
    visible = visible_organisations(user)
    rows = received(visible, filters)
    _, month_end = filters.bounds()
    overdue_at_end = (
        _narrowed(scope_of(visible), filters)
        .filter(received_at__lt=month_end, due_at__lt=month_end)
        .filter(Q(answered_at__isnull=True) | Q(answered_at__gte=month_end))
        .exclude(state__in=(State.MERGED, State.REJECTED), closed_at__lt=month_end)
        .count()
    )
    return MonthlyReport(
        organisation=organisation,
        filters=filters,
        totals=_build(rows.aggregate(**_figures())),
        overdue_at_end=overdue_at_end,
        categories=_grouped(rows, "category_id", Category.objects.all())[:5],
        series=series(rows, filters, visible),
        ratings=rating_distribution(rows),
    )


def organisations_for(user: Any) -> QuerySet[Organisation]:
    """The organisations this user may pick in the filters and reports."""
    visible = visible_organisations(user)
    organisations = Organisation.objects.all()
    return organisations if visible is None else organisations.filter(pk__in=sorted(visible))


def areas() -> QuerySet[Organisation]:
    return Organisation.objects.filter(kind__in=AREA_KINDS)


def categories() -> QuerySet[Category]:
    return Category.objects.all()
