"""Every write to an event itself: creating it, changing it, confirming, postponing, cancelling,
and holding the centre's rooms for it. Each function runs in one transaction that changes the
event, books or frees its rooms, raises its calendar SEQUENCE when a calendar must show the
change, writes the audit entry, and tells the listeners (registration notices) inside the same
transaction, so a notice is written if and only if the change is."""

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from presscenter.accounts import roles
from presscenter.audit.domain import record
from presscenter.core.errors import DomainError, PermissionDenied
from presscenter.core.html import sanitize
from presscenter.events import access, registration
from presscenter.events.models import Event, EventMode, EventStatus, EventType, Room, RoomBooking, Session, Venue
from presscenter.orgs.models import Organisation

MAX_YEARS_AHEAD = 5
# How long one event may run: an exhibition stays open for weeks, a conference a few days.
MAX_LENGTH = {EventType.EXHIBITION: dt.timedelta(days=180)}
DEFAULT_MAX_LENGTH = dt.timedelta(days=14)
MAX_REASON = 2_000
# Changes a subscribed calendar must show: these raise the iCal SEQUENCE and notify registrants.
CALENDAR_FIELDS = ("title", "starts_at", "ends_at", "room_id", "venue_id", "mode", "livestream_url", "status")
EDITABLE_FIELDS = (
    "type",
    "title",
    "summary",
    "agenda",
    "starts_at",
    "ends_at",
    "mode",
    "room",
    "venue",
    "livestream_url",
    "visibility",
    "capacity",
    "accredited_only",
    "needs_approval",
    "registration_closes_at",
    "max_crew",
)

# Called inside the transaction of a change: (actor, event, change, before) where change is
# "updated", "confirmed", "postponed" or "cancelled" and before the snapshot before the change.
Listener = Callable[[Any, Event, str, dict[str, Any]], None]
_listeners: list[Listener] = []


def on_change(listener: Listener) -> None:
    """Register what must happen with every change registrants should hear about (apps.ready)."""
    if listener not in _listeners:
        _listeners.append(listener)


def _changed(actor: Any, event: Event, change: str, before: dict[str, Any]) -> None:
    for listener in _listeners:
        listener(actor, event, change, before)


def snapshot(event: Event) -> dict[str, Any]:
    return {
        "title": event.title,
        "type": event.type,
        "status": event.status,
        "starts_at": event.starts_at.isoformat(),
        "ends_at": event.ends_at.isoformat(),
        "room": event.room_id,
        "venue": event.venue_id,
        "mode": event.mode,
        "livestream_url": event.livestream_url,
        "visibility": event.visibility,
        "capacity": event.capacity,
        "sequence": event.sequence,
    }


# Checks ----------------------------------------------------------------------------------------


def check_times(event_type: str, starts_at: dt.datetime, ends_at: dt.datetime, *, allow_past: bool = False) -> None:
    """Refuse an end before the start, an event already over, one years away, one too long."""
    now = timezone.now()
    if ends_at <= starts_at:
        raise DomainError(_("Thời gian kết thúc phải sau thời gian bắt đầu."), field="ends_at")
    if not allow_past and ends_at <= now:
        raise DomainError(_("Thời gian này đã qua: hãy chọn một thời điểm sắp tới."), field="starts_at")
    if starts_at > now + dt.timedelta(days=365 * MAX_YEARS_AHEAD):
        raise DomainError(
            _("Không thể lên lịch quá %(years)s năm tới.") % {"years": MAX_YEARS_AHEAD}, field="starts_at"
        )
    longest = MAX_LENGTH.get(EventType(event_type), DEFAULT_MAX_LENGTH)
    if ends_at - starts_at > longest:
        raise DomainError(
            _("Một sự kiện loại này kéo dài tối đa %(days)s ngày.") % {"days": longest.days}, field="ends_at"
        )


def _check_place(event: Event) -> None:
    if event.mode != EventMode.ONLINE and event.room is None and event.venue is None:
        raise DomainError(_("Hãy chọn phòng của Trung tâm hoặc địa điểm tổ chức."), field="room")
    if event.mode != EventMode.IN_PERSON and not event.livestream_url:
        raise DomainError(_("Sự kiện trực tuyến cần đường dẫn phát trực tuyến."), field="livestream_url")
    if event.room is not None and not event.room.active:
        raise DomainError(_("Phòng này đang ngừng sử dụng."), field="room")
    if event.room is not None and event.capacity > event.room.capacity:
        raise DomainError(
            _("Số chỗ cho báo chí vượt sức chứa của phòng (%(seats)s chỗ).") % {"seats": event.room.capacity},
            field="capacity",
        )


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Hãy nêu lý do."), field="reason")
    if len(reason) > MAX_REASON:
        raise DomainError(_("Lý do dài quá %(limit)s ký tự.") % {"limit": MAX_REASON}, field="reason")
    return reason


# Rooms -----------------------------------------------------------------------------------------


def clashes(
    room: Room, starts_at: dt.datetime, ends_at: dt.datetime, *, event: Event | None = None
) -> list[RoomBooking]:
    """The bookings of a room that overlap a time (those of `event` itself left out)."""
    found = RoomBooking.objects.filter(room=room, starts_at__lt=ends_at, ends_at__gt=starts_at)
    if event is not None and event.pk:
        found = found.exclude(event=event)
    return list(found.select_related("event", "session"))


def _hold(room: Room, event: Event, starts_at: dt.datetime, ends_at: dt.datetime, session: Session | None) -> None:
    # Lock the room's row first: two transactions booking it at once take turns, and the second
    # sees the first's booking (on SQLite the IMMEDIATE transaction already serialises writers).
    Room.objects.select_for_update().filter(pk=room.pk).first()
    clash = clashes(room, starts_at, ends_at, event=event)
    if clash:
        other = clash[0].event
        local = timezone.localtime(clash[0].starts_at)
        raise DomainError(
            _("Phòng %(room)s đã được đặt cho “%(event)s” lúc %(time)s.")
            % {"room": room.name, "event": other.title, "time": local.strftime("%H:%M %d/%m/%Y")},
            field="room",
        )
    RoomBooking.objects.create(room=room, event=event, session=session, starts_at=starts_at, ends_at=ends_at)


def rebook(event: Event) -> None:
    """Hold the event's rooms for its current times (sessions in other rooms too), or free them
    all when it is cancelled. Runs inside the caller's transaction."""
    event.bookings.all().delete()
    if event.status == EventStatus.CANCELLED:
        return
    if event.room is not None:
        _hold(event.room, event, event.starts_at, event.ends_at, None)
    for session in event.sessions.exclude(room=None).select_related("room"):
        if session.room is None or session.room_id == event.room_id:
            continue  # the event's own room is held for its whole span already
        _hold(session.room, event, session.starts_at, session.ends_at, session)


# Events ----------------------------------------------------------------------------------------


def _unique_slug(title: str) -> str:
    base = slugify(title.replace("đ", "d").replace("Đ", "D"))[:100] or "su-kien"
    slug, number = base, 1
    while Event.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def _clean(fields: dict[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    cleaned = dict(fields)
    for name in ("title", "summary"):
        if name in cleaned:
            cleaned[name] = (cleaned[name] or "").strip()
    if "agenda" in cleaned:
        cleaned["agenda"] = sanitize(cleaned["agenda"] or "")
    if "title" in cleaned and not cleaned["title"]:
        raise DomainError(_("Hãy nhập tiêu đề sự kiện."), field="title")
    return cleaned


def _validate(event: Event, *, allow_past: bool = False) -> None:
    check_times(event.type, event.starts_at, event.ends_at, allow_past=allow_past)
    _check_place(event)
    closes = event.registration_closes_at
    if closes is not None and closes > event.ends_at:
        raise DomainError(_("Hạn đăng ký phải trước khi sự kiện kết thúc."), field="registration_closes_at")


@transaction.atomic
def create_event(actor: Any, *, organiser: Organisation, allow_past: bool = False, **fields: Any) -> Event:
    """A new event, planned, with its room held. `allow_past` only for recording past events
    (the demo's history, imports), never from a form."""
    if not access.can_organise_for(actor, organiser.pk):
        raise PermissionDenied(_("Bạn không thể tổ chức sự kiện cho cơ quan này."))
    cleaned = _clean(fields)
    event = Event(organiser=organiser, created_by=actor, slug=_unique_slug(cleaned.get("title", "")), **cleaned)
    _validate(event, allow_past=allow_past)
    event.save()
    rebook(event)
    record(actor, "event.create", event, summary=event.title, after=snapshot(event))
    return event


@transaction.atomic
def update_event(actor: Any, event: Event, **fields: Any) -> Event:
    event = Event.objects.select_for_update().get(pk=event.pk)
    if not access.can_manage(actor, event):
        raise PermissionDenied(_("Bạn không thể sửa sự kiện này."))
    if event.status == EventStatus.CANCELLED:
        raise DomainError(_("Sự kiện đã hủy không sửa được nữa."))
    before = snapshot(event)
    old = {name: getattr(event, name) for name in CALENDAR_FIELDS}
    for name, value in _clean(fields).items():
        setattr(event, name, value)
    times_moved = (event.starts_at, event.ends_at) != (old["starts_at"], old["ends_at"])
    _validate(event, allow_past=not times_moved)
    calendar_change = any(getattr(event, name) != old[name] for name in CALENDAR_FIELDS)
    if calendar_change:
        event.sequence += 1
    event.save()
    rebook(event)
    record(actor, "event.update", event, summary=event.title, before=before, after=snapshot(event))
    if event.capacity > before["capacity"]:
        registration.promote_waitlist(actor, event)  # the new seats go to the waitlist, oldest first
    if calendar_change:
        _changed(actor, event, "updated", before)
    return event


def _transition(actor: Any, event: Event, allowed: set[str]) -> tuple[Event, dict[str, Any]]:
    event = Event.objects.select_for_update().get(pk=event.pk)
    if not access.can_manage(actor, event):
        raise PermissionDenied(_("Bạn không thể thay đổi sự kiện này."))
    if event.status not in allowed:
        raise DomainError(
            _("Sự kiện đang ở trạng thái “%(status)s”: không thể làm việc này.")
            % {"status": event.get_status_display()}
        )
    if event.ends_at <= timezone.now():
        raise DomainError(_("Sự kiện đã kết thúc."))
    return event, snapshot(event)


@transaction.atomic
def confirm(actor: Any, event: Event) -> Event:
    event, before = _transition(actor, event, {EventStatus.PLANNED, EventStatus.POSTPONED})
    event.status, event.status_reason = EventStatus.CONFIRMED, ""
    event.sequence += 1
    event.save(update_fields=["status", "status_reason", "sequence", "updated_at"])
    record(actor, "event.confirm", event, summary=event.title, before=before, after=snapshot(event))
    _changed(actor, event, "confirmed", before)
    return event


@transaction.atomic
def postpone(
    actor: Any, event: Event, *, reason: str, starts_at: dt.datetime | None = None, ends_at: dt.datetime | None = None
) -> Event:
    """Postponed to a new time (both given), or until further notice (neither)."""
    event, before = _transition(actor, event, {EventStatus.PLANNED, EventStatus.CONFIRMED, EventStatus.POSTPONED})
    reason = _reason(reason)
    if (starts_at is None) != (ends_at is None):
        raise DomainError(_("Hãy nhập cả thời gian bắt đầu và kết thúc mới."), field="starts_at")
    if event.postponed_from is None:
        event.postponed_from = event.starts_at
    if starts_at is not None and ends_at is not None:
        check_times(event.type, starts_at, ends_at)
        if starts_at <= event.starts_at:
            raise DomainError(_("Thời gian mới phải sau thời gian đã định."), field="starts_at")
        event.starts_at, event.ends_at = starts_at, ends_at
        if event.registration_closes_at is not None and event.registration_closes_at < timezone.now():
            event.registration_closes_at = None  # a closed registration reopens for the new date
    event.status, event.status_reason = EventStatus.POSTPONED, reason
    event.sequence += 1
    event.save()
    rebook(event)
    record(actor, "event.postpone", event, summary=reason, before=before, after=snapshot(event))
    _changed(actor, event, "postponed", before)
    return event


@transaction.atomic
def cancel(actor: Any, event: Event, *, reason: str) -> Event:
    event, before = _transition(actor, event, {EventStatus.PLANNED, EventStatus.CONFIRMED, EventStatus.POSTPONED})
    event.status, event.status_reason = EventStatus.CANCELLED, _reason(reason)
    event.sequence += 1
    event.save(update_fields=["status", "status_reason", "sequence", "updated_at"])
    rebook(event)  # frees its rooms
    record(actor, "event.cancel", event, summary=event.status_reason, before=before, after=snapshot(event))
    _changed(actor, event, "cancelled", before)
    return event


# The venues and rooms are the centre's data: only its staff keep them.


@transaction.atomic
def save_room(actor: Any, *, venue: Venue, name: str, capacity: int, room: Room | None = None) -> Room:
    if not roles.is_staff(actor):
        raise PermissionDenied(_("Chỉ cán bộ Trung tâm quản lý phòng."))
    name = (name or "").strip()
    if not name:
        raise DomainError(_("Hãy nhập tên phòng."), field="name")
    if capacity < 1 or capacity > 100_000:
        raise DomainError(_("Sức chứa phải từ 1 đến 100.000 chỗ."), field="capacity")
    before = None if room is None else {"name": room.name, "capacity": room.capacity}
    room = room or Room(venue=venue)
    room.name, room.capacity = name, capacity
    room.save()
    record(actor, "event.room", room, summary=name, before=before, after={"name": name, "capacity": capacity})
    return room
