"""The answering clock: which deadline policy applies, and working time from a moment."""

import datetime as dt

from django.conf import settings

from presscenter.inquiries.models import Category, DeadlinePolicy, DeadlineUnit, Priority
from presscenter.workdays.calendar import WorkCalendar
from presscenter.workdays.loader import load_calendar


def policy_for(category: Category | None, priority: str) -> DeadlinePolicy:
    """The category's policy for this priority, else the policy for any category, else the default."""
    for cat in (category, None):
        policy = DeadlinePolicy.objects.filter(category=cat, priority=priority).first()
        if policy is not None:
            return policy
    days = settings.INQUIRY_DEFAULT_DAYS if priority == Priority.NORMAL else 1
    return DeadlinePolicy(category=None, priority=priority, amount=days, unit=DeadlineUnit.WORKING_DAYS)


def working_day_seconds(calendar: WorkCalendar | None = None) -> int:
    """How long a working day is (the configured working hours): "còn 2 ngày" counts in these."""
    return int((calendar or load_calendar()).hours.per_day.total_seconds())


def add_working_seconds(start: dt.datetime, seconds: int) -> dt.datetime:
    return load_calendar().add_working_time(start, dt.timedelta(seconds=seconds))


def working_seconds_between(start: dt.datetime, end: dt.datetime, calendar: WorkCalendar | None = None) -> int:
    """Working time from `start` to `end` (0 if `end` is earlier). A list computing many passes the
    calendar it loaded once (loading it reads the calendar's stamp)."""
    return max(0, int((calendar or load_calendar()).working_seconds_between(start, end)))


def due_from(start: dt.datetime, policy: DeadlinePolicy) -> dt.datetime:
    """n working days end at closing time of the n-th working day after the start day (the start
    day does not count, Civil Code art. 147); n working hours end when n hours have been worked."""
    unit = "hours" if policy.unit == DeadlineUnit.WORKING_HOURS else "days"
    return load_calendar().deadline(start, policy.amount, unit)
