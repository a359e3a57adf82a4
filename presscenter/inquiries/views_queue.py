"""The centre's triage queue and the agencies' inbox of questions and feedback."""

from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from presscenter.accounts import roles
from presscenter.core.screens import staff_screen
from presscenter.inquiries import access, failed_notices, hints, worklists
from presscenter.inquiries.forms_workspace import InboxFilterForm, QueueFilterForm, RouteForm
from presscenter.inquiries.models import PRESS_KINDS, PUBLIC_KINDS, Inquiry
from presscenter.inquiries.views_common import clock
from presscenter.workdays.loader import load_calendar
from presscenter.workspace.access import can_use_workspace

PAGE_SIZE = 25


def _filtered(inquiries: QuerySet[Inquiry], data: dict[str, Any]) -> QuerySet[Inquiry]:
    if data.get("organisation"):
        inquiries = inquiries.filter(organisation=data["organisation"])
    if data.get("kind"):
        inquiries = inquiries.filter(kind=data["kind"])
    if data.get("category"):
        inquiries = inquiries.filter(category=data["category"])
    if data.get("area"):
        inquiries = inquiries.filter(area=data["area"])
    if data.get("audience") == "press":
        inquiries = inquiries.filter(kind__in=PRESS_KINDS)
    elif data.get("audience") == "public":
        inquiries = inquiries.filter(kind__in=PUBLIC_KINDS)
    if data.get("accredited") == "yes":
        inquiries = inquiries.filter(kind__in=PRESS_KINDS, asker_accredited=True)
    elif data.get("accredited") == "no":
        inquiries = inquiries.filter(kind__in=PRESS_KINDS, asker_accredited=False)
    return inquiries


def _query(request: HttpRequest, *keep: str) -> str:
    """The filters of the page's address, for the paging and tab links."""
    query = request.GET.copy()
    query.pop("trang", None)
    for name in list(query):
        if name not in keep:
            query.pop(name)
    return query.urlencode()


@staff_screen(access.can_route)
def triage_queue(request: HttpRequest) -> HttpResponse:
    form = QueueFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    inquiries = _filtered(worklists.triage_queue(), data).select_related(
        "category", "area__parent__parent", "topic", "asker", "about_event__organiser"
    )
    page = Paginator(inquiries, PAGE_SIZE).get_page(request.GET.get("trang"))
    listed = list(page.object_list)
    rows = list(zip(listed, hints.routing_hints(listed), strict=True))
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "route_form": RouteForm(),
        "tabs": worklists.TABS.values(),
        "query": _query(request, *QueueFilterForm.base_fields),
    }
    return render(request, "inquiries/workspace/triage.html", context)


@staff_screen(can_use_workspace)
def inbox(request: HttpRequest) -> HttpResponse:
    user = request.user
    tab = worklists.TABS.get(request.GET.get("loc", ""), worklists.TABS["can-xu-ly"])
    form = InboxFilterForm(request.GET or None, staff=roles.is_staff(user))
    data = form.cleaned_data if form.is_valid() else {}
    base = _filtered(access.workspace_inquiries(user), data)
    if data.get("cua_toi"):
        base = base.filter(assignee_id=user.pk)
    inquiries = tab.filter(base, user).select_related("category", "organisation", "assignee", "area")
    page = Paginator(inquiries, PAGE_SIZE).get_page(request.GET.get("trang"))
    now = timezone.now()
    calendar = load_calendar()
    rows = [(inquiry, clock(inquiry, now, calendar)) for inquiry in page.object_list]
    filters = _query(request, *InboxFilterForm.base_fields)
    context = {
        "tab": tab,
        "tabs": worklists.TABS.values(),
        "counts": worklists.tab_counts(base, user),
        "form": form,
        "page": page,
        "rows": rows,
        "filters": filters,
        "query": "&".join(part for part in (f"loc={tab.slug}", filters) if part),
        # The centre's staff see when notices could not be sent (one query, theirs only).
        "failed_count": failed_notices.failed().count() if access.can_manage_notices(user) else 0,
    }
    return render(request, "inquiries/workspace/inbox.html", context)
