import datetime as dt
from unittest import mock

import pytest
from django.utils import timezone

from presscenter.workdays.calendar import VIETNAM, WorkCalendar
from presscenter.workdays.public_holidays import VietnamHolidays

# The day the configured-days rules (no more than 5 years from today) are checked against.
TODAY = dt.datetime(2026, 12, 2, 9, 0, tzinfo=VIETNAM)


def at(*parts: int) -> dt.datetime:
    """A moment in Vietnam's time."""
    return dt.datetime(*parts, tzinfo=VIETNAM)  # type: ignore[misc]


@pytest.fixture(scope="session")
def public_calendar() -> WorkCalendar:
    """The package's holidays, no configured days, the default hours."""
    return WorkCalendar(VietnamHolidays(language="vi"))


@pytest.fixture
def frozen_today():
    with mock.patch.object(timezone, "now", return_value=TODAY.astimezone(dt.UTC)):
        yield TODAY
