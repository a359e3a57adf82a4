"""The arithmetic, on the package's real holidays: weekends, Tết, year ends, configured days, lunch and
night, pauses, and refused input."""

import datetime as dt

import pytest

from presscenter.workdays.calendar import (
    MAX_WORKING_DAYS,
    VIETNAM,
    CalendarError,
    WorkCalendar,
    WorkingHours,
)
from presscenter.workdays.public_holidays import VietnamHolidays
from tests.workdays.conftest import at


def local(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(VIETNAM)


# --- days ---------------------------------------------------------------------------------------


def test_weekends_and_holidays_are_not_working_days(public_calendar):
    assert public_calendar.is_working_day(dt.date(2026, 12, 2))  # Wednesday
    assert not public_calendar.is_working_day(dt.date(2026, 12, 5))  # Saturday
    assert not public_calendar.is_working_day(dt.date(2026, 12, 6))  # Sunday
    assert not public_calendar.is_working_day(dt.date(2027, 1, 1))  # Tết Dương lịch, a Friday
    assert not public_calendar.is_working_day(dt.date(2026, 4, 27))  # Hùng Kings on a Sunday, made up Monday


def test_a_government_swap_in_the_package_makes_a_saturday_a_working_day(public_calendar):
    # 31/8/2026 off in exchange for Saturday 22/8/2026 (holidays.VN's 2026 entry).
    assert public_calendar.is_working_day(dt.date(2026, 8, 22))
    assert not public_calendar.is_working_day(dt.date(2026, 8, 31))
    assert public_calendar.add_working_days(at(2026, 8, 21, 10, 0), 1) == at(2026, 8, 22, 17, 0)


def test_an_aware_datetime_is_read_as_its_day_in_vietnam(public_calendar):
    # 23:30 UTC on Friday is 06:30 on Saturday in Hanoi.
    assert not public_calendar.is_working_day(dt.datetime(2026, 12, 4, 23, 30, tzinfo=dt.UTC))


# --- n working days -----------------------------------------------------------------------------


def test_days_end_at_the_close_of_the_nth_working_day_after_the_start(public_calendar):
    start = at(2026, 12, 7, 10, 0)  # Monday
    assert public_calendar.add_working_days(start, 0) == at(2026, 12, 7, 17, 0)
    assert public_calendar.add_working_days(start, 1) == at(2026, 12, 8, 17, 0)
    assert public_calendar.add_working_days(start, 3) == at(2026, 12, 10, 17, 0)
    assert public_calendar.add_working_days(start, 5) == at(2026, 12, 14, 17, 0)  # over the weekend


def test_results_are_in_utc(public_calendar):
    deadline = public_calendar.add_working_days(at(2026, 12, 7, 10, 0), 1)
    assert deadline.tzinfo is dt.UTC
    assert deadline == dt.datetime(2026, 12, 8, 10, 0, tzinfo=dt.UTC)


def test_a_start_outside_working_hours_counts_from_the_next_opening(public_calendar):
    # Friday evening: the clock starts Monday 08:00, so Monday is day 0.
    assert public_calendar.add_working_days(at(2026, 12, 4, 18, 0), 1) == at(2026, 12, 8, 17, 0)
    # Saturday, and exactly at closing time on Friday: the same.
    assert public_calendar.add_working_days(at(2026, 12, 5, 10, 0), 1) == at(2026, 12, 8, 17, 0)
    assert public_calendar.add_working_days(at(2026, 12, 4, 17, 0), 1) == at(2026, 12, 8, 17, 0)
    # Before opening and during lunch: that same day is day 0.
    assert public_calendar.add_working_days(at(2026, 12, 7, 6, 0), 1) == at(2026, 12, 8, 17, 0)
    assert public_calendar.add_working_days(at(2026, 12, 7, 12, 30), 0) == at(2026, 12, 7, 17, 0)


def test_across_tet_2027(public_calendar):
    # holidays.VN 2027: Thursday 4/2 to Wednesday 10/2 (29 Tết, eve, days 1-3 with Sat/Sun made up).
    tet = [dt.date(2027, 2, day) for day in range(4, 11)]
    assert not any(public_calendar.is_working_day(day) for day in tet)
    assert public_calendar.is_working_day(dt.date(2027, 2, 3))
    assert public_calendar.is_working_day(dt.date(2027, 2, 11))
    start = at(2027, 2, 3, 10, 0)  # Wednesday before Tết
    assert public_calendar.add_working_days(start, 1) == at(2027, 2, 11, 17, 0)
    assert public_calendar.add_working_days(start, 3) == at(2027, 2, 15, 17, 0)
    assert public_calendar.add_working_hours(at(2027, 2, 3, 16, 0), 2) == at(2027, 2, 11, 9, 0)
    # A week across Tết holds two working days: Wednesday 3/2 and Thursday 11/2.
    assert public_calendar.working_time_between(at(2027, 2, 3, 8, 0), at(2027, 2, 12, 8, 0)) == dt.timedelta(hours=16)


def test_across_the_year_end(public_calendar):
    # 1/1/2027 is a Friday holiday: from Thursday 31/12/2026 one working day is Monday 4/1/2027.
    assert public_calendar.add_working_days(at(2026, 12, 31, 10, 0), 1) == at(2027, 1, 4, 17, 0)
    # 1/1/2028 is a Saturday, made up on Monday 3/1/2028.
    assert public_calendar.add_working_days(at(2027, 12, 31, 10, 0), 1) == at(2028, 1, 4, 17, 0)
    assert public_calendar.working_time_between(at(2026, 12, 31, 16, 0), at(2027, 1, 4, 9, 0)) == dt.timedelta(hours=2)


def test_around_hung_kings_and_30_april_2026(public_calendar):
    start = at(2026, 4, 24, 10, 0)  # Friday; Monday 27/4 is Hùng Kings (nghỉ bù), 30/4 and 1/5 off
    assert public_calendar.add_working_days(start, 1) == at(2026, 4, 28, 17, 0)
    assert public_calendar.add_working_days(start, 2) == at(2026, 4, 29, 17, 0)
    assert public_calendar.add_working_days(start, 3) == at(2026, 5, 4, 17, 0)


# --- configured days ----------------------------------------------------------------------------


def configured(**kwargs) -> WorkCalendar:
    return WorkCalendar(VietnamHolidays(language="vi"), **kwargs)


def test_a_make_up_saturday_is_a_working_day():
    calendar = configured(make_up_days={dt.date(2027, 1, 30): "Làm bù"})
    assert calendar.is_working_day(dt.date(2027, 1, 30))
    assert calendar.add_working_days(at(2027, 1, 29, 10, 0), 1) == at(2027, 1, 30, 17, 0)
    assert calendar.add_working_hours(at(2027, 1, 29, 16, 0), 2) == at(2027, 1, 30, 9, 0)


def test_an_extra_day_off_does_not_count():
    calendar = configured(days_off={dt.date(2026, 12, 7): "Nghỉ thêm"})
    assert not calendar.is_working_day(dt.date(2026, 12, 7))
    assert calendar.add_working_days(at(2026, 12, 4, 10, 0), 1) == at(2026, 12, 8, 17, 0)
    assert calendar.next_working_moment(at(2026, 12, 5, 10, 0)) == at(2026, 12, 8, 8, 0)


def test_a_make_up_day_on_a_holiday_turns_it_back_into_a_working_day():
    # The escape hatch when the package's estimate is not the announced schedule (e.g. 24/11).
    calendar = configured(make_up_days={dt.date(2026, 11, 24): "Đi làm"})
    assert calendar.is_working_day(dt.date(2026, 11, 24))
    assert not calendar.is_public_working_day(dt.date(2026, 11, 24))


def test_a_day_cannot_be_both():
    with pytest.raises(ValueError, match="both"):
        configured(make_up_days={dt.date(2027, 1, 30): "a"}, days_off={dt.date(2027, 1, 30): "b"})


# --- working hours ------------------------------------------------------------------------------


def test_hours_skip_lunch_and_night(public_calendar):
    assert public_calendar.add_working_hours(at(2026, 12, 2, 11, 0), 2) == at(2026, 12, 2, 14, 0)
    assert public_calendar.add_working_hours(at(2026, 12, 2, 11, 30), 1) == at(2026, 12, 2, 13, 30)
    assert public_calendar.add_working_hours(at(2026, 12, 2, 16, 30), 1) == at(2026, 12, 3, 8, 30)
    assert public_calendar.add_working_hours(at(2026, 12, 4, 16, 30), 1) == at(2026, 12, 7, 8, 30)  # Friday
    assert public_calendar.add_working_hours(at(2026, 12, 2, 20, 0), 1.5) == at(2026, 12, 3, 9, 30)
    assert public_calendar.add_working_hours(at(2026, 12, 2, 12, 15), 0.5) == at(2026, 12, 2, 13, 30)


def test_hours_ending_at_a_close_end_there_not_at_the_next_opening(public_calendar):
    assert public_calendar.add_working_hours(at(2026, 12, 2, 16, 0), 1) == at(2026, 12, 2, 17, 0)
    assert public_calendar.add_working_hours(at(2026, 12, 2, 11, 0), 1) == at(2026, 12, 2, 12, 0)
    assert public_calendar.add_working_hours(at(2026, 12, 2, 8, 0), 16) == at(2026, 12, 3, 17, 0)
    assert public_calendar.add_working_hours(at(2026, 12, 2, 8, 0), 40) == at(2026, 12, 8, 17, 0)


def test_zero_hours_is_the_start_itself(public_calendar):
    assert public_calendar.add_working_hours(at(2026, 12, 5, 10, 0), 0) == at(2026, 12, 5, 10, 0)


def test_next_working_moment(public_calendar):
    assert public_calendar.next_working_moment(at(2026, 12, 2, 9, 15)) == at(2026, 12, 2, 9, 15)
    assert public_calendar.next_working_moment(at(2026, 12, 2, 12, 0)) == at(2026, 12, 2, 13, 0)
    assert public_calendar.next_working_moment(at(2026, 12, 2, 7, 0)) == at(2026, 12, 2, 8, 0)
    assert public_calendar.next_working_moment(at(2026, 12, 4, 17, 0)) == at(2026, 12, 7, 8, 0)
    assert public_calendar.next_working_moment(at(2027, 2, 5, 10, 0)) == at(2027, 2, 11, 8, 0)


def test_configured_hours_change_the_arithmetic():
    hours = WorkingHours.parse("07:30-11:30, 13:30-17:30")
    calendar = configured(hours=hours)
    assert hours.per_day == dt.timedelta(hours=8)
    assert calendar.add_working_days(at(2026, 12, 7, 10, 0), 1) == at(2026, 12, 8, 17, 30)
    assert calendar.add_working_hours(at(2026, 12, 7, 11, 0), 1) == at(2026, 12, 7, 14, 0)
    assert calendar.next_working_moment(at(2026, 12, 7, 7, 0)) == at(2026, 12, 7, 7, 30)


@pytest.mark.parametrize(
    "text",
    ["", "8-12", "08:00-12:00;13:00-17:00", "12:00-08:00", "08:00-12:00,11:00-13:00", "25:00-26:00", "08:60-09:00"],
)
def test_malformed_working_hours_are_refused(text):
    with pytest.raises(ValueError):
        WorkingHours.parse(text)


def test_working_hours_read_back_as_written():
    assert str(WorkingHours.parse(" 8:00-12:00 ,13:00 - 17:00")) == "08:00-12:00,13:00-17:00"


# --- measuring and pausing ----------------------------------------------------------------------


def test_working_time_between(public_calendar):
    between = public_calendar.working_time_between
    assert between(at(2026, 12, 2, 11, 0), at(2026, 12, 2, 14, 0)) == dt.timedelta(hours=2)
    assert between(at(2026, 12, 2, 11, 0), at(2026, 12, 3, 9, 0)) == dt.timedelta(hours=6)
    assert between(at(2026, 12, 4, 16, 0), at(2026, 12, 7, 9, 0)) == dt.timedelta(hours=2)  # weekend
    assert between(at(2026, 12, 5, 9, 0), at(2026, 12, 6, 18, 0)) == dt.timedelta()  # all weekend
    assert between(at(2026, 12, 3, 9, 0), at(2026, 12, 2, 11, 0)) == -dt.timedelta(hours=6)
    assert public_calendar.working_seconds_between(at(2026, 12, 2, 8, 0), at(2026, 12, 2, 8, 0, 30)) == 30.0


def test_a_paused_clock_moves_the_deadline_by_the_working_time_of_the_pause(public_calendar):
    received = at(2026, 12, 7, 9, 0)  # Monday
    deadline = public_calendar.add_working_days(received, 3)
    assert deadline == at(2026, 12, 10, 17, 0)
    # Waiting for the asker from Tuesday 15:00 to Thursday 10:00: 2 + 8 + 2 working hours.
    paused = public_calendar.working_time_between(at(2026, 12, 8, 15, 0), at(2026, 12, 10, 10, 0))
    assert paused == dt.timedelta(hours=12)
    assert public_calendar.add_working_time(deadline, paused) == at(2026, 12, 14, 12, 0)
    # On time: the agency's own working time to the answer against the budget.
    answered = at(2026, 12, 14, 11, 0)
    used = public_calendar.working_time_between(received, answered) - paused
    budget = public_calendar.working_time_between(received, deadline)
    assert used <= budget


# --- refused input ------------------------------------------------------------------------------


@pytest.mark.parametrize("n", [-1, 1.5, True, "3", None, MAX_WORKING_DAYS + 1, 10**6, 10**100])
def test_absurd_day_counts_are_refused(public_calendar, n):
    with pytest.raises(CalendarError) as refused:
        public_calendar.add_working_days(at(2026, 12, 7, 10, 0), n)
    assert isinstance(refused.value, ValueError)
    assert refused.value.field == "amount"


@pytest.mark.parametrize("hours", [-1, -0.001, float("nan"), float("inf"), 10**6, 10**100, "2", None, False])
def test_absurd_hours_are_refused(public_calendar, hours):
    with pytest.raises(CalendarError):
        public_calendar.add_working_hours(at(2026, 12, 7, 10, 0), hours)


@pytest.mark.parametrize(
    "start",
    [
        dt.datetime(2026, 12, 7, 10, 0),  # naive
        dt.date(2026, 12, 7),
        "2026-12-07T10:00:00+07:00",
        dt.datetime(1990, 1, 1, tzinfo=VIETNAM),
        dt.datetime(2150, 1, 1, tzinfo=VIETNAM),
        dt.datetime.max.replace(tzinfo=dt.UTC),
        dt.datetime.min.replace(tzinfo=dt.UTC),
    ],
)
def test_absurd_starts_are_refused(public_calendar, start):
    for compute in (
        lambda: public_calendar.add_working_days(start, 1),
        lambda: public_calendar.add_working_hours(start, 1),
        lambda: public_calendar.next_working_moment(start),
        lambda: public_calendar.working_time_between(start, at(2026, 12, 7, 10, 0)),
    ):
        with pytest.raises(CalendarError):
            compute()


def test_a_deadline_beyond_the_calendar_is_refused_not_invented(public_calendar):
    with pytest.raises(CalendarError):
        public_calendar.add_working_days(at(2099, 6, 1, 10, 0), MAX_WORKING_DAYS)
    with pytest.raises(CalendarError):
        public_calendar.is_working_day(dt.date(2101, 1, 3))


def test_the_largest_amounts_allowed_answer_at_once(public_calendar):
    start = at(2026, 12, 7, 10, 0)
    far = public_calendar.add_working_days(start, MAX_WORKING_DAYS)
    assert far.year in (2036, 2037)
    assert public_calendar.add_working_hours(start, public_calendar.max_working_hours) <= far
    # The rest of the first day (10:00-12:00, 13:00-17:00) and 2,500 whole days.
    assert public_calendar.working_time_between(start, far) == MAX_WORKING_DAYS * dt.timedelta(hours=8) + dt.timedelta(
        hours=6
    )


def test_deadline_by_unit(public_calendar):
    start = at(2026, 12, 7, 10, 0)
    assert public_calendar.deadline(start, 1, "days") == at(2026, 12, 8, 17, 0)
    assert public_calendar.deadline(start, 1.0, "days") == at(2026, 12, 8, 17, 0)
    assert public_calendar.deadline(start, 1, "hours") == at(2026, 12, 7, 11, 0)
    with pytest.raises(CalendarError) as refused:
        public_calendar.deadline(start, 1, "weeks")
    assert refused.value.field == "unit"
