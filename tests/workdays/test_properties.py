"""Properties of the arithmetic over any moment of 2025-2029 and any amount (hypothesis)."""

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from presscenter.workdays.calendar import VIETNAM, WorkCalendar
from presscenter.workdays.public_holidays import VietnamHolidays

CALENDAR = WorkCalendar(
    VietnamHolidays(language="vi"),
    make_up_days={dt.date(2027, 1, 30): "Làm bù"},
    days_off={dt.date(2026, 12, 7): "Nghỉ thêm"},
)
ZONES = st.sampled_from([VIETNAM, dt.UTC, dt.timezone(dt.timedelta(hours=-5))])
moments = st.builds(
    lambda naive, zone: naive.replace(tzinfo=VIETNAM).astimezone(zone),
    st.datetimes(min_value=dt.datetime(2025, 1, 1), max_value=dt.datetime(2029, 12, 31)),
    ZONES,
)
working_moments = moments.map(CALENDAR.next_working_moment)
days = st.integers(min_value=0, max_value=400)
durations = st.integers(min_value=0, max_value=3000 * 3600 * 1000).map(lambda ms: dt.timedelta(milliseconds=ms))
positive_durations = st.integers(min_value=1, max_value=500 * 3600).map(lambda s: dt.timedelta(seconds=s))
PROPERTIES = settings(max_examples=300, deadline=None)


def is_close_of_a_working_day(moment: dt.datetime) -> bool:
    local = moment.astimezone(VIETNAM)
    return (
        CALENDAR.is_working_day(local.date())
        and local.time() == CALENDAR.hours.closing
        and CALENDAR.is_working_time(moment - dt.timedelta(microseconds=1))
    )


@PROPERTIES
@given(moments, days)
def test_n_working_days_end_at_the_close_of_a_working_day(start, n):
    assert is_close_of_a_working_day(CALENDAR.add_working_days(start, n))


@PROPERTIES
@given(moments, days)
def test_more_days_is_later(start, n):
    assert CALENDAR.add_working_days(start, n) < CALENDAR.add_working_days(start, n + 1)


@PROPERTIES
@given(moments, days)
def test_n_working_days_hold_n_whole_days_after_the_first(start, n):
    clock = CALENDAR.next_working_moment(start)
    first_close = CALENDAR.add_working_days(start, 0)
    assert CALENDAR.working_time_between(first_close, CALENDAR.add_working_days(start, n)) == n * CALENDAR.hours.per_day
    assert CALENDAR.working_time_between(clock, first_close) <= CALENDAR.hours.per_day


@PROPERTIES
@given(working_moments, st.integers(min_value=0, max_value=4000))
def test_measuring_what_was_added_gives_it_back_in_hours(start, hours):
    assert CALENDAR.working_seconds_between(start, CALENDAR.add_working_hours(start, hours)) == hours * 3600


@PROPERTIES
@given(working_moments, st.floats(min_value=0, max_value=4000, allow_nan=False))
def test_measuring_fractional_hours(start, hours):
    end = CALENDAR.add_working_hours(start, hours)
    assert CALENDAR.working_time_between(start, end) == dt.timedelta(hours=hours)


@PROPERTIES
@given(moments, durations)
def test_measuring_what_was_added_gives_it_back_from_any_start(start, amount):
    end = CALENDAR.add_working_time(start, amount)
    assert end >= start
    assert CALENDAR.working_time_between(start, end) == amount


@PROPERTIES
@given(moments, positive_durations)
def test_an_added_amount_ends_in_working_time(start, amount):
    end = CALENDAR.add_working_time(start, amount)
    assert CALENDAR.is_working_time(end - dt.timedelta(microseconds=1))


@PROPERTIES
@given(moments, positive_durations, positive_durations)
def test_adding_in_two_steps_is_adding_once(start, a, b):
    assert CALENDAR.add_working_time(CALENDAR.add_working_time(start, a), b) == CALENDAR.add_working_time(start, a + b)


@PROPERTIES
@given(moments)
def test_the_next_working_moment_is_the_first(start):
    clock = CALENDAR.next_working_moment(start)
    assert clock >= start
    assert CALENDAR.is_working_time(clock)
    assert CALENDAR.working_time_between(start, clock) == dt.timedelta()


@PROPERTIES
@given(moments, moments, moments)
def test_measuring_adds_up_and_changes_sign(a, b, c):
    between = CALENDAR.working_time_between
    assert between(a, c) == between(a, b) + between(b, c)
    assert between(a, b) == -between(b, a)
