"""Entering, changing and removing configured days: audited, refused with the reason (nothing changed),
and seen at once by every cached calendar."""

import datetime as dt

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from presscenter.accounts.models import Role
from presscenter.audit.labels import action_label, object_type_label
from presscenter.audit.models import AuditEntry
from presscenter.core.errors import DomainError, NotFound
from presscenter.workdays import domain, loader
from presscenter.workdays.models import CalendarStamp, DayException, DayKind
from tests import factories
from tests.workdays.conftest import at

SATURDAY = dt.date(2027, 1, 30)
WEDNESDAY = dt.date(2027, 2, 3)


@pytest.fixture
def operator(db):
    return factories.user(Role.CENTER_OPERATOR)


def nothing_changed(entries_before: int) -> bool:
    return not DayException.objects.exists() and AuditEntry.objects.count() == entries_before


def test_adding_a_day_is_audited(frozen_today, operator):
    exception = domain.add_exception(operator, date=SATURDAY, kind=DayKind.MAKE_UP, name=" Làm bù ", note="TB số 1")
    assert (exception.name, exception.created_by) == ("Làm bù", operator)
    entry = AuditEntry.objects.get(action="workdays.add")
    assert entry.actor == operator
    assert entry.object_type == "workdays.dayexception" and entry.object_id == str(exception.pk)
    assert entry.after == {"date": "2027-01-30", "kind": "make_up", "name": "Làm bù", "note": "TB số 1"}
    assert str(action_label("workdays.add")) != "workdays.add"
    assert str(object_type_label("workdays.dayexception")) != "workdays.dayexception"


def test_changing_and_removing_are_audited(frozen_today, operator):
    exception = domain.add_exception(operator, date=WEDNESDAY, kind=DayKind.DAY_OFF, name="Nghỉ thêm")
    domain.change_exception(
        operator, exception, date=dt.date(2027, 2, 2), kind=DayKind.DAY_OFF, name="Nghỉ thêm trước Tết"
    )
    exception.refresh_from_db()
    assert (exception.date, exception.name) == (dt.date(2027, 2, 2), "Nghỉ thêm trước Tết")
    change = AuditEntry.objects.get(action="workdays.change")
    assert change.before["date"] == "2027-02-03" and change.after["date"] == "2027-02-02"
    domain.remove_exception(operator, exception)
    assert not DayException.objects.exists()
    removal = AuditEntry.objects.get(action="workdays.remove")
    assert removal.before["name"] == "Nghỉ thêm trước Tết" and removal.object_id == str(exception.pk)
    with pytest.raises(NotFound):
        domain.remove_exception(operator, exception)


@pytest.mark.parametrize(
    ("day", "kind", "field", "words"),
    [
        (WEDNESDAY, DayKind.MAKE_UP, "date", "vốn đã là ngày làm việc"),
        (dt.date(2026, 8, 22), DayKind.MAKE_UP, "date", "vốn đã là ngày làm việc"),  # the package's own swap
        (SATURDAY, DayKind.DAY_OFF, "date", "cuối tuần"),
        (dt.date(2027, 1, 1), DayKind.DAY_OFF, "date", "Tết Dương lịch"),
        (dt.date(2027, 2, 8), DayKind.DAY_OFF, "date", "ngày nghỉ lễ"),  # Tết
        (dt.date(2032, 1, 5), DayKind.DAY_OFF, "date", "5 năm"),
        (dt.date(2021, 11, 30), DayKind.DAY_OFF, "date", "5 năm"),
        (WEDNESDAY, "holiday", "kind", "loại ngày"),
    ],
)
def test_refused_days_change_nothing(frozen_today, operator, day, kind, field, words):
    entries = AuditEntry.objects.count()
    with pytest.raises(DomainError) as refused:
        domain.add_exception(operator, date=day, kind=kind, name="Thử")
    assert refused.value.field == field
    assert words in str(refused.value.message)
    assert nothing_changed(entries)


@pytest.mark.parametrize(("name", "note"), [("", ""), ("   ", ""), ("x" * 201, ""), ("Nghỉ", "x" * 2001)])
def test_names_and_notes_are_checked(frozen_today, operator, name, note):
    entries = AuditEntry.objects.count()
    with pytest.raises(DomainError):
        domain.add_exception(operator, date=WEDNESDAY, kind=DayKind.DAY_OFF, name=name, note=note)
    assert nothing_changed(entries)


def test_a_date_is_configured_once(frozen_today, operator):
    domain.add_exception(operator, date=WEDNESDAY, kind=DayKind.DAY_OFF, name="Nghỉ thêm")
    with pytest.raises(DomainError) as refused:
        domain.add_exception(operator, date=WEDNESDAY, kind=DayKind.DAY_OFF, name="Lần nữa")
    assert "đã có trong lịch" in str(refused.value.message)
    assert DayException.objects.count() == 1


def test_changing_checks_the_new_day(frozen_today, operator):
    first = domain.add_exception(operator, date=WEDNESDAY, kind=DayKind.DAY_OFF, name="Nghỉ thêm")
    domain.add_exception(operator, date=SATURDAY, kind=DayKind.MAKE_UP, name="Làm bù")
    with pytest.raises(DomainError):  # onto the other configured day
        domain.change_exception(operator, first, date=SATURDAY, kind=DayKind.MAKE_UP, name="Làm bù")
    with pytest.raises(DomainError):  # a day off turned make-up on a working day
        domain.change_exception(operator, first, date=WEDNESDAY, kind=DayKind.MAKE_UP, name="Làm bù")
    first.refresh_from_db()
    assert (first.date, first.kind) == (WEDNESDAY, DayKind.DAY_OFF)
    # Keeping its own date is not a duplicate.
    domain.change_exception(operator, first, date=WEDNESDAY, kind=DayKind.DAY_OFF, name="Nghỉ thêm (sửa)", note="TB")
    first.refresh_from_db()
    assert first.name == "Nghỉ thêm (sửa)"


def test_the_cached_calendar_sees_every_change(frozen_today, operator):
    before = loader.load_calendar()
    assert loader.load_calendar() is before  # cached while nothing changes
    assert not before.is_working_day(SATURDAY)
    exception = domain.add_exception(operator, date=SATURDAY, kind=DayKind.MAKE_UP, name="Làm bù")
    after_add = loader.load_calendar()
    assert after_add is not before and after_add.is_working_day(SATURDAY)
    assert after_add.add_working_days(at(2027, 1, 29, 10, 0), 1) == at(2027, 1, 30, 17, 0)
    domain.change_exception(operator, exception, date=SATURDAY, kind=DayKind.MAKE_UP, name="Làm bù (sửa)")
    assert loader.load_calendar().make_up_days == {SATURDAY: "Làm bù (sửa)"}
    domain.remove_exception(operator, exception)
    assert not loader.load_calendar().is_working_day(SATURDAY)


def test_another_process_sees_the_change_through_the_stamp(frozen_today, operator):
    """Another process holds its own cached calendar: the stored token it compares with is what moves."""
    loader.load_calendar()
    token = loader.current_token()
    domain.add_exception(operator, date=WEDNESDAY, kind=DayKind.DAY_OFF, name="Nghỉ thêm")
    assert loader.current_token() not in ("", token)
    assert CalendarStamp.objects.count() == 1


def test_a_rolled_back_change_leaves_no_stale_calendar(frozen_today, operator):
    loader.load_calendar()
    with pytest.raises(RuntimeError), transaction.atomic():
        domain.add_exception(operator, date=WEDNESDAY, kind=DayKind.DAY_OFF, name="Nghỉ thêm")
        assert not loader.load_calendar().is_working_day(WEDNESDAY)  # cached inside the transaction
        raise RuntimeError
    assert loader.load_calendar().is_working_day(WEDNESDAY)


def test_working_hours_come_from_settings(db, settings):
    settings.WORKING_HOURS = "07:00-11:00,13:30-17:30"
    assert loader.load_calendar().add_working_days(at(2026, 12, 7, 10, 0), 0) == at(2026, 12, 7, 17, 30)
    settings.WORKING_HOURS = "08:00-12:00,13:00-17:00"
    assert loader.load_calendar().add_working_days(at(2026, 12, 7, 10, 0), 0) == at(2026, 12, 7, 17, 0)


def test_malformed_working_hours_stop_the_start_up(settings):
    settings.WORKING_HOURS = "8h-17h"
    with pytest.raises(ImproperlyConfigured, match="WORKING_HOURS"):
        apps.get_app_config("workdays").ready()
