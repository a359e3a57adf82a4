"""Working-day arithmetic: pure functions over a `WorkCalendar` built from data (no queries here;
`workdays.loader.load_calendar` builds the calendar from the package and the configured days).

How a deadline counts (docs/workdays.md):

- Working time is the configured hours (default 08:00-12:00 and 13:00-17:00, Vietnam's time) of
  working days. A working day is a day Monday to Friday that is not a public holiday, or a make-up
  working day (ngày làm bù). Configured exceptions win over the package: an extra day off (ngày
  nghỉ bù / nghỉ thêm) is never a working day, a make-up working day always is.
- The clock starts at the first working moment at or after the start: a question received in the
  evening, at the weekend or on a holiday counts as received when the office next opens.
- "n ngày làm việc" (`add_working_days`): as the Civil Code 2015 counts a time limit in days
  (art. 147), the day the clock starts is not counted and counting begins with the next working
  day; the limit ends when working hours end (17:00) on the n-th working day. (Art. 148 ends a
  day at 24:00; an agency acts in its office hours, so its limit is their close: no working time
  lies between the two.) n = 0 means the end of the day the clock starts.
- "n giờ làm việc" (`add_working_hours`) is the earliest moment by which n hours of working time
  have passed since the clock started: 2 hours from 11:00 is 14:00 (the lunch break does not count),
  1 hour from 16:30 on a Friday is 08:30 on Monday.
- `working_seconds_between(a, b)` counts the working time in [a, b); it pauses a clock (the time an
  asker took to answer is not the agency's) and measures "on time".

Times in are aware datetimes in any zone; times out are in UTC (as stored). Every refused input
raises `CalendarError`, a ValueError that the API and the screens show in words.
"""

import datetime as dt
import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol
from zoneinfo import ZoneInfo

from django.utils.translation import gettext_lazy as _

from presscenter.core.errors import DomainError

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
# The years the calendar answers for: the package's lunar calendar (Tết, Hùng Kings) ends with 2100,
# after which it would silently return no holidays at all.
FIRST_YEAR = 2000
LAST_YEAR = 2100
# About ten years of working days: no deadline is longer; larger amounts are mistakes, refused at once.
MAX_WORKING_DAYS = 2500
WEEKEND = frozenset({5, 6})  # Saturday, Sunday (the civil service's five-day week)
DEFAULT_WORKING_HOURS = "08:00-12:00,13:00-17:00"


class CalendarError(DomainError, ValueError):
    """The arithmetic refused its input; `message` says why in words, `field` names the input."""

    status = 422


class HolidaySource(Protocol):
    """Where the public holidays come from (the `holidays` package in production)."""

    def days_off(self, year: int) -> Mapping[dt.date, str]:
        """Public holidays and their observed days (nghỉ bù) in `year`, by date."""

    def make_up_days(self, year: int) -> Mapping[dt.date, str]:
        """Weekend days the government made working days (ngày làm bù) in `year`."""


_PERIOD = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")


@dataclass(frozen=True)
class WorkingHours:
    """The working periods of a working day, in local wall time, in order and not overlapping."""

    periods: tuple[tuple[dt.time, dt.time], ...]

    def __post_init__(self) -> None:
        if not self.periods:
            raise ValueError("working hours need at least one period")
        previous_end = None
        for start, end in self.periods:
            if start.tzinfo is not None or end.tzinfo is not None:
                raise ValueError("working hours are local wall times, without a time zone")
            if start >= end:
                raise ValueError(f"a working period must end after it starts: {start:%H:%M}-{end:%H:%M}")
            if previous_end is not None and start < previous_end:
                raise ValueError(
                    f"working periods must be in order and not overlap: {start:%H:%M} after {previous_end:%H:%M}"
                )
            previous_end = end

    @classmethod
    def parse(cls, text: str) -> "WorkingHours":
        """`"08:00-12:00,13:00-17:00"`; ValueError (in English, for the operator) when malformed."""
        periods = []
        for part in str(text).split(","):
            match = _PERIOD.match(part)
            if not match:
                raise ValueError(f"working hours must look like 08:00-12:00,13:00-17:00, got {text!r}")
            h1, m1, h2, m2 = (int(group) for group in match.groups())
            try:
                periods.append((dt.time(h1, m1), dt.time(h2, m2)))
            except ValueError as exc:
                raise ValueError(f"not a time of day in working hours {text!r}: {exc}") from exc
        return cls(tuple(periods))

    @property
    def per_day(self) -> dt.timedelta:
        return sum((_wall(end) - _wall(start) for start, end in self.periods), dt.timedelta())

    @property
    def opening(self) -> dt.time:
        return self.periods[0][0]

    @property
    def closing(self) -> dt.time:
        return self.periods[-1][1]

    def __str__(self) -> str:
        return ",".join(f"{start:%H:%M}-{end:%H:%M}" for start, end in self.periods)


def _wall(time: dt.time) -> dt.timedelta:
    return dt.timedelta(hours=time.hour, minutes=time.minute, seconds=time.second, microseconds=time.microsecond)


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(dt.UTC)


class WorkCalendar:
    """Public holidays from a `HolidaySource`, the configured make-up working days and extra days off,
    and the working hours. Immutable once built; answers are cached per year."""

    def __init__(
        self,
        public: HolidaySource,
        *,
        make_up_days: Mapping[dt.date, str] | None = None,
        days_off: Mapping[dt.date, str] | None = None,
        hours: WorkingHours | None = None,
        tz: dt.tzinfo = VIETNAM,
        first_year: int = FIRST_YEAR,
        last_year: int = LAST_YEAR,
    ):
        self.public = public
        self.make_up_days = dict(make_up_days or {})
        self.days_off = dict(days_off or {})
        both = set(self.make_up_days) & set(self.days_off)
        if both:
            raise ValueError(f"a day cannot be both a make-up working day and a day off: {sorted(both)}")
        self.hours = hours or WorkingHours.parse(DEFAULT_WORKING_HOURS)
        self.tz = tz
        self.first_year = first_year
        self.last_year = last_year
        self._years: dict[int, list[dt.date]] = {}

    # --- days -------------------------------------------------------------------------------------

    def _check_year(self, year: int, field: str | None = None) -> None:
        if not self.first_year <= year <= self.last_year:
            raise CalendarError(
                _("Lịch làm việc chỉ tính được từ năm %(first)d đến năm %(last)d.")
                % {"first": self.first_year, "last": self.last_year},
                field=field,
            )

    def _day(self, day: dt.date) -> dt.date:
        if isinstance(day, dt.datetime):
            return self._local(day, "date").date()
        if not isinstance(day, dt.date):
            raise CalendarError(_("Cần một ngày."), field="date")
        self._check_year(day.year, "date")
        return day

    def is_public_working_day(self, day: dt.date) -> bool:
        """Whether `day` is a working day by the weekend and the public holidays alone, before the
        configured exceptions (what the exceptions are checked against)."""
        day = self._day(day)
        if day in self.public.make_up_days(day.year):
            return True
        if day in self.public.days_off(day.year):
            return False
        return day.weekday() not in WEEKEND

    def is_working_day(self, day: dt.date) -> bool:
        day = self._day(day)
        if day in self.make_up_days:
            return True
        if day in self.days_off:
            return False
        return self.is_public_working_day(day)

    def _year_days(self, year: int) -> list[dt.date]:
        """The working days of `year`, in order (cached)."""
        days = self._years.get(year)
        if days is None:
            if not self.first_year <= year <= self.last_year:
                raise CalendarError(
                    _("Thời hạn tính ra vượt quá phạm vi của lịch làm việc (đến hết năm %(last)d).")
                    % {"last": self.last_year}
                )
            first = dt.date(year, 1, 1)
            every = (first + dt.timedelta(days=n) for n in range((dt.date(year + 1, 1, 1) - first).days))
            days = [day for day in every if self.is_working_day(day)]
            self._years[year] = days
        return days

    def working_days(self, year: int) -> list[dt.date]:
        self._check_year(year, "year")
        return list(self._year_days(year))

    def nth_working_day_after(self, day: dt.date, n: int) -> dt.date:
        """The n-th working day strictly after `day` (n >= 1)."""
        day = self._day(day)
        year = day.year
        days = self._year_days(year)
        index = bisect_right(days, day) + n - 1
        while index >= len(days):
            index -= len(days)
            year += 1
            days = self._year_days(year)
        return days[index]

    def _working_days_strictly_between(self, first: dt.date, last: dt.date) -> int:
        total = 0
        for year in range(first.year, last.year + 1):
            days = self._year_days(year)
            low = bisect_right(days, first) if year == first.year else 0
            high = bisect_left(days, last) if year == last.year else len(days)
            total += max(0, high - low)
        return total

    # --- moments ----------------------------------------------------------------------------------

    def _local(self, moment: dt.datetime, field: str) -> dt.datetime:
        if not isinstance(moment, dt.datetime):
            raise CalendarError(_("Cần một thời điểm (ngày và giờ)."), field=field)
        if moment.tzinfo is None or moment.utcoffset() is None:
            raise CalendarError(_("Thời điểm phải kèm múi giờ, ví dụ 2026-12-02T09:00:00+07:00."), field=field)
        try:
            local = moment.astimezone(self.tz)
        except OverflowError:
            local = None
        if local is None:
            raise CalendarError(
                _("Lịch làm việc chỉ tính được từ năm %(first)d đến năm %(last)d.")
                % {"first": self.first_year, "last": self.last_year},
                field=field,
            )
        self._check_year(local.year, field)
        return local

    def _periods(self, day: dt.date) -> list[tuple[dt.datetime, dt.datetime]]:
        return [
            (dt.datetime.combine(day, start, tzinfo=self.tz), dt.datetime.combine(day, end, tzinfo=self.tz))
            for start, end in self.hours.periods
        ]

    def is_working_time(self, moment: dt.datetime) -> bool:
        """Inside a working period of a working day (a period's start counts, its end does not)."""
        local = self._local(moment, "start")
        day = local.date()
        return self.is_working_day(day) and any(start <= local < end for start, end in self._periods(day))

    def next_working_moment(self, moment: dt.datetime) -> dt.datetime:
        """`moment` itself when it is working time, else the start of the next working period."""
        local = self._local(moment, "start")
        day = local.date()
        if self.is_working_day(day):
            for start, end in self._periods(day):
                if local < end:
                    return _utc(max(local, start))
        return _utc(self._periods(self.nth_working_day_after(day, 1))[0][0])

    def add_working_days(self, start: dt.datetime, n: int) -> dt.datetime:
        """The end of working hours on the n-th working day after the day the clock starts (module doc)."""
        if isinstance(n, bool) or not isinstance(n, int):
            raise CalendarError(_("Số ngày làm việc phải là số nguyên."), field="amount")
        if n < 0:
            raise CalendarError(_("Số ngày làm việc không được âm."), field="amount")
        if n > MAX_WORKING_DAYS:
            raise CalendarError(
                _("Số ngày làm việc quá lớn (tối đa %(max)d ngày).") % {"max": MAX_WORKING_DAYS}, field="amount"
            )
        day = self.next_working_moment(start).astimezone(self.tz).date()
        if n:
            day = self.nth_working_day_after(day, n)
        return _utc(self._periods(day)[-1][1])

    @property
    def max_working_hours(self) -> float:
        return MAX_WORKING_DAYS * self.hours.per_day.total_seconds() / 3600

    def add_working_hours(self, start: dt.datetime, hours: float) -> dt.datetime:
        """The earliest moment by which `hours` of working time have passed since `start` (module doc)."""
        if isinstance(hours, bool) or not isinstance(hours, int | float):
            raise CalendarError(_("Số giờ làm việc phải là một số."), field="amount")
        if not math.isfinite(hours) or hours < 0:
            raise CalendarError(_("Số giờ làm việc phải là một số không âm."), field="amount")
        if hours > self.max_working_hours:
            raise CalendarError(
                _("Số giờ làm việc quá lớn (tối đa %(max)d giờ).") % {"max": self.max_working_hours}, field="amount"
            )
        return self.add_working_time(start, dt.timedelta(hours=hours))

    def add_working_time(self, start: dt.datetime, amount: dt.timedelta) -> dt.datetime:
        """`add_working_hours` with a timedelta (microsecond exact): also how a paused clock is extended."""
        if not isinstance(amount, dt.timedelta) or amount < dt.timedelta():
            raise CalendarError(_("Thời lượng làm việc phải là một khoảng thời gian không âm."), field="amount")
        if amount > MAX_WORKING_DAYS * self.hours.per_day:
            raise CalendarError(_("Thời lượng làm việc quá lớn."), field="amount")
        if not amount:
            return _utc(self._local(start, "start"))
        local = self.next_working_moment(start).astimezone(self.tz)
        day = local.date()
        remaining = amount
        for period_start, period_end in self._periods(day):
            if local >= period_end:
                continue
            begin = max(local, period_start)
            if remaining <= period_end - begin:
                return _utc(begin + remaining)
            remaining -= period_end - begin
        whole_days, remaining = divmod(remaining, self.hours.per_day)
        if not remaining:  # ends exactly at the close of a day: that day, not the next morning
            whole_days -= 1
            remaining = self.hours.per_day
        day = self.nth_working_day_after(day, whole_days + 1)
        for period_start, period_end in self._periods(day):
            if remaining <= period_end - period_start:
                return _utc(period_start + remaining)
            remaining -= period_end - period_start
        raise AssertionError("unreachable: a working day holds a day's working time")  # pragma: no cover

    def working_time_between(self, a: dt.datetime, b: dt.datetime) -> dt.timedelta:
        """The working time in [a, b); negative when b is before a."""
        local_a, local_b = self._local(a, "start"), self._local(b, "end")
        if local_b < local_a:
            return -self.working_time_between(b, a)
        day_a, day_b = local_a.date(), local_b.date()
        if day_a == day_b:
            return self._worked(day_a, local_a, local_b)
        return (
            self._worked(day_a, local_a, None)
            + self._worked(day_b, None, local_b)
            + self._working_days_strictly_between(day_a, day_b) * self.hours.per_day
        )

    def working_seconds_between(self, a: dt.datetime, b: dt.datetime) -> float:
        return self.working_time_between(a, b).total_seconds()

    def _worked(self, day: dt.date, since: dt.datetime | None, until: dt.datetime | None) -> dt.timedelta:
        total = dt.timedelta()
        if not self.is_working_day(day):
            return total
        for start, end in self._periods(day):
            begin = start if since is None else max(start, since)
            finish = end if until is None else min(end, until)
            if finish > begin:
                total += finish - begin
        return total

    def deadline(self, start: dt.datetime, amount: float, unit: str) -> dt.datetime:
        """`add_working_days` for unit "days" (a whole number), `add_working_hours` for "hours"."""
        if unit == "days":
            if isinstance(amount, float) and amount.is_integer():
                amount = int(amount)
            return self.add_working_days(start, amount)  # type: ignore[arg-type]
        if unit == "hours":
            return self.add_working_hours(start, amount)
        raise CalendarError(_("Đơn vị phải là ngày (days) hoặc giờ (hours)."), field="unit")
