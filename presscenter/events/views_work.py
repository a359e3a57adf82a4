"""The organisers' working screens: the events they run, the event form, confirming, postponing
and cancelling, sessions, speakers and materials; the room calendar; the centre's venues and rooms.
Every screen checks `access` first and writes only through the domain."""

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from presscenter.accounts import roles
from presscenter.core.errors import DomainError, PermissionDenied
from presscenter.core.forms import add_domain_error
from presscenter.core.screens import attempt, staff_screen
from presscenter.events import access, domain
from presscenter.events.forms import (
    CancelForm,
    EventForm,
    MaterialForm,
    PostponeForm,
    RoomCalendarForm,
    RoomCheckForm,
    RoomForm,
    SessionForm,
    SpeakerForm,
    VenueForm,
    WorkFilterForm,
    centre_rooms,
)
from presscenter.events.models import Event, EventStatus, Room, RoomBooking, Session, Speaker, Venue

PAGE_SIZE = 25
ROOM_CALENDAR_DAYS = 14


def event_for_work(user: Any, pk: Any) -> Event:
    """The event if this user runs it; otherwise a 403 page."""
    event = (
        access.managed_events(user)
        .select_related("organiser", "room__venue", "venue", "created_by")
        .filter(pk=pk)
        .first()
    )
    if event is None:
        raise PermissionDenied(_("Bạn không có quyền với sự kiện này."))
    return event


def _filtered(events: QuerySet[Event], data: dict[str, Any]) -> QuerySet[Event]:
    now = timezone.now()
    when = data.get("when") or ""
    if when == "past":
        events = events.filter(ends_at__lt=now).order_by("-starts_at", "-id")
    elif when == "all":
        events = events.order_by("-starts_at", "-id")
    else:
        events = events.filter(ends_at__gte=now).order_by("starts_at", "id")
    for name in ("status", "type", "organiser"):
        if data.get(name):
            events = events.filter(**{name: data[name]})
    return events


def _query(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("trang", None)
    return query.urlencode()


@staff_screen(access.can_create)
def event_list(request: HttpRequest) -> HttpResponse:
    form = WorkFilterForm(request.GET or None, user=request.user)
    data = form.cleaned_data if form.is_valid() else {}
    events = _filtered(access.managed_events(request.user), data).select_related("organiser", "room__venue", "venue")
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("trang"))
    context = {"form": form, "page": page, "query": _query(request)}
    return render(request, "events/work/list.html", context)


def _event_form(request: HttpRequest, event: Event | None) -> HttpResponse:
    user = request.user
    initial = {}
    if event is None:
        agency = roles.agency_of(user)
        if agency is not None:
            initial["organiser"] = agency
    form = EventForm(request.POST or None, instance=event, user=user, initial=initial)
    if request.method == "POST" and form.is_valid():
        fields = form.domain_fields()
        topics = list(form.cleaned_data["topics"])
        try:
            if event is None:
                saved = domain.create_event(user, organiser=form.cleaned_data["organiser"], topics=topics, **fields)
            else:
                saved = domain.update_event(user, event, topics=topics, **fields)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, str(_("Đã lưu sự kiện “%(title)s”.") % {"title": saved.title}))
            return redirect("events_work:detail", saved.pk)
    context = {"form": form, "event": event, "rooms_url_days": ROOM_CALENDAR_DAYS}
    return render(request, "events/work/form.html", context)


@staff_screen(access.can_create)
def event_create(request: HttpRequest) -> HttpResponse:
    return _event_form(request, None)


@staff_screen(access.can_create)
def event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    event = event_for_work(request.user, pk)
    if event.status == EventStatus.CANCELLED:
        messages.error(request, str(_("Sự kiện đã hủy không sửa được nữa.")))
        return redirect("events_work:detail", event.pk)
    return _event_form(request, event)


@staff_screen(access.can_create)
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = event_for_work(request.user, pk)
    sessions = event.sessions.select_related("room")
    speakers = event.speakers.select_related("organisation", "session")
    context = {
        "event": event,
        "sessions": sessions,
        "speakers": speakers,
        "materials": event.materials.select_related("current_version").order_by("pk"),
        "topics": event.topics.all(),
        "material_form": MaterialForm(event=event),
        "editable": event.status != EventStatus.CANCELLED,
        "can_confirm": event.status in (EventStatus.PLANNED, EventStatus.POSTPONED),
        "over": event.ends_at <= timezone.now(),
        "now": timezone.now(),
    }
    return render(request, "events/work/detail.html", context)


ACTIONS = {"xac-nhan": "confirm", "hoan": "postpone", "huy": "cancel"}


@staff_screen(access.can_create)
def event_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Confirm, postpone or cancel: a page that says what will happen, then the change."""
    name = ACTIONS.get(action)
    if name is None:
        raise Http404
    event = event_for_work(request.user, pk)
    form: PostponeForm | CancelForm | None = None
    if name == "postpone":
        form = PostponeForm(request.POST or None)
    elif name == "cancel":
        form = CancelForm(request.POST or None)
    if request.method == "POST" and (form is None or form.is_valid()):
        try:
            if name == "confirm":
                domain.confirm(request.user, event)
            elif name == "postpone" and form is not None:
                data = form.cleaned_data
                domain.postpone(
                    request.user, event, reason=data["reason"], starts_at=data["starts_at"], ends_at=data["ends_at"]
                )
            elif form is not None:
                domain.cancel(request.user, event, reason=form.cleaned_data["reason"])
        except DomainError as error:
            if form is None:
                messages.error(request, str(error.message))
                return redirect("events_work:detail", event.pk)
            add_domain_error(form, error)
        else:
            messages.success(request, str(DONE[name]))
            return redirect("events_work:detail", event.pk)
    return render(request, "events/work/action.html", {"event": event, "form": form, "action": action, "name": name})


DONE = {
    "confirm": _("Đã xác nhận sự kiện."),
    "postpone": _("Đã hoãn sự kiện; người đăng ký sẽ được báo."),
    "cancel": _("Đã hủy sự kiện; phòng đã được trả, người đăng ký sẽ được báo."),
}


# Sessions and speakers --------------------------------------------------------------------------

Part = Session | Speaker


def _save_part(
    request: HttpRequest,
    event: Event,
    form: SessionForm | SpeakerForm,
    obj: Part | None,
    save: Callable[[dict[str, Any]], Any],
    part: str,
) -> HttpResponse:
    """The form of a session or a speaker: on a valid POST, the domain's add or update."""
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, str(SAVED[part]))
            return redirect("events_work:detail", event.pk)
    return render(request, "events/work/part_form.html", {"event": event, "form": form, "part": part, "obj": obj})


def _remove_part(request: HttpRequest, event: Event, obj: Part, remove: Callable[[], None], part: str) -> HttpResponse:
    """Removing a session or a speaker: a confirmation page, then the domain's removal."""
    if request.method == "POST":
        attempt(request, remove, REMOVED[part])
        return redirect("events_work:detail", event.pk)
    return render(request, "events/work/remove.html", {"event": event, "obj": obj, "part": part})


SAVED = {"session": _("Đã lưu phiên."), "speaker": _("Đã lưu người phát biểu.")}
REMOVED = {"session": _("Đã xóa phiên."), "speaker": _("Đã xóa người phát biểu.")}


@staff_screen(access.can_create)
def session_form(request: HttpRequest, pk: int, session_pk: int | None = None) -> HttpResponse:
    event = event_for_work(request.user, pk)
    session = get_object_or_404(Session, pk=session_pk, event=event) if session_pk else None
    initial = {} if session else {"starts_at": event.starts_at, "ends_at": event.ends_at, "room": event.room_id}
    form = SessionForm(request.POST or None, instance=session, initial=initial)

    def save(data: dict[str, Any]) -> Session:
        fields = {name: data[name] for name in domain.SESSION_FIELDS}
        if session is None:
            return domain.add_session(request.user, event, **fields)
        return domain.update_session(request.user, session, **fields)

    return _save_part(request, event, form, session, save, "session")


@staff_screen(access.can_create)
def session_remove(request: HttpRequest, pk: int, session_pk: int) -> HttpResponse:
    event = event_for_work(request.user, pk)
    session = get_object_or_404(Session, pk=session_pk, event=event)
    return _remove_part(request, event, session, lambda: domain.remove_session(request.user, session), "session")


@staff_screen(access.can_create)
def speaker_form(request: HttpRequest, pk: int, speaker_pk: int | None = None) -> HttpResponse:
    event = event_for_work(request.user, pk)
    speaker = get_object_or_404(Speaker, pk=speaker_pk, event=event) if speaker_pk else None
    initial = {}
    if speaker is not None:
        initial = {
            "name": speaker.name,
            "position_title": speaker.position_title,
            "organisation": speaker.organisation_id,
            "session": speaker.session_id,
            "order": speaker.order,
        }
    form = SpeakerForm(request.POST or None, event=event, initial=initial)

    def save(data: dict[str, Any]) -> Speaker:
        if speaker is None:
            return domain.add_speaker(request.user, event, **data)
        return domain.update_speaker(request.user, speaker, **data)

    return _save_part(request, event, form, speaker, save, "speaker")


@staff_screen(access.can_create)
def speaker_remove(request: HttpRequest, pk: int, speaker_pk: int) -> HttpResponse:
    event = event_for_work(request.user, pk)
    speaker = get_object_or_404(Speaker, pk=speaker_pk, event=event)
    return _remove_part(request, event, speaker, lambda: domain.remove_speaker(request.user, speaker), "speaker")


# Materials --------------------------------------------------------------------------------------


@staff_screen(access.can_create)
def material_add(request: HttpRequest, pk: int) -> HttpResponse:
    event = event_for_work(request.user, pk)
    if request.method != "POST":
        return redirect("events_work:detail", event.pk)
    form = MaterialForm(request.POST, event=event)
    if not form.is_valid():
        messages.error(request, str(_("Hãy chọn một tin đã công bố của cơ quan tổ chức.")))
    else:
        try:
            domain.add_material(request.user, event, form.cleaned_data["item"])
        except DomainError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, str(_("Đã gắn tài liệu vào sự kiện.")))
    return redirect("events_work:detail", event.pk)


@staff_screen(access.can_create)
def material_remove(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    event = event_for_work(request.user, pk)
    item = get_object_or_404(event.materials.all(), pk=item_pk)
    if request.method == "POST":
        try:
            domain.remove_material(request.user, event, item)
        except DomainError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, str(_("Đã gỡ tài liệu khỏi sự kiện.")))
    return redirect("events_work:detail", event.pk)


# The room calendar, venues and rooms ------------------------------------------------------------


@staff_screen(access.can_create)
def room_calendar(request: HttpRequest) -> HttpResponse:
    """Which of the centre's rooms is held when, day by day over two weeks: a clash shows before
    a room is chosen. Who runs the event sees its title; others see that the room is taken."""
    form = RoomCalendarForm(request.GET or None)
    today = timezone.localdate()
    first = (form.cleaned_data.get("day") if form.is_valid() else None) or today
    start = timezone.make_aware(dt.datetime.combine(first, dt.time.min))
    end = start + dt.timedelta(days=ROOM_CALENDAR_DAYS)
    bookings = RoomBooking.objects.filter(starts_at__lt=end, ends_at__gt=start).select_related(
        "event__organiser", "session"
    )
    rooms = centre_rooms().prefetch_related(Prefetch("bookings", queryset=bookings, to_attr="shown"))
    staff = roles.is_staff(request.user)
    agency = roles.agency_of(request.user)
    rows = []
    for room in rooms:
        shown = [
            (booking, staff or booking.event.organiser_id == agency)
            for booking in room.shown  # type: ignore[attr-defined]
        ]
        rows.append((room, shown))
    context = {
        "form": form,
        "rows": rows,
        "first": first,
        "last": first + dt.timedelta(days=ROOM_CALENDAR_DAYS - 1),
        "previous": first - dt.timedelta(days=ROOM_CALENDAR_DAYS),
        "next": first + dt.timedelta(days=ROOM_CALENDAR_DAYS),
    }
    return render(request, "events/work/room_calendar.html", context)


@staff_screen(access.can_create)
def room_check(request: HttpRequest) -> HttpResponse:
    """While the event form is filled in (htmx): is the chosen room free at the chosen time?"""
    form = RoomCheckForm(request.GET)
    context: dict[str, Any] = {"checked": False}
    if form.is_valid() and form.cleaned_data["ends_at"] > form.cleaned_data["starts_at"]:
        data = form.cleaned_data
        event = access.managed_events(request.user).filter(pk=data.get("event") or 0).first()
        staff, agency = roles.is_staff(request.user), roles.agency_of(request.user)
        found = domain.clashes(data["room"], data["starts_at"], data["ends_at"], event=event)
        context = {
            "checked": True,
            "room": data["room"],
            "clashes": [(booking, staff or booking.event.organiser_id == agency) for booking in found],
        }
    return render(request, "events/work/_room_check.html", context)


@staff_screen(roles.is_staff)
def venue_list(request: HttpRequest) -> HttpResponse:
    venues = Venue.objects.prefetch_related(Prefetch("rooms", queryset=Room.objects.order_by("name")))
    return render(request, "events/work/venues.html", {"venues": venues})


@staff_screen(roles.is_staff)
def venue_form(request: HttpRequest, venue_pk: int | None = None) -> HttpResponse:
    venue = get_object_or_404(Venue, pk=venue_pk) if venue_pk else None
    initial: dict[str, Any] = {"active": True}
    if venue is not None:
        initial = {"name": venue.name, "address": venue.address, "is_centre": venue.is_centre, "active": venue.active}
    form = VenueForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            domain.save_venue(request.user, venue=venue, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, str(_("Đã lưu địa điểm.")))
            return redirect("events_work:venues")
    return render(request, "events/work/venue_form.html", {"form": form, "venue": venue, "room": None})


@staff_screen(roles.is_staff)
def room_form(request: HttpRequest, venue_pk: int, room_pk: int | None = None) -> HttpResponse:
    venue = get_object_or_404(Venue, pk=venue_pk)
    room = get_object_or_404(Room, pk=room_pk, venue=venue) if room_pk else None
    initial: dict[str, Any] = {"active": True}
    if room is not None:
        initial = {"name": room.name, "capacity": room.capacity, "active": room.active}
    form = RoomForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            domain.save_room(request.user, venue=venue, room=room, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, str(_("Đã lưu phòng.")))
            return redirect("events_work:venues")
    return render(request, "events/work/venue_form.html", {"form": form, "venue": venue, "room": room, "is_room": True})
