"""The demo's example days go in through the domain and say they are examples."""

import datetime as dt
from unittest import mock

from django.utils import timezone

from presscenter.accounts.models import Role
from presscenter.audit.models import AuditEntry
from presscenter.demo.workdays import EXAMPLES, seed_workdays
from presscenter.workdays.loader import load_calendar
from presscenter.workdays.models import DayException
from tests import factories


def test_demo_days(db, frozen_today):
    seed_workdays(factories.user(Role.CENTER_OPERATOR))
    assert DayException.objects.count() == len(EXAMPLES) == AuditEntry.objects.filter(action="workdays.add").count()
    assert all("Ví dụ" in note for note in DayException.objects.values_list("note", flat=True))
    calendar = load_calendar()
    assert calendar.is_working_day(dt.date(2027, 1, 30)) and not calendar.is_working_day(dt.date(2027, 2, 3))


def test_demo_days_far_from_today_are_left_out(db):
    later = dt.datetime(2032, 6, 1, tzinfo=dt.UTC)
    with mock.patch.object(timezone, "now", return_value=later):
        seed_workdays(factories.user(Role.CENTER_OPERATOR))
    assert not DayException.objects.exists()
