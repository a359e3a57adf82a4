"""The events' calendar feeds (iCal) read back with the icalendar parser: stable UIDs, rising
SEQUENCE, status mapping, who sees what (invited-only events never in public feeds), the
journalist's personal address and its rotation, conditional GET, hostile titles."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from presscenter.accounts.models import Role
from presscenter.audit.models import AuditEntry
from presscenter.events import domain, feeds
from presscenter.events.links import ical_uid
from presscenter.events.models import (
    CalendarToken,
    EventMode,
    Invitation,
    Registration,
    RegistrationStatus,
    Session,
    Visibility,
)
from tests import factories
from tests.events.factories import accredited_journalist, event, organiser_and_officer, room

pytestmark = pytest.mark.django_db

PUBLIC = reverse("events_feeds:public")


@pytest.fixture(autouse=True)
def _render_every_time(settings):
    """These tests change events and read the feeds again at once: no rendered feed kept."""
    settings.EVENTS_FEED_CACHE_SECONDS = 0


def parse(response) -> Calendar:
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def vevents(calendar: Calendar) -> dict[str, object]:
    return {str(component["UID"]): component for component in calendar.walk("VEVENT")}


def uid_of(thing) -> str:
    return ical_uid(thing)


def test_the_public_feed_carries_each_event_with_a_stable_uid_and_rising_sequence(client):
    operator = factories.user(Role.CENTER_OPERATOR)
    agency, _editor = organiser_and_officer(name="Sở Giao thông Vận tải", email="sgtvt@hanoi.gov.vn")
    transport = factories.topic(name="Giao thông")
    press = event(operator, organiser=agency, title="Họp báo về phân luồng giao thông", summary="Phân luồng dịp lễ.")
    press.topics.add(transport)

    calendar = parse(client.get(PUBLIC))
    assert str(calendar["X-WR-CALNAME"]) == "Lịch sự kiện báo chí" == str(calendar["NAME"])
    assert str(calendar["X-WR-TIMEZONE"]) == "Asia/Ho_Chi_Minh" and str(calendar["VERSION"]) == "2.0"
    first = vevents(calendar)[uid_of(press)]
    assert (first["SEQUENCE"], str(first["STATUS"])) == (0, "TENTATIVE")
    assert first.decoded("DTSTART") == press.starts_at and first.decoded("DTEND") == press.ends_at
    assert str(first["URL"]) == f"http://127.0.0.1:8000/su-kien/{press.slug}/"
    assert str(first["ORGANIZER"]) == "mailto:sgtvt@hanoi.gov.vn"
    assert first["ORGANIZER"].params["CN"] == "Sở Giao thông Vận tải"
    assert {str(c) for c in first["CATEGORIES"].cats} == {"Họp báo", "Giao thông"}
    assert "Phân luồng dịp lễ." in str(first["DESCRIPTION"]) and press.slug in str(first["DESCRIPTION"])
    assert str(first["LOCATION"]).startswith(press.room.name)

    sequences = [0]
    domain.update_event(operator, press, title="Họp báo về phân luồng giao thông dịp Quốc khánh")
    entry = vevents(parse(client.get(PUBLIC)))[uid_of(press)]
    sequences.append(entry["SEQUENCE"])
    assert str(entry["SUMMARY"]) == "Họp báo về phân luồng giao thông dịp Quốc khánh"
    domain.confirm(operator, press)
    entry = vevents(parse(client.get(PUBLIC)))[uid_of(press)]
    sequences.append(entry["SEQUENCE"])
    assert str(entry["STATUS"]) == "CONFIRMED"
    later = press.starts_at + dt.timedelta(days=1)
    domain.postpone(
        operator, press, reason="Trùng lịch họp Thành ủy", starts_at=later, ends_at=later + dt.timedelta(hours=2)
    )
    entry = vevents(parse(client.get(PUBLIC)))[uid_of(press)]
    sequences.append(entry["SEQUENCE"])
    assert str(entry["STATUS"]) == "TENTATIVE" and str(entry["SUMMARY"]).startswith("[Hoãn, dời lịch] ")
    assert entry.decoded("DTSTART") == later
    assert "Trùng lịch họp Thành ủy" in str(entry["DESCRIPTION"])
    domain.cancel(operator, press, reason="Lãnh đạo Sở bận đột xuất")
    entry = vevents(parse(client.get(PUBLIC)))[uid_of(press)]
    sequences.append(entry["SEQUENCE"])
    assert str(entry["STATUS"]) == "CANCELLED" and "Lãnh đạo Sở bận đột xuất" in str(entry["DESCRIPTION"])
    assert sequences == sorted(sequences) and len(set(sequences)) == len(sequences) and sequences[-1] == 4
    assert list(vevents(parse(client.get(PUBLIC)))) == [uid_of(press)]  # one entry all along: same UID


def test_status_mapping(client):
    operator = factories.user(Role.CENTER_OPERATOR)
    planned, confirmed = event(operator), event(operator)
    domain.confirm(operator, confirmed)
    entries = vevents(parse(client.get(PUBLIC)))
    assert str(entries[uid_of(planned)]["STATUS"]) == "TENTATIVE"
    assert str(entries[uid_of(confirmed)]["STATUS"]) == "CONFIRMED"


def test_a_cancelled_event_stays_thirty_days_then_leaves_the_feed(client):
    operator = factories.user(Role.CENTER_OPERATOR)
    doomed = event(operator)
    domain.cancel(operator, doomed, reason="Hoãn vô thời hạn")
    assert uid_of(doomed) in vevents(parse(client.get(PUBLIC)))
    doomed.__class__.objects.filter(pk=doomed.pk).update(updated_at=timezone.now() - dt.timedelta(days=31))
    assert uid_of(doomed) not in vevents(parse(client.get(PUBLIC)))


def test_invited_only_events_stay_out_of_every_public_feed_and_go_to_the_invited_journalist(client):
    agency, editor = organiser_and_officer()
    topic = factories.topic()
    secret = event(editor, title="Gặp mặt báo chí nội bộ", visibility=Visibility.INVITED)
    secret.topics.add(topic)
    public = event(editor)
    public.topics.add(topic)
    invited = accredited_journalist()
    Invitation.objects.create(event=secret, journalist=invited, invited_by=editor)
    other = accredited_journalist()

    for url in (
        PUBLIC,
        reverse("events_feeds:agency", args=[agency.slug]),
        reverse("events_feeds:topic", args=[topic.slug]),
    ):
        found = vevents(parse(client.get(url)))
        assert uid_of(public) in found and uid_of(secret) not in found, url
    client.force_login(invited)  # a signed-in journalist gets the same public feed
    assert uid_of(secret) not in vevents(parse(client.get(PUBLIC)))

    mine = parse(Client().get(reverse("events_feeds:personal", args=[feeds.rotate_calendar_token(invited).token])))
    assert list(vevents(mine)) == [uid_of(secret)]
    assert "Bạn được mời dự sự kiện này." in str(vevents(mine)[uid_of(secret)]["DESCRIPTION"])
    assert "Bạn chưa đăng ký." in str(vevents(mine)[uid_of(secret)]["DESCRIPTION"])
    assert str(vevents(mine)[uid_of(secret)]["CLASS"]) == "PRIVATE"
    theirs = parse(Client().get(reverse("events_feeds:personal", args=[feeds.rotate_calendar_token(other).token])))
    assert vevents(theirs) == {}
    assert Client().get(reverse("events_feeds:event_ics", args=[secret.slug])).status_code == 404


def test_the_personal_feed_shows_the_registration_status(client):
    public = event()
    journalist = accredited_journalist()
    Registration.objects.create(event=public, journalist=journalist, status=RegistrationStatus.WAITLISTED)
    gone = event()
    Registration.objects.create(event=gone, journalist=journalist, status=RegistrationStatus.CANCELLED)
    token = feeds.rotate_calendar_token(journalist).token
    calendar = parse(client.get(reverse("events_feeds:personal", args=[token])))
    assert str(calendar["X-WR-CALNAME"]).startswith("Lịch sự kiện của tôi")
    entries = vevents(calendar)
    assert list(entries) == [uid_of(public)]  # a registration they cancelled takes the event off
    assert "Đăng ký của bạn: Trong danh sách chờ." in str(entries[uid_of(public)]["DESCRIPTION"])
    assert "no-store" not in client.get(reverse("events_feeds:personal", args=[token]))["Cache-Control"]
    assert "private" in client.get(reverse("events_feeds:personal", args=[token]))["Cache-Control"]


def test_the_journalist_sees_and_rotates_the_address_and_the_old_one_stops_working(client):
    journalist = accredited_journalist()
    client.force_login(journalist)
    page = reverse("events_feeds:my_calendar")
    assert "Bạn chưa có địa chỉ lịch riêng." in client.get(page).content.decode()
    assert client.post(page).status_code == 302
    first = CalendarToken.objects.get(user=journalist).token
    shown = client.get(page).content.decode()
    assert first in shown and "webcal://" in shown  # visible again at any time, not only once
    assert Client().get(reverse("events_feeds:personal", args=[first])).status_code == 200

    client.post(page)
    second = CalendarToken.objects.get(user=journalist).token
    assert second != first
    assert Client().get(reverse("events_feeds:personal", args=[first])).status_code == 404
    assert Client().get(reverse("events_feeds:personal", args=[second])).status_code == 200
    audit = AuditEntry.objects.filter(action="event.calendar_token", actor=journalist).order_by("id")
    assert [entry.after for entry in audit] == [{"replaced": False}, {"replaced": True}]
    assert all(first not in str(entry.after) and second not in str(entry.after) for entry in audit)


def test_only_journalists_have_a_personal_calendar(client):
    editor = organiser_and_officer()[1]
    client.force_login(editor)
    assert client.post(reverse("events_feeds:my_calendar")).status_code == 403
    assert not CalendarToken.objects.filter(user=editor).exists()
    journalist = accredited_journalist()
    token = feeds.rotate_calendar_token(journalist).token
    journalist.is_active = False
    journalist.save(update_fields=["is_active"])
    assert client.get(reverse("events_feeds:personal", args=[token])).status_code == 404
    assert client.get(reverse("events_feeds:personal", args=["x" * 500])).status_code == 404
    assert Client().get(reverse("events_feeds:my_calendar")).status_code == 302  # sign in first


def test_conditional_get_answers_304_until_something_changes(client):
    operator = factories.user(Role.CENTER_OPERATOR)
    press = event(operator)
    first = client.get(PUBLIC)
    etag, modified = first["ETag"], first["Last-Modified"]
    assert client.get(PUBLIC, headers={"if-none-match": etag}).status_code == 304
    assert client.get(PUBLIC, headers={"if-modified-since": modified}).status_code == 304
    assert client.get(PUBLIC).content == first.content  # the same data gives the same bytes
    domain.update_event(operator, press, title="Họp báo đã đổi tên")
    changed = client.get(PUBLIC, headers={"if-none-match": etag})
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert "public" in changed["Cache-Control"]


def test_hostile_titles_are_escaped_and_kept_on_one_line(client):
    operator = factories.user(Role.CENTER_OPERATOR)
    hostile = "<script>alert(1)</script>\r\nBEGIN:VEVENT\nUID:evil; x, y\\ \x01" + "dài " * 60
    press = event(operator, title=hostile[:300], summary="Dòng 1\nEND:VCALENDAR\nDòng 3; a, b")
    body = client.get(PUBLIC).content
    lines = body.decode().split("\r\n")
    assert [line for line in lines if line.startswith("BEGIN:VEVENT")] == ["BEGIN:VEVENT"]
    assert [line for line in lines if line.startswith("END:VCALENDAR")] == ["END:VCALENDAR"]
    assert not any(line.startswith("UID:evil") for line in lines)
    assert all(len(line.encode()) <= 75 for line in lines)  # folded
    assert b"\x01" not in body
    entry = vevents(Calendar.from_ical(body))[uid_of(press)]
    summary = str(entry["SUMMARY"])
    assert "\n" not in summary and summary.startswith("<script>alert(1)</script> BEGIN:VEVENT UID:evil; x, y\\")
    assert str(entry["DESCRIPTION"]).startswith("Dòng 1\nEND:VCALENDAR\nDòng 3; a, b")


def test_sessions_are_their_own_entries_related_to_the_forum(client):
    operator = factories.user(Role.CENTER_OPERATOR)
    forum = event(operator, title="Diễn đàn kinh tế số Thủ đô", hours=8, type="forum")
    side = room(name="Phòng hội thảo nhỏ")
    opening = Session.objects.create(
        event=forum, title="Khai mạc", starts_at=forum.starts_at, ends_at=forum.starts_at + dt.timedelta(hours=1)
    )
    panel = Session.objects.create(
        event=forum,
        title="Tọa đàm dữ liệu mở",
        room=side,
        starts_at=forum.starts_at + dt.timedelta(hours=2),
        ends_at=forum.starts_at + dt.timedelta(hours=3),
    )
    entries = vevents(parse(client.get(PUBLIC)))
    assert set(entries) == {uid_of(forum), uid_of(opening), uid_of(panel)}
    for session in (opening, panel):
        entry = entries[uid_of(session)]
        assert str(entry["RELATED-TO"]) == uid_of(forum) and entry["RELATED-TO"].params["RELTYPE"] == "PARENT"
        assert entry["SEQUENCE"] == forum.sequence and entry.decoded("DTSTART") == session.starts_at
    assert str(entries[uid_of(panel)]["LOCATION"]).startswith("Phòng hội thảo nhỏ")
    assert str(entries[uid_of(opening)]["LOCATION"]).startswith(forum.room.name)
    domain.cancel(operator, forum, reason="Thời tiết xấu")
    entries = vevents(parse(client.get(PUBLIC)))
    assert {str(entries[uid_of(s)]["STATUS"]) for s in (opening, panel)} == {"CANCELLED"}


def test_online_events_name_the_stream_and_unknown_feeds_are_404(client):
    online = event(mode=EventMode.ONLINE, livestream_url="https://truyenhinh.example.vn/truc-tiep", room=None)
    entry = vevents(parse(client.get(PUBLIC)))[uid_of(online)]
    assert str(entry["LOCATION"]) == "Trực tuyến: https://truyenhinh.example.vn/truc-tiep"
    assert client.get(reverse("events_feeds:agency", args=["khong-co"])).status_code == 404
    assert client.get(reverse("events_feeds:topic", args=["khong-co"])).status_code == 404
    assert client.post(PUBLIC).status_code == 405


def test_calendar_names_stay_vietnamese_for_an_english_reader(client):
    event()
    calendar = parse(client.get(PUBLIC, headers={"accept-language": "en"}))
    assert str(calendar["X-WR-CALNAME"]) == "Lịch sự kiện báo chí"


def test_the_feed_costs_the_same_queries_for_one_event_or_many(client, django_assert_max_num_queries):
    def build(n: int) -> None:
        for _ in range(n):
            forum = event(hours=6)
            forum.topics.add(factories.topic())
            Session.objects.create(
                event=forum, title="Phiên", starts_at=forum.starts_at, ends_at=forum.starts_at + dt.timedelta(hours=1)
            )

    build(1)
    with django_assert_max_num_queries(8) as one:
        client.get(PUBLIC)
    build(6)
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert len(vevents(parse(client.get(PUBLIC)))) == 14


def test_if_modified_since_sees_an_event_leaving_the_feed(client):
    """Hiding an event changes no row the feed still carries: Last-Modified follows the body."""
    operator = factories.user(Role.CENTER_OPERATOR)
    kept, hidden = event(operator), event(operator)
    first = client.get(PUBLIC)
    assert set(vevents(parse(first))) == {uid_of(kept), uid_of(hidden)}
    domain.update_event(operator, hidden, visibility=Visibility.INVITED)
    after = client.get(PUBLIC, headers={"if-modified-since": first["Last-Modified"]})
    assert set(vevents(parse(after))) == {uid_of(kept)}
    assert after["Last-Modified"] != first["Last-Modified"]
    assert client.get(PUBLIC, headers={"if-modified-since": after["Last-Modified"]}).status_code == 304


def test_the_personal_feed_costs_the_same_queries_for_one_event_or_many(client, django_assert_max_num_queries):
    journalist = accredited_journalist()
    token = feeds.rotate_calendar_token(journalist).token
    url = reverse("events_feeds:personal", args=[token])

    def invite(n: int) -> None:
        for _ in range(n):
            invited = event(visibility=Visibility.INVITED)
            Invitation.objects.create(event=invited, journalist=journalist, invited_by=invited.created_by)
            Registration.objects.create(event=invited, journalist=journalist, status=RegistrationStatus.PENDING)

    invite(1)
    with django_assert_max_num_queries(12) as one:
        client.get(url)
    invite(5)
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert len(vevents(parse(client.get(url)))) == 6


def test_a_rendered_feed_is_kept_for_a_while_but_a_rotated_address_stops_at_once(client, settings):
    settings.EVENTS_FEED_CACHE_SECONDS = 60
    operator = factories.user(Role.CENTER_OPERATOR)
    first, journalist = event(operator), accredited_journalist()
    Invitation.objects.create(event=first, journalist=journalist, invited_by=operator)
    token = feeds.rotate_calendar_token(journalist).token
    personal = reverse("events_feeds:personal", args=[token])
    before, mine = client.get(PUBLIC), client.get(personal)
    second = event(operator)
    Invitation.objects.create(event=second, journalist=journalist, invited_by=operator)
    assert client.get(PUBLIC).content == before.content  # served as rendered, within the minute
    assert client.get(PUBLIC, headers={"if-none-match": before["ETag"]}).status_code == 304
    assert client.get(personal).content == mine.content
    feeds.rotate_calendar_token(journalist)
    assert client.get(personal).status_code == 404  # the secret is checked before the cache
    settings.EVENTS_FEED_CACHE_SECONDS = 0
    assert set(vevents(parse(client.get(PUBLIC)))) == {uid_of(first), uid_of(second)}
