"""The events' standard exports checked against the official schemas in ../shared/schemas: each
event as an IPTC ninjs 3.1 event item, and a forum's sessions as a frab / c3voc schedule (XML
against schedule.xsd, JSON against schedule.schema.json)."""

import datetime as dt
import json
import os
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from jsonschema import Draft6Validator, Draft202012Validator, FormatChecker
from lxml import etree
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

from presscenter.accounts.models import Role
from presscenter.events import domain, views_feeds
from presscenter.events.models import EventMode, EventType, Invitation, Session, Speaker, Visibility
from tests import factories
from tests.conftest import skip_or_fail
from tests.events.factories import accredited_journalist, event, organiser_and_officer, room

pytestmark = pytest.mark.django_db

# ../shared beside the checkout; PRESSCENTER_SHARED names it when the checkout lives elsewhere (a worktree).
SHARED = Path(os.environ.get("PRESSCENTER_SHARED") or Path(__file__).resolve().parents[2] / ".." / "shared")
SCHEMAS = SHARED / "schemas"


def _schema(relative: str) -> Path:
    path = SCHEMAS / relative
    if not path.is_file():
        skip_or_fail(f"official schema missing: {path} (../shared is not checked out; set PRESSCENTER_SHARED)")
    return path


@pytest.fixture(scope="module")
def ninjs_validator() -> Draft202012Validator:
    geo = json.loads(_schema("ninjs/GeoJSON.json").read_text())
    registry = Registry().with_resource(
        "https://geojson.org/schema/GeoJSON.json", Resource.from_contents(geo, default_specification=DRAFT7)
    )
    schema = json.loads(_schema("ninjs/ninjs-schema_3.1.json").read_text())
    return Draft202012Validator(schema, registry=registry, format_checker=FormatChecker())


@pytest.fixture(scope="module")
def frab_json_validator() -> Draft6Validator:
    schema = json.loads(_schema("conference-schedule/schedule.schema.json").read_text())
    return Draft6Validator(schema, format_checker=FormatChecker())


@pytest.fixture(scope="module")
def frab_xsd() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(_schema("conference-schedule/schedule.xsd"))))


def forum_with_sessions():
    """A two-day forum in the centre's hall with sessions in two rooms, speakers and topics."""
    operator = factories.user(Role.CENTER_OPERATOR)
    agency, _editor = organiser_and_officer(name="Sở Khoa học và Công nghệ", phone="024 3826 0000")
    hall = room(name="Hội trường lớn", capacity=300)
    forum = event(
        operator,
        organiser=agency,
        type=EventType.FORUM,
        title="Diễn đàn Chuyển đổi số Thủ đô 2026",
        summary="Hai ngày thảo luận về dữ liệu và dịch vụ công trực tuyến.",
        agenda="<p>Ngày 1: khai mạc &amp; tọa đàm.</p>",
        room=hall,
        hours_ahead=72,
        hours=32,
        mode=EventMode.HYBRID,
        livestream_url="https://truyenhinh.example.vn/dien-dan",
        capacity=200,
    )
    forum.topics.add(factories.topic(name="Chuyển đổi số", slug="chuyen-doi-so"))
    side = room(name="Phòng Đ-2 (tầng 2)", capacity=60)
    start = forum.starts_at
    opening = Session.objects.create(
        event=forum, title="Khai mạc", starts_at=start, ends_at=start + dt.timedelta(minutes=45), track="Toàn thể"
    )
    panel = Session.objects.create(
        event=forum,
        title="Tọa đàm: Dữ liệu mở & quyền riêng tư",
        abstract="Các sở chia sẻ kinh nghiệm.\nHỏi đáp với báo chí.",
        room=side,
        starts_at=start + dt.timedelta(hours=1),
        ends_at=start + dt.timedelta(hours=2, minutes=30),
        track="Dữ liệu",
    )
    closing = Session.objects.create(
        event=forum,
        title="Bế mạc",
        starts_at=start + dt.timedelta(days=1),
        ends_at=start + dt.timedelta(days=1, hours=1),
    )
    Speaker.objects.create(
        event=forum, session=opening, name="Nguyễn Văn An", position_title="Giám đốc Sở", organisation=agency
    )
    Speaker.objects.create(event=forum, session=panel, name="Trần Thị Bình")
    Speaker.objects.create(event=forum, name="Lê Minh Châu", position_title="Chuyên gia")
    return forum, (opening, panel, closing)


def test_each_event_is_a_valid_ninjs_event_item(client, ninjs_validator):
    forum, sessions = forum_with_sessions()
    response = client.get(reverse("events_feeds:ninjs_event", args=[forum.slug]))
    assert response.status_code == 200 and response["Content-Type"] == "application/json; charset=utf-8"
    item = response.json()
    ninjs_validator.validate(item)
    assert (item["uri"], item["type"], item["language"]) == (f"urn:uuid:{forum.uid}", "event", "vi")
    assert item["headlines"][0]["value"] == "Diễn đàn Chuyển đổi số Thủ đô 2026"
    details = item["eventDetails"]
    assert details["eventStatus"] == "http://cv.iptc.org/newscodes/eventoccurstatus/eos1"
    assert details["dates"]["startDate"] == forum.starts_at.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
    assert details["organiser"]["name"] == "Sở Khoa học và Công nghệ"
    assert [p["name"] for p in item["people"]] == ["Nguyễn Văn An", "Trần Thị Bình", "Lê Minh Châu"]
    speakers = next(d["value"] for d in item["descriptions"] if d["role"] == "speakers")
    assert speakers.splitlines()[0] == "Nguyễn Văn An (Giám đốc Sở, Sở Khoa học và Công nghệ)"
    assert [s["name"] for s in item["subjects"]] == ["Chuyển đổi số"]
    assert [a["uri"] for a in item["associations"]] == [f"urn:uuid:{s.uid}" for s in sessions]
    assert {p["rel"] for p in item["places"]} == {"venue", "online"}
    assert {r["name"] for r in item["renditions"]} == {"html", "icalendar", "frab-xml", "frab-json"}
    assert item["bodies"][0]["value"] == "<p>Ngày 1: khai mạc &amp; tọa đàm.</p>"


def test_ninjs_follows_the_status_and_the_version(client, ninjs_validator):
    operator = factories.user(Role.CENTER_OPERATOR)
    press = event(operator)
    url = reverse("events_feeds:ninjs_event", args=[press.slug])
    domain.confirm(operator, press)
    confirmed = client.get(url).json()
    ninjs_validator.validate(confirmed)
    assert confirmed["eventDetails"]["eventStatus"].endswith("/eos5") and confirmed["version"] == "2"
    domain.cancel(operator, press, reason="Lãnh đạo bận")
    cancelled = client.get(url).json()
    ninjs_validator.validate(cancelled)
    assert cancelled["eventDetails"]["eventStatus"].endswith("/eos6") and cancelled["version"] == "3"
    assert {"role": "statusReason", "contentType": "text/plain", "value": "Lãnh đạo bận"} in cancelled["descriptions"]
    assert client.get(url, headers={"if-none-match": client.get(url)["ETag"]}).status_code == 304


def test_the_ninjs_list_holds_only_what_the_reader_may_see(client, ninjs_validator):
    _agency, editor = organiser_and_officer()
    public = event(editor)
    secret = event(editor, visibility=Visibility.INVITED)
    invited = accredited_journalist()
    Invitation.objects.create(event=secret, journalist=invited, invited_by=editor)
    url = reverse("events_feeds:ninjs_list")
    anonymous = Client().get(url).json()
    for item in anonymous["items"]:
        ninjs_validator.validate(item)
    assert [item["uri"] for item in anonymous["items"]] == [f"urn:uuid:{public.uid}"]
    assert Client().get(reverse("events_feeds:ninjs_event", args=[secret.slug])).status_code == 404
    client.force_login(invited)
    assert {item["uri"] for item in client.get(url).json()["items"]} == {
        f"urn:uuid:{public.uid}",
        f"urn:uuid:{secret.uid}",
    }
    assert client.get(reverse("events_feeds:ninjs_event", args=[secret.slug])).status_code == 200
    assert Client().get(url, {"page": "0"}).status_code == 404
    assert Client().get(url, {"page": "abc"}).status_code == 404
    assert Client().get(url, {"page": "2"}).json()["items"] == []


def test_the_ninjs_list_pages_and_costs_the_same_queries(client, django_assert_max_num_queries):
    forum_with_sessions()
    url = reverse("events_feeds:ninjs_list")
    with django_assert_max_num_queries(12) as one:
        assert len(client.get(url).json()["items"]) == 1
    for _ in range(views_feeds.NINJS_PAGE_SIZE):
        event(hours_ahead=200).topics.add(factories.topic())
    with django_assert_max_num_queries(len(one.captured_queries)):
        first = client.get(url).json()
    assert len(first["items"]) == views_feeds.NINJS_PAGE_SIZE and first["next"].endswith("?page=2")
    assert len(client.get(first["next"]).json()["items"]) == 1


def test_a_forum_schedule_is_valid_frab_xml_and_json(client, frab_xsd, frab_json_validator):
    forum, (opening, panel, closing) = forum_with_sessions()
    xml = client.get(reverse("events_feeds:frab_xml", args=[forum.slug]))
    assert xml.status_code == 200 and xml["Content-Type"] == "application/xml; charset=utf-8"
    document = etree.fromstring(xml.content)
    frab_xsd.assertValid(document)
    days = document.findall("day")
    assert [day.get("index") for day in days] == ["1", "2"]
    guids = [e.get("guid") for e in document.iter("event")]
    assert guids == [str(opening.uid), str(panel.uid), str(closing.uid)]
    rooms = {room.get("name") for room in days[0].findall("room")}
    assert rooms == {"Hội trường lớn", "Phòng Đ-2 (tầng 2)"}
    first = document.find("day/room/event")
    assert (first.findtext("start"), first.findtext("duration"), first.findtext("title")) == (
        opening.starts_at.astimezone(dt.timezone(dt.timedelta(hours=7))).strftime("%H:%M"),
        "00:45",
        "Khai mạc",
    )
    assert [p.text for p in first.find("persons")] == ["Nguyễn Văn An"]

    response = client.get(reverse("events_feeds:frab_json", args=[forum.slug]))
    schedule = response.json()
    frab_json_validator.validate(schedule)
    conference = schedule["schedule"]["conference"]
    assert conference["daysCount"] == 2 and conference["time_zone_name"] == "Asia/Ho_Chi_Minh"
    panel_entry = conference["days"][0]["rooms"]["Phòng Đ-2 (tầng 2)"][0]
    assert (panel_entry["guid"], panel_entry["duration"], panel_entry["track"]) == (str(panel.uid), "01:30", "Dữ liệu")
    assert panel_entry["persons"] == [{"name": "Trần Thị Bình"}]
    opening_entry = conference["days"][0]["rooms"]["Hội trường lớn"][0]
    assert opening_entry["persons"] == [{"name": "Nguyễn Văn An", "biography": "Giám đốc Sở, Sở Khoa học và Công nghệ"}]


def test_an_event_without_sessions_has_no_schedule_and_hidden_ones_are_not_found(client):
    press = event()
    assert client.get(reverse("events_feeds:frab_xml", args=[press.slug])).status_code == 404
    _agency, editor = organiser_and_officer()
    secret = event(editor, visibility=Visibility.INVITED)
    Session.objects.create(event=secret, title="Phiên kín", starts_at=secret.starts_at, ends_at=secret.ends_at)
    assert client.get(reverse("events_feeds:frab_json", args=[secret.slug])).status_code == 404
    client.force_login(editor)
    assert client.get(reverse("events_feeds:frab_json", args=[secret.slug])).status_code == 200


def test_hostile_text_stays_valid_in_every_format(client, ninjs_validator, frab_xsd, frab_json_validator):
    operator = factories.user(Role.CENTER_OPERATOR)
    hostile = '<b>Họp</b> & "báo" ]]> \x01\x0b' + "x" * 250
    forum = event(operator, title=hostile, summary="a\x01b", type=EventType.FORUM, hours=4)
    Session.objects.create(event=forum, title="</event><event>\x02", starts_at=forum.starts_at, ends_at=forum.ends_at)
    ninjs_validator.validate(client.get(reverse("events_feeds:ninjs_event", args=[forum.slug])).json())
    document = etree.fromstring(client.get(reverse("events_feeds:frab_xml", args=[forum.slug])).content)
    frab_xsd.assertValid(document)
    assert document.findtext("conference/title").startswith('<b>Họp</b> & "báo" ]]>')
    assert [e.findtext("title") for e in document.iter("event")] == ["</event><event>"]
    frab_json_validator.validate(client.get(reverse("events_feeds:frab_json", args=[forum.slug])).json())
