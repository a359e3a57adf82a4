"""A multi-session event's schedule in the frab / c3voc conference schedule format (the one
pretalx and frab export and conference apps such as Giggity and EventFahrplan read): as XML
(valid against schedule.xsd) and as JSON (valid against schedule.schema.json).

Mapping: the event is the conference (acronym from its slug, times in Asia/Ho_Chi_Minh), each
calendar day with sessions is a day, each session a frab "event" in its room (the session's own
room, else the event's room, else its venue, else "online"); `guid` is the session's UUID (the
same one its iCal UID and ninjs uri carry), `id` its number, speakers are the persons. An event
without sessions has no schedule to export."""

import datetime as dt
import re
import uuid
from collections import defaultdict
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from lxml import etree

from presscenter.events.ical import one_line, speaker_details
from presscenter.events.links import event_page_url
from presscenter.events.models import Event, Session, Speaker
from presscenter.syndication.entries import absolute, concept_uri, xml_safe

FORMAT_VERSION = "presscenter-1"
GENERATOR = {"name": "presscenter", "version": "0.1.0"}
XML_CONTENT_TYPE = "application/xml; charset=utf-8"
JSON_CONTENT_TYPE = "application/json; charset=utf-8"
SCHEMA_URL = "https://c3voc.de/schedule/schema.json"
TIMESLOT = "00:15"
SESSION_TYPE = "talk"
_ACRONYM = re.compile(r"^[a-z0-9_]{4,}$")
_TRACK_SLUG = re.compile(r"^[a-z][a-z0-9-]*[a-z0-9]$")


def has_schedule(event: Event) -> bool:
    return bool(event.sessions.all())


def acronym(event: Event) -> str:
    """The slug with underscores (the schema's acronym allows no hyphen but in a year suffix)."""
    candidate = event.slug.lower().replace("-", "_")
    return candidate if _ACRONYM.match(candidate) else f"su_kien_{event.pk}"


def _slug(text: str) -> str:
    return slugify(text.replace("đ", "d").replace("Đ", "D"))


def session_slug(event: Event, session: Session) -> str:
    title = _slug(session.title)[:60].strip("-")
    rest = f"{title}-{session.pk}" if title else f"phien-{session.pk}"
    return f"{acronym(event)}-{rest}"


def _local(moment: dt.datetime) -> dt.datetime:
    return timezone.localtime(moment).replace(microsecond=0)


def _hours_minutes(delta: dt.timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _room_name(event: Event, session: Session) -> str:
    room = session.room or event.room
    if room is not None:
        return one_line(room.name)
    if event.venue is not None:
        return one_line(event.venue.name)
    return str(_("Trực tuyến"))


def _room_guid(name: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, concept_uri("room", name)))


def _days(event: Event) -> list[tuple[int, dt.date, list[Session]]]:
    by_date: dict[dt.date, list[Session]] = defaultdict(list)
    for session in event.sessions.all():
        by_date[_local(session.starts_at).date()].append(session)
    return [(index, day, by_date[day]) for index, day in enumerate(sorted(by_date), start=1)]


def _session(event: Event, session: Session) -> dict[str, Any]:
    starts = _local(session.starts_at)
    speakers = [speaker for speaker in event.speakers.all() if speaker.session_id == session.pk]
    return {
        "guid": str(session.uid),
        "id": session.pk,
        "date": starts.isoformat(),
        "start": starts.strftime("%H:%M"),
        "end": _local(session.ends_at).isoformat(),
        "duration": _hours_minutes(session.ends_at - session.starts_at),
        "room": _room_name(event, session),
        "slug": session_slug(event, session),
        "url": f"{event_page_url(event.slug)}#phien-{session.pk}",
        "title": one_line(session.title),
        "subtitle": None,
        "track": session.track or None,
        "type": SESSION_TYPE,
        "language": "vi",
        "abstract": session.abstract,
        "description": None,
        "persons": [_person(speaker) for speaker in speakers],
        "links": [],
    }


def _person(speaker: Speaker) -> dict[str, str]:
    person = {"name": one_line(speaker.name)}
    if details := speaker_details(speaker):
        person["biography"] = details
    return person


def schedule(event: Event) -> dict[str, Any]:
    """The JSON document (for an event loaded with presscenter.events.feeds.with_details)."""
    days = []
    rooms: dict[str, None] = {}
    for index, day, sessions in _days(event):
        by_room: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for session in sessions:
            entry = _session(event, session)
            by_room[entry["room"]].append(entry)
            rooms.setdefault(entry["room"])
        days.append(
            {
                "index": index,
                "date": day.isoformat(),
                "day_start": min(_local(s.starts_at) for s in sessions).isoformat(),
                "day_end": max(_local(s.ends_at) for s in sessions).isoformat(),
                "rooms": dict(by_room),
            }
        )
    tracks = sorted({session.track for session in event.sessions.all() if session.track})
    conference: dict[str, Any] = {
        "acronym": acronym(event),
        "title": one_line(event.title),
        "description": event.summary,
        "start": _local(event.starts_at).isoformat(),
        "end": _local(event.ends_at).isoformat(),
        "daysCount": len(days),
        "timeslot_duration": TIMESLOT,
        "time_zone_name": settings.TIME_ZONE,
        "url": event_page_url(event.slug),
        "rooms": [{"name": name, "guid": _room_guid(name)} for name in rooms],
        "tracks": [_track(name) for name in tracks],
        "days": days,
    }
    return {
        "$schema": SCHEMA_URL,
        "generator": GENERATOR,
        "schedule": {
            "version": f"{FORMAT_VERSION}.{event.sequence}",
            "base_url": f"{settings.SITE_URL}/",
            "conference": conference,
        },
    }


def _track(name: str) -> dict[str, str]:
    track = {"name": name}
    slug = _slug(name)
    if _TRACK_SLUG.match(slug):
        track["slug"] = slug
    return track


def _add(parent: etree._Element, tag: str, text: str | None = None, **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, tag, {key: xml_safe(value) for key, value in attributes.items()})
    if text is not None:
        element.text = xml_safe(text)
    return element


def to_xml(event: Event) -> bytes:
    """The same schedule as schedule.xml."""
    document = schedule(event)["schedule"]
    conference_data = document["conference"]
    root = etree.Element("schedule")
    _add(root, "generator", name=GENERATOR["name"], version=GENERATOR["version"])
    _add(root, "url", absolute(reverse("events_feeds:frab_xml", args=[event.slug])))
    _add(root, "version", document["version"])
    conference = _add(root, "conference")
    for key in ("title", "acronym", "start", "end"):
        _add(conference, key, conference_data[key])
    _add(conference, "days", str(conference_data["daysCount"]))
    _add(conference, "timeslot_duration", TIMESLOT)
    _add(conference, "base_url", document["base_url"])
    _add(conference, "url", conference_data["url"])
    _add(conference, "time_zone_name", conference_data["time_zone_name"])
    for track in conference_data["tracks"]:
        _add(conference, "track", track["name"], **track)
    for day in conference_data["days"]:
        day_element = _add(
            root, "day", date=day["date"], start=day["day_start"], end=day["day_end"], index=str(day["index"])
        )
        for room_name, entries in day["rooms"].items():
            room_element = _add(day_element, "room", name=room_name, guid=_room_guid(room_name))
            for entry in entries:
                _event_xml(room_element, entry)
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)


def _event_xml(room: etree._Element, entry: dict[str, Any]) -> None:
    element = _add(room, "event", guid=entry["guid"], id=str(entry["id"]))
    for key in ("room", "title", "type", "date", "start", "duration", "abstract", "slug", "language", "url"):
        _add(element, key, entry[key])
    _add(element, "track", entry["track"] or "")
    persons = _add(element, "persons")
    for person in entry["persons"]:
        _add(persons, "person", person["name"])
    _add(element, "links")
