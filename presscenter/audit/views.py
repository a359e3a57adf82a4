"""The audit log browser for center staff (filter by who, what, which kind of object and when),
and the public file of signed checkpoints."""

import datetime as dt
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from presscenter.audit import checkpoints
from presscenter.audit.access import can_browse_audit
from presscenter.audit.display import shown
from presscenter.audit.labels import object_type_label
from presscenter.audit.models import AuditEntry
from presscenter.core.downloads import file_response
from presscenter.core.forms import VietnameseDateField
from presscenter.core.screens import staff_screen
from presscenter.search.query import FIRST_DAY, LAST_DAY

PAGE_SIZE = 50


def _within_calendar(day: dt.date) -> None:
    """The days search accepts: year 1 or 9999 overflows once the time zone or the next day is applied."""
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ValidationError(
            _("Ngày phải trong khoảng từ %(first)s đến %(last)s.")
            % {"first": f"{FIRST_DAY:%d/%m/%Y}", "last": f"{LAST_DAY:%d/%m/%Y}"}
        )


class AuditFilterForm(forms.Form):
    actor = forms.CharField(label=_("Người thực hiện"), required=False, max_length=150)
    action = forms.CharField(label=_("Hành động"), required=False, max_length=60)
    object_type = forms.ChoiceField(label=_("Loại đối tượng"), required=False)
    since = VietnameseDateField(label=_("Từ ngày"), required=False, validators=[_within_calendar])
    until = VietnameseDateField(label=_("Đến ngày"), required=False, validators=[_within_calendar])

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        types = AuditEntry.objects.order_by("object_type").values_list("object_type", flat=True).distinct()
        cast(forms.ChoiceField, self.fields["object_type"]).choices = [
            ("", _("Tất cả")),
            *((value, object_type_label(value)) for value in types),
        ]

    def filter(self, entries: QuerySet[AuditEntry]) -> QuerySet[AuditEntry]:
        data = self.cleaned_data
        if data["actor"]:
            entries = entries.filter(actor_label__icontains=data["actor"].strip())
        if data["action"]:
            entries = entries.filter(action__startswith=data["action"].strip())
        if data["object_type"]:
            entries = entries.filter(object_type=data["object_type"])
        # Days are Vietnamese calendar days: midnight in Asia/Ho_Chi_Minh.
        if data["since"]:
            entries = entries.filter(at__gte=_local_midnight(data["since"]))
        if data["until"]:
            entries = entries.filter(at__lt=_local_midnight(data["until"] + dt.timedelta(days=1)))
        return entries


def _local_midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


@staff_screen(can_browse_audit)
def audit_log(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET or None)
    entries = AuditEntry.objects.order_by("-id")
    if form.is_bound and form.is_valid():
        entries = form.filter(entries)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("trang"))
    query = request.GET.copy()
    query.pop("trang", None)
    context = {"form": form, "page": page, "rows": shown(page.object_list), "query": query.urlencode()}
    return render(request, "workspace/audit_log.html", context)


@require_GET
@cache_control(public=True, max_age=60)
def checkpoint_file(request: HttpRequest) -> HttpResponse | FileResponse:
    """Public, so that anyone can keep a copy: a copy held elsewhere shows a rewritten file."""
    content_type = "application/jsonl; charset=utf-8"
    target = checkpoints.path()
    if not target.exists():
        return HttpResponse(b"", content_type=content_type)
    return file_response(request, target.open("rb"), content_type=content_type)
