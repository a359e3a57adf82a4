"""The public face of events: the calendar (a month, day by day, with filters), an agency's
calendar, an event's page and the archive of past events. Invited-only events show only to who
may see them (access.visible_events)."""

from typing import Any

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from presscenter.events import access, calendar
from presscenter.events.forms import CalendarFilterForm
from presscenter.orgs.models import Organisation

PAGE_SIZE = 20


def _valid(form: CalendarFilterForm) -> dict[str, Any]:
    """The filters that are valid (a malformed month alone does not drop the others)."""
    if not form.is_bound:
        return {}
    form.is_valid()
    return form.cleaned_data


def _month_page(request: HttpRequest, template: str, **extra: object) -> HttpResponse:
    form = CalendarFilterForm(request.GET or None)
    data = _valid(form)
    organisation = extra.get("organisation")
    if isinstance(organisation, Organisation):
        data = {**data, "organiser": organisation.slug}
    month = calendar.Month.parse(data.get("month"))
    this_month = calendar.Month.parse(None)
    events = calendar.filtered(calendar.listed(request.user), data)
    days = calendar.month_of(events, month, from_now=month == this_month)
    query = request.GET.copy()
    query.pop("month", None)
    context = {
        "form": form,
        "days": days,
        "month": month,
        "is_this_month": month == this_month,
        "show_previous": month.first > this_month.first,
        "filters": query.urlencode(),
        **extra,
    }
    return render(request, template, context)


def calendar_month(request: HttpRequest) -> HttpResponse:
    return _month_page(request, "events/public/calendar.html")


def agency_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=slug)
    return _month_page(request, "events/public/calendar.html", organisation=organisation)


def archive(request: HttpRequest) -> HttpResponse:
    form = CalendarFilterForm(request.GET or None)
    data = _valid(form)
    page = Paginator(calendar.filtered(calendar.past(request.user), data), PAGE_SIZE).get_page(request.GET.get("trang"))
    query = request.GET.copy()
    query.pop("trang", None)
    return render(request, "events/public/archive.html", {"form": form, "page": page, "query": query.urlencode()})


def event_page(request: HttpRequest, slug: str) -> HttpResponse:
    event = calendar.with_programme(calendar.listed(request.user)).filter(slug=slug).first()
    if event is None:
        raise Http404
    speakers = [speaker for speaker in event.speakers.all() if speaker.session_id is None]
    context = {
        "event": event,
        "speakers": speakers,
        "sessions": event.sessions.all(),
        "topics": event.topics.all(),
        "materials": access.visible_materials(request.user, event),
        "json_ld": calendar.json_ld(event),
        "manages": access.can_manage(request.user, event),
        "over": event.ends_at <= timezone.now(),
        "now": timezone.now(),
    }
    return render(request, "events/public/event.html", context)
