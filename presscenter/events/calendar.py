"""What the public calendar reads: the events a visitor may see, a month of them grouped by day,
the next few for the home page, and an event as schema.org data."""

import datetime as dt
import itertools
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from django.utils import timezone

from presscenter.core.html import to_text
from presscenter.events import access
from presscenter.events.models import Event, EventMode, EventStatus, Session, Speaker

HOME_UPCOMING = 5


def listed(user: Any) -> QuerySet[Event]:
    """The events this visitor may see, with what a calendar line shows."""
    return access.visible_events(user).select_related("organiser", "room__venue", "venue")


def upcoming(user: Any) -> QuerySet[Event]:
    """Not over yet, soonest first (cancelled ones too: the calendar says they are off)."""
    return listed(user).filter(ends_at__gte=timezone.now()).order_by("starts_at", "id")


def home_events(user: Any) -> list[Event]:
    """The next few events for the portal's home page; cancelled ones are left out there."""
    return list(upcoming(user).exclude(status=EventStatus.CANCELLED)[:HOME_UPCOMING])


def past(user: Any) -> QuerySet[Event]:
    return listed(user).filter(ends_at__lt=timezone.now()).order_by("-starts_at", "-id")


def filtered(events: QuerySet[Event], data: dict[str, Any]) -> QuerySet[Event]:
    if data.get("type"):
        events = events.filter(type=data["type"])
    if data.get("organiser"):
        events = events.filter(organiser__slug=data["organiser"])
    if data.get("topic"):
        events = events.filter(topics__slug=data["topic"])
    return events


@dataclass(frozen=True)
class Month:
    first: dt.date

    @classmethod
    def parse(cls, text: str | None) -> "Month":
        """A month written YYYY-MM (already checked by the form), or this month in Vietnam."""
        if text:
            year, month = (int(part) for part in text.split("-"))
            return cls(dt.date(year, month, 1))
        return cls(timezone.localdate().replace(day=1))

    @property
    def next(self) -> "Month":
        return Month((self.first + dt.timedelta(days=32)).replace(day=1))

    @property
    def previous(self) -> "Month":
        return Month((self.first - dt.timedelta(days=1)).replace(day=1))

    @property
    def key(self) -> str:
        return self.first.strftime("%Y-%m")

    def span(self) -> tuple[dt.datetime, dt.datetime]:
        start = timezone.make_aware(dt.datetime.combine(self.first, dt.time.min))
        end = timezone.make_aware(dt.datetime.combine(self.next.first, dt.time.min))
        return start, end


def month_of(events: QuerySet[Event], month: Month, *, from_now: bool) -> list[tuple[dt.date, list[Event]]]:
    """The month's events grouped by the day they start (in Vietnam); this month's start today."""
    start, end = month.span()
    events = events.filter(starts_at__lt=end, ends_at__gte=start)
    if from_now:
        events = events.filter(ends_at__gte=timezone.now())
    ordered = events.order_by("starts_at", "id")
    return [
        (day, list(group)) for day, group in itertools.groupby(ordered, key=lambda e: timezone.localdate(e.starts_at))
    ]


def with_programme(events: QuerySet[Event]) -> QuerySet[Event]:
    """An event page's sessions and speakers in a fixed number of queries."""
    speakers = Speaker.objects.select_related("organisation", "session")
    sessions = Session.objects.select_related("room").prefetch_related(
        Prefetch("speakers", queryset=Speaker.objects.select_related("organisation"))
    )
    return events.prefetch_related(
        Prefetch("speakers", queryset=speakers),
        Prefetch("sessions", queryset=sessions),
        "topics",
    )


EVENT_STATUS = {
    EventStatus.POSTPONED: "https://schema.org/EventPostponed",
    EventStatus.CANCELLED: "https://schema.org/EventCancelled",
}
ATTENDANCE = {
    EventMode.IN_PERSON: "https://schema.org/OfflineEventAttendanceMode",
    EventMode.ONLINE: "https://schema.org/OnlineEventAttendanceMode",
    EventMode.HYBRID: "https://schema.org/MixedEventAttendanceMode",
}


def _place(event: Event) -> dict[str, Any] | None:
    if event.room is not None:
        venue = event.room.venue
        return {"@type": "Place", "name": f"{event.room.name}, {venue.name}", "address": venue.address or venue.name}
    if event.venue is not None:
        return {"@type": "Place", "name": event.venue.name, "address": event.venue.address or event.venue.name}
    return None


def public_url(event: Event) -> str:
    return settings.SITE_URL + reverse("events_public:event", args=[event.slug])


def json_ld(event: Event) -> dict[str, Any]:
    """schema.org Event: status (postponed, cancelled, or scheduled), attendance mode, place and
    online link, organiser, speakers and sessions (subEvent)."""
    url = public_url(event)
    locations: list[dict[str, Any]] = []
    place = _place(event)
    if place is not None and event.mode != EventMode.ONLINE:
        locations.append(place)
    if event.mode != EventMode.IN_PERSON and event.livestream_url:
        locations.append({"@type": "VirtualLocation", "url": event.livestream_url})
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.summary or to_text(event.agenda)[:500],
        "url": url,
        "identifier": str(event.uid),
        "startDate": event.starts_at.isoformat(),
        "endDate": event.ends_at.isoformat(),
        "eventStatus": EVENT_STATUS.get(EventStatus(event.status), "https://schema.org/EventScheduled"),
        "eventAttendanceMode": ATTENDANCE[EventMode(event.mode)],
        "location": locations[0] if len(locations) == 1 else locations,
        "organizer": {
            "@type": "GovernmentOrganization",
            "name": event.organiser.name,
            "url": settings.SITE_URL + reverse("portal:agency", args=[event.organiser.slug]),
        },
        "inLanguage": "vi",
    }
    if event.status == EventStatus.POSTPONED and event.postponed_from is not None:
        data["previousStartDate"] = event.postponed_from.isoformat()
    speakers = [
        {"@type": "Person", "name": speaker.name, "jobTitle": speaker.position_title}
        | (
            {"affiliation": {"@type": "Organization", "name": speaker.organisation.name}}
            if speaker.organisation
            else {}
        )
        for speaker in event.speakers.all()
    ]
    if speakers:
        data["performer"] = speakers
    sessions = [
        {
            "@type": "Event",
            "name": session.title,
            "startDate": session.starts_at.isoformat(),
            "endDate": session.ends_at.isoformat(),
        }
        for session in event.sessions.all()
    ]
    if sessions:
        data["subEvent"] = sessions
    return data
