"""Accountability figures for questions and feedback: volume, on-time rate, time to answer,
overdue questions and satisfaction, per organisation, category, area and period.

Every figure is an SQL aggregate (a handful of GROUP BY queries, never a loop over rows or over
organisations). Time to answer is `Inquiry.answer_working_seconds`: the working time from
routing (or receipt, when never routed) to the answer, less the time spent waiting for the
asker, set by `domain.approve_answer`. Medians and p90 are `percentile_cont` on PostgreSQL; on
SQLite (development, tests) the same aggregate is registered on the connection.

Who sees what: the centre's staff everything; an agency's staff their own organisation and the
organisations below it in the tree (`scope`).
"""

import datetime as dt
import math
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Aggregate, Avg, Count, FloatField, Q, QuerySet
from django.db.models.functions import TruncDay, TruncMonth, TruncWeek
from django.utils import timezone
from django.utils.translation import get_language

from presscenter.accounts import roles
from presscenter.inquiries.models import FINAL_STATES, OPEN_STATES, Category, Inquiry, State
from presscenter.orgs.models import AREA_KINDS, Organisation

GRANULARITIES = {"day": TruncDay, "week": TruncWeek, "month": TruncMonth}
DEFAULT_DAYS = 30
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


def overview(user: Any, filters: Filters, *, now: dt.datetime | None = None) -> Overview:
    """Everything the dashboard's overview shows, in a fixed number of queries (11, whatever the
    number of organisations or questions: 8 read the questions, 3 the names of what they are
    grouped by), in one transaction on PostgreSQL (one more statement sets its sort memory)."""
    with sort_memory():
        return _overview(user, filters, now=now)


def _overview(user: Any, filters: Filters, *, now: dt.datetime | None = None) -> Overview:
    now = now or timezone.now()
    visible = visible_organisations(user)  # 1 query for an agency's subtree, none for the centre
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
