"""The dashboard's daily roll-up: the same figures as the questions themselves (counts, on time,
ratings, series exactly; median and p90 from its histogram, within the documented bound), for
several filters, periods and users; kept right by the domain's dirty days and the refresh."""

import datetime as dt
import math
import random
from collections import Counter

import pytest
from django.core.management import call_command
from django.db.models import Sum
from django.utils import timezone

from presscenter.accounts.models import Role
from presscenter.core import clock
from presscenter.inquiries import domain, rollup, stats
from presscenter.inquiries.models import Category, DailyFigures, DirtyDay, Inquiry, RollupState, State
from presscenter.inquiries.tasks import rollup_stats_task
from presscenter.orgs.models import Kind
from tests import factories

pytestmark = pytest.mark.django_db
HOUR = 3600


def exact_percentile(values, fraction):
    return stats.percentile(sorted(values), fraction)


def bound(values, fraction):
    """The documented bound: the width of the bucket(s) of the two values around the position."""
    ordered = sorted(values)
    position = fraction * (len(ordered) - 1)
    widths = []
    for rank in {math.floor(position), math.ceil(position)}:
        low, high = rollup.bucket_bounds(rollup.bucket_of(ordered[rank]))
        widths.append(high - low)
    return max(widths)


def test_buckets_tile_the_working_time_without_gaps():
    previous_high = 0.0
    for bucket in range(400):
        low, high = rollup.bucket_bounds(bucket)
        assert low == previous_high and high > low
        previous_high = high
    for seconds in (0, 899, 900, 8 * HOUR - 1, 8 * HOUR, 80 * HOUR, 800 * HOUR - 1, 800 * HOUR, 5000 * HOUR):
        low, high = rollup.bucket_bounds(rollup.bucket_of(seconds))
        assert low <= seconds < high
    assert (
        rollup.bucket_bounds(rollup.bucket_of(3 * HOUR))[1] - rollup.bucket_bounds(rollup.bucket_of(3 * HOUR))[0] == 900
    )
    assert rollup.histogram_percentile({}, 0.5) is None


@pytest.mark.parametrize("seed", range(20))
def test_the_histogram_percentile_is_within_the_documented_bound_of_the_exact_one(seed):
    rng = random.Random(seed)
    n = rng.choice([1, 2, 3, 10, 101, 1000])
    spread = rng.choice([0.3, 0.8, 1.5])
    values = [
        int(min(rng.lognormvariate(math.log(rng.choice([2, 27, 200]) * HOUR), spread), 3000 * HOUR)) for _ in range(n)
    ]
    histogram: dict[int, int] = {}
    for value in values:
        histogram[rollup.bucket_of(value)] = histogram.get(rollup.bucket_of(value), 0) + 1
    for fraction in (0.5, 0.9):
        estimate = rollup.histogram_percentile(histogram, fraction)
        exact = exact_percentile(values, fraction)
        assert abs(estimate - exact) < bound(values, fraction)
        if exact < 8 * HOUR and max(values) < 8 * HOUR:
            assert abs(estimate - exact) < 15 * 60


@pytest.mark.parametrize("seed", range(10))
def test_merged_histograms_give_the_percentiles_of_the_sum_less_what_is_taken_away(seed):
    rng = random.Random(seed)
    merged = rollup.Merged()
    expected_figures, expected_histograms = {}, {}
    for group in range(rng.randint(1, 12)):
        values = [
            int(rng.lognormvariate(math.log(rng.choice([2, 27, 300]) * HOUR), 1.0)) for _ in range(rng.randint(0, 60))
        ]
        kept = rng.randint(0, len(values))
        whole, removed = (
            Counter(rollup.bucket_of(v) for v in values),
            Counter(rollup.bucket_of(v) for v in values[kept:]),
        )
        figures = [rng.randint(0, 50) for _ in rollup.FIGURES]
        taken = [rng.randint(0, value) for value in figures]
        merged.add(group, 1, figures, rollup.pack(dict(whole)))
        merged.add(group, -1, taken, rollup.pack(dict(removed)))
        net = dict(whole - removed)
        expected_figures[group] = [a - b for a, b in zip(figures, taken, strict=True)]
        expected_histograms[group] = net
    result = merged.result()
    for group, (figures, (median, p90)) in result.items():
        assert figures == expected_figures[group]
        want = [rollup.histogram_percentile(expected_histograms[group], f) for f in (0.5, 0.9)]
        assert [median, p90] == [pytest.approx(value) if value is not None else None for value in want]
    assert rollup.unpack(rollup.pack({3: 2, 0: 1, 7: 0})) == {0: 1, 3: 2}


def test_the_sql_buckets_are_the_python_buckets():
    org = factories.organisation(name="Sở Xây dựng")
    seconds = [
        0,
        1,
        899,
        900,
        8 * HOUR - 1,
        8 * HOUR,
        79 * HOUR + 59 * 60,
        80 * HOUR,
        800 * HOUR - 1,
        800 * HOUR,
        4321 * HOUR,
    ]
    received = timezone.now() - dt.timedelta(days=45)
    for value in seconds:
        factories.counted_inquiry(
            org, received, answered_at=received, answered_on_time=True, answer_working_seconds=value
        )
    rollup.rebuild(timezone.localdate(received) + dt.timedelta(days=40))  # its month is over
    (stored,) = DailyFigures.objects.filter(dim="t", span="m").values_list("histogram", flat=True)
    assert rollup.unpack(stored) == Counter(rollup.bucket_of(value) for value in seconds)
    (day,) = DailyFigures.objects.filter(dim="t", span="d", received__gt=0).values_list("histogram", flat=True)
    assert rollup.unpack(day) == rollup.unpack(stored)


@pytest.fixture
def world():
    """Agency A with a ward A1 below it, agency C, two categories, two areas and 160 random
    questions over 100 days (answered or not, on time or late, rated or not), some today."""

    class World:
        a = factories.organisation(name="Sở Giao thông")
        a1 = factories.organisation(kind=Kind.WARD, name="Phường Hàng Bông", parent=a)
        c = factories.organisation(name="Sở Y tế")
        wards = [factories.organisation(kind=Kind.WARD, name=f"Phường số {i}") for i in range(2)]
        categories = [Category.objects.create(code=f"linh-vuc-{i}", name=f"Lĩnh vực {i}") for i in range(2)]
        operator = factories.user(Role.CENTER_OPERATOR)
        editor_a = factories.user(Role.EDITOR, a)

    w = World
    rng = random.Random(11)
    now = timezone.now()
    for i in range(160):
        received = now - dt.timedelta(days=rng.uniform(0, 100)) if i >= 10 else now - dt.timedelta(minutes=i)
        figures = {"category": rng.choice([*w.categories, None]), "area": rng.choice([*w.wards, None])}
        figures["kind"] = rng.choice(["petition", "feedback"])
        answered = received + dt.timedelta(days=rng.uniform(0, 12))
        if answered < now and rng.random() < 0.8:
            figures.update(
                answered_at=answered, answered_on_time=rng.random() < 0.7, rating=rng.choice([None, 1, 3, 4, 5]),
                answer_working_seconds=int(rng.lognormvariate(math.log(20 * HOUR), 1.0)),
            )  # fmt: skip
        factories.counted_inquiry(rng.choice([w.a, w.a1, w.c]), received, **figures)
    return w


def expected(user, filters):
    """The figures from the questions: the old exact path, with the percentiles the histogram
    gives over the same questions."""
    raw = stats.overview(user, filters, rolled=False)
    rows = stats.received(stats.visible_organisations(user), filters)

    def percentiles(queryset):
        histogram: dict[int, int] = {}
        for seconds in queryset.exclude(answer_working_seconds=None).values_list("answer_working_seconds", flat=True):
            histogram[rollup.bucket_of(seconds)] = histogram.get(rollup.bucket_of(seconds), 0) + 1
        return rollup.histogram_percentile(histogram, 0.5), rollup.histogram_percentile(histogram, 0.9)

    return raw, rows, percentiles


def assert_same(user, filters):
    rolled = stats.overview(user, filters)
    # The centre's view, an agency's and one filter on an organisation, a category or an area read
    # the roll-up; a kind or two filters at once read the questions.
    from_rollup = stats._rollup_plan(filters, timezone.localdate(), stats.visible_organisations(user)) is not None
    if from_rollup:
        narrowing = [name for name in ("organisation", "category", "area", "kind") if getattr(filters, name)]
        assert "kind" not in narrowing
        assert len(narrowing) <= 1 if user.role == Role.CENTER_OPERATOR else set(narrowing) <= {"organisation"}
    raw, rows, percentiles = expected(user, filters)

    def same(got, want, queryset):
        assert (got.key, got.received, got.answered, got.on_time, got.rated) == (
            want.key, want.received, want.answered, want.on_time, want.rated,
        )  # fmt: skip
        assert got.rating == (pytest.approx(want.rating) if want.rating is not None else None)
        median, p90 = percentiles(queryset) if from_rollup else (want.median, want.p90)
        assert (got.median, got.p90) == (pytest.approx(median), pytest.approx(p90))
        if want.median is not None:  # and within the bound of the exact percentile_cont
            values = list(
                queryset.exclude(answer_working_seconds=None).values_list("answer_working_seconds", flat=True)
            )
            assert abs(got.median - want.median) < bound(values, 0.5)
            assert abs(got.p90 - want.p90) < bound(values, 0.9)

    same(rolled.totals, raw.totals, rows)
    for group, key in (("organisations", "organisation_id"), ("categories", "category_id"), ("areas", "area_id")):
        got, want = getattr(rolled, group), getattr(raw, group)
        assert [row.key for row in got] == [row.key for row in want]
        assert [row.label for row in got] == [row.label for row in want]
        for got_row, want_row in zip(got, want, strict=True):
            same(got_row, want_row, rows.filter(**{key: got_row.key}))
    assert rolled.series == raw.series
    assert rolled.ratings == raw.ratings
    assert rolled.overdue_count == raw.overdue_count
    return rolled


def periods():
    today = timezone.localdate()
    last_month = today.replace(day=1) - dt.timedelta(days=1)
    month_before = last_month.replace(day=1) - dt.timedelta(days=1)
    return [
        stats.Filters.default(today),
        stats.Filters.default(today, start=today - dt.timedelta(days=99)),
        stats.Filters(start=today - dt.timedelta(days=60), end=today - dt.timedelta(days=20), granularity="day"),
        stats.Filters(start=last_month.replace(day=1), end=last_month, granularity="day"),  # a whole month
        stats.Filters(start=today - dt.timedelta(days=95), end=last_month, granularity="week"),
        # Two months less a few days at each end: month rows less day rows (or questions).
        stats.Filters(start=month_before.replace(day=3), end=last_month.replace(day=27), granularity="month"),
        # Two half months: no month row at all (the centre's days from the day rows).
        stats.Filters(start=month_before.replace(day=17), end=last_month.replace(day=15), granularity="day"),
    ]


def test_the_rolled_overview_equals_the_questions_for_every_filter_and_period(world):
    assert rollup.rebuild() >= 4  # months
    assert RollupState.objects.get().built_through == timezone.localdate() - dt.timedelta(days=1)
    assert DailyFigures.objects.exists()
    for filters in periods():
        for user, changes in (
            (world.operator, {}),
            (world.operator, {"organisation": world.a.pk}),
            (world.operator, {"category": world.categories[0].pk}),
            (world.operator, {"area": world.wards[1].pk}),
            (world.operator, {"kind": "feedback"}),
            (world.editor_a, {}),  # the agency: A and the ward below it
            (world.editor_a, {"category": world.categories[1].pk}),
        ):
            rolled = assert_same(user, filters.with_(**changes))
            if user == world.editor_a:
                assert {row.key for row in rolled.organisations} <= {world.a.pk, world.a1.pk}
    today = timezone.localdate()
    for filters in (periods()[1], periods()[3], periods()[4]):  # each holds a whole past month
        assert stats._rollup_plan(filters, today, None) is not None
        assert stats._rollup_plan(filters, today, stats.visible_organisations(world.editor_a)) is not None
        assert stats._rollup_plan(filters.with_(category=world.categories[0].pk), today, None) is not None
        assert stats._rollup_plan(filters.with_(kind="feedback"), today, None) is None
        both = filters.with_(category=world.categories[0].pk, area=world.wards[0].pk)
        assert stats._rollup_plan(both, today, None) is None
    halves = periods()[6]  # no month row: the centre's days from the day rows, a slice's from the questions
    assert stats._rollup_plan(halves, today, None).days
    assert stats._rollup_plan(halves, today, stats.visible_organisations(world.editor_a)) is None
    trimmed = periods()[5]  # month rows less their days outside the period
    assert len(stats._rollup_plan(trimmed, today, None).minus) >= 4
    assert len(stats._rollup_plan(trimmed, today, stats.visible_organisations(world.editor_a)).minus) >= 4
    month = periods()[1].with_(granularity="month")
    assert_same(world.operator, month)
    assert_same(world.operator, month.with_(granularity="week"))


def test_the_rolled_overview_counts_more_than_nothing(world):
    rollup.rebuild()
    overview = assert_same(world.operator, periods()[1])
    assert overview.totals.received > 150 and overview.totals.answered > 50 and overview.totals.median is not None


def test_without_a_roll_up_the_overview_is_the_exact_one(world):
    assert not RollupState.objects.exists()
    filters = periods()[1]
    assert (
        stats.overview(world.operator, filters).totals.median
        == stats.overview(world.operator, filters, rolled=False).totals.median
    )


def test_a_change_through_the_domain_is_counted_at_once_and_rolled_up_on_the_next_run(world):
    rollup.rebuild()
    filters = periods()[1]
    start, end = periods()[3].bounds()  # last month: a whole month of the roll-up
    answered = (
        Inquiry.objects.filter(answered_at__isnull=False, rating=None, received_at__gte=start, received_at__lt=end)
        .order_by("received_at")
        .last()
    )
    Inquiry.objects.filter(pk=answered.pk).update(state=State.ANSWERED)
    answered.refresh_from_db()
    before = stats.overview(world.operator, filters).totals.rated
    domain.rate(None, answered, 5, key=answered.access_key)
    dirty = {timezone.localdate(answered.received_at), timezone.localdate(answered.answered_at)}
    assert set(DirtyDay.objects.values_list("day", flat=True)) == dirty
    # Its month: no month row; the dirty days from the questions, the others from the day rows.
    plan = stats._rollup_plan(periods()[3], timezone.localdate(), None)
    assert not plan.months and set(plan.raw) == dirty and not dirty & set(plan.days)
    slice_plan = stats._rollup_plan(periods()[1], timezone.localdate(), stats.visible_organisations(world.editor_a))
    assert periods()[3].start not in slice_plan.months and dirty <= set(slice_plan.raw)
    assert assert_same(world.operator, filters).totals.rated == before + 1
    # A question moved to another organisation: its received day and answer day are dirty.
    moved = Inquiry.objects.filter(organisation=world.c, answered_at__isnull=False).exclude(pk=answered.pk).first()
    Inquiry.objects.filter(pk=moved.pk).update(state=State.IN_PROGRESS)
    domain.transfer(world.operator, moved, world.a, "Thuộc thẩm quyền của Sở Giao thông")
    assert {timezone.localdate(moved.received_at), timezone.localdate(moved.answered_at)} <= set(
        DirtyDay.objects.values_list("day", flat=True)
    )
    assert_same(world.operator, filters)
    assert_same(world.editor_a, filters)
    rollup.refresh()
    assert not DirtyDay.objects.filter(day__lt=timezone.localdate()).exists()
    assert stats._rollup_plan(periods()[3], timezone.localdate(), None).months == [periods()[3].start]
    assert_same(world.operator, periods()[3])
    assert_same(world.operator, filters)
    assert_same(world.editor_a, filters)


def test_refresh_rolls_up_the_days_since_its_last_run(world):
    today = timezone.localdate()
    rollup.rebuild(today - dt.timedelta(days=30))
    assert RollupState.objects.get().built_through == today - dt.timedelta(days=31)
    assert_same(world.operator, periods()[1])  # the last 30 days from the questions
    assert rollup.refresh() >= 1  # the months of the last 30 days
    assert RollupState.objects.get().built_through == today - dt.timedelta(days=1)
    assert rollup.refresh() == 0
    assert_same(world.operator, periods()[1])
    # Today's questions are never rolled up: a new one is counted at once.
    factories.counted_inquiry(world.c, timezone.now(), category=world.categories[0])
    assert (
        assert_same(world.operator, periods()[0]).totals.received
        == stats.overview(world.operator, periods()[0], rolled=False).totals.received
    )


def test_the_rebuild_command(world, capsys):
    call_command("rebuild_inquiry_stats")
    assert "months rebuilt" in capsys.readouterr().out
    today_start = stats.Filters.default().bounds()[1] - dt.timedelta(days=1)
    assert DailyFigures.objects.filter(dim="t", span="d").aggregate(n=Sum("received"))["n"] == (
        Inquiry.objects.filter(received_at__lt=today_start).count()
    )


def test_the_clock_runs_the_refresh_every_five_minutes(world):
    assert clock.PERIODIC_TASKS["presscenter.inquiries.tasks.rollup_stats_task"] == 300
    rollup_stats_task.call()
    assert RollupState.objects.get().built_through == timezone.localdate() - dt.timedelta(days=1)
    assert DailyFigures.objects.filter(dim="t", span="d").exists()


def test_quarter_and_year_rows_over_two_years_equal_the_questions():
    """Questions over two years: whole years and quarters are read from their own rows, kept
    right when a change in an old month is rolled up."""
    rng = random.Random(5)
    a, c = factories.organisation(name="Sở Tư pháp"), factories.organisation(name="Sở Nội vụ")
    ward = factories.organisation(kind=Kind.WARD, name="Phường Cửa Nam")
    category = Category.objects.create(code="tu-phap", name="Tư pháp")
    operator, editor = factories.user(Role.CENTER_OPERATOR), factories.user(Role.SPOKESPERSON, a)
    now = timezone.now()
    for _ in range(120):
        received = now - dt.timedelta(days=rng.uniform(1, 760))
        figures = {"category": rng.choice([category, None]), "area": rng.choice([ward, None]), "kind": "feedback"}
        if rng.random() < 0.8:
            figures.update(
                answered_at=received + dt.timedelta(days=rng.uniform(0, 1)), answered_on_time=rng.random() < 0.7,
                answer_working_seconds=int(rng.lognormvariate(math.log(30 * HOUR), 1.0)), rating=rng.choice([None, 4]),
            )  # fmt: skip
        factories.counted_inquiry(rng.choice([a, c]), received, **figures)
    rollup.rebuild()
    assert DailyFigures.objects.filter(span="y").exists() and DailyFigures.objects.filter(span="q").exists()
    today = timezone.localdate()
    two_years = stats.Filters.default(today, start=today - dt.timedelta(days=731))
    plan = stats._rollup_plan(two_years, today, None)
    units = stats._units(plan.months)
    assert units["y"] and units["q"] and len(units["m"]) < len(plan.months)
    for user, changes in (
        (operator, {}),
        (editor, {}),
        (operator, {"category": category.pk}),
        (operator, {"area": ward.pk}),
    ):
        assert_same(user, two_years.with_(**changes))
        assert_same(user, two_years.with_(granularity="week", **changes))
    # A question of last year answered again: its year and quarter are read from months until the
    # refresh rebuilds them.
    old = Inquiry.objects.filter(
        received_at__lt=stats.Filters(start=units["y"][0], end=units["y"][0]).bounds()[0] + dt.timedelta(days=300),
        received_at__gte=stats.Filters(start=units["y"][0], end=units["y"][0]).bounds()[0],
        answered_at__isnull=False,
        rating=None,
    ).first()
    Inquiry.objects.filter(pk=old.pk).update(state=State.ANSWERED)
    old.refresh_from_db()
    domain.rate(None, old, 2, key=old.access_key)
    assert units["y"][0] not in stats._units(stats._rollup_plan(two_years, today, None).months)["y"]
    assert assert_same(operator, two_years).ratings[1]["count"] >= 1
    rollup.refresh()
    assert stats._units(stats._rollup_plan(two_years, today, None).months)["y"] == units["y"]
    assert_same(operator, two_years)
    assert_same(editor, two_years)


def test_the_rolled_overview_runs_a_fixed_number_of_statements(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    rollup.rebuild()
    filters = periods()[1]
    views = [(world.operator, {}), (world.editor_a, {}), (world.operator, {"category": world.categories[0].pk})]

    def counts():
        result = []
        for user, changes in views:
            assert stats._rollup_plan(filters.with_(**changes), timezone.localdate(), stats.visible_organisations(user))
            with CaptureQueriesContext(connection) as queries:
                stats.overview(user, filters.with_(**changes))
            result.append(len(queries))
        return result

    before = counts()
    assert max(before) <= 13  # SQLite: the questions' days in four GROUP BYs (PostgreSQL: one)
    rng = random.Random(3)
    for i in range(12):  # more organisations, areas and questions: the same statements
        org = factories.organisation(name=f"Sở mới {i}")
        ward = factories.organisation(kind=Kind.WARD, name=f"Phường mới {i}")
        received = timezone.now() - dt.timedelta(days=rng.uniform(1, 90))
        factories.counted_inquiry(org, received, area=ward, category=world.categories[0], kind="feedback")
    rollup.rebuild()
    assert counts() == before
