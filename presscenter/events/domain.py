"""Every write to an event itself: creating it, changing it, confirming, postponing, cancelling,
and holding the centre's rooms for it. Each function runs in one transaction that changes the
event, books or frees its rooms, raises its calendar SEQUENCE when a calendar must show the
change, writes the audit entry, and tells the listeners (registration notices) inside the same
transaction, so a notice is written if and only if the change is."""

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from presscenter.accounts import roles
from presscenter.audit.domain import record
from presscenter.core.errors import DomainError, PermissionDenied
from presscenter.core.html import sanitize
from presscenter.events import access, reasons, registration
from presscenter.events.models import (
    Event,
    EventMode,
    EventStatus,
    EventType,
    Room,
    RoomBooking,
    Session,
    Speaker,
    Venue,
)
from presscenter.orgs.models import Organisation
from presscenter.releases.models import Item, Topic

MAX_YEARS_AHEAD = 5
# How long one event may run: an exhibition stays open for weeks, a conference a few days.
MAX_LENGTH = {EventType.EXHIBITION: dt.timedelta(days=180)}
DEFAULT_MAX_LENGTH = dt.timedelta(days=14)
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


def _shift_sessions(event: Event, delta: dt.timedelta) -> None:
    """An event moved: its sessions move with it, and must still fit inside it."""
    for session in event.sessions.all():
        if delta:
            session.starts_at, session.ends_at = session.starts_at + delta, session.ends_at + delta
            session.save(update_fields=["starts_at", "ends_at"])
        if session.starts_at < event.starts_at or session.ends_at > event.ends_at:
            raise DomainError(
                _("Phiên “%(session)s” nằm ngoài thời gian mới của sự kiện: hãy sửa phiên trước.")
                % {"session": session.title},
                field="ends_at",
            )


# Events ----------------------------------------------------------------------------------------


def _taken_by_a_page(slug: str) -> bool:
    """A slug that names another page under /su-kien/ (the tickets, the archive...): the event's
    own page would be unreachable."""
    try:
        return resolve(f"/su-kien/{slug}/").view_name != "events_public:event"
    except Resolver404:
        return False


def _unique_slug(title: str) -> str:
    base = slugify(title.replace("đ", "d").replace("Đ", "D"))[:100] or "su-kien"
    slug, number = base, 1
    while Event.objects.filter(slug=slug).exists() or _taken_by_a_page(slug):
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
def create_event(
    actor: Any,
    *,
    organiser: Organisation,
    allow_past: bool = False,
    topics: list[Topic] | None = None,
    **fields: Any,
) -> Event:
    """A new event, planned, with its room held. `allow_past` only for recording past events
    (the demo's history, imports), never from a form."""
    if not access.can_organise_for(actor, organiser.pk):
        raise PermissionDenied(_("Bạn không thể tổ chức sự kiện cho cơ quan này."))
    cleaned = _clean(fields)
    event = Event(organiser=organiser, created_by=actor, slug=_unique_slug(cleaned.get("title", "")), **cleaned)
    _validate(event, allow_past=allow_past)
    event.save()
    rebook(event)
    if topics:
        event.topics.set(topics)
    record(actor, "event.create", event, summary=event.title, after=snapshot(event))
    return event


@transaction.atomic
def update_event(actor: Any, event: Event, *, topics: list[Topic] | None = None, **fields: Any) -> Event:
    """Change what the organiser may change; `topics`, when given, replaces the event's topics."""
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
    if times_moved:
        _shift_sessions(event, event.starts_at - old["starts_at"])
    rebook(event)
    if topics is not None:
        event.topics.set(topics)
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
    reason = reasons.required(reason)
    if (starts_at is None) != (ends_at is None):
        raise DomainError(_("Hãy nhập cả thời gian bắt đầu và kết thúc mới."), field="starts_at")
    if event.postponed_from is None:
        event.postponed_from = event.starts_at
    if starts_at is not None and ends_at is not None:
        check_times(event.type, starts_at, ends_at)
        if starts_at <= event.starts_at:
            raise DomainError(_("Thời gian mới phải sau thời gian đã định."), field="starts_at")
        moved_by = starts_at - event.starts_at
        event.starts_at, event.ends_at = starts_at, ends_at
        _shift_sessions(event, moved_by)
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
    event.status, event.status_reason = EventStatus.CANCELLED, reasons.required(reason)
    event.sequence += 1
    event.save(update_fields=["status", "status_reason", "sequence", "updated_at"])
    rebook(event)  # frees its rooms
    record(actor, "event.cancel", event, summary=event.status_reason, before=before, after=snapshot(event))
    _changed(actor, event, "cancelled", before)
    return event


# The venues and rooms are the centre's data: only its staff keep them.


@transaction.atomic
def save_room(
    actor: Any, *, venue: Venue, name: str, capacity: int, room: Room | None = None, active: bool = True
) -> Room:
    if not roles.is_staff(actor):
        raise PermissionDenied(_("Chỉ cán bộ Trung tâm quản lý phòng."))
    name = (name or "").strip()
    if not name:
        raise DomainError(_("Hãy nhập tên phòng."), field="name")
    if capacity < 1 or capacity > 100_000:
        raise DomainError(_("Sức chứa phải từ 1 đến 100.000 chỗ."), field="capacity")
    taken = Room.objects.filter(venue=room.venue if room else venue, name=name)
    if room is not None:
        taken = taken.exclude(pk=room.pk)
    if taken.exists():
        raise DomainError(_("Địa điểm này đã có phòng tên “%(name)s”.") % {"name": name}, field="name")
    before = None if room is None else {"name": room.name, "capacity": room.capacity, "active": room.active}
    room = room or Room(venue=venue)
    room.name, room.capacity, room.active = name, capacity, active
    room.save()
    after = {"name": name, "capacity": capacity, "active": active}
    record(actor, "event.room", room, summary=name, before=before, after=after)
    return room


@transaction.atomic
def save_venue(
    actor: Any,
    *,
    name: str,
    address: str = "",
    is_centre: bool = False,
    active: bool = True,
    venue: Venue | None = None,
) -> Venue:
    """A place events happen: the centre's own building (its rooms are booked) or an outside one."""
    if not roles.is_staff(actor):
        raise PermissionDenied(_("Chỉ cán bộ Trung tâm quản lý địa điểm."))
    name, address = (name or "").strip(), (address or "").strip()
    if not name:
        raise DomainError(_("Hãy nhập tên địa điểm."), field="name")
    if len(name) > 200 or len(address) > 300:
        raise DomainError(_("Tên hoặc địa chỉ quá dài."), field="name")
    before = None if venue is None else _venue_snapshot(venue)
    venue = venue or Venue()
    venue.name, venue.address, venue.is_centre, venue.active = name, address, is_centre, active
    venue.save()
    record(actor, "event.venue", venue, summary=name, before=before, after=_venue_snapshot(venue))
    return venue


def _venue_snapshot(venue: Venue) -> dict[str, Any]:
    return {"name": venue.name, "address": venue.address, "is_centre": venue.is_centre, "active": venue.active}


# Sessions, speakers and materials -------------------------------------------------------------
# Each is part of its event: only who runs the event changes them, never once it is cancelled.

SESSION_FIELDS = ("title", "abstract", "track", "starts_at", "ends_at", "room")
MAX_SPEAKERS = 200


def _managed(actor: Any, event: Event) -> Event:
    """The event locked for a change to one of its parts, after the access and state checks."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if not access.can_manage(actor, event):
        raise PermissionDenied(_("Bạn không thể thay đổi sự kiện này."))
    if event.status == EventStatus.CANCELLED:
        raise DomainError(_("Sự kiện đã hủy không sửa được nữa."))
    return event


def _touch(event: Event) -> None:
    """A change to a part changes the event (feeds read its updated_at: the schedule's version)."""
    event.save(update_fields=["updated_at"])


def session_snapshot(session: Session) -> dict[str, Any]:
    return {
        "title": session.title,
        "track": session.track,
        "starts_at": session.starts_at.isoformat(),
        "ends_at": session.ends_at.isoformat(),
        "room": session.room_id,
    }


def _check_session(event: Event, session: Session) -> None:
    if not session.title:
        raise DomainError(_("Hãy nhập tên phiên."), field="title")
    if session.ends_at <= session.starts_at:
        raise DomainError(_("Thời gian kết thúc phải sau thời gian bắt đầu."), field="ends_at")
    if session.starts_at < event.starts_at or session.ends_at > event.ends_at:
        start, end = timezone.localtime(event.starts_at), timezone.localtime(event.ends_at)
        raise DomainError(
            _("Phiên phải nằm trong thời gian của sự kiện (%(start)s – %(end)s).")
            % {"start": start.strftime("%H:%M %d/%m/%Y"), "end": end.strftime("%H:%M %d/%m/%Y")},
            field="starts_at",
        )
    if session.room is not None and not session.room.active:
        raise DomainError(_("Phòng này đang ngừng sử dụng."), field="room")
    if session.room is not None and session.room_id != event.room_id:
        # Two sessions of one event never share another room at once (the event's own room is
        # held for the whole event, and its sessions take turns in it as the organiser plans).
        overlapping = event.sessions.filter(
            room=session.room, starts_at__lt=session.ends_at, ends_at__gt=session.starts_at
        ).exclude(pk=session.pk)
        other = overlapping.first()
        if other is not None:
            raise DomainError(
                _("Phòng %(room)s đang dành cho phiên “%(session)s” vào giờ này.")
                % {"room": session.room.name, "session": other.title},
                field="room",
            )


def _session_fields(fields: dict[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - set(SESSION_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    cleaned = dict(fields)
    for name in ("title", "abstract", "track"):
        if name in cleaned:
            cleaned[name] = (cleaned[name] or "").strip()
    return cleaned


@transaction.atomic
def add_session(actor: Any, event: Event, **fields: Any) -> Session:
    """A session of a forum or seminar, within the event's time; its room is held through
    rebook (a clash with another event refuses it, and nothing is kept)."""
    event = _managed(actor, event)
    session = Session(event=event, **_session_fields(fields))
    _check_session(event, session)
    session.save()
    rebook(event)
    _touch(event)
    record(actor, "event.session.add", session, summary=session.title, after=session_snapshot(session))
    return session


@transaction.atomic
def update_session(actor: Any, session: Session, **fields: Any) -> Session:
    event = _managed(actor, session.event)
    session = Session.objects.select_related("room").get(pk=session.pk, event=event)
    before = session_snapshot(session)
    for name, value in _session_fields(fields).items():
        setattr(session, name, value)
    _check_session(event, session)
    session.save()
    rebook(event)
    _touch(event)
    record(
        actor, "event.session.update", session, summary=session.title, before=before, after=session_snapshot(session)
    )
    return session


@transaction.atomic
def remove_session(actor: Any, session: Session) -> None:
    """Its speakers stay with the event (no longer tied to a session); its room is freed."""
    event = _managed(actor, session.event)
    session = Session.objects.get(pk=session.pk, event=event)
    before = session_snapshot(session)
    record(actor, "event.session.remove", session, summary=session.title, before=before)
    session.delete()
    rebook(event)
    _touch(event)


def speaker_snapshot(speaker: Speaker) -> dict[str, Any]:
    return {
        "name": speaker.name,
        "position_title": speaker.position_title,
        "organisation": speaker.organisation_id,
        "session": speaker.session_id,
        "order": speaker.order,
    }


def _speaker_fields(
    event: Event,
    *,
    name: str,
    position_title: str = "",
    organisation: Organisation | None = None,
    session: Session | None = None,
    order: int | None = None,
) -> dict[str, Any]:
    name, position_title = (name or "").strip(), (position_title or "").strip()
    if not name:
        raise DomainError(_("Hãy nhập họ và tên người phát biểu."), field="name")
    if len(name) > 200 or len(position_title) > 200:
        raise DomainError(_("Họ tên hoặc chức vụ dài quá 200 ký tự."), field="name")
    if session is not None and session.event_id != event.pk:
        raise DomainError(_("Phiên này không thuộc sự kiện."), field="session")
    if order is not None and not 0 <= order <= 10_000:
        raise DomainError(_("Thứ tự phải từ 0 đến 10.000."), field="order")
    fields: dict[str, Any] = {
        "name": name,
        "position_title": position_title,
        "organisation": organisation,
        "session": session,
    }
    if order is not None:
        fields["order"] = order
    return fields


@transaction.atomic
def add_speaker(actor: Any, event: Event, **fields: Any) -> Speaker:
    """An official who speaks: by name, position and organisation (from the organisation tree),
    optionally in one session; without an order they come after those already listed."""
    event = _managed(actor, event)
    if event.speakers.count() >= MAX_SPEAKERS:
        raise DomainError(_("Một sự kiện có tối đa %(limit)s người phát biểu.") % {"limit": MAX_SPEAKERS})
    cleaned = _speaker_fields(event, **fields)
    if "order" not in cleaned:
        last = event.speakers.order_by("-order").values_list("order", flat=True).first()
        cleaned["order"] = 0 if last is None else last + 1
    speaker = Speaker.objects.create(event=event, **cleaned)
    _touch(event)
    record(actor, "event.speaker.add", speaker, summary=speaker.name, after=speaker_snapshot(speaker))
    return speaker


@transaction.atomic
def update_speaker(actor: Any, speaker: Speaker, **fields: Any) -> Speaker:
    event = _managed(actor, speaker.event)
    speaker = Speaker.objects.get(pk=speaker.pk, event=event)
    before = speaker_snapshot(speaker)
    for name, value in _speaker_fields(event, **fields).items():
        setattr(speaker, name, value)
    speaker.save()
    _touch(event)
    record(actor, "event.speaker.update", speaker, summary=speaker.name, before=before, after=speaker_snapshot(speaker))
    return speaker


@transaction.atomic
def remove_speaker(actor: Any, speaker: Speaker) -> None:
    event = _managed(actor, speaker.event)
    speaker = Speaker.objects.get(pk=speaker.pk, event=event)
    record(actor, "event.speaker.remove", speaker, summary=speaker.name, before=speaker_snapshot(speaker))
    speaker.delete()
    _touch(event)


@transaction.atomic
def add_material(actor: Any, event: Event, item: Item) -> Event:
    """Link a published item of the organiser (a press kit, a report) to the event. An item under
    embargo stays hidden from the public until its embargo lifts (access.visible_materials)."""
    event = _managed(actor, event)
    if item.organisation_id != event.organiser_id:
        raise DomainError(_("Chỉ gắn được tin, tài liệu của cơ quan tổ chức."), field="item")
    if not item.is_public_record:
        raise DomainError(_("Tin này chưa được công bố hoặc đã bị thu hồi."), field="item")
    if event.materials.filter(pk=item.pk).exists():
        raise DomainError(_("Tài liệu này đã được gắn với sự kiện."), field="item")
    event.materials.add(item)
    _touch(event)
    embargo = item.embargo_until.isoformat() if item.embargo_until else None
    record(actor, "event.material.add", event, summary=item.title, after={"item": item.pk, "embargo_until": embargo})
    return event


@transaction.atomic
def remove_material(actor: Any, event: Event, item: Item) -> Event:
    event = _managed(actor, event)
    if not event.materials.filter(pk=item.pk).exists():
        raise DomainError(_("Tài liệu này không gắn với sự kiện."), field="item")
    event.materials.remove(item)
    _touch(event)
    record(actor, "event.material.remove", event, summary=item.title, before={"item": item.pk})
    return event
