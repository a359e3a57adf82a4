"""API for events. /api/events: the public calendar (list with filters, one event by its slug),
invited-only events for who may see them. /api/agency/events: the centre's staff and an agency's
staff (an API token; a token of one agency acts for that agency only) create and change the events
they run, confirm, postpone or cancel them, and keep their sessions and speakers. Every write is a
domain function; its refusals are the API's error shape (403, 404, 409, 422)."""

import datetime as dt
import uuid
from typing import Annotated, Any, Literal

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from ninja import Query, Router, Schema, Status
from pydantic import AfterValidator, AwareDatetime, Field

from presscenter.accounts.api_auth import PUBLIC_AUTH, Caller, caller_of, token_auth
from presscenter.core.api_errors import documented
from presscenter.core.api_schemas import Day, Page, PageQuery, Slug, Text, paginate
from presscenter.core.errors import DomainError, NotFound
from presscenter.events import access, calendar, domain
from presscenter.events.models import Event, Room, Session, Speaker, Venue
from presscenter.orgs.api import organisation_ref
from presscenter.orgs.models import Organisation
from presscenter.releases.models import Topic

NOT_FOUND = _("Không tìm thấy sự kiện này.")

router = Router(tags=["events"])
work_router = Router(tags=["event management"], auth=token_auth)
ACTION = documented(403, 404, 409, 422)

EventTypeName = Literal["press_conference", "dialogue", "forum", "seminar", "exhibition"]
EventStatusName = Literal["planned", "confirmed", "postponed", "cancelled"]
EventModeName = Literal["in_person", "online", "hybrid"]
EventVisibilityName = Literal["public", "invited"]


def _sane_year(value: dt.datetime) -> dt.datetime:
    # Beyond these years a time cannot move between time zones (year 1 or 9999 overflows), and
    # no event lies there: refuse it as a value, not as a server error.
    if not 1900 <= value.year <= 2199:
        raise ValueError(gettext("Phải là một thời điểm trong các năm 1900 đến 2199."))
    return value


When = Annotated[AwareDatetime, AfterValidator(_sane_year)]


# Output ---------------------------------------------------------------------------------------


class EventPlaceOut(Schema):
    room: str | None
    venue: str | None
    address: str
    capacity: int | None = Field(description="Seats of the centre's room, when the event is in one")


class EventSpeakerOut(Schema):
    id: int
    name: str
    position_title: str
    organisation: dict[str, str] | None
    session: str | None = Field(description="The uid of the speaker's session, if any")
    order: int


class EventSessionOut(Schema):
    uid: str
    title: str
    abstract: str
    track: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    room: str | None


class EventOut(Schema):
    slug: str
    uid: str
    type: EventTypeName
    type_label: str
    title: str
    summary: str
    agenda: str = Field(description="Sanitised HTML")
    status: EventStatusName
    status_label: str
    status_reason: str
    postponed_from: dt.datetime | None
    starts_at: dt.datetime
    ends_at: dt.datetime
    mode: EventModeName
    place: EventPlaceOut
    livestream_url: str
    organiser: dict[str, str] | None
    topics: list[str]
    visibility: EventVisibilityName
    press_seats: int
    accredited_only: bool
    needs_approval: bool
    registration_closes_at: dt.datetime | None
    max_crew: int
    sequence: int
    url: str
    sessions: list[EventSessionOut]
    speakers: list[EventSpeakerOut]


def _place(event: Event) -> dict[str, Any]:
    if event.room is not None:
        venue = event.room.venue
        return {"room": event.room.name, "venue": venue.name, "address": venue.address, "capacity": event.room.capacity}
    if event.venue is not None:
        return {"room": None, "venue": event.venue.name, "address": event.venue.address, "capacity": None}
    return {"room": None, "venue": None, "address": "", "capacity": None}


def _session_out(session: Session) -> dict[str, Any]:
    return {
        "uid": str(session.uid),
        "title": session.title,
        "abstract": session.abstract,
        "track": session.track,
        "starts_at": session.starts_at,
        "ends_at": session.ends_at,
        "room": session.room.name if session.room else None,
    }


def _speaker_out(speaker: Speaker) -> dict[str, Any]:
    return {
        "id": speaker.pk,
        "name": speaker.name,
        "position_title": speaker.position_title,
        "organisation": organisation_ref(speaker.organisation),
        "session": str(speaker.session.uid) if speaker.session else None,
        "order": speaker.order,
    }


def event_out(event: Event) -> dict[str, Any]:
    return {
        "slug": event.slug,
        "uid": str(event.uid),
        "type": event.type,
        "type_label": str(event.get_type_display()),  # type: ignore[attr-defined]
        "title": event.title,
        "summary": event.summary,
        "agenda": event.agenda,
        "status": event.status,
        "status_label": str(event.get_status_display()),  # type: ignore[attr-defined]
        "status_reason": event.status_reason,
        "postponed_from": event.postponed_from,
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "mode": event.mode,
        "place": _place(event),
        "livestream_url": event.livestream_url,
        "organiser": organisation_ref(event.organiser),
        "topics": [topic.slug for topic in event.topics.all()],
        "visibility": event.visibility,
        "press_seats": event.capacity,
        "accredited_only": event.accredited_only,
        "needs_approval": event.needs_approval,
        "registration_closes_at": event.registration_closes_at,
        "max_crew": event.max_crew,
        "sequence": event.sequence,
        "url": calendar.public_url(event),
        "sessions": [_session_out(session) for session in event.sessions.all()],
        "speakers": [_speaker_out(speaker) for speaker in event.speakers.all()],
    }


class EventFilters(Schema):
    type: EventTypeName | None = None
    status: EventStatusName | None = None
    organiser: Slug | None = Field(None, description="The organising agency's slug")
    topic: Slug | None = None
    starts_from: Day | None = Field(None, description="Events ending on or after this day (Vietnam)")
    starts_until: Day | None = Field(None, description="Events starting on or before this day (Vietnam)")
    past: bool = Field(False, description="Past events, latest first, instead of the coming ones")


def _filtered(events: QuerySet[Event], filters: EventFilters) -> QuerySet[Event]:
    events = calendar.filtered(events, {"type": filters.type, "organiser": filters.organiser, "topic": filters.topic})
    if filters.status:
        events = events.filter(status=filters.status)
    now = timezone.now()
    if filters.starts_from:
        events = events.filter(ends_at__gte=timezone.make_aware(dt.datetime.combine(filters.starts_from, dt.time.min)))
    if filters.starts_until:
        last = filters.starts_until + dt.timedelta(days=1)
        events = events.filter(starts_at__lt=timezone.make_aware(dt.datetime.combine(last, dt.time.min)))
    if filters.past:
        return events.filter(ends_at__lt=now).order_by("-starts_at", "-id")
    if not filters.starts_from:
        events = events.filter(ends_at__gte=now)
    return events.order_by("starts_at", "id")


def _with_parts(events: QuerySet[Event]) -> QuerySet[Event]:
    return calendar.with_programme(events.select_related("organiser", "room__venue", "venue"))


@router.get("", response=Page[EventOut], auth=PUBLIC_AUTH)
def list_events(request: HttpRequest, paging: PageQuery, filters: Query[EventFilters]) -> dict[str, Any]:
    """The calendar: coming events soonest first (or past ones), those the caller may see."""
    events = _filtered(_with_parts(access.visible_events(caller_of(request).user)), filters)
    return paginate(request, events, paging, event_out)


@router.get("/{slug}", response={200: EventOut, **documented(404)}, auth=PUBLIC_AUTH)
def event_detail(request: HttpRequest, slug: Slug) -> dict[str, Any]:
    event = _with_parts(access.visible_events(caller_of(request).user)).filter(slug=slug).first()
    if event is None:
        raise NotFound(NOT_FOUND)
    return event_out(event)


# Management -----------------------------------------------------------------------------------


class EventFieldsIn(Schema):
    type: EventTypeName | None = None
    title: Text | None = Field(None, min_length=1, max_length=300)
    summary: Text | None = Field(None, max_length=5_000)
    agenda: Text | None = Field(None, max_length=100_000, description="HTML; sanitised when stored")
    starts_at: When | None = None
    ends_at: When | None = None
    mode: EventModeName | None = None
    room: int | None = Field(None, description="The id of one of the centre's rooms")
    venue: int | None = Field(None, description="The id of an outside venue")
    livestream_url: Text | None = Field(None, max_length=200)
    visibility: EventVisibilityName | None = None
    press_seats: int | None = Field(None, ge=0, le=100_000)
    accredited_only: bool | None = None
    needs_approval: bool | None = None
    registration_closes_at: When | None = None
    max_crew: int | None = Field(None, ge=0, le=20)
    topics: list[Slug] | None = Field(None, max_length=30)


class EventCreateIn(EventFieldsIn):
    type: EventTypeName
    title: Text = Field(min_length=1, max_length=300)
    organiser: Slug
    starts_at: When
    ends_at: When


class EventPostponeIn(Schema):
    reason: Text = Field(min_length=1, max_length=2_000)
    starts_at: When | None = Field(None, description="The new start; leave both out for 'until further notice'")
    ends_at: When | None = None


class EventCancelIn(Schema):
    reason: Text = Field(min_length=1, max_length=2_000)


class EventSessionIn(Schema):
    title: Text = Field(min_length=1, max_length=300)
    abstract: Text = Field("", max_length=10_000)
    track: Text = Field("", max_length=120)
    starts_at: When
    ends_at: When
    room: int | None = None


class EventSpeakerIn(Schema):
    name: Text = Field(min_length=1, max_length=200)
    position_title: Text = Field("", max_length=200)
    organisation: Slug | None = None
    session: str | None = Field(None, max_length=40, description="The uid of one of the event's sessions")
    order: int | None = Field(None, ge=0, le=10_000)


def _managed(caller: Caller, slug: str) -> Event:
    event = access.managed_events(caller.user).select_related("organiser").filter(slug=slug).first()
    if event is None:
        raise NotFound(NOT_FOUND)
    caller.check_scope(event.organiser_id)
    return event


def _room(pk: int | None) -> Room | None:
    if pk is None:
        return None
    room = Room.objects.filter(pk=pk, venue__is_centre=True).select_related("venue").first()
    if room is None:
        raise DomainError(_("Không có phòng này của Trung tâm."), field="room")
    return room


def _venue(pk: int | None) -> Venue | None:
    if pk is None:
        return None
    venue = Venue.objects.filter(pk=pk, active=True).first()
    if venue is None:
        raise DomainError(_("Không có địa điểm này."), field="venue")
    return venue


def _topics(slugs: list[str]) -> list[Topic]:
    topics = list(Topic.objects.filter(slug__in=slugs))
    if len(topics) != len(set(slugs)):
        raise DomainError(_("Có chủ đề không tồn tại."), field="topics")
    return topics


BLANK_AS_EMPTY = {"summary", "agenda", "livestream_url"}
RENAMED = {"press_seats": "capacity"}


def _fields(payload: EventFieldsIn) -> dict[str, Any]:
    """The payload's fields as the domain names them; only those sent."""
    sent = payload.model_dump(exclude_unset=True)
    fields: dict[str, Any] = {}
    for name, value in sent.items():
        if name in ("organiser", "topics"):
            continue
        if name == "room":
            fields["room"] = _room(value)
        elif name == "venue":
            fields["venue"] = _venue(value)
        elif value is None and name in BLANK_AS_EMPTY:
            fields[name] = ""
        elif value is None and name != "registration_closes_at":
            raise DomainError(_("Trường này không được để trống."), field=name)
        else:
            fields[RENAMED.get(name, name)] = value
    return fields


def _fresh(event: Event) -> dict[str, Any]:
    return event_out(_with_parts(Event.objects.filter(pk=event.pk)).get())


@work_router.get("", response=Page[EventOut])
def list_managed(request: HttpRequest, paging: PageQuery, filters: Query[EventFilters]) -> dict[str, Any]:
    caller = caller_of(request)
    events = access.managed_events(caller.user)
    if caller.organisation_id is not None:
        events = events.filter(organiser_id=caller.organisation_id)
    return paginate(request, _filtered(_with_parts(events), filters), paging, event_out)


@work_router.post("", response={201: EventOut, **documented(403, 422)})
def create(request: HttpRequest, payload: EventCreateIn) -> Status[dict[str, Any]]:
    caller = caller_of(request)
    organiser = Organisation.objects.filter(slug=payload.organiser, active=True).first()
    if organiser is None:
        raise DomainError(_("Không có cơ quan này."), field="organiser")
    caller.check_scope(organiser.pk)
    topics = _topics(payload.topics or [])
    event = domain.create_event(caller.user, organiser=organiser, topics=topics, **_fields(payload))
    return Status(201, _fresh(event))


@work_router.get("/{slug}", response={200: EventOut, **documented(404)})
def managed_detail(request: HttpRequest, slug: Slug) -> dict[str, Any]:
    return _fresh(_managed(caller_of(request), slug))


@work_router.patch("/{slug}", response={200: EventOut, **ACTION})
def update(request: HttpRequest, slug: Slug, payload: EventFieldsIn) -> dict[str, Any]:
    caller = caller_of(request)
    event = _managed(caller, slug)
    topics = None if payload.topics is None else _topics(payload.topics)
    domain.update_event(caller.user, event, topics=topics, **_fields(payload))
    return _fresh(event)


@work_router.post("/{slug}/confirm", response={200: EventOut, **ACTION})
def confirm(request: HttpRequest, slug: Slug) -> dict[str, Any]:
    caller = caller_of(request)
    return _fresh(domain.confirm(caller.user, _managed(caller, slug)))


@work_router.post("/{slug}/postpone", response={200: EventOut, **ACTION})
def postpone(request: HttpRequest, slug: Slug, payload: EventPostponeIn) -> dict[str, Any]:
    caller = caller_of(request)
    event = domain.postpone(
        caller.user, _managed(caller, slug), reason=payload.reason, starts_at=payload.starts_at, ends_at=payload.ends_at
    )
    return _fresh(event)


@work_router.post("/{slug}/cancel", response={200: EventOut, **ACTION})
def cancel(request: HttpRequest, slug: Slug, payload: EventCancelIn) -> dict[str, Any]:
    caller = caller_of(request)
    return _fresh(domain.cancel(caller.user, _managed(caller, slug), reason=payload.reason))


def _session(event: Event, uid: str) -> Session:
    session = event.sessions.filter(uid=uid).first() if _is_uuid(uid) else None
    if session is None:
        raise NotFound(_("Không tìm thấy phiên này."))
    return session


def _is_uuid(text: str) -> bool:
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True


@work_router.post("/{slug}/sessions", response={201: EventSessionOut, **ACTION})
def add_session(request: HttpRequest, slug: Slug, payload: EventSessionIn) -> Status[dict[str, Any]]:
    caller = caller_of(request)
    fields = payload.model_dump()
    fields["room"] = _room(payload.room)
    session = domain.add_session(caller.user, _managed(caller, slug), **fields)
    return Status(201, _session_out(session))


@work_router.put("/{slug}/sessions/{uid}", response={200: EventSessionOut, **ACTION})
def update_session(request: HttpRequest, slug: Slug, uid: str, payload: EventSessionIn) -> dict[str, Any]:
    caller = caller_of(request)
    session = _session(_managed(caller, slug), uid)
    fields = payload.model_dump()
    fields["room"] = _room(payload.room)
    return _session_out(domain.update_session(caller.user, session, **fields))


@work_router.delete("/{slug}/sessions/{uid}", response={200: EventOut, **ACTION})
def remove_session(request: HttpRequest, slug: Slug, uid: str) -> dict[str, Any]:
    """Remove a session (its speakers stay with the event); answers with the event."""
    caller = caller_of(request)
    event = _managed(caller, slug)
    domain.remove_session(caller.user, _session(event, uid))
    return _fresh(event)


def _speaker_fields(event: Event, payload: EventSpeakerIn) -> dict[str, Any]:
    organisation = None
    if payload.organisation:
        organisation = Organisation.objects.filter(slug=payload.organisation).first()
        if organisation is None:
            raise DomainError(_("Không có cơ quan này."), field="organisation")
    session = _session(event, payload.session) if payload.session else None
    return {
        "name": payload.name,
        "position_title": payload.position_title,
        "organisation": organisation,
        "session": session,
        "order": payload.order,
    }


def _speaker(event: Event, pk: int) -> Speaker:
    speaker = event.speakers.select_related("organisation", "session").filter(pk=pk).first()
    if speaker is None:
        raise NotFound(_("Không tìm thấy người phát biểu này."))
    return speaker


@work_router.post("/{slug}/speakers", response={201: EventSpeakerOut, **ACTION})
def add_speaker(request: HttpRequest, slug: Slug, payload: EventSpeakerIn) -> Status[dict[str, Any]]:
    caller = caller_of(request)
    event = _managed(caller, slug)
    speaker = domain.add_speaker(caller.user, event, **_speaker_fields(event, payload))
    return Status(201, _speaker_out(speaker))


@work_router.put("/{slug}/speakers/{int:pk}", response={200: EventSpeakerOut, **ACTION})
def update_speaker(request: HttpRequest, slug: Slug, pk: int, payload: EventSpeakerIn) -> dict[str, Any]:
    caller = caller_of(request)
    event = _managed(caller, slug)
    speaker = domain.update_speaker(caller.user, _speaker(event, pk), **_speaker_fields(event, payload))
    return _speaker_out(speaker)


@work_router.delete("/{slug}/speakers/{int:pk}", response={200: EventOut, **ACTION})
def remove_speaker(request: HttpRequest, slug: Slug, pk: int) -> dict[str, Any]:
    """Remove a speaker; answers with the event."""
    caller = caller_of(request)
    event = _managed(caller, slug)
    domain.remove_speaker(caller.user, _speaker(event, pk))
    return _fresh(event)
