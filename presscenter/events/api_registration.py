"""API of event registration, mounted at /api/event-registrations: journalists register (with
crew), list and cancel their own; organisers list an event's registrations with its seat counts,
approve, reject, revoke and invite. Every write is a domain function (presscenter.events.
registration, invitations); its refusals are the API's error shape (403 not allowed, 404 not
found, 409 not in this state or full, 422 a refused value)."""

from typing import Annotated, Any, Literal

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Field, Path, Query, Router, Schema, Status

from presscenter.accounts import roles
from presscenter.accounts.api_auth import caller_of
from presscenter.core.api_errors import documented
from presscenter.core.api_schemas import Page, PageQuery, Slug, Text, paginate
from presscenter.core.errors import DomainError, NotFound, PermissionDenied
from presscenter.events import access, invitations, registration
from presscenter.events.models import Event, Registration
from presscenter.events.registration import Crew
from presscenter.inquiries.api import READ_AUTH, WRITE_AUTH
from presscenter.press.models import Outlet
from presscenter.releases.models import Topic

router = Router(tags=["event registrations"])
ACTION = documented(403, 404, 409, 422)
NOT_FOUND = _("Không tìm thấy sự kiện hoặc đăng ký này.")

MAX_ID = 2**31 - 1  # an integer column: a larger id is not found, not a database error
EventId = Annotated[int, Path(ge=1, le=MAX_ID)]
RegistrationId = Annotated[int, Path(ge=1, le=MAX_ID)]
CrewRoleValue = Literal["camera", "photo", "sound", "technician", "other"]
RegistrationStatusValue = Literal["pending", "approved", "waitlisted", "rejected", "revoked", "cancelled"]


class EventCrewIn(Schema):
    full_name: Text = Field(..., min_length=1, max_length=200)
    role: CrewRoleValue


class EventCrewOut(Schema):
    full_name: str
    role: str
    ticket: str | None


class EventRegisterIn(Schema):
    crew: list[EventCrewIn] = Field(default_factory=list, max_length=20)


class EventRegistrationReasonIn(Schema):
    reason: Text = Field(..., min_length=1, max_length=2000)


class EventRegistrationOut(Schema):
    id: int
    event: int
    event_title: str
    event_starts_at: Any
    journalist: str
    outlet: str
    status: str
    status_label: str
    status_reason: str
    seats: int
    invited: bool
    created_at: Any
    ticket: str | None
    crew: list[EventCrewOut]


class EventSeatsOut(Schema):
    capacity: int
    approved: int
    pending: int
    waitlisted: int
    left: int


class EventRegistrationFilters(Schema):
    status: RegistrationStatusValue | None = None


class EventInviteIn(Schema):
    """Exactly one of: a topic (its slug: the journalists following that beat), an outlet (its
    id), or a list of journalists' account ids."""

    topic: Slug | None = None
    outlet: int | None = Field(None, ge=1, le=MAX_ID)
    journalists: list[Annotated[int, Field(ge=1, le=MAX_ID)]] = Field(
        default_factory=list, max_length=invitations.MAX_LIST
    )


class EventInviteOut(Schema):
    invited: int


def registration_out(reg: Registration) -> dict[str, Any]:
    codes = {ticket.crew_member_id: ticket.code for ticket in reg.tickets.all()}
    return {
        "id": reg.pk,
        "event": reg.event_id,
        "event_title": reg.event.title,
        "event_starts_at": reg.event.starts_at,
        "journalist": registration.holder_name(reg.journalist),
        "outlet": reg.outlet_name,
        "status": reg.status,
        "status_label": str(reg.get_status_display()),  # type: ignore[attr-defined]
        "status_reason": reg.status_reason,
        "seats": reg.seats,
        "invited": reg.invited,
        "created_at": reg.created_at,
        "ticket": codes.get(None),
        "crew": [{"full_name": m.full_name, "role": m.role, "ticket": codes.get(m.pk)} for m in reg.crew.all()],
    }


def _related(rows: Any) -> Any:
    return rows.select_related("event", "journalist").prefetch_related("crew", "tickets")


def _event(user: Any, event_id: int, *, manage: bool = False) -> Event:
    event = Event.objects.filter(pk=event_id).first()
    if event is None or not access.can_view(user, event):
        raise NotFound(NOT_FOUND)
    if manage and not access.can_manage(user, event):
        raise PermissionDenied(_("Bạn không quản lý sự kiện này."))
    return event


def _registration(user: Any, registration_id: int) -> Registration:
    """A registration the caller may act on: their own, or one of an event they run."""
    found = Registration.objects.select_related("event").filter(pk=registration_id).first()
    if found is None or (found.journalist_id != user.pk and not access.can_manage(user, found.event)):
        raise NotFound(NOT_FOUND)
    return found


def _fresh(reg: Registration) -> dict[str, Any]:
    return registration_out(_related(Registration.objects).get(pk=reg.pk))


# The journalist ---------------------------------------------------------------------------------


@router.post("/events/{event_id}", response={201: EventRegistrationOut, **ACTION}, auth=WRITE_AUTH)
def register(request: HttpRequest, event_id: EventId, payload: EventRegisterIn) -> Status[dict[str, Any]]:
    """Register for an event, with the crew (each gets a ticket): approved, pending or waitlisted."""
    user = caller_of(request).user
    crew = [Crew(full_name=member.full_name, role=member.role) for member in payload.crew]
    made = registration.register(user, _event(user, event_id), crew=crew)
    return Status(201, _fresh(made))


@router.get("/mine", response={200: Page[EventRegistrationOut], **documented(403)}, auth=READ_AUTH)
def mine(request: HttpRequest, paging: PageQuery) -> dict[str, Any]:
    user = caller_of(request).user
    if not roles.is_journalist(user):
        raise PermissionDenied(_("Trang này dành cho nhà báo."))
    rows = _related(Registration.objects.filter(journalist=user)).order_by("-event__starts_at", "-id")
    return paginate(request, rows, paging, registration_out)


@router.post("/{registration_id}/cancel", response={200: EventRegistrationOut, **ACTION}, auth=WRITE_AUTH)
def cancel(request: HttpRequest, registration_id: RegistrationId) -> dict[str, Any]:
    """The journalist withdraws their own registration; a freed seat goes to the waitlist."""
    user = caller_of(request).user
    return _fresh(registration.cancel(user, _registration(user, registration_id)))


# The organiser ----------------------------------------------------------------------------------


@router.get("/events/{event_id}", response={200: Page[EventRegistrationOut], **ACTION}, auth=READ_AUTH)
def event_registrations(
    request: HttpRequest, event_id: EventId, paging: PageQuery, filters: Query[EventRegistrationFilters]
) -> dict[str, Any]:
    event = _event(caller_of(request).user, event_id, manage=True)
    rows = Registration.objects.filter(event=event)
    if filters.status is not None:
        rows = rows.filter(status=filters.status)
    return paginate(request, _related(rows).order_by("created_at", "id"), paging, registration_out)


@router.get("/events/{event_id}/seats", response={200: EventSeatsOut, **ACTION}, auth=READ_AUTH)
def event_seats(request: HttpRequest, event_id: EventId) -> dict[str, Any]:
    """People (crew included) per state, and the seats left."""
    counts = registration.seats(_event(caller_of(request).user, event_id, manage=True))
    return {**counts.__dict__, "left": counts.left}


@router.post("/{registration_id}/approve", response={200: EventRegistrationOut, **ACTION}, auth=WRITE_AUTH)
def approve(request: HttpRequest, registration_id: RegistrationId) -> dict[str, Any]:
    user = caller_of(request).user
    return _fresh(registration.approve(user, _registration(user, registration_id)))


@router.post("/{registration_id}/reject", response={200: EventRegistrationOut, **ACTION}, auth=WRITE_AUTH)
def reject(request: HttpRequest, registration_id: RegistrationId, payload: EventRegistrationReasonIn) -> dict[str, Any]:
    user = caller_of(request).user
    return _fresh(registration.reject(user, _registration(user, registration_id), reason=payload.reason))


@router.post("/{registration_id}/revoke", response={200: EventRegistrationOut, **ACTION}, auth=WRITE_AUTH)
def revoke(request: HttpRequest, registration_id: RegistrationId, payload: EventRegistrationReasonIn) -> dict[str, Any]:
    """Withdraw an approved registration: its tickets no longer admit; the waitlist moves up."""
    user = caller_of(request).user
    return _fresh(registration.revoke(user, _registration(user, registration_id), reason=payload.reason))


@router.post("/events/{event_id}/invitations", response={200: EventInviteOut, **ACTION}, auth=WRITE_AUTH)
def invite(request: HttpRequest, event_id: EventId, payload: EventInviteIn) -> dict[str, Any]:
    """Invite by beat, outlet or list; only accredited journalists, each once."""
    user = caller_of(request).user
    event = _event(user, event_id, manage=True)
    topic = outlet = None
    if payload.topic is not None:
        topic = Topic.objects.filter(slug=payload.topic).first()
        if topic is None:
            raise DomainError(_("Không có lĩnh vực này."), field="topic")
    if payload.outlet is not None:
        outlet = Outlet.objects.filter(pk=payload.outlet).first()
        if outlet is None:
            raise DomainError(_("Không có cơ quan báo chí này."), field="outlet")
    made = invitations.invite(user, event, topic=topic, outlet=outlet, journalist_ids=payload.journalists)
    return {"invited": len(made)}
