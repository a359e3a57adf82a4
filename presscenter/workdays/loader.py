"""Builds the `WorkCalendar` from the package's holidays, the configured days and the settings, and
keeps it while nothing changed.

The cache: one calendar per process, with the stamp token (`CalendarStamp`) and the working hours it
was built from. Each `load_calendar()` reads the token (one single-row query) and rebuilds only when
it changed, so a change made by any process is seen by every other at its next call, and a change
rolled back leaves nothing stale behind. The package's holidays are cached per year for the
process's life (they never change while it runs). Callers that compute many deadlines load once and
keep the calendar for the request or task.
"""

import datetime as dt
import threading
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from presscenter.workdays.calendar import DEFAULT_WORKING_HOURS, WorkCalendar, WorkingHours
from presscenter.workdays.models import CalendarStamp, DayException, DayKind
from presscenter.workdays.public_holidays import VietnamHolidays

STAMP_ID = 1

_lock = threading.Lock()
_cached: tuple[tuple[str, str], WorkCalendar] | None = None


@lru_cache(maxsize=8)
def _parse_hours(text: str) -> WorkingHours:
    try:
        return WorkingHours.parse(text)
    except ValueError as exc:
        raise ImproperlyConfigured(f"WORKING_HOURS: {exc}") from exc


def configured_hours() -> WorkingHours:
    """settings.WORKING_HOURS (environment WORKING_HOURS), e.g. "08:00-12:00,13:00-17:00"."""
    return _parse_hours(getattr(settings, "WORKING_HOURS", DEFAULT_WORKING_HOURS))


def current_token() -> str:
    return CalendarStamp.objects.filter(pk=STAMP_ID).values_list("token", flat=True).first() or ""


def build_calendar() -> WorkCalendar:
    """A calendar from the rows as they are now (no caching)."""
    make_up: dict[dt.date, str] = {}
    days_off: dict[dt.date, str] = {}
    for day, kind, name in DayException.objects.values_list("date", "kind", "name"):
        (make_up if kind == DayKind.MAKE_UP else days_off)[day] = name
    return WorkCalendar(
        VietnamHolidays(language="vi"), make_up_days=make_up, days_off=days_off, hours=configured_hours()
    )


def load_calendar() -> WorkCalendar:
    """The calendar every deadline uses (cached; see the module doc)."""
    global _cached
    key = (current_token(), str(configured_hours()))
    cached = _cached
    if cached is not None and cached[0] == key:
        return cached[1]
    with _lock:
        calendar = build_calendar()
        _cached = (key, calendar)
    return calendar
