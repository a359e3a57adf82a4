"""An event as an IPTC ninjs 3.1 item of type "event" (valid against ninjs-schema_3.1.json).

Field mapping (docs/events-feeds.md has it as a table):
- uri: `urn:uuid:<event uid>` — the same UUID as the iCal UID, stable for the event's life;
- type "event", representationType "full", profile `event.<type>`, language "vi";
- version: the event's calendar SEQUENCE + 1 (it rises with every change a calendar must show);
  firstCreated / versionCreated: when the event was created / last changed;
- title, headlines[main]: the title; slugline and altIds[slug]: the slug;
- descriptions: summary (role "summary"), the reason of a postponement or cancellation
  (role "statusReason"); bodies: the agenda as sanitised HTML (role "agenda");
- eventDetails: eventStatus from IPTC's Event Occurrence Status vocabulary (planned → eos1
  "planned only", confirmed → eos5 "occurs certainly", postponed to a new time → eos1,
  postponed until further notice → eos2 "highly uncertain", cancelled → eos6 "planned, then
  cancelled"); dates.startDate / endDate; organiser: the agency;
- organisations: the agency (rel "organiser", with its contacts); people: the speakers
  (rel "speaker"), their positions and organisations in descriptions (role "speakers"); subjects: the topics (rel "about"); genres: the event type;
- places: the room and venue with its address, and "online" with the stream address;
- renditions: the public page (text/html), the event's iCal file (text/calendar) and, for an
  event with sessions, its frab schedule (XML and JSON);
- associations: each session as an associated event item (rel "session").
Every identifier of our own concepts is a tag URI (presscenter.syndication.entries.concept_uri).
"""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from presscenter.events.ical import one_line, speaker_label
from presscenter.events.links import event_page_url
from presscenter.events.models import Event, EventMode, EventStatus, Room, Session, Venue
from presscenter.syndication.entries import absolute, concept_uri, rfc3339
from presscenter.syndication.ninjs import NINJS_STANDARD, agency_organisation

OCCURRENCE_STATUS = "http://cv.iptc.org/newscodes/eventoccurstatus/"


def event_status_uri(event: Event) -> str:
    if event.status == EventStatus.CONFIRMED:
        code = "eos5"
    elif event.status == EventStatus.CANCELLED:
        code = "eos6"
    elif event.status == EventStatus.POSTPONED and event.postponed_from == event.starts_at:
        code = "eos2"  # postponed until further notice: the old time stands only as a marker
    else:
        code = "eos1"
    return OCCURRENCE_STATUS + code


def urn(thing: Event | Session) -> str:
    return f"urn:uuid:{thing.uid}"


def to_ninjs(event: Event) -> dict[str, Any]:
    """The ninjs item of an event loaded with presscenter.events.feeds.with_details."""
    title = one_line(event.title)
    document: dict[str, Any] = {
        "uri": urn(event),
        "standard": NINJS_STANDARD,
        "type": "event",
        "representationType": "full",
        "profile": f"event.{event.type}",
        "version": str(event.sequence + 1),
        "firstCreated": rfc3339(event.created_at),
        "versionCreated": rfc3339(event.updated_at),
        "pubStatus": "usable",
        "language": "vi",
        "title": title,
        "slugline": event.slug,
        "headlines": [{"role": "main", "contentType": "text/plain", "value": title}],
        "descriptions": _descriptions(event),
        "eventDetails": {
            "eventStatus": event_status_uri(event),
            "dates": {"startDate": rfc3339(event.starts_at), "endDate": rfc3339(event.ends_at)},
            "organiser": agency_organisation(event.organiser, "organiser"),
        },
        "organisations": [agency_organisation(event.organiser, "organiser")],
        "people": [
            {"name": one_line(speaker.name), "rel": "speaker", "literal": f"speaker-{speaker.pk}"}
            for speaker in event.speakers.all()
        ],
        "subjects": [
            {"name": topic.name, "literal": topic.slug, "uri": concept_uri("topic", topic.slug), "rel": "about"}
            for topic in event.topics.all()
        ],
        "genres": [
            {"name": str(event.get_type_display()), "literal": event.type, "uri": concept_uri("event-type", event.type)}
        ],
        "places": _places(event, event.room),
        "renditions": _renditions(event),
        "altIds": [{"role": "slug", "value": event.slug}],
        "associations": [_session(event, session, n) for n, session in enumerate(event.sessions.all(), start=1)],
    }
    if event.agenda.strip():
        document["bodies"] = [{"role": "agenda", "contentType": "text/html", "value": event.agenda}]
    return {key: value for key, value in document.items() if value != []}


def _descriptions(event: Event) -> list[dict[str, str]]:
    descriptions = []
    if event.summary.strip():
        descriptions.append({"role": "summary", "contentType": "text/plain", "value": event.summary.strip()})
    if event.status in (EventStatus.POSTPONED, EventStatus.CANCELLED) and event.status_reason.strip():
        descriptions.append({"role": "statusReason", "contentType": "text/plain", "value": event.status_reason})
    speakers = [speaker_label(speaker) for speaker in event.speakers.all()]
    if speakers:  # people[] holds names only: their positions and organisations are said here
        descriptions.append({"role": "speakers", "contentType": "text/plain", "value": "\n".join(speakers)})
    return descriptions


def _places(event: Event, room: Room | None) -> list[dict[str, Any]]:
    places: list[dict[str, Any]] = []
    if event.mode != EventMode.ONLINE:
        venue: Venue | None = room.venue if room is not None else event.venue
        if venue is not None:
            place: dict[str, Any] = {
                "name": f"{room.name}, {venue.name}" if room is not None else venue.name,
                "rel": "venue",
                "literal": f"venue-{venue.pk}" + (f"-room-{room.pk}" if room is not None else ""),
            }
            if venue.address:
                place["contactInfo"] = [{"type": "address", "address": {"lines": [venue.address]}}]
            places.append(place)
    if event.mode != EventMode.IN_PERSON and event.livestream_url:
        places.append(
            {
                "name": _("Trực tuyến"),
                "rel": "online",
                "contactInfo": [{"type": "web", "role": "livestream", "value": event.livestream_url}],
            }
        )
    return places


def _renditions(event: Event) -> list[dict[str, str]]:
    renditions = [
        {"name": "html", "href": event_page_url(event.slug), "contentType": "text/html"},
        {
            "name": "icalendar",
            "href": absolute(reverse("events_feeds:event_ics", args=[event.slug])),
            "contentType": "text/calendar",
        },
    ]
    if event.sessions.all():
        renditions += [
            {
                "name": "frab-xml",
                "href": absolute(reverse("events_feeds:frab_xml", args=[event.slug])),
                "contentType": "application/xml",
            },
            {
                "name": "frab-json",
                "href": absolute(reverse("events_feeds:frab_json", args=[event.slug])),
                "contentType": "application/json",
            },
        ]
    return renditions


def _session(event: Event, session: Session, number: int) -> dict[str, Any]:
    association: dict[str, Any] = {
        "name": f"session-{number}",
        "rel": "session",
        "uri": urn(session),
        "type": "event",
        "headlines": [{"role": "main", "contentType": "text/plain", "value": one_line(session.title)}],
        "eventDetails": {
            "eventStatus": event_status_uri(event),
            "dates": {"startDate": rfc3339(session.starts_at), "endDate": rfc3339(session.ends_at)},
        },
    }
    if session.abstract.strip():
        association["descriptions"] = [{"role": "summary", "contentType": "text/plain", "value": session.abstract}]
    places = _places(event, session.room or event.room)
    if places:
        association["places"] = places
    if session.track:
        association["subjects"] = [{"name": session.track, "rel": "track"}]
    return association
