"""Every write to the configured days (make-up working days, extra days off), each with its audit entry
and a new calendar stamp in the same transaction."""

import datetime as dt
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from presscenter.audit.domain import record, save_recorded
from presscenter.core.errors import DomainError, NotFound, PermissionDenied
from presscenter.workdays import access
from presscenter.workdays.calendar import CalendarError, WorkCalendar
from presscenter.workdays.loader import STAMP_ID
from presscenter.workdays.models import CalendarStamp, DayException, DayKind
from presscenter.workdays.public_holidays import VietnamHolidays

# How far from today a configured day may be: the government announces a year at a time.
MAX_YEARS_AWAY = 5
NAME_MAX = 200
NOTE_MAX = 2000


def snapshot(exception: DayException) -> dict[str, Any]:
    return {"date": exception.date.isoformat(), "kind": exception.kind, "name": exception.name, "note": exception.note}


def _check_actor(actor: Any) -> None:
    if not access.can_edit_calendar(actor):
        raise PermissionDenied(_("Chỉ cán bộ Trung tâm mới sửa được lịch làm việc."))


def _bump_stamp() -> None:
    """Every process's cached calendar is out of date once this commits (loader.load_calendar)."""
    token = uuid.uuid4().hex
    if not CalendarStamp.objects.filter(pk=STAMP_ID).update(token=token):
        CalendarStamp.objects.create(pk=STAMP_ID, token=token)


def _clean(day: Any, kind: Any, name: Any, note: Any) -> tuple[dt.date, str, str, str]:
    if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
        raise DomainError(_("Hãy nhập ngày."), field="date")
    if kind not in DayKind.values:
        raise DomainError(_("Hãy chọn loại ngày: ngày làm bù hoặc ngày nghỉ thêm."), field="kind")
    name = (name or "").strip() if isinstance(name, str) else ""
    note = (note or "").strip() if isinstance(note, str) else ""
    if not name:
        raise DomainError(_("Hãy nhập tên ngày, ví dụ “Nghỉ bù Tết Dương lịch”."), field="name")
    if len(name) > NAME_MAX:
        raise DomainError(_("Tên ngày dài quá %(max)d ký tự.") % {"max": NAME_MAX}, field="name")
    if len(note) > NOTE_MAX:
        raise DomainError(_("Ghi chú dài quá %(max)d ký tự.") % {"max": NOTE_MAX}, field="note")
    today = timezone.localdate()
    try:
        earliest, latest = (
            today.replace(year=today.year - MAX_YEARS_AWAY),
            today.replace(year=today.year + MAX_YEARS_AWAY),
        )
    except ValueError:  # 29/2
        earliest, latest = dt.date(today.year - MAX_YEARS_AWAY, 2, 28), dt.date(today.year + MAX_YEARS_AWAY, 2, 28)
    if not earliest <= day <= latest:
        raise DomainError(
            _("Chỉ nhập được ngày trong vòng %(years)d năm kể từ hôm nay (từ %(first)s đến %(last)s).")
            % {"years": MAX_YEARS_AWAY, "first": f"{earliest:%d/%m/%Y}", "last": f"{latest:%d/%m/%Y}"},
            field="date",
        )
    return day, kind, name, note


def _check_day(day: dt.date, kind: str, exclude_pk: int | None = None) -> None:
    others = DayException.objects.filter(date=day)
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    existing = others.first()
    if existing is not None:
        raise DomainError(
            _("Ngày %(date)s đã có trong lịch (%(kind)s: %(name)s); hãy sửa ngày đó thay vì thêm mới.")
            % {"date": f"{day:%d/%m/%Y}", "kind": existing.get_kind_display(), "name": existing.name},  # type: ignore[attr-defined]
            field="date",
        )
    calendar = WorkCalendar(VietnamHolidays())  # the public holidays alone: what the day is without exceptions
    try:
        working = calendar.is_public_working_day(day)
    except CalendarError as error:
        raise DomainError(error.message, field="date") from error
    holiday = calendar.public.days_off(day.year).get(day)
    if kind == DayKind.MAKE_UP and working:
        raise DomainError(
            _("Ngày %(date)s vốn đã là ngày làm việc; ngày làm bù phải là ngày nghỉ (thường là thứ Bảy).")
            % {"date": f"{day:%d/%m/%Y}"},
            field="date",
        )
    if kind == DayKind.DAY_OFF and not working:
        if holiday:
            message = _("Ngày %(date)s đã là ngày nghỉ lễ (%(holiday)s); không cần nhập thêm.") % {
                "date": f"{day:%d/%m/%Y}",
                "holiday": holiday,
            }
        else:
            message = _("Ngày %(date)s là ngày nghỉ cuối tuần; ngày nghỉ thêm phải là ngày làm việc.") % {
                "date": f"{day:%d/%m/%Y}"
            }
        raise DomainError(message, field="date")


@contextmanager
def _same_day_added_meanwhile(day: dt.date) -> Iterator[None]:
    """Two people entering the same day at once: the second is told, not shown an error page."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError:
        raise DomainError(
            _("Ngày %(date)s vừa được người khác thêm vào lịch; hãy tải lại trang.") % {"date": f"{day:%d/%m/%Y}"},
            field="date",
        ) from None


@transaction.atomic
def add_exception(actor: Any, *, date: Any, kind: Any, name: Any, note: Any = "") -> DayException:
    _check_actor(actor)
    day, kind, name, note = _clean(date, kind, name, note)
    _check_day(day, kind)
    with _same_day_added_meanwhile(day):
        exception = DayException.objects.create(
            date=day, kind=kind, name=name, note=note, created_by=actor if getattr(actor, "pk", None) else None
        )
    _bump_stamp()
    record(actor, "workdays.add", exception, summary=str(exception), after=snapshot(exception))
    return exception


@transaction.atomic
def change_exception(
    actor: Any, exception: DayException, *, date: Any, kind: Any, name: Any, note: Any = ""
) -> DayException:
    _check_actor(actor)
    exception = DayException.objects.select_for_update().get(pk=exception.pk)
    day, kind, name, note = _clean(date, kind, name, note)
    _check_day(day, kind, exclude_pk=exception.pk)
    with _same_day_added_meanwhile(day):
        save_recorded(
            actor,
            "workdays.change",
            exception,
            snapshot,
            f"{day:%d/%m/%Y} {name}",
            date=day,
            kind=kind,
            name=name,
            note=note,
        )
    _bump_stamp()
    return exception


@transaction.atomic
def remove_exception(actor: Any, exception: DayException) -> None:
    _check_actor(actor)
    exception = DayException.objects.select_for_update().filter(pk=exception.pk).first()  # type: ignore[assignment]
    if exception is None:
        raise NotFound(_("Ngày này đã bị xóa khỏi lịch."))
    before = snapshot(exception)
    summary = str(exception)
    record(actor, "workdays.remove", exception, summary=summary, before=before)
    exception.delete()
    _bump_stamp()
