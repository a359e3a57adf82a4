"""The workspace page "Lịch làm việc": a year's public holidays and the configured days, with the forms
that add, change and remove configured days (centre staff)."""

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from presscenter.core.errors import DomainError, NotFound
from presscenter.core.forms import add_domain_error
from presscenter.core.screens import attempt, staff_screen
from presscenter.workdays import access, domain
from presscenter.workdays.calendar import FIRST_YEAR, LAST_YEAR
from presscenter.workdays.forms import DayExceptionForm
from presscenter.workdays.loader import load_calendar
from presscenter.workdays.models import DayException
from presscenter.workdays.public_holidays import VietnamHolidays

viewer_screen = staff_screen(access.can_view_calendar)
editor_screen = staff_screen(access.can_edit_calendar)


def _exception(pk: int) -> DayException:
    exception = DayException.objects.filter(pk=pk).first()
    if exception is None:
        raise NotFound(_("Không tìm thấy ngày này trong lịch."))
    return exception


def _year_context(user: Any, year: int) -> dict[str, Any]:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404
    calendar = load_calendar()
    public = VietnamHolidays(language=get_language())
    exceptions = list(DayException.objects.filter(date__year=year).select_related("created_by"))
    configured = {exception.date for exception in exceptions}
    holidays: list[dict[str, Any]] = [
        {"date": day, "name": name, "working": False, "overridden": day in configured}
        for day, name in public.days_off(year).items()
    ]
    holidays += [
        {"date": day, "name": name, "working": True, "overridden": day in configured}
        for day, name in public.make_up_days(year).items()
    ]
    holidays.sort(key=lambda holiday: holiday["date"])
    return {
        "year": year,
        "previous_year": year - 1 if year > FIRST_YEAR else None,
        "next_year": year + 1 if year < LAST_YEAR else None,
        "this_year": timezone.localdate().year,
        "holidays": holidays,
        "exceptions": exceptions,
        "working_day_count": len(calendar.working_days(year)),
        "hours": ", ".join(f"{start:%H:%M}–{end:%H:%M}" for start, end in calendar.hours.periods),
        "can_edit": access.can_edit_calendar(user),
    }


@viewer_screen
def calendar_page(request: HttpRequest, year: int | None = None) -> HttpResponse:
    year = timezone.localdate().year if year is None else year
    form = DayExceptionForm(initial={"date": None}) if access.can_edit_calendar(request.user) else None
    return render(request, "workdays/calendar.html", {**_year_context(request.user, year), "form": form})


def _write(form: DayExceptionForm, write: Any) -> DayException | None:
    if not form.is_valid():
        return None
    try:
        return write(**form.cleaned_data)  # type: ignore[no-any-return]
    except DomainError as error:
        add_domain_error(form, error)
        return None


@editor_screen
def exception_add(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return redirect("workdays:calendar")
    form = DayExceptionForm(request.POST)
    saved = _write(form, lambda **data: domain.add_exception(request.user, **data))
    if saved is not None:
        messages.success(request, str(_("Đã thêm ngày %(date)s vào lịch.") % {"date": f"{saved.date:%d/%m/%Y}"}))
        return redirect("workdays:calendar_year", year=saved.date.year)
    year = form.cleaned_data["date"].year if form.cleaned_data.get("date") else timezone.localdate().year
    if not FIRST_YEAR <= year <= LAST_YEAR:
        year = timezone.localdate().year
    context = {**_year_context(request.user, year), "form": form}
    return render(request, "workdays/calendar.html", context, status=400)


@editor_screen
def exception_edit(request: HttpRequest, pk: int) -> HttpResponse:
    exception = _exception(pk)
    initial = {"date": exception.date, "kind": exception.kind, "name": exception.name, "note": exception.note}
    form = DayExceptionForm(request.POST or None, initial=initial)
    if request.method == "POST":
        saved = _write(form, lambda **data: domain.change_exception(request.user, exception, **data))
        if saved is not None:
            messages.success(request, str(_("Đã lưu ngày %(date)s.") % {"date": f"{saved.date:%d/%m/%Y}"}))
            return redirect("workdays:calendar_year", year=saved.date.year)
    status = 400 if request.method == "POST" else 200
    return render(request, "workdays/exception_form.html", {"form": form, "exception": exception}, status=status)


@editor_screen
def exception_remove(request: HttpRequest, pk: int) -> HttpResponse:
    exception = _exception(pk)
    year = exception.date.year
    if request.method == "POST" and attempt(
        request,
        lambda: domain.remove_exception(request.user, exception),
        _("Đã xóa ngày %(date)s khỏi lịch.") % {"date": f"{exception.date:%d/%m/%Y}"},
    ):
        return redirect("workdays:calendar_year", year=year)
    return render(request, "workdays/exception_remove.html", {"exception": exception})
