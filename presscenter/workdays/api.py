"""The working-day calendar over HTTP. Mounted by presscenter/api.py at /workdays.

Reading is public (the holidays and the government's announced days are public information; notes
are shown only to those who may see the workspace page); adding and removing configured days takes
an operator's token. `GET /workdays/deadline` computes a deadline with the same arithmetic as every
screen, so clients can show it and anyone can check it."""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from ninja import Query, Router, Schema, Status
from pydantic import Field

from presscenter.accounts.api_auth import PUBLIC_AUTH, caller_of, token_auth
from presscenter.core.api_errors import documented
from presscenter.core.api_schemas import Day, Text
from presscenter.core.errors import NotFound
from presscenter.workdays import access, domain
from presscenter.workdays.calendar import FIRST_YEAR, LAST_YEAR, VIETNAM, CalendarError
from presscenter.workdays.loader import load_calendar
from presscenter.workdays.models import DayException, DayKind
from presscenter.workdays.public_holidays import VietnamHolidays

router = Router(tags=["workdays"], auth=PUBLIC_AUTH)


class NamedDay(Schema):
    date: dt.date
    name: str


class ExceptionOut(Schema):
    id: int
    date: dt.date
    kind: DayKind
    kind_label: str
    name: str
    note: str | None = Field(None, description="Only for those who may see the workspace calendar.")


class YearOut(Schema):
    year: int
    working_hours: str
    working_days: int
    holidays: list[NamedDay]
    make_up_days: list[NamedDay] = Field(description="Weekend days the government made working days.")
    exceptions: list[ExceptionOut] = Field(description="Make-up working days and extra days off the centre entered.")


class DeadlineQuery(Schema):
    start: Text | None = Field(
        None, max_length=40, description="ISO 8601 with an offset, e.g. 2026-12-02T09:00:00+07:00; default now."
    )
    amount: Text = Field(..., max_length=20, description="A whole number of days, or a number of hours.")
    unit: Text = Field("days", max_length=10, description="days or hours")


class DeadlineOut(Schema):
    start: dt.datetime
    clock_starts: dt.datetime = Field(description="The first working moment at or after start.")
    amount: float
    unit: str
    deadline: dt.datetime
    deadline_local: str = Field(description="The deadline in Vietnam's time, dd/mm/yyyy HH:MM.")
    working_hours: str


class ExceptionIn(Schema):
    date: Day
    kind: DayKind
    name: Text = Field(..., max_length=200)
    note: Text = Field("", max_length=2000)


def exception_out(exception: DayException, with_note: bool) -> dict[str, Any]:
    return {
        "id": exception.pk,
        "date": exception.date,
        "kind": exception.kind,
        "kind_label": str(exception.get_kind_display()),  # type: ignore[attr-defined]
        "name": exception.name,
        "note": exception.note if with_note else None,
    }


def _parse_start(text: str | None) -> dt.datetime:
    if text is None or not text.strip():
        return dt.datetime.now(dt.UTC)
    text = text.strip()
    candidates = [text]
    if " " in text:  # an unencoded "+" of the offset arrives as a space
        head, _space, tail = text.rpartition(" ")
        candidates.append(f"{head}+{tail}")
    for candidate in candidates:
        try:
            return dt.datetime.fromisoformat(candidate)
        except ValueError:
            continue
    raise CalendarError(
        _("Thời điểm bắt đầu không hợp lệ: hãy viết theo ISO 8601 kèm múi giờ, ví dụ 2026-12-02T09:00:00+07:00."),
        field="start",
    )


def _parse_amount(text: str) -> float:
    try:
        return float(text.strip())
    except ValueError:
        raise CalendarError(_("Thời lượng phải là một số, ví dụ 5 hoặc 1.5."), field="amount") from None


@router.get("/deadline", response={200: DeadlineOut, **documented(422)})
def deadline(request: HttpRequest, query: Query[DeadlineQuery]) -> dict[str, Any]:
    calendar = load_calendar()
    start = _parse_start(query.start)
    amount = _parse_amount(query.amount)
    result = calendar.deadline(start, amount, query.unit)
    return {
        "start": start,
        "clock_starts": calendar.next_working_moment(start),
        "amount": amount,
        "unit": query.unit,
        "deadline": result,
        "deadline_local": f"{result.astimezone(VIETNAM):%d/%m/%Y %H:%M}",
        "working_hours": str(calendar.hours),
    }


@router.get("/{int:year}", response={200: YearOut, **documented(404, 422)})
def year_calendar(request: HttpRequest, year: int) -> dict[str, Any]:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise CalendarError(
            _("Lịch làm việc chỉ tính được từ năm %(first)d đến năm %(last)d.")
            % {"first": FIRST_YEAR, "last": LAST_YEAR},
            field="year",
        )
    calendar = load_calendar()
    public = VietnamHolidays(language=get_language())
    with_note = access.can_view_calendar(caller_of(request).user)
    return {
        "year": year,
        "working_hours": str(calendar.hours),
        "working_days": len(calendar.working_days(year)),
        "holidays": [{"date": day, "name": name} for day, name in sorted(public.days_off(year).items())],
        "make_up_days": [{"date": day, "name": name} for day, name in sorted(public.make_up_days(year).items())],
        "exceptions": [exception_out(e, with_note) for e in DayException.objects.filter(date__year=year)],
    }


@router.post("/exceptions", auth=token_auth, response={201: ExceptionOut, **documented(409, 422)})
def add_exception(request: HttpRequest, payload: ExceptionIn) -> Status[dict[str, Any]]:
    caller = caller_of(request)
    caller.check_operator()
    exception = domain.add_exception(caller.user, **payload.model_dump())
    return Status(201, exception_out(exception, True))


@router.delete("/exceptions/{int:exception_id}", auth=token_auth, response={200: ExceptionOut, **documented(404)})
def remove_exception(request: HttpRequest, exception_id: int) -> dict[str, Any]:
    """Answers with the day as it was before removal."""
    caller = caller_of(request)
    caller.check_operator()
    exception = DayException.objects.filter(pk=exception_id).first()
    if exception is None:
        raise NotFound(_("Không tìm thấy ngày này trong lịch."))
    removed = exception_out(exception, True)
    domain.remove_exception(caller.user, exception)
    return removed
