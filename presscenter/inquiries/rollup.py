"""The roll-up of the accountability dashboard (stats.overview) for long periods.

What it holds (`DailyFigures`): for every past whole local month, one row per dimension value
and time-to-answer bucket, for four dimensions: the whole city (t), each organisation (o), each
category (c), each area (a): the month's questions received, answered, answered on time, rated,
the sum of their ratings and the count per number of stars. And for every past local day, the
questions received and answered that day (the series). Counts and ratings are exact. Time to
answer (`answer_working_seconds`) is kept as a histogram in fixed buckets of working time
(`TIERS`), from which the median and p90 are interpolated: the estimate is off by less than the
width of the bucket(s) holding the two values around the percentile's position, i.e. **less
than 15 minutes below 8 working hours, 1 hour below 80 working hours, 8 hours below 800 working
hours**, 80 hours above (tests/inquiries/test_stats_rollup.py checks it against the exact
percentile on random data).

Why months and marginals, not days × (organisation, category, area, kind): at a city's volume
(1,000,000 questions in two years, ~300 organisations, 20 categories, 240 areas) nearly every
question of a day has its own (organisation, category, area, kind, bucket): such a daily
roll-up is as big as the questions (measured: 1.9 million rows, slower than the questions).
Per month and per single dimension it is ~27,000 rows a month.

What reads it: the centre's overview of every organisation without filters, for the whole past
months of the period; the other days of the period (the month it starts in, if not whole, this
month, today) and the months with a dirty day are read from the questions with the same sums
per bucket. Narrower views (an agency's organisations, an organisation, category, area or kind
filter) read the questions, as do periods without a whole past month (the default 30 days): those
keep the exact percentile_cont.

Keeping it right: every change of a question's counted figures through the domain
(`domain._change`) writes `DirtyDay` rows (the day it was received, the days it was answered
before and after) in the same transaction; until the next refresh the dashboard reads their
months from the questions, so it is exact at all times. `refresh()` (the periodic task
`rollup_stats_task`, every 5 minutes) rebuilds the months of the dirty days and the days since
its last run from the questions; `rebuild()` (command `manage.py rebuild_inquiry_stats`)
rebuilds everything, e.g. after an import that wrote questions without the domain.
"""

import datetime as dt
import math
from collections.abc import Iterable
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Case, Count, F, IntegerField, Min, Q, QuerySet, Sum, Value, When
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from presscenter.inquiries.models import DailyFigures, DirtyDay, Inquiry, RollupState

HOUR = 3600
# (upper limit in working seconds, bucket width): 15 minutes below 8 hours, 1 hour below 80,
# 8 hours below 800, then 80 hours.
TIERS: tuple[tuple[float, int], ...] = (
    (8 * HOUR, 900),
    (80 * HOUR, HOUR),
    (800 * HOUR, 8 * HOUR),
    (math.inf, 80 * HOUR),
)
# Fields of a question that the roll-up counts: a change of one of them makes its days dirty.
COUNTED = ("kind", "category_id", "area_id", "organisation_id", "answered_at", "answered_on_time",
           "answer_working_seconds", "rating")  # fmt: skip


def _tiers() -> list[tuple[int, float, float, int]]:
    """(first bucket, lower limit, upper limit, width) of each tier."""
    result, first, lower = [], 0, 0.0
    for upper, width in TIERS:
        result.append((first, lower, upper, width))
        if math.isfinite(upper):
            first += int((upper - lower) // width)
        lower = upper
    return result


def bucket_of(seconds: int | None) -> int | None:
    if seconds is None:
        return None
    for first, lower, upper, width in _tiers():
        if seconds < upper:
            return first + int((seconds - lower) // width)
    raise AssertionError("the last tier is unbounded")


def bucket_bounds(bucket: int) -> tuple[float, float]:
    for first, lower, _upper, width in reversed(_tiers()):
        if bucket >= first:
            low = lower + (bucket - first) * width
            return low, low + width
    raise ValueError(bucket)


def bucket_expression() -> Case:
    """bucket_of() in SQL (integer division of an integer column, PostgreSQL and SQLite)."""
    seconds = F("answer_working_seconds")
    whens = []
    for first, lower, upper, width in _tiers():
        value = (seconds - Value(int(lower))) / Value(width) + Value(first)
        if math.isfinite(upper):
            whens.append(When(answer_working_seconds__lt=int(upper), then=value))
        else:
            whens.append(When(answer_working_seconds__isnull=False, then=value))
    return Case(*whens, default=None, output_field=IntegerField())


def histogram_percentile(histogram: dict[int, int], fraction: float) -> float | None:
    """percentile_cont over a histogram: the values at the two ranks around the position, each
    placed evenly within its bucket, then interpolated as percentile_cont does."""
    total = sum(histogram.values())
    if not total:
        return None
    position = fraction * (total - 1)
    low, high = math.floor(position), math.ceil(position)
    ordered = sorted((bucket, count) for bucket, count in histogram.items() if count)

    def at_rank(rank: int) -> float:
        seen = 0
        for bucket, count in ordered:
            if rank < seen + count:
                lower, upper = bucket_bounds(bucket)
                return lower + (rank - seen + 0.5) / count * (upper - lower)
            seen += count
        raise AssertionError("rank beyond the histogram")

    value_low = at_rank(low)
    return value_low + (at_rank(high) - value_low) * (position - low) if high != low else value_low


# Keeping it right ------------------------------------------------------------------------------


def counted(inquiry: Inquiry) -> tuple[Any, ...]:
    return tuple(getattr(inquiry, name) for name in COUNTED)


def _zone() -> ZoneInfo:
    """The site's zone (settings.TIME_ZONE), whatever zone a request has activated: the
    dashboard's days (stats.local_zone)."""
    return ZoneInfo(settings.TIME_ZONE)


def _day(moment: dt.datetime) -> dt.date:
    return timezone.localtime(moment, _zone()).date()


def touched(inquiry: Inquiry, before: tuple[Any, ...]) -> None:
    """Called by the domain after a change, in its transaction: when a counted figure changed,
    the day the question was received and its answer days (before and after) are dirty."""
    if counted(inquiry) == before:
        return
    days = {_day(inquiry.received_at)}
    old_answered = before[COUNTED.index("answered_at")]
    for moment in (old_answered, inquiry.answered_at):
        if moment is not None:
            days.add(_day(moment))
    DirtyDay.objects.bulk_create([DirtyDay(day=day) for day in sorted(days)])


def _bounds(first: dt.date, last: dt.date) -> tuple[dt.datetime, dt.datetime]:
    zone = _zone()
    start = dt.datetime.combine(first, dt.time.min, zone)
    return start, dt.datetime.combine(last + dt.timedelta(days=1), dt.time.min, zone)


def month_of(day: dt.date) -> tuple[dt.date, dt.date]:
    first = day.replace(day=1)
    return first, (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)


# The month rows' dimensions: the field of the question each groups by (None: the whole city).
DIMS = {"t": None, "o": "organisation_id", "c": "category_id", "a": "area_id"}
COLUMNS = ("day", "span", "dim", "key", "bucket", "received", "answered", "on_time", "rated", "rating_sum",
           "stars_1", "stars_2", "stars_3", "stars_4", "stars_5", "answered_that_day")  # fmt: skip


def sums(*, stars: bool = False) -> dict[str, Any]:
    """The counted figures of a group of questions (SQL aggregates)."""
    figures: dict[str, Any] = {
        "cell_received": Count("received_at"),
        "cell_answered": Count("answered_at"),
        "cell_on_time": Count("received_at", filter=Q(answered_on_time=True)),
        "cell_rated": Count("rating"),
        "cell_rating_sum": Coalesce(Sum("rating"), 0),
    }
    if stars:
        figures.update({f"cell_stars_{n}": Count("received_at", filter=Q(rating=n)) for n in range(1, 6)})
    return figures


def _insert(query: QuerySet[Any], selected: list[str], params: list[Any]) -> None:
    """INSERT INTO the roll-up SELECT `selected` (aliases of the query, or placeholders of
    `params`) FROM it."""
    sql, query_params = query.query.sql_with_params()
    table = DailyFigures._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            # Our own table, columns and aliases; the values are parameters.
            f"INSERT INTO {table} ({', '.join(COLUMNS)}) SELECT {', '.join(selected)} FROM ({sql}) cells",  # noqa: S608
            [*params, *query_params],
        )


def _build_month(first: dt.date, yesterday: dt.date) -> None:
    """The roll-up of the month starting `first` (in the caller's transaction): its day rows up
    to yesterday; its month rows once the month is over."""
    _, last = month_of(first)
    built_last = min(last, yesterday)
    DailyFigures.objects.filter(span="d", day__gte=first, day__lte=last).delete()
    DailyFigures.objects.filter(span="m", day=first).delete()
    zone = _zone()
    start, end = _bounds(first, built_last)
    for moment, column in (("received_at", "received"), ("answered_at", "answered_that_day")):
        per_day = (
            Inquiry.objects.filter(**{f"{moment}__gte": start, f"{moment}__lt": end})
            .annotate(cell_day=TruncDate(moment, tzinfo=zone))
            .values("cell_day")
            .annotate(cell_n=Count(moment))
            .order_by()
        )
        selected = ["cell_day", "%s", "%s", "NULL", "NULL"] + [
            "cell_n" if name == column else "0" for name in COLUMNS[5:]
        ]  # fmt: skip
        _insert(per_day, selected, ["d", "s"])
    if last > yesterday:
        return
    month: QuerySet[Any] = Inquiry.objects.filter(received_at__gte=start, received_at__lt=end).annotate(
        cell_bucket=bucket_expression()
    )
    for dim, field in DIMS.items():
        grouped = month.values(*([field] if field else []), "cell_bucket").annotate(**sums(stars=True))
        selected = ["%s", "%s", "%s", field or "NULL", "cell_bucket"] + [
            f"cell_{name}" for name in COLUMNS[5:-1]
        ] + ["0"]  # fmt: skip
        _insert(grouped.order_by(), selected, [first, "m", dim])


def runs(days: Iterable[dt.date]) -> list[tuple[dt.date, dt.date]]:
    """Consecutive days as (first, last) runs."""
    result: list[tuple[dt.date, dt.date]] = []
    for day in sorted(set(days)):
        if result and result[-1][1] + dt.timedelta(days=1) == day:
            result[-1] = (result[-1][0], day)
        else:
            result.append((day, day))
    return result


def _months(days: Iterable[dt.date]) -> list[dt.date]:
    return sorted({day.replace(day=1) for day in days})


@transaction.atomic
def refresh(today: dt.date | None = None) -> int:
    """Rebuild the months of the dirty past days and of the days not built yet, up to yesterday.
    Returns how many months were rebuilt. Runs alone (the state's row is locked); the dirty
    marks it removes are those it read, so a change committed meanwhile is rebuilt on the next
    run."""
    today = today or _day(timezone.now())
    yesterday = today - dt.timedelta(days=1)
    RollupState.objects.get_or_create(pk=1)
    state = RollupState.objects.select_for_update().get(pk=1)
    marks = list(DirtyDay.objects.filter(day__lt=today).values_list("pk", "day"))
    days = {day for _, day in marks if state.built_through is not None and day <= state.built_through}
    if state.built_through is None:
        earliest = Inquiry.objects.aggregate(first=Min("received_at"))["first"]
        first = _day(earliest) if earliest is not None else today
    else:
        first = state.built_through + dt.timedelta(days=1)
    if first <= yesterday:
        days.update({first, yesterday})
        days.update(month.replace(day=1) for month in _month_starts(first, yesterday))
    months = _months(days)
    for month in months:
        _build_month(month, yesterday)
    DirtyDay.objects.filter(pk__in=[pk for pk, _ in marks]).delete()
    if state.built_through is None or state.built_through < yesterday:
        state.built_through = yesterday
        state.save(update_fields=["built_through"])
    return len(months)


def _month_starts(first: dt.date, last: dt.date) -> list[dt.date]:
    months, month = [], first.replace(day=1)
    while month <= last:
        months.append(month)
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return months


@transaction.atomic
def rebuild(today: dt.date | None = None) -> int:
    """Everything again from the questions."""
    RollupState.objects.get_or_create(pk=1)
    RollupState.objects.select_for_update().filter(pk=1).update(built_through=None)
    DailyFigures.objects.all().delete()
    return refresh(today)
