"""The event screens: who may open which (a matrix over every role), the event form with its
clear refusals, status actions, sessions and speakers, the centre's venues and rooms, the public
calendar and event page (invited-only events hidden), and list pages whose query count does not
grow with the number of events."""

import datetime as dt
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from presscenter.accounts.models import Role
from presscenter.events import domain
from presscenter.events.models import (
    Event,
    EventStatus,
    EventType,
    Invitation,
    Registration,
    RegistrationStatus,
    Room,
    Venue,
    Visibility,
)
from tests import factories
from tests.events.factories import accredited_journalist, centre_venue, event, organiser_and_officer, room

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast():
    """Everyone who might open an event screen, around one agency's event."""
    agency, editor = organiser_and_officer(name="Sở Giao thông Hà Nội")
    _other, other_editor = organiser_and_officer(name="Sở Tài chính Hà Nội")
    people = {
        "anonymous": None,
        "public": factories.user(Role.PUBLIC),
        "journalist": accredited_journalist(),
        "editor": editor,
        "other_editor": other_editor,
        "spokesperson": factories.user(Role.SPOKESPERSON, agency),
        "operator": factories.user(Role.CENTER_OPERATOR),
        "admin": factories.user(Role.CENTER_ADMIN),
    }
    return people, event(editor, title="Họp báo về phân luồng giao thông dịp Tết")


def _status(client, user, url):
    client.logout()
    if user is not None:
        client.force_login(user)
    response = client.get(url)
    if response.status_code == 302:
        assert "/dang-nhap" in response["Location"] or "login" in response["Location"]
        return "login"
    return response.status_code


RUNNERS = {"editor": 200, "spokesperson": 200, "operator": 200, "admin": 200}
OUTSIDERS = {"anonymous": "login", "public": 403, "journalist": 403}


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("events_work:list", {**OUTSIDERS, **RUNNERS, "other_editor": 200}),
        ("events_work:create", {**OUTSIDERS, **RUNNERS, "other_editor": 200}),
        ("events_work:room_calendar", {**OUTSIDERS, **RUNNERS, "other_editor": 200}),
        ("events_work:detail", {**OUTSIDERS, **RUNNERS, "other_editor": 403}),
        ("events_work:edit", {**OUTSIDERS, **RUNNERS, "other_editor": 403}),
        ("events_work:session_create", {**OUTSIDERS, **RUNNERS, "other_editor": 403}),
        ("events_work:speaker_create", {**OUTSIDERS, **RUNNERS, "other_editor": 403}),
        ("events_work:venues", {**OUTSIDERS, "editor": 403, "spokesperson": 403, "other_editor": 403, "operator": 200, "admin": 200}),
        ("events_work:venue_create", {**OUTSIDERS, "editor": 403, "spokesperson": 403, "other_editor": 403, "operator": 200, "admin": 200}),
    ],
)  # fmt: skip
def test_who_opens_which_working_screen(client, cast, name, expected):
    people, planned = cast
    args = (
        [planned.pk]
        if name
        not in (
            "events_work:list",
            "events_work:create",
            "events_work:room_calendar",
            "events_work:venues",
            "events_work:venue_create",
        )
        else []
    )
    url = reverse(name, args=args)
    assert {role: _status(client, user, url) for role, user in people.items()} == expected


@pytest.mark.parametrize("action", ["xac-nhan", "hoan", "huy"])
def test_only_who_runs_the_event_may_change_its_status(client, cast, action):
    people, planned = cast
    url = reverse("events_work:action", args=[planned.pk, action])
    for role in ("public", "journalist", "other_editor"):
        client.force_login(people[role])
        response = client.post(url, {"reason": "Thử"})
        assert response.status_code == 403
    planned.refresh_from_db()
    assert planned.status == EventStatus.PLANNED


def _form_data(**fields):
    start = timezone.localtime(timezone.now() + dt.timedelta(days=3)).replace(hour=9, minute=0, second=0, microsecond=0)
    data = {
        "type": EventType.PRESS_CONFERENCE,
        "title": "Họp báo công bố kết quả tuyển sinh lớp 10",
        "summary": "Sở công bố điểm chuẩn.",
        "agenda": "<p>9:00 Khai mạc</p><script>alert(1)</script>",
        "starts_at": start.strftime("%d/%m/%Y %H:%M"),
        "ends_at": (start + dt.timedelta(hours=2)).strftime("%d/%m/%Y %H:%M"),
        "mode": "in_person",
        "visibility": "public",
        "capacity": "40",
        "accredited_only": "on",
        "max_crew": "2",
    }
    data.update(fields)
    return data


def test_an_editor_creates_an_event_of_their_agency_only(client):
    agency, editor = organiser_and_officer(name="Sở Giáo dục và Đào tạo Hà Nội")
    other = factories.organisation(name="Sở Nội vụ Hà Nội")
    hall = room(capacity=80)
    topic = factories.topic(name="Giáo dục")
    client.force_login(editor)
    url = reverse("events_work:create")
    page = client.get(url).content.decode()
    assert "Sở Giáo dục và Đào tạo Hà Nội" in page and "Sở Nội vụ Hà Nội" not in page
    assert "80 chỗ" in page  # the room's capacity beside its name
    refused = client.post(url, _form_data(organiser=other.pk, room=hall.pk))
    assert refused.status_code == 200 and not Event.objects.exists()
    response = client.post(url, _form_data(organiser=agency.pk, room=hall.pk, topics=[topic.pk]))
    created = Event.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("events_work:detail", args=[created.pk])
    assert created.organiser == agency and created.room == hall and list(created.topics.all()) == [topic]
    assert "<script>" not in created.agenda and "Khai mạc" in created.agenda


def test_the_form_refuses_past_and_absurd_dates_and_a_booked_room_in_vietnamese(client):
    agency, editor = organiser_and_officer()
    hall = room(name="Hội trường lớn")
    taken = event(room=hall, title="Họp báo đã đặt phòng", hours_ahead=24 * 3)
    client.force_login(editor)
    url = reverse("events_work:create")
    past = timezone.localtime(timezone.now() - dt.timedelta(days=2))
    cases = [
        ({"starts_at": past.strftime("%d/%m/%Y %H:%M"), "ends_at": (past + dt.timedelta(hours=1)).strftime("%d/%m/%Y %H:%M")}, "Thời gian này đã qua"),
        ({"starts_at": "01/01/2099 09:00", "ends_at": "01/01/2099 10:00"}, "Không thể lên lịch quá 5 năm tới"),
        ({"ends_at": "01/01/2020 10:00"}, "Thời gian kết thúc phải sau thời gian bắt đầu"),
        ({"starts_at": "32/13/2026 09:00"}, "Ngày giờ không hợp lệ"),
        ({"starts_at": timezone.localtime(taken.starts_at).strftime("%d/%m/%Y %H:%M"), "ends_at": timezone.localtime(taken.ends_at).strftime("%d/%m/%Y %H:%M")}, "Họp báo đã đặt phòng"),
        ({"capacity": "500"}, "vượt sức chứa của phòng"),
    ]  # fmt: skip
    for fields, message in cases:
        response = client.post(url, _form_data(organiser=agency.pk, room=hall.pk, **fields))
        assert response.status_code == 200
        assert message in response.content.decode(), message
    assert Event.objects.count() == 1


def test_confirm_postpone_and_cancel_through_their_pages(client, cast):
    people, planned = cast
    client.force_login(people["editor"])
    url = reverse("events_work:action", args=[planned.pk, "xac-nhan"])
    assert "Xác nhận sự kiện" in client.get(url).content.decode()
    client.post(url)
    planned.refresh_from_db()
    assert planned.status == EventStatus.CONFIRMED
    url = reverse("events_work:action", args=[planned.pk, "hoan"])
    missing = client.post(url, {"reason": "Chờ ý kiến Thành phố", "starts_at": "01/01/2027 09:00"})
    assert "Hãy nhập cả thời gian bắt đầu và kết thúc mới" in missing.content.decode()
    client.post(url, {"reason": "Chờ ý kiến Thành phố"})
    planned.refresh_from_db()
    assert planned.status == EventStatus.POSTPONED and planned.postponed_from == planned.starts_at
    url = reverse("events_work:action", args=[planned.pk, "huy"])
    assert client.post(url, {"reason": "  "}).status_code == 200  # the form again: a reason is needed
    assert Event.objects.get(pk=planned.pk).status == EventStatus.POSTPONED
    client.post(url, {"reason": "Nội dung đã được thông tin qua văn bản"})
    planned.refresh_from_db()
    assert planned.status == EventStatus.CANCELLED and planned.status_reason.startswith("Nội dung")


def test_sessions_and_speakers_from_the_working_screens(client):
    agency, editor = organiser_and_officer(name="Sở Khoa học và Công nghệ Hà Nội")
    begins = (timezone.now() + dt.timedelta(days=3)).replace(second=0, microsecond=0)
    day = event(editor, type=EventType.FORUM, starts_at=begins, ends_at=begins + dt.timedelta(hours=6), room=room())
    side = room(name="Phòng họp báo 2")
    client.force_login(editor)
    start = timezone.localtime(day.starts_at)
    response = client.post(
        reverse("events_work:session_create", args=[day.pk]),
        {"title": "Phiên 1: Hạ tầng số", "starts_at": start.strftime("%d/%m/%Y %H:%M"),
         "ends_at": (start + dt.timedelta(hours=2)).strftime("%d/%m/%Y %H:%M"), "room": side.pk},
    )  # fmt: skip
    assert response.status_code == 302
    session = day.sessions.get()
    outside = client.post(
        reverse("events_work:session_create", args=[day.pk]),
        {"title": "Phiên muộn", "starts_at": (start + dt.timedelta(hours=5)).strftime("%d/%m/%Y %H:%M"),
         "ends_at": (start + dt.timedelta(hours=9)).strftime("%d/%m/%Y %H:%M")},
    )  # fmt: skip
    assert "Phiên phải nằm trong thời gian của sự kiện" in outside.content.decode()
    client.post(
        reverse("events_work:speaker_create", args=[day.pk]),
        {"name": "Ông Hà Minh Hải", "position_title": "Giám đốc", "organisation": agency.pk, "session": session.pk},
    )
    speaker = day.speakers.get()
    assert (speaker.organisation, speaker.session) == (agency, session)
    page = client.get(reverse("events_work:detail", args=[day.pk])).content.decode()
    assert "Ông Hà Minh Hải" in page and "Phiên 1: Hạ tầng số" in page
    client.post(reverse("events_work:speaker_remove", args=[day.pk, speaker.pk]))
    client.post(reverse("events_work:session_remove", args=[day.pk, session.pk]))
    assert not day.speakers.exists() and not day.sessions.exists()


def test_the_centre_keeps_its_venues_and_rooms(client):
    operator = factories.user(Role.CENTER_OPERATOR)
    client.force_login(operator)
    client.post(
        reverse("events_work:venue_create"),
        {"name": "Trung tâm Báo chí Thủ đô", "address": "Hà Nội", "is_centre": "on", "active": "on"},
    )
    venue = Venue.objects.get()
    client.post(
        reverse("events_work:room_create", args=[venue.pk]),
        {"name": "Hội trường lớn", "capacity": "250", "active": "on"},
    )
    duplicate = client.post(
        reverse("events_work:room_create", args=[venue.pk]),
        {"name": "Hội trường lớn", "capacity": "20", "active": "on"},
    )
    assert "đã có phòng tên" in duplicate.content.decode()
    hall = Room.objects.get()
    assert (hall.name, hall.capacity) == ("Hội trường lớn", 250)
    client.post(
        reverse("events_work:room_edit", args=[venue.pk, hall.pk]), {"name": "Hội trường lớn", "capacity": "300"}
    )
    hall.refresh_from_db()
    assert (hall.capacity, hall.active) == (300, False)
    assert "Hội trường lớn" in client.get(reverse("events_work:venues")).content.decode()


def test_the_room_calendar_shows_who_holds_a_room_to_those_who_may_know(client):
    _agency, editor = organiser_and_officer()
    hall = room(name="Hội trường lớn")
    mine = event(editor, room=hall, title="Họp báo của tôi", hours_ahead=24)
    theirs = event(room=hall, title="Họp báo của cơ quan khác", hours_ahead=30, organiser=factories.organisation())
    client.force_login(editor)
    page = client.get(reverse("events_work:room_calendar")).content.decode()
    assert mine.title in page and theirs.title not in page and "Đã được đặt" in page
    client.force_login(factories.user(Role.CENTER_OPERATOR))
    page = client.get(reverse("events_work:room_calendar")).content.decode()
    assert mine.title in page and theirs.title in page


# Public pages -----------------------------------------------------------------------------------


def test_the_event_page_tells_status_time_place_speakers_and_json_ld(client):
    agency, editor = organiser_and_officer(name="Sở Văn hóa và Thể thao Hà Nội")
    day = event(editor, title="Họp báo Lễ hội Áo dài Hà Nội", room=room(name="Hội trường lớn"), hours_ahead=48)
    domain.add_speaker(editor, day, name="Bà Đỗ Đình Hồng", position_title="Giám đốc", organisation=agency)
    old_start = day.starts_at
    domain.postpone(
        editor,
        day,
        reason="Điều chỉnh theo lịch của Bộ",
        starts_at=old_start + dt.timedelta(days=2),
        ends_at=old_start + dt.timedelta(days=2, hours=2),
    )
    page = client.get(reverse("events_public:event", args=[day.slug])).content.decode()
    assert "Hoãn, dời lịch" in page and "Điều chỉnh theo lịch của Bộ" in page
    assert timezone.localtime(old_start).strftime("%H:%M %d/%m/%Y") in page
    assert "Bà Đỗ Đình Hồng" in page and "Hội trường lớn" in page
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
    assert data["@type"] == "Event" and data["eventStatus"] == "https://schema.org/EventPostponed"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["performer"][0]["name"] == "Bà Đỗ Đình Hồng"
    domain.cancel(editor, day, reason="Thời tiết xấu")
    page = client.get(reverse("events_public:event", args=[day.slug])).content.decode()
    assert "Lý do hủy: Thời tiết xấu" in page and "EventCancelled" in page


def test_an_invited_only_event_is_seen_only_by_whom_access_allows(client):
    _agency, editor = organiser_and_officer()
    closed = event(editor, title="Gặp mặt báo chí nội bộ", visibility=Visibility.INVITED)
    invited, stranger = accredited_journalist(), accredited_journalist()
    Invitation.objects.create(event=closed, journalist=invited, invited_by=editor)
    url = reverse("events_public:event", args=[closed.slug])
    _other, other_editor = organiser_and_officer()
    seen = {}
    for role, user in {"anonymous": None, "public": factories.user(Role.PUBLIC), "stranger": stranger, "invited": invited,
                       "editor": editor, "other_editor": other_editor, "operator": factories.user(Role.CENTER_OPERATOR)}.items():  # fmt: skip
        client.logout()
        if user:
            client.force_login(user)
        seen[role] = client.get(url).status_code
        calendar = client.get(
            reverse("events_public:calendar") + f"?month={timezone.localtime(closed.starts_at):%Y-%m}"
        )
        assert (closed.title in calendar.content.decode()) == (seen[role] == 200)
    assert seen == {
        "anonymous": 404,
        "public": 404,
        "stranger": 404,
        "invited": 200,
        "editor": 200,
        "other_editor": 404,
        "operator": 200,
    }


def test_calendar_filters_agency_page_archive_and_home_block(client):
    _health, editor = organiser_and_officer(name="Sở Y tế Hà Nội", slug="so-y-te-test")
    topic = factories.topic(name="Y tế", slug="y-te-test")
    seminar = event(editor, type=EventType.SEMINAR, title="Hội thảo y tế cơ sở", hours_ahead=2, topics=[topic])
    other = event(title="Họp báo giao thông", hours_ahead=3)
    past = event(editor, title="Họp báo đã qua", allow_past=True, starts_at=timezone.now() - dt.timedelta(days=3),
                 ends_at=timezone.now() - dt.timedelta(days=3) + dt.timedelta(hours=2))  # fmt: skip
    month = f"?month={timezone.localtime(seminar.starts_at):%Y-%m}"
    url = reverse("events_public:calendar")
    page = client.get(url + month).content.decode()
    assert seminar.title in page and other.title in page and past.title not in page
    page = client.get(url + month + "&type=seminar").content.decode()
    assert seminar.title in page and other.title not in page
    page = client.get(url + month + "&topic=y-te-test").content.decode()
    assert seminar.title in page and other.title not in page
    page = client.get(reverse("events_public:agency", args=["so-y-te-test"]) + month).content.decode()
    assert seminar.title in page and other.title not in page
    archive = client.get(reverse("events_public:archive")).content.decode()
    assert past.title in archive and seminar.title not in archive
    home = client.get(reverse("portal:home")).content.decode()
    assert "Sự kiện sắp diễn ra" in home and seminar.title in home and past.title not in home
    assert client.get(url + "?month=2026-13").status_code == 200  # a malformed month: this month


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _many(actor, n, start_hours):
    hall = room()
    for i in range(n):
        created = event(actor, room=hall, hours_ahead=start_hours + 3 * i, hours=1, topics=[factories.topic()])
        domain.add_speaker(actor, created, name=f"Diễn giả {i}", organisation=actor.organisation)


def test_list_pages_do_not_grow_queries_with_events(client):
    _agency, editor = organiser_and_officer()
    operator = factories.user(Role.CENTER_OPERATOR)
    _many(editor, 2, 5)
    now = timezone.localtime()
    month = f"?month={now:%Y-%m}"
    urls = [
        (editor, reverse("events_work:list")),
        (operator, reverse("events_work:list")),
        (operator, reverse("events_work:room_calendar")),
        (None, reverse("events_public:calendar") + month),
        (None, reverse("events_public:archive")),
        (None, reverse("portal:home")),
        (None, "/api/events"),
    ]
    before = {}
    for user, url in urls:
        client.logout()
        if user:
            client.force_login(user)
        before[url, user] = _count(client, url)
    _many(editor, 6, 40)
    for user, url in urls:
        client.logout()
        if user:
            client.force_login(user)
        assert _count(client, url) == before[url, user], url


def test_rooms_and_venues_form_list_centre_rooms_only(client):
    outside = Venue.objects.create(name="Khách sạn Thắng Lợi", address="Yên Phụ")
    Room.objects.create(venue=outside, name="Phòng ngoài", capacity=50)
    room(name="Phòng họp báo 1", venue=centre_venue())
    client.force_login(factories.user(Role.CENTER_OPERATOR))
    page = client.get(reverse("events_work:create")).content.decode()
    assert "Phòng họp báo 1" in page and "Phòng ngoài" not in page and "Khách sạn Thắng Lợi" in page


def test_the_work_list_filters_by_time_status_type_and_organiser(client):
    agency, editor = organiser_and_officer(name="Sở Công Thương Hà Nội")
    coming = event(editor, title="Họp báo sắp tới", type=EventType.SEMINAR)
    over = event(editor, title="Họp báo đã qua", allow_past=True, starts_at=timezone.now() - dt.timedelta(days=2),
                 ends_at=timezone.now() - dt.timedelta(days=2) + dt.timedelta(hours=1))  # fmt: skip
    foreign = event(title="Sự kiện của cơ quan khác")
    domain.confirm(editor, coming)
    client.force_login(editor)
    url = reverse("events_work:list")

    def titles(query=""):
        page = client.get(url + query).content.decode()
        return {e.title for e in (coming, over, foreign) if e.title in page}

    assert titles() == {coming.title}
    assert titles("?when=past") == {over.title}
    assert titles("?when=all&status=planned") == {over.title}
    assert titles("?when=all&type=seminar") == {coming.title}
    client.force_login(factories.user(Role.CENTER_OPERATOR))
    assert titles(f"?when=all&organiser={agency.pk}") == {coming.title, over.title}
    assert titles() == {coming.title, foreign.title}


def test_nav_links_and_the_agency_page_lead_to_events(client):
    agency, editor = organiser_and_officer(slug="so-cong-thuong-test")
    assert reverse("events_public:calendar") in client.get(reverse("portal:home")).content.decode()
    agency_page = client.get(reverse("portal:agency", args=[agency.slug])).content.decode()
    assert reverse("events_public:agency", args=[agency.slug]) in agency_page
    client.force_login(editor)
    assert reverse("events_work:list") in client.get(reverse("workspace:home")).content.decode()


def test_a_registered_journalist_sees_embargoed_materials_on_the_event_page(client):
    newsroom = factories.Newsroom(name="Sở Y tế Hà Nội")
    day = event(newsroom.editor)
    embargoed = newsroom.publish(title="Báo cáo dịch tễ quý IV", embargo_until=timezone.now() + dt.timedelta(days=1))
    domain.add_material(newsroom.editor, day, embargoed)
    registered = accredited_journalist()
    Registration.objects.create(event=day, journalist=registered, status=RegistrationStatus.APPROVED)
    url = reverse("events_public:event", args=[day.slug])
    assert embargoed.title not in client.get(url).content.decode()
    client.force_login(accredited_journalist())
    assert embargoed.title not in client.get(url).content.decode()
    client.force_login(registered)
    page = client.get(url).content.decode()
    assert embargoed.title in page and "cấm đăng đến" in page


def test_a_malformed_month_keeps_the_other_filters(client):
    seminar = event(type=EventType.SEMINAR, title="Hội thảo sắp tới", hours_ahead=1)
    other = event(title="Họp báo khác", hours_ahead=2)
    page = client.get(reverse("events_public:calendar") + "?month=9999-99&type=seminar").content.decode()
    if timezone.localdate(seminar.starts_at).month == timezone.localdate().month:
        assert seminar.title in page
    assert other.title not in page


def test_the_room_check_tells_a_clash_before_saving(client):
    _agency, editor = organiser_and_officer()
    hall = room(name="Hội trường lớn", capacity=300)
    mine = event(editor, room=hall, title="Họp báo của tôi", hours_ahead=24)
    theirs = event(room=hall, title="Họp báo của cơ quan khác", hours_ahead=30, organiser=factories.organisation())
    client.force_login(editor)
    url = reverse("events_work:room_check")

    def check(starts, ends, **extra):
        local = {
            "starts_at": f"{timezone.localtime(starts):%d/%m/%Y %H:%M}",
            "ends_at": f"{timezone.localtime(ends):%d/%m/%Y %H:%M}",
        }
        return client.get(url, {"room": hall.pk, **local, **extra}).content.decode()  # fmt: skip

    page = check(mine.starts_at, mine.ends_at)
    assert "đã được đặt trong khung giờ này" in page and mine.title in page
    assert "còn trống" in check(mine.starts_at, mine.ends_at, event=mine.pk)  # editing: its own booking is no clash
    page = check(theirs.starts_at, theirs.ends_at)
    assert "đã được đặt" in page and theirs.title not in page  # another agency's event, not named
    later = theirs.ends_at + dt.timedelta(minutes=1)  # the form reads minutes: past the seconds
    assert "còn trống" in check(later, later + dt.timedelta(hours=1))
    assert client.get(url, {"room": hall.pk, "starts_at": "xx"}).content.decode().strip() == ""
    client.force_login(factories.user(Role.JOURNALIST))
    assert client.get(url, {"room": hall.pk}).status_code == 403
