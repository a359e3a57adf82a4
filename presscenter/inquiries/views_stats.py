"""Accountability pages: the dashboard, the questions behind each of its numbers, exports, the
monthly report per organisation, and the public statistics page."""

import datetime as dt
from typing import Any, cast

from django import forms
from django.core.cache import cache
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from presscenter.accounts import roles
from presscenter.core.forms import VietnameseDateField
from presscenter.core.screens import forbidden, staff_screen
from presscenter.inquiries import access, exports, reports, stats
from presscenter.inquiries.models import Inquiry, Kind
from presscenter.orgs.models import Organisation

PAGE_SIZE = 50
MAX_DAYS = 3 * 366
PUBLIC_CACHE_SECONDS = 300
GRANULARITY_CHOICES = [("day", _("Theo ngày")), ("week", _("Theo tuần")), ("month", _("Theo tháng"))]


class PeriodDateField(VietnameseDateField):
    """A day of a statistics period: from stats.FIRST_DAY to the end of next year. A far date
    (year 1, 9999) is a slip the form says, never a period the database is asked about."""

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value is not None and not stats.within_limits(value):
            raise forms.ValidationError(
                _("Hãy chọn ngày từ %(first)s đến %(last)s."),
                code="out_of_range",
                params={"first": f"{stats.FIRST_DAY:%d/%m/%Y}", "last": f"{stats.last_day():%d/%m/%Y}"},
            )


class FilterForm(forms.Form):
    """The dashboard's filters, from the query string. Bad values fall back to the defaults and
    say why (the exports refuse them: a file of another period would mislead); they never widen
    what the user may see."""

    tu = PeriodDateField(label=_("Từ ngày"), required=False)
    den = PeriodDateField(label=_("Đến ngày"), required=False)
    theo = forms.ChoiceField(
        label=_("Chia theo"), choices=[("", _("Tự động theo độ dài kỳ")), *GRANULARITY_CHOICES], required=False
    )
    co_quan = forms.ModelChoiceField(
        label=_("Cơ quan"), queryset=Organisation.objects.none(), required=False, empty_label=_("Tất cả")
    )
    linh_vuc = forms.ModelChoiceField(
        label=_("Lĩnh vực"), queryset=stats.categories(), required=False, empty_label=_("Tất cả")
    )
    dia_ban = forms.ModelChoiceField(
        label=_("Địa bàn"), queryset=stats.areas(), required=False, empty_label=_("Tất cả")
    )
    loai = forms.ChoiceField(label=_("Loại"), choices=[("", _("Tất cả")), *Kind.choices], required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["co_quan"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = stats.organisations_for(user).order_by("name")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        end = data.get("den") or timezone.localdate()
        start = data.get("tu") or end - dt.timedelta(days=stats.DEFAULT_DAYS - 1)
        if start > end:
            raise forms.ValidationError(_("Ngày bắt đầu phải trước ngày kết thúc."))
        if (end - start).days > MAX_DAYS:
            raise forms.ValidationError(_("Hãy chọn khoảng thời gian không quá ba năm."))
        return data

    def filters(self) -> stats.Filters:
        default = stats.Filters.default()
        if not self.is_valid():
            return default
        data = self.cleaned_data
        end = data.get("den") or default.end
        start = data.get("tu") or end - dt.timedelta(days=stats.DEFAULT_DAYS - 1)
        return stats.Filters(
            start=start, end=end,
            organisation=data["co_quan"].pk if data.get("co_quan") else None,
            category=data["linh_vuc"].pk if data.get("linh_vuc") else None,
            area=data["dia_ban"].pk if data.get("dia_ban") else None,
            kind=data.get("loai") or None,
            granularity=data.get("theo") or stats.granularity_for(start, end),
        )  # fmt: skip


def _filters(request: HttpRequest) -> tuple[FilterForm, stats.Filters]:
    form = FilterForm(request.GET or None, user=request.user)
    return form, form.filters()


def _error_lines(form: forms.Form) -> list[tuple[str, str]]:
    """Each error of a bound form as (the field's label, or "" for the whole form; the message)."""
    lines = []
    for name, errors in form.errors.items():
        label = "" if name == NON_FIELD_ERRORS else str(form.fields[name].label)
        lines += [(label, str(message)) for message in errors]
    return lines


def _refused(
    request: HttpRequest, title: object, errors: list[tuple[str, str]], back: str, back_label: object
) -> HttpResponse:
    """A 400 page saying why nothing was made (no file): the errors, and the way back to the form."""
    context = {"title": title, "errors": errors, "back_url": back, "back_label": back_label}
    return render(request, "inquiries/stats/refused.html", context, status=400)


def _query_without(request: HttpRequest, *names: str) -> str:
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


def _openable(user: Any, rows: list[Inquiry]) -> set[int]:
    """The rows this user may open on the working screens (one query at most for the page)."""
    return access.openable_ids(user, [row.pk for row in rows])


def _link(name: str, filters: stats.Filters, **extra: Any) -> str:
    return f"{reverse(name)}?{urlencode(filters.query(**extra))}"


def _rate(row: stats.Figures) -> float | None:
    return round(row.on_time_rate * 100, 1) if row.on_time_rate is not None else None


def _bucket_end(filters: stats.Filters, day: dt.date) -> dt.date:
    if filters.granularity == "day":
        return day
    if filters.granularity == "week":
        return day + dt.timedelta(days=6)
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)


def _chart_data(overview: stats.Overview) -> dict[str, Any]:
    """What stats.js draws, and where a click on each bar leads (the questions behind it); every
    chart has its table, with the same links, on the page too."""
    filters = overview.filters
    list_url = reverse("inquiries_stats:list")
    label_format = {"day": "%d/%m", "week": "%d/%m", "month": "%m/%Y"}[filters.granularity]

    def within(day: dt.date) -> str:
        start, end = max(day, filters.start), min(_bucket_end(filters, day), filters.end)
        return _link("inquiries_stats:list", filters.with_(start=start, end=end))

    return {
        "volume": {
            "labels": [point["bucket"].strftime(label_format) for point in overview.series],
            "received": [point["received"] for point in overview.series],
            "answered": [point["answered"] for point in overview.series],
            "names": {"received": str(_("Tiếp nhận")), "answered": str(_("Đã trả lời"))},
            "links": [within(point["bucket"]) for point in overview.series],
        },
        "organisations": {
            "labels": [row.label for row in overview.organisations[:15]],
            "rates": [_rate(row) for row in overview.organisations[:15]],
            "name": str(_("Tỷ lệ trả lời đúng hạn (%)")),
            "links": [
                f"{list_url}?{urlencode(filters.with_(organisation=row.key).query(chi_tiet='on_time'))}"
                for row in overview.organisations[:15]
            ],
        },
        "ratings": {
            "labels": [str(_("%(n)s sao") % {"n": row["rating"]}) for row in overview.ratings],
            "counts": [row["count"] for row in overview.ratings],
            "name": str(_("Số đánh giá")),
            "links": [f"{list_url}?{urlencode(filters.query(sao=row['rating']))}" for row in overview.ratings],
        },
        "locale": "vi" if (get_language() or "vi").startswith("vi") else "en",
    }


@staff_screen(stats.can_view_dashboard)
def dashboard(request: HttpRequest) -> HttpResponse:
    form, filters = _filters(request)
    overview = stats.overview(request.user, filters)
    context = {
        "form": form,
        "filters": filters,
        "overview": overview,
        "openable": _openable(request.user, overview.overdue),
        "chart_data": _chart_data(overview),
        "list_url": reverse("inquiries_stats:list"),
        "query": urlencode(filters.query()),
        "can_view_all": stats.can_view_all(request.user),
        "report_month": _previous_month(),
    }
    return render(request, "inquiries/stats/dashboard.html", context)


DETAIL_TITLES = {
    "": _("Câu hỏi tiếp nhận"),
    "answered": _("Câu hỏi đã trả lời"),
    "on_time": _("Câu hỏi trả lời đúng hạn"),
    "late": _("Câu hỏi trả lời quá hạn"),
    "open": _("Câu hỏi đang xử lý"),
    "closed": _("Câu hỏi đã đóng, gộp hoặc từ chối"),
    "rated": _("Câu hỏi được đánh giá"),
    "overdue": _("Câu hỏi quá hạn chưa trả lời"),
}


def _detail(request: HttpRequest) -> tuple[str, int | None]:
    detail = request.GET.get("chi_tiet", "")
    detail = detail if detail in DETAIL_TITLES else ""
    try:
        rating = int(request.GET.get("sao", ""))
    except ValueError:
        rating = None
    return detail, rating if rating in range(1, 6) else None


@staff_screen(stats.can_view_dashboard)
def question_list(request: HttpRequest) -> HttpResponse:
    form, filters = _filters(request)
    detail, rating = _detail(request)
    rows = stats.detail_rows(request.user, filters, detail or None, rating).select_related("organisation", "category")
    page = Paginator(rows.order_by("-received_at", "-pk"), PAGE_SIZE).get_page(request.GET.get("trang"))
    query = urlencode(filters.query(chi_tiet=detail, sao=rating))
    context = {
        "form": form,
        "errors": _error_lines(form),
        "filters": filters,
        "page": page,
        "openable": _openable(request.user, list(page.object_list)),
        "title": DETAIL_TITLES[detail],
        "rating": rating,
        "detail": detail,
        "query": query,
        "now": timezone.now(),
    }
    return render(request, "inquiries/stats/list.html", context)


def _export_format(request: HttpRequest) -> str:
    kind = request.GET.get("dinh_dang", "csv")
    if kind not in ("csv", "xlsx"):
        raise Http404
    return kind


def _refused_export(request: HttpRequest, form: FilterForm, back: str) -> HttpResponse:
    title = _("Chưa tải được tệp")
    url = f"{reverse(back)}?{_query_without(request, 'dinh_dang')}"
    return _refused(request, title, _error_lines(form), url, _("Quay lại sửa bộ lọc"))


@staff_screen(stats.can_view_dashboard)
def export_list(request: HttpRequest) -> HttpResponse:
    kind = _export_format(request)
    form, filters = _filters(request)
    if form.errors:  # a file of the default period would pass for the one asked
        return _refused_export(request, form, "inquiries_stats:list")
    detail, rating = _detail(request)
    rows = stats.detail_rows(request.user, filters, detail or None, rating)
    personal = stats.can_view_all(request.user)
    # A streamed or file response: staff_screen passes it through unchanged.
    return cast(HttpResponse, exports.question_list(rows, kind=kind, personal=personal, filters=filters))


@staff_screen(stats.can_view_dashboard)
def export_aggregates(request: HttpRequest) -> HttpResponse:
    kind = _export_format(request)
    form, filters = _filters(request)
    if form.errors:
        return _refused_export(request, form, "inquiries_stats:dashboard")
    overview = stats.overview(request.user, filters)
    return cast(HttpResponse, exports.aggregates(overview, kind=kind))


def _previous_month() -> dt.date:
    return (timezone.localdate().replace(day=1) - dt.timedelta(days=1)).replace(day=1)


class ReportForm(forms.Form):
    co_quan = forms.ModelChoiceField(label=_("Cơ quan"), queryset=Organisation.objects.none())
    thang = forms.CharField(label=_("Tháng"), widget=forms.DateInput(attrs={"type": "month"}))

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["co_quan"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = stats.organisations_for(user).order_by("name")

    def clean_thang(self) -> dt.date:
        value = self.cleaned_data["thang"]
        try:
            month = dt.datetime.strptime(value, "%Y-%m").date()
        except ValueError:
            raise forms.ValidationError(_("Hãy chọn tháng theo dạng năm-tháng, ví dụ 2026-11.")) from None
        if not stats.FIRST_DAY <= month <= timezone.localdate():
            raise forms.ValidationError(
                _("Hãy chọn một tháng từ %(first)s đến tháng này."), params={"first": f"{stats.FIRST_DAY:%m/%Y}"}
            )
        return month

    def asks_for_another_organisation(self) -> bool:
        """The organisation asked for exists but is not among the user's: refused (403), where a
        wrong month or a missing field is a mistake to correct (400)."""
        if not self.has_error("co_quan", "invalid_choice"):
            return False
        value = str(self.data.get("co_quan", ""))
        return value.isdigit() and len(value) < 19 and Organisation.objects.filter(pk=int(value)).exists()


def _report(request: HttpRequest) -> tuple[ReportForm, stats.MonthlyReport | None]:
    user = request.user
    initial: dict[str, Any] = {"thang": _previous_month().strftime("%Y-%m")}
    agency = roles.agency_of(user)
    if agency is not None:
        initial["co_quan"] = agency
    form = ReportForm(request.GET or None, user=user, initial=initial)
    if not request.GET or not form.is_valid():
        return form, None
    month = form.cleaned_data["thang"]
    organisation = form.cleaned_data["co_quan"]
    return form, stats.monthly_report(user, organisation, month.year, month.month)


NOT_YOURS = _("Bạn không được xem báo cáo của cơ quan này.")


@staff_screen(stats.can_view_dashboard)
def monthly_report(request: HttpRequest) -> HttpResponse:
    form, report = _report(request)
    if form.asks_for_another_organisation():
        return forbidden(request, NOT_YOURS)
    pdf_url = f"{reverse('inquiries_stats:report_pdf')}?{request.GET.urlencode()}" if report else None
    context = {
        "form": form,
        "report": report,
        "pdf_url": pdf_url,
        "list_url": reverse("inquiries_stats:list"),
        "query": urlencode(report.filters.query()) if report else "",
    }
    return render(request, "inquiries/stats/report.html", context, status=400 if form.errors else 200)


@staff_screen(stats.can_view_dashboard)
def monthly_report_pdf(request: HttpRequest) -> HttpResponse:
    form, report = _report(request)
    if form.asks_for_another_organisation():
        return forbidden(request, NOT_YOURS)
    if report is None:
        errors = _error_lines(form) or [("", str(_("Hãy chọn cơ quan và tháng của báo cáo.")))]
        back = f"{reverse('inquiries_stats:report')}?{request.GET.urlencode()}"
        return _refused(request, _("Chưa lập được báo cáo"), errors, back, _("Quay lại chọn cơ quan và tháng"))
    data = reports.monthly_pdf(report)
    response = HttpResponse(data, content_type="application/pdf")
    name = f"bao-cao-{report.organisation.slug}-{report.filters.start:%Y-%m}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


class PublicPeriodForm(forms.Form):
    nam = forms.TypedChoiceField(label=_("Năm"), coerce=int, required=False)
    thang = forms.TypedChoiceField(label=_("Tháng"), coerce=int, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        nam = self.fields["nam"]
        thang = self.fields["thang"]
        assert isinstance(nam, forms.TypedChoiceField) and isinstance(thang, forms.TypedChoiceField)
        nam.choices = [(year, str(year)) for year in range(today.year, today.year - 5, -1)]
        thang.choices = [("", _("Cả năm")), *((month, _("Tháng %(n)s") % {"n": month}) for month in range(1, 13))]

    def period(self) -> tuple[dt.date, dt.date]:
        today = timezone.localdate()
        year = self.cleaned_data.get("nam") if self.is_valid() else None
        month = self.cleaned_data.get("thang") if self.is_valid() else None
        year = year or today.year
        if month:
            start = dt.date(year, month, 1)
            end = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
        else:
            start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
        return start, min(end, today)


def public_stats(request: HttpRequest) -> HttpResponse:
    """Per agency: questions received, answered on time, median time to answer. Aggregates only:
    no names, no texts. Cached briefly (the figures of a period change slowly)."""
    form = PublicPeriodForm(request.GET or None)
    start, end = form.period()
    if start > end:
        start = end
    filters = stats.Filters(start=start, end=end, granularity="month")
    key = f"inquiries:public-stats:{start}:{end}:{get_language()}"
    rows = cache.get(key)
    if rows is None:
        rows = [
            {
                "label": row.label,
                "received": row.received,
                "answered": row.answered,
                "on_time": row.on_time,
                "on_time_rate": row.on_time_rate,
                "median_hours": row.median_hours,
            }
            for row in stats.public_by_agency(filters)
        ]
        cache.set(key, rows, PUBLIC_CACHE_SECONDS)
    context = {"form": form, "rows": rows, "start": start, "end": end}
    response = render(request, "inquiries/stats/public.html", context)
    response["Cache-Control"] = f"public, max-age={PUBLIC_CACHE_SECONDS}"
    return response
