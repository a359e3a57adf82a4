"""The events as iCalendar (RFC 5545, with RFC 7986's calendar properties), for calendar programs
that subscribe to a feed: Google Calendar, Outlook, Apple Calendar, Thunderbird, phones.

Each event is one VEVENT whose UID (`<event uid>@<site host>`) never changes and whose SEQUENCE
is the event's own counter, which the domain raises with every change a calendar must show; so a
subscribed calendar updates the entry it already has instead of adding another. A cancelled event
stays in the feed with STATUS:CANCELLED (the feeds keep it for 30 days), so calendars strike it.

A forum's sessions: each session is a VEVENT of its own (UID `<session uid>@<site host>`) with
RELATED-TO;RELTYPE=PARENT naming the event's UID, next to the event's own VEVENT that spans the
whole forum. A subscriber thus sees the forum as a block and each session at its own time and
room; the sessions share the event's SEQUENCE and STATUS (a cancelled forum cancels them all).

Times are written in UTC (the `Z` form), which every program converts to its own zone; the
calendar also says X-WR-TIMEZONE:Asia/Ho_Chi_Minh for those that show a feed in its own zone.
DTSTAMP is the time the event last changed (RFC 5545 §3.8.7.2: with no METHOD property, DTSTAMP
is the last revision of the information), so the same data always gives the same bytes and the
feed's ETag only changes when something did.

All text goes through the icalendar package, which escapes commas, semicolons, backslashes and
newlines and folds long lines; control characters are removed before, titles kept on one line."""

import datetime as dt
import re
from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as VEvent

from presscenter.events.feeds import Selection
from presscenter.events.links import event_page_url, ical_uid
from presscenter.events.models import Event, EventMode, EventStatus, Session, Speaker, Visibility
from presscenter.syndication.entries import concept_uri

CONTENT_TYPE = "text/calendar; charset=utf-8"
PRODID = "-//presscenter//Lich su kien bao chi//VI"
TIME_ZONE = "Asia/Ho_Chi_Minh"
REFRESH = dt.timedelta(hours=1)  # how often we suggest programs poll (RFC 7986 REFRESH-INTERVAL, PT1H)

# RFC 5545 knows TENTATIVE, CONFIRMED and CANCELLED for a VEVENT: a postponed event is tentative
# again until it is confirmed for its new time.
STATUS = {
    EventStatus.PLANNED: "TENTATIVE",
    EventStatus.CONFIRMED: "CONFIRMED",
    EventStatus.POSTPONED: "TENTATIVE",
    EventStatus.CANCELLED: "CANCELLED",
}

# Control characters other than tab and newline break content lines or confuse readers.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


def clean(text: str) -> str:
    return _CONTROL.sub("", (text or "").replace("\r\n", "\n").replace("\r", "\n")).strip()


def one_line(text: str) -> str:
    return " ".join(clean(text).split())


def render(selection: Selection) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("name", one_line(selection.name))  # RFC 7986
    calendar.add("x-wr-calname", one_line(selection.name))  # what Google, Apple and Outlook read
    calendar.add("description", clean(selection.description))
    calendar.add("x-wr-caldesc", clean(selection.description))
    calendar.add("x-wr-timezone", TIME_ZONE)
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")  # the same, for Outlook; a duration written out
    for event in selection.events:
        for component in components(event, selection.notes.get(event.pk, [])):
            calendar.add_component(component)
    return calendar.to_ical()


def components(event: Event, notes: Iterable[str] = ()) -> list[VEvent]:
    """The event's VEVENT, then one for each of its sessions."""
    return [_event(event, list(notes)), *(_session(event, session) for session in event.sessions.all())]


def _common(component: VEvent, event: Event) -> None:
    component.add("sequence", event.sequence)
    component.add("dtstamp", _utc(event.updated_at))
    component.add("created", _utc(event.created_at))
    component.add("last-modified", _utc(event.updated_at))
    component.add("status", STATUS[EventStatus(event.status)])
    component.add("url", event_page_url(event.slug))
    component.add("categories", [one_line(name) for name in _categories(event)])
    organiser = event.organiser
    address = f"mailto:{organiser.email}" if organiser.email else concept_uri("agency", organiser.slug)
    component.add("organizer", address, parameters={"CN": one_line(organiser.name)})
    component.add("class", "PUBLIC" if event.visibility == Visibility.PUBLIC else "PRIVATE")


def _event(event: Event, notes: list[str]) -> VEvent:
    component = VEvent()
    component.add("uid", ical_uid(event))
    component.add("summary", _title(event))
    component.add("dtstart", _utc(event.starts_at))
    component.add("dtend", _utc(event.ends_at))
    component.add("location", location(event))
    component.add("description", _description(event, notes))
    _common(component, event)
    return component


def _session(event: Event, session: Session) -> VEvent:
    component = VEvent()
    component.add("uid", ical_uid(session))
    component.add("related-to", ical_uid(event), parameters={"RELTYPE": "PARENT"})
    component.add("summary", f"{one_line(session.title)} — {_title(event)}")
    component.add("dtstart", _utc(session.starts_at))
    component.add("dtend", _utc(session.ends_at))
    component.add("location", location(event, session))
    lines = [clean(session.abstract)] if session.abstract.strip() else []
    speakers = [speaker for speaker in event.speakers.all() if speaker.session_id == session.pk]
    if speakers:
        names = "; ".join(speaker_label(speaker) for speaker in speakers)
        lines.append(_("Người phát biểu: %(names)s") % {"names": names})
    lines.append(_("Thuộc sự kiện: %(title)s") % {"title": one_line(event.title)})
    lines.append(_("Chi tiết: %(url)s") % {"url": event_page_url(event.slug)})
    component.add("description", "\n\n".join(lines))
    _common(component, event)
    return component


def _title(event: Event) -> str:
    title = one_line(event.title)
    if event.status == EventStatus.POSTPONED:
        return _("[Hoãn, dời lịch] %(title)s") % {"title": title}
    if event.status == EventStatus.CANCELLED:
        return _("[Đã hủy] %(title)s") % {"title": title}
    return title


def _categories(event: Event) -> list[str]:
    return [str(event.get_type_display()), *(topic.name for topic in event.topics.all())]


def speaker_details(speaker: Speaker) -> str:
    """Position and organisation: "Giám đốc, Sở Y tế"."""
    organisation = one_line(speaker.organisation.name) if speaker.organisation else ""
    return ", ".join(part for part in (one_line(speaker.position_title), organisation) if part)


def speaker_label(speaker: Speaker) -> str:
    details = speaker_details(speaker)
    return f"{one_line(speaker.name)} ({details})" if details else one_line(speaker.name)


def location(event: Event, session: Session | None = None) -> str:
    """Room and address for those who come, the stream for those who watch: one line."""
    parts = []
    if event.mode != EventMode.ONLINE:
        room = session.room if session is not None and session.room is not None else event.room
        venue = room.venue if room is not None else event.venue
        if room is not None:
            parts.append(one_line(room.name))
        if venue is not None:
            parts.extend(one_line(text) for text in (venue.name, venue.address) if text.strip())
    if event.mode != EventMode.IN_PERSON:
        online = _("Trực tuyến")
        parts.append(f"{online}: {event.livestream_url}" if event.livestream_url else online)
    return ", ".join(parts)


def _description(event: Event, notes: list[str]) -> str:
    lines = [clean(event.summary)] if event.summary.strip() else []
    reason = clean(event.status_reason)
    if event.status == EventStatus.POSTPONED:
        if event.postponed_from is not None:
            moment = timezone.localtime(event.postponed_from).strftime("%H:%M %d/%m/%Y")
            lines.append(_("Thời gian dự kiến ban đầu: %(moment)s") % {"moment": moment})
        if reason:
            lines.append(_("Lý do hoãn, dời lịch: %(reason)s") % {"reason": reason})
    if event.status == EventStatus.CANCELLED and reason:
        lines.append(_("Lý do hủy: %(reason)s") % {"reason": reason})
    if event.mode != EventMode.IN_PERSON and event.livestream_url:
        lines.append(_("Phát trực tuyến: %(url)s") % {"url": event.livestream_url})
    lines.extend(clean(note) for note in notes)
    lines.append(_("Chi tiết: %(url)s") % {"url": event_page_url(event.slug)})
    return "\n\n".join(lines)


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(dt.UTC).replace(microsecond=0)
