"""The answering clock: which deadline policy applies, and working time from a moment."""

import datetime as dt
from functools import lru_cache

import holidays
from django.conf import settings

from presscenter.inquiries.models import Category, DeadlinePolicy, DeadlineUnit, Priority

LOCAL = dt.timezone(dt.timedelta(hours=7))
DAY_START, DAY_END = dt.time(8, 0), dt.time(17, 0)
WORKING_DAY_SECONDS = 9 * 3600


@lru_cache(maxsize=16)
def _holidays(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("VN", years=year))


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in _holidays(day.year)


def policy_for(category: Category | None, priority: str) -> DeadlinePolicy:
    """The category's policy for this priority, else the policy for any category, else the default."""
    for cat in (category, None):
        policy = DeadlinePolicy.objects.filter(category=cat, priority=priority).first()
        if policy is not None:
            return policy
    days = settings.INQUIRY_DEFAULT_DAYS if priority == Priority.NORMAL else 1
    return DeadlinePolicy(category=None, priority=priority, amount=days, unit=DeadlineUnit.WORKING_DAYS)


def _clip(moment: dt.datetime) -> dt.datetime:
    """The first working moment at or after `moment`, in local time."""
    local = moment.astimezone(LOCAL)
    while True:
        if is_working_day(local.date()) and local.time() < DAY_END:
            return max(local, dt.datetime.combine(local.date(), DAY_START, LOCAL))
        local = dt.datetime.combine(local.date() + dt.timedelta(days=1), DAY_START, LOCAL)


def add_working_seconds(start: dt.datetime, seconds: int) -> dt.datetime:
    moment = _clip(start)
    while True:
        end_of_day = dt.datetime.combine(moment.date(), DAY_END, LOCAL)
        left = (end_of_day - moment).total_seconds()
        if seconds <= left:
            return (moment + dt.timedelta(seconds=seconds)).astimezone(dt.UTC)
        seconds -= int(left)
        moment = _clip(end_of_day + dt.timedelta(seconds=1))


def working_seconds_between(start: dt.datetime, end: dt.datetime) -> int:
    if end <= start:
        return 0
    total, moment = 0, _clip(start)
    end_local = end.astimezone(LOCAL)
    while moment < end_local:
        end_of_day = dt.datetime.combine(moment.date(), DAY_END, LOCAL)
        total += int((min(end_of_day, end_local) - moment).total_seconds())
        moment = _clip(end_of_day + dt.timedelta(seconds=1))
    return total


def due_from(start: dt.datetime, policy: DeadlinePolicy) -> dt.datetime:
    if policy.unit == DeadlineUnit.WORKING_HOURS:
        return add_working_seconds(start, policy.amount * 3600)
    return add_working_seconds(start, policy.amount * WORKING_DAY_SECONDS)
