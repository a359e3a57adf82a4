"""Which events each calendar feed carries, and the journalists' personal calendar addresses.

Feeds:
- public: every public event; per agency: the public events an agency organises; per topic:
  the public events about a releases.Topic. These are read by calendar programs without any
  sign-in, so they never carry an event for invited guests only.
- personal: the events a journalist is invited to or holds a live registration for (pending,
  approved or waitlisted), among those `access.visible_events` lets them see, with the state of
  their registration. Reached by a secret address (CalendarToken) the journalist can rotate.

Window: events that ended up to PAST_DAYS ago and everything ahead, so a subscribed calendar
keeps its recent history. A cancelled event stays (STATUS:CANCELLED, so calendars strike it)
for CANCELLED_DAYS after the cancellation, then drops out."""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from presscenter.accounts import roles
from presscenter.audit.domain import record
from presscenter.core.errors import NotFound, PermissionDenied
from presscenter.events import access
from presscenter.events.models import (
    LIVE_REGISTRATION_STATES,
    CalendarToken,
    Event,
    EventStatus,
    Invitation,
    Registration,
    Session,
    Speaker,
    Visibility,
    new_calendar_token,
)
from presscenter.orgs.models import Organisation
from presscenter.releases.models import Topic

PAST_DAYS = 90
CANCELLED_DAYS = 30
MAX_EVENTS = 2_000  # the newest this many: a calendar program reads the whole file on every poll
TOKEN_MAX_LENGTH = 64


@dataclass
class Selection:
    """The events of one feed, loaded with what the exports read, and its name in Vietnamese."""

    name: str
    description: str
    events: list[Event]
    notes: dict[int, list[str]] = field(default_factory=dict)  # event id → lines for its owner only


def with_details(events: QuerySet[Event]) -> QuerySet[Event]:
    """What every export reads, in a fixed number of queries whatever the number of events."""
    return events.select_related("organiser", "room__venue", "venue").prefetch_related(
        "topics",
        Prefetch("sessions", queryset=Session.objects.select_related("room__venue").order_by("starts_at", "id")),
        Prefetch("speakers", queryset=Speaker.objects.select_related("organisation").order_by("order", "id")),
    )


def in_window(events: QuerySet[Event], *, now: dt.datetime | None = None) -> QuerySet[Event]:
    now = now or timezone.now()
    recent = events.filter(ends_at__gte=now - dt.timedelta(days=PAST_DAYS))
    return recent.exclude(status=EventStatus.CANCELLED, updated_at__lt=now - dt.timedelta(days=CANCELLED_DAYS))


def _load(events: QuerySet[Event]) -> list[Event]:
    newest = in_window(events).order_by("-starts_at", "-id").values("pk")[:MAX_EVENTS]
    return list(with_details(Event.objects.filter(pk__in=newest)).order_by("starts_at", "id"))


def public_events() -> QuerySet[Event]:
    return Event.objects.filter(visibility=Visibility.PUBLIC)


def public_feed() -> Selection:
    return Selection(
        name=_("Lịch sự kiện báo chí"),
        description=_("Họp báo, tọa đàm, diễn đàn, hội thảo và triển lãm ảnh báo chí công khai."),
        events=_load(public_events()),
    )


def agency_feed(slug: str) -> Selection:
    agency = Organisation.objects.filter(slug=slug).first()
    if agency is None:
        raise NotFound(_("Không tìm thấy cơ quan này."))
    return Selection(
        name=_("Lịch sự kiện — %(agency)s") % {"agency": agency.name},
        description=_("Các sự kiện công khai do %(agency)s tổ chức.") % {"agency": agency.name},
        events=_load(public_events().filter(organiser=agency)),
    )


def topic_feed(slug: str) -> Selection:
    topic = Topic.objects.filter(slug=slug).first()
    if topic is None:
        raise NotFound(_("Không tìm thấy chủ đề này."))
    return Selection(
        name=_("Lịch sự kiện — chủ đề %(topic)s") % {"topic": topic.name},
        description=_("Các sự kiện công khai về chủ đề %(topic)s.") % {"topic": topic.name},
        events=_load(public_events().filter(topics=topic)),
    )


def personal_feed(user: Any) -> Selection:
    """The journalist's own calendar: invited or registered (live), as far as they may see."""
    invited = Invitation.objects.filter(journalist=user).values("event_id")
    live = Registration.objects.filter(journalist=user, status__in=LIVE_REGISTRATION_STATES).values("event_id")
    events = _load(access.visible_events(user).filter(Q(pk__in=invited) | Q(pk__in=live)))
    ids = [event.pk for event in events]
    invited_ids = set(Invitation.objects.filter(journalist=user, event_id__in=ids).values_list("event_id", flat=True))
    registrations = {
        registration.event_id: registration
        for registration in Registration.objects.filter(journalist=user, event_id__in=ids).order_by("created_at", "id")
    }  # the latest one per event wins
    notes: dict[int, list[str]] = {}
    for event_id in ids:
        lines = []
        if event_id in invited_ids:
            lines.append(_("Bạn được mời dự sự kiện này."))
        registration = registrations.get(event_id)
        if registration is not None:
            lines.append(_("Đăng ký của bạn: %(status)s.") % {"status": registration.get_status_display()})
        elif event_id in invited_ids:
            lines.append(_("Bạn chưa đăng ký."))
        notes[event_id] = lines
    return Selection(
        name=_("Lịch sự kiện của tôi — %(name)s") % {"name": user.get_full_name() or user.get_username()},
        description=_("Các sự kiện bạn được mời hoặc đã đăng ký tham dự."),
        events=events,
        notes=notes,
    )


# Personal calendar addresses -------------------------------------------------------------------


def may_have_personal_calendar(user: Any) -> bool:
    return roles.is_journalist(user)


def rotate_calendar_token(user: Any) -> CalendarToken:
    """A new secret for the journalist's personal calendar: the old address stops working."""
    if not may_have_personal_calendar(user):
        raise PermissionDenied(_("Chỉ nhà báo mới có lịch sự kiện riêng."))
    with transaction.atomic():
        had = CalendarToken.objects.filter(user=user).exists()
        token, _created = CalendarToken.objects.update_or_create(
            user=user, defaults={"token": new_calendar_token(), "created_at": timezone.now()}
        )
        record(user, "event.calendar_token", token, after={"replaced": had})
    return token


def calendar_owner(raw: str) -> Any:
    """The journalist a personal calendar address belongs to, or None (unknown, rotated, or the
    account may no longer have one)."""
    if not raw or len(raw) > TOKEN_MAX_LENGTH:
        return None
    token = CalendarToken.objects.select_related("user").filter(token=raw).first()
    if token is None or not may_have_personal_calendar(token.user):
        return None
    return token.user
