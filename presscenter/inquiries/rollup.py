"""The roll-up of the accountability dashboard (stats.overview).

What it holds (`DailyFigures`), one row per group and period:

- groups: the whole city (dim t), each organisation, category and area (o, c, a), and, in the
  month, quarter and year rows only, each pair of them (oc, oa, ca: an organisation's questions
  of a category, of an area; a category's of an area);
- periods: every past local day (span d, single dimensions only), every whole past month (m),
  quarter (q) and year (y);
- figures: questions received, answered, answered on time, rated, the sum of their ratings,
  the count per number of stars, the questions answered in the period (the series), and the
  time to answer (`answer_working_seconds`) as a histogram in fixed buckets of working time
  (`TIERS`), packed as (bucket, count) pairs of 32-bit integers (`pack`).

Counts and ratings are exact. The median and p90 are interpolated in the histogram: off by
less than the width of the bucket(s) holding the two values around the percentile's position,
i.e. **less than 15 minutes below 8 working hours, 1 hour below 80 working hours, 8 hours below
800 working hours**, 80 hours above (tests/inquiries/test_stats_rollup.py checks it against the
exact percentile on random data).

What reads it (stats._rollup_plan): the centre's view, an agency's view (its organisations) and
a view filtered on one organisation, one category or one area, which are slices of it: a
category's figures per organisation are the oc rows of that category, an agency's per area the
oa rows of its organisations. A whole clean past month is one row per group (a quarter or year
that the period holds whole, one row); a month the period holds in part is its month row less
the days outside the period when those are fewer, else its days; those days come from the day
rows for the whole city's view, from the questions for a slice (no day rows per pair: at a
city's volume they would be as many as the questions). Today, days not built yet and dirty
days are read from the questions. The rows of a group are summed in SQL, their histograms
concatenated (`ConcatBytes`), then merged and their percentiles found in numpy for every group
at once (`Merged`). A kind filter, or two of organisation, category and area at once, reads the
questions (exact percentile_cont), as does a period the roll-up gives nothing of.

Keeping it right: every change of a question's counted figures through the domain
(`domain._change`) writes `DirtyDay` rows (the day it was received, the days it was answered
before and after) in the same transaction; until the next refresh the dashboard reads those days
from the questions and does not use their month's, quarter's or year's rows, so it is exact at
all times. `refresh()` (the periodic task `rollup_stats_task`, every 5 minutes) rebuilds the
months of the dirty days and the days since its last run from the questions, then their
quarters and years from the month rows; `rebuild()` (command `manage.py rebuild_inquiry_stats`)
rebuilds everything, e.g. after an import that wrote questions without the domain.
"""

import datetime as dt
import functools
import math
import struct
from collections.abc import Iterable
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connection, transaction
from django.db.models import Aggregate, BinaryField, Case, Count, F, IntegerField, Min, Q, QuerySet, Sum, Value, When
from django.db.models.functions import Coalesce, ExtractDay
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


@functools.cache
def _bounds_upto(width: int) -> list[tuple[float, float]]:
    return [bucket_bounds(bucket) for bucket in range(width)]


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


class _SqliteConcat:
    """string_agg(bytea, '') for SQLite."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []

    def step(self, value: bytes | None) -> None:
        if value:
            self.parts.append(value)

    def finalize(self) -> bytes:
        return b"".join(self.parts)


class ConcatBytes(Aggregate):
    """The histograms of a group's rows one after the other (Merged sums equal buckets)."""

    function = "STRING_AGG"
    name = "ConcatBytes"
    output_field = BinaryField()
    template = "%(function)s(%(expressions)s, ''::bytea)"

    def as_sqlite(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:
        connection.ensure_connection()
        connection.connection.create_aggregate("PC_CONCAT_BYTES", 1, _SqliteConcat)
        return self.as_sql(
            compiler, connection, function="PC_CONCAT_BYTES", template="%(function)s(%(expressions)s)", **extra_context
        )


class Merged:
    """Figures and histograms summed per group (any hashable key) from roll-up rows and sums of
    questions, each added (+1) or taken away (-1: a month less the days of it outside the period).
    The histograms are merged and their percentiles found in numpy, all groups at once."""

    def __init__(self) -> None:
        self.ids: dict[Any, int] = {}
        self.owners: list[int] = []
        self.signs: list[int] = []
        self.figures: list[Any] = []
        self.histograms: list[bytes | memoryview] = []

    def add(self, group: Any, sign: int, figures: Iterable[int | None], histogram: bytes | memoryview) -> None:
        owner = self.ids.setdefault(group, len(self.ids))
        self.owners.append(owner)
        self.signs.append(sign)
        self.figures.extend(value or 0 for value in figures)
        self.histograms.append(histogram)

    def result(self, fractions: tuple[float, ...] = (0.5, 0.9)) -> dict[Any, tuple[list[int], list[float | None]]]:
        """Per group: its figures (FIGURES' order) and the percentiles of its histogram."""
        import numpy as np  # noqa: PLC0415 heavy (only the overview needs it)

        groups = len(self.ids)
        if not groups:
            return {}
        owners = np.array(self.owners, dtype=np.int64)
        signs = np.array(self.signs, dtype=np.int64)
        figures = np.array(self.figures, dtype=np.int64).reshape(len(owners), -1) * signs[:, None]
        totals = np.zeros((groups, figures.shape[1]), dtype=np.int64)
        np.add.at(totals, owners, figures)
        lengths = np.array([len(histogram) // 8 for histogram in self.histograms], dtype=np.int64)
        pairs = np.frombuffer(b"".join(self.histograms), dtype="<i4").reshape(-1, 2).astype(np.int64)
        width = int(pairs[:, 0].max()) + 1 if len(pairs) else 1
        cells = np.repeat(owners, lengths) * width + pairs[:, 0]
        weights = np.repeat(signs, lengths) * pairs[:, 1]
        matrix = np.bincount(cells, weights=weights, minlength=groups * width).reshape(groups, width)
        cumulative = matrix.cumsum(axis=1)
        count = cumulative[:, -1]
        bounds = np.array(_bounds_upto(width))
        rows = np.arange(groups)

        def at_rank(rank: Any) -> Any:
            bucket = np.minimum((cumulative <= rank[:, None]).sum(axis=1), width - 1)
            seen = cumulative[rows, bucket] - matrix[rows, bucket]
            held = np.maximum(matrix[rows, bucket], 1)
            lower, upper = bounds[bucket, 0], bounds[bucket, 1]
            return lower + (rank - seen + 0.5) / held * (upper - lower)

        percentiles = []
        for fraction in fractions:
            position = fraction * np.maximum(count - 1, 0)
            low, high = np.floor(position), np.ceil(position)
            value_low = at_rank(low)
            percentiles.append(value_low + (at_rank(high) - value_low) * (position - low))
        result = {}
        for group, owner in self.ids.items():
            found = [float(values[owner]) if count[owner] > 0 else None for values in percentiles]
            result[group] = ([int(value) for value in totals[owner]], found)
        return result


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


# The dimensions: the whole city (t), one organisation, category or area (o, c, a), the field of
# the question each groups by; and the pairs (month rows only): the agency's and the filtered
# views are slices of them (an organisation's questions per category, a category's per area...).
SINGLE: dict[str, str | None] = {"t": None, "o": "organisation_id", "c": "category_id", "a": "area_id"}
PAIRS: dict[str, tuple[str, str]] = {
    "oc": ("organisation_id", "category_id"),
    "oa": ("organisation_id", "area_id"),
    "ca": ("category_id", "area_id"),
}
FIGURES = ("received", "answered", "on_time", "rated", "rating_sum", "stars_1", "stars_2", "stars_3", "stars_4",
           "stars_5")  # fmt: skip
COLUMNS = ("day", "span", "dim", "key", "key2", *FIGURES, "answered_that_day", "histogram")


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


def pack(histogram: dict[int, int]) -> bytes:
    """A histogram as stored: its (bucket, count) pairs by bucket, little-endian 32-bit integers."""
    flat = [value for bucket in sorted(histogram) if histogram[bucket] for value in (bucket, histogram[bucket])]
    return struct.pack(f"<{len(flat)}i", *flat)


def unpack(data: bytes | memoryview) -> dict[int, int]:
    values = struct.unpack(f"<{len(data) // 4}i", bytes(data))
    return dict(zip(values[::2], values[1::2], strict=True))


def tuples(query: QuerySet[Any], names: list[str] | None = None) -> list[tuple[Any, ...]]:
    """The rows of a query as plain tuples (the converters of tens of thousands of values cost
    more than the query), its columns in the order of `names` (or as the SQL has them)."""
    try:
        sql, params = query.query.sql_with_params()
    except EmptyResultSet:  # e.g. no row of the roll-up to read: Django would not run it either
        return []
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
        if names is None:
            return rows
        found = [column[0] for column in cursor.description]
    order = [found.index(name) for name in names]
    if order == list(range(len(found))):
        return rows
    return [tuple(row[index] for index in order) for row in rows]


def as_date(value: Any) -> dt.date:
    """A date column read without Django's converters (SQLite gives text)."""
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


class _Cells:
    """Rows of the roll-up being built: figures and histogram per (span, day, dim, key, key2)."""

    def __init__(self) -> None:
        self.rows: dict[tuple[Any, ...], list[Any]] = {}

    def row(self, cell: tuple[Any, ...]) -> list[Any]:
        found = self.rows.get(cell)
        if found is None:
            found = self.rows[cell] = [0] * (len(FIGURES) + 1) + [{}]
        return found

    def cohort(self, span: str, dim: str, query: QuerySet[Any], month: dt.date, *, daily: bool) -> None:
        """Add the sums per bucket of `query`, grouped by the dimension's fields (and the day of
        `month`, when `daily`)."""
        fields = [name for name in (SINGLE.get(dim), *PAIRS.get(dim, ())) if name]
        for name in fields:
            query = query.exclude(**{f"{name}__isnull": True})
        names = [*(["cell_day"] if daily else []), *fields, "cell_bucket"]
        figures_sql = sums(stars=True)
        grouped = query.values(*names).annotate(**figures_sql).order_by()
        heads = len(names) - 1
        days = {n: month.replace(day=n) for n in range(1, 32) if n <= month_of(month)[1].day}
        for values in tuples(grouped, [*names, *figures_sql]):
            keys = [*values[int(daily) : heads], None, None]
            row = self.row((days[int(values[0])] if daily else month, span, dim, keys[0], keys[1]))
            figures = values[heads + 1 :]
            for index, value in enumerate(figures):
                row[index] += value
            bucket = values[heads]
            if bucket is not None:
                row[-1][bucket] = figures[0]

    def answered(self, span: str, dim: str, query: QuerySet[Any], month: dt.date, *, daily: bool) -> None:
        """Add the questions of `query` answered per day of `month` (`daily`) or in it."""
        field = SINGLE[dim]
        if field:
            query = query.exclude(**{f"{field}__isnull": True})
        names = [*(["cell_day"] if daily else []), *([field] if field else [])]
        grouped = query.values(*names).annotate(cell_n=Count("answered_at")).order_by()
        for values in tuples(grouped, [*names, "cell_n"]):
            key = values[-2] if field else None
            self.row((month.replace(day=int(values[0])) if daily else month, span, dim, key, None))[len(FIGURES)] += (
                values[-1]
            )

    def store(self) -> int:
        return _store([(*cell, *row[:-1], pack(row[-1])) for cell, row in self.rows.items()])


def _store(rows: list[tuple[Any, ...]]) -> int:
    """Write roll-up rows (COLUMNS' order): COPY on PostgreSQL."""
    if connection.vendor == "postgresql":
        table = DailyFigures._meta.db_table
        sql = f"COPY {table} ({', '.join(COLUMNS)}) FROM STDIN"
        with connection.cursor() as cursor, cursor.connection.cursor() as pg, pg.copy(sql) as copy:
            for row in rows:
                copy.write_row(row)
    else:
        DailyFigures.objects.bulk_create(
            [DailyFigures(**dict(zip(COLUMNS, row, strict=True))) for row in rows], batch_size=2000
        )
    return len(rows)


def merge_each(histograms: list[bytes | memoryview]) -> list[bytes]:
    """Each of several concatenated histograms with its equal buckets summed (pack's form)."""
    import numpy as np  # noqa: PLC0415 heavy

    lengths = np.array([len(histogram) // 8 for histogram in histograms], dtype=np.int64)
    pairs = np.frombuffer(b"".join(histograms), dtype="<i4").reshape(-1, 2).astype(np.int64)
    if not len(pairs):
        return [b""] * len(histograms)
    width = int(pairs[:, 0].max()) + 1
    cells = np.repeat(np.arange(len(histograms)), lengths) * width + pairs[:, 0]
    found, where = np.unique(cells, return_inverse=True)
    counts = np.bincount(where, weights=pairs[:, 1]).astype(np.int64)
    flat = np.stack([found % width, counts], axis=1).astype("<i4")
    keep = flat[:, 1] != 0
    flat, owners = flat[keep], (found // width)[keep]
    edges = np.searchsorted(owners, np.arange(len(histograms) + 1))
    data = flat.tobytes()
    return [data[edges[n] * 8 : edges[n + 1] * 8] for n in range(len(histograms))]


def _build_month(first: dt.date, yesterday: dt.date) -> None:
    """The roll-up of the month starting `first` (in the caller's transaction): its day rows up
    to yesterday; its month rows once the month is over."""
    _, last = month_of(first)
    built_last = min(last, yesterday)
    DailyFigures.objects.filter(span="d", day__gte=first, day__lte=last).delete()
    DailyFigures.objects.filter(span="m", day=first).delete()
    zone = _zone()
    start, end = _bounds(first, built_last)
    received: QuerySet[Any] = Inquiry.objects.filter(received_at__gte=start, received_at__lt=end).annotate(
        cell_bucket=bucket_expression()
    )
    answered: QuerySet[Any] = Inquiry.objects.filter(answered_at__gte=start, answered_at__lt=end)
    cells = _Cells()
    for dim in SINGLE:
        cells.cohort("d", dim, received.annotate(cell_day=ExtractDay("received_at", tzinfo=zone)), first, daily=True)
        cells.answered("d", dim, answered.annotate(cell_day=ExtractDay("answered_at", tzinfo=zone)), first, daily=True)
    if last <= yesterday:
        for dim in (*SINGLE, *PAIRS):
            cells.cohort("m", dim, received, first, daily=False)
        for dim in SINGLE:
            cells.answered("m", dim, answered, first, daily=False)
    cells.store()


def span_of(span: str, day: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last day of the month (m), quarter (q) or year (y) holding `day`."""
    if span == "m":
        return month_of(day)
    if span == "q":
        first = day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)
        return first, month_of(first.replace(month=first.month + 2))[1]
    return day.replace(month=1, day=1), day.replace(month=12, day=31)


def _build_span(span: str, first: dt.date, yesterday: dt.date) -> None:
    """The quarter (q) or year (y) rows starting `first`, once it is over: its month rows summed
    per group (histograms merged), so that a long period reads fewer rows."""
    _, last = span_of(span, first)
    DailyFigures.objects.filter(span=span, day=first).delete()
    if last > yesterday:
        return
    figures = {f"cell_{name}": Sum(name) for name in FIGURES}
    names = ["dim", "key", "key2", *figures, "cell_histogram"]
    query = (
        DailyFigures.objects.filter(span="m", day__gte=first, day__lte=last)
        .values("dim", "key", "key2")
        .annotate(**figures, cell_histogram=ConcatBytes("histogram"))
        .order_by()
    )
    rows = tuples(query, names)
    histograms = merge_each([row[-1] for row in rows])
    _store([(first, span, *row[:-1], 0, histogram) for row, histogram in zip(rows, histograms, strict=True)])


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
    for span, first_day in sorted({(span, span_of(span, month)[0]) for month in months for span in ("q", "y")}):
        _build_span(span, first_day, yesterday)
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
