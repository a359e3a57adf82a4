"""The events API: the public calendar (invited-only events hidden), and agencies creating and
running their events with a token (scoped to their agency), with clear 4xx answers for what is
refused or malformed, never a 5xx; and the OpenAPI contract kept for a signed-in operator."""

import datetime as dt
import tomllib

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from django.utils import timezone
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from presscenter.accounts.models import Role
from presscenter.events import domain
from presscenter.events.models import Event, EventStatus, EventType, Visibility
from tests import factories
from tests.api.conftest import ApiClient, assert_error, token_for
from tests.api.test_schema import CI_SETTINGS, keep_test_connection  # noqa: F401  (a fixture)
from tests.events.factories import event, organiser_and_officer, room

pytestmark = pytest.mark.django_db


def _when(days=3, hours=2):
    start = (timezone.now() + dt.timedelta(days=days)).replace(microsecond=0)
    return start.isoformat(), (start + dt.timedelta(hours=hours)).isoformat()


@pytest.fixture
def agency():
    org, editor = organiser_and_officer(name="Sở Du lịch Hà Nội", slug="so-du-lich-test")
    return org, editor, ApiClient(token_for(editor, org))


def test_the_public_list_and_detail_hide_invited_only_events(agency):
    org, editor, _api = agency
    topic = factories.topic(slug="du-lich-test")
    public = event(editor, title="Họp báo Festival Thu Hà Nội", topics=[topic])
    domain.add_speaker(editor, public, name="Ông Đặng Hương Giang", organisation=org)
    closed = event(editor, title="Gặp mặt riêng", visibility=Visibility.INVITED)
    anonymous = ApiClient()
    body = anonymous.get("/api/events").json()
    assert [row["slug"] for row in body["results"]] == [public.slug]
    detail = anonymous.get(f"/api/events/{public.slug}").json()
    assert detail["type"] == "press_conference" and detail["topics"] == ["du-lich-test"]
    assert detail["speakers"][0]["organisation"]["slug"] == "so-du-lich-test"
    assert detail["place"]["room"] == public.room.name
    assert assert_error(anonymous.get(f"/api/events/{closed.slug}"), 404, "not_found")["message"] == (
        "Không tìm thấy sự kiện này."
    )
    assert assert_error(anonymous.get(f"/api/events/{closed.slug}", lang="en"), 404, "not_found")["message"] == (
        "Event not found."
    )
    assert ApiClient(token_for(editor, org)).get(f"/api/events/{closed.slug}").status_code == 200
    assert anonymous.get("/api/events", type="forum").json()["total"] == 0
    assert anonymous.get("/api/events", topic="du-lich-test").json()["total"] == 1
    assert_error(anonymous.get("/api/events", type="party"), 422, "validation_error")
    assert_error(anonymous.get("/api/events", starts_from="0"), 422, "validation_error")


def test_an_agency_creates_and_runs_its_event(agency):
    _org, _editor, api = agency
    hall = room(capacity=100)
    starts, ends = _when()
    payload = {
        "type": "press_conference", "title": "Họp báo Lễ hội Du lịch Hà Nội", "organiser": "so-du-lich-test",
        "starts_at": starts, "ends_at": ends, "room": hall.pk, "press_seats": 60, "agenda": "<p>Chương trình</p>",
    }  # fmt: skip
    created = api.post("/api/agency/events", payload)
    assert created.status_code == 201, created.content
    slug = created.json()["slug"]
    assert created.json()["place"]["capacity"] == 100
    clash = api.post("/api/agency/events", {**payload, "title": "Trùng phòng"})
    error = assert_error(clash, 422, "validation_error")
    assert "Họp báo Lễ hội Du lịch Hà Nội" in error["message"]
    changed = api.patch(
        f"/api/agency/events/{slug}", {"title": "Họp báo Lễ hội Du lịch Hà Nội 2026", "press_seats": 80}
    )
    assert changed.status_code == 200 and changed.json()["press_seats"] == 80 and changed.json()["sequence"] == 1
    assert api.post(f"/api/agency/events/{slug}/confirm").json()["status"] == "confirmed"
    session = api.post(
        f"/api/agency/events/{slug}/sessions", {"title": "Phiên khai mạc", "starts_at": starts, "ends_at": ends}
    )
    assert session.status_code == 201
    speaker = api.post(
        f"/api/agency/events/{slug}/speakers",
        {"name": "Bà Đặng Thị Hương", "position_title": "Giám đốc", "organisation": "so-du-lich-test",
         "session": session.json()["uid"]},
    )  # fmt: skip
    assert speaker.status_code == 201 and speaker.json()["session"] == session.json()["uid"]
    removed = api.send("delete", f"/api/agency/events/{slug}/speakers/{speaker.json()['id']}")
    assert removed.status_code == 200 and removed.json()["speakers"] == []
    new_start, new_end = _when(days=10)
    postponed = api.post(
        f"/api/agency/events/{slug}/postpone", {"reason": "Trùng lịch", "starts_at": new_start, "ends_at": new_end}
    )
    assert postponed.json()["status"] == "postponed" and postponed.json()["postponed_from"] is not None
    cancelled = api.post(f"/api/agency/events/{slug}/cancel", {"reason": "Điều chỉnh kế hoạch"})
    assert cancelled.json()["status"] == "cancelled" and cancelled.json()["status_reason"] == "Điều chỉnh kế hoạch"
    assert_error(api.post(f"/api/agency/events/{slug}/confirm"), 409, "conflict")
    assert Event.objects.get(slug=slug).status == EventStatus.CANCELLED


def test_a_token_never_acts_for_another_agency(agency):
    _org, _editor, api = agency
    _other_org, other_editor = organiser_and_officer(slug="so-khac-test")
    theirs = event(other_editor)
    starts, ends = _when()
    payload = {"type": "forum", "title": "Diễn đàn", "organiser": "so-khac-test", "starts_at": starts, "ends_at": ends, "mode": "online", "livestream_url": "https://truyenhinh.example.vn/live"}  # fmt: skip
    assert_error(api.post("/api/agency/events", payload), 403, "permission_denied")
    assert_error(api.post(f"/api/agency/events/{theirs.slug}/cancel", {"reason": "x"}), 404, "not_found")
    journalist_api = ApiClient(token_for(factories.user(Role.JOURNALIST, accredited=True), None))
    assert journalist_api.get("/api/agency/events").json()["total"] == 0
    assert_error(ApiClient().post("/api/agency/events", payload), 401, "not_authenticated")


@pytest.mark.parametrize(
    "payload",
    [
        {"type": "press_conference", "title": "", "organiser": "so-du-lich-test"},
        {"type": "press_conference", "title": "A", "organiser": "so-du-lich-test", "starts_at": "2026-13-01T09:00:00+07:00", "ends_at": "2026-12-01T10:00:00+07:00"},
        {"type": "press_conference", "title": "A", "organiser": "so-du-lich-test", "starts_at": "2027-01-01T09:00:00", "ends_at": "2027-01-01T10:00:00"},
        {"type": "press_conference", "title": "A", "organiser": "so-du-lich-test", "starts_at": "0001-01-01T00:00:00+07:00", "ends_at": "9999-12-31T23:59:59-07:00"},
        {"type": "press_conference", "title": "A", "organiser": "khong-co", "starts_at": "2027-01-01T09:00:00+07:00", "ends_at": "2027-01-01T10:00:00+07:00"},
        {"type": "press_conference", "title": "A\u0000", "organiser": "so-du-lich-test", "starts_at": "2027-01-01T09:00:00+07:00", "ends_at": "2027-01-01T10:00:00+07:00"},
        {"type": "press_conference", "title": "A", "organiser": "so-du-lich-test", "starts_at": "2027-01-01T09:00:00+07:00", "ends_at": "2027-01-01T10:00:00+07:00", "room": 999999},
        {"type": "press_conference", "title": "A", "organiser": "so-du-lich-test", "starts_at": "2027-01-01T09:00:00+07:00", "ends_at": "2027-01-01T10:00:00+07:00", "topics": ["khong-co"]},
        {"type": "press_conference", "title": "A", "organiser": "so-du-lich-test", "starts_at": "2020-01-01T09:00:00+07:00", "ends_at": "2020-01-01T10:00:00+07:00"},
        {"type": "press_conference", "title": "A", "organiser": "so-du-lich-test", "starts_at": "2027-01-01T09:00:00+07:00", "ends_at": "2027-01-01T10:00:00+07:00", "press_seats": -1},
    ],
)  # fmt: skip
def test_malformed_payloads_get_a_translated_4xx_and_change_nothing(agency, payload):
    _org, _editor, api = agency
    response = api.post("/api/agency/events", payload)
    assert 400 <= response.status_code < 500, response.content
    assert response.json()["error"]["message"]
    assert not Event.objects.exists()


def test_unreadable_bodies_and_wrong_session_ids(agency):
    _org, editor, api = agency
    mine = event(editor)
    assert_error(api.post("/api/agency/events", raw="{not json"), 400, "bad_request")
    assert_error(api.post("/api/agency/events", raw="[1, 2]"), 422, "validation_error")
    assert_error(api.send("put", f"/api/agency/events/{mine.slug}/sessions/not-a-uuid", {"title": "x", "starts_at": mine.starts_at.isoformat(), "ends_at": mine.ends_at.isoformat()}), 404, "not_found")  # fmt: skip
    assert_error(
        api.post(f"/api/agency/events/{mine.slug}/speakers", {"name": "A", "session": "12345"}), 404, "not_found"
    )
    assert_error(api.post(f"/api/agency/events/{mine.slug}/postpone", {"reason": "x", "starts_at": mine.starts_at.isoformat()}), 422, "validation_error")  # fmt: skip


ci_settings = tomllib.loads(CI_SETTINGS.read_text())
ci_settings["generation"]["with-security-parameters"] = False
ci_settings["generation"]["max-examples"] = 8
ci_settings.pop("operations", None)
ci_settings["checks"]["positive_data_acceptance"] = {
    "expected-statuses": ["2xx", "401", "403", "404", "409", "422", "429"]
}
schema = schemathesis.openapi.from_wsgi(
    "/api/openapi.json", get_wsgi_application(), config=SchemathesisConfig.from_dict(ci_settings)
).include(path_regex="events")


@pytest.fixture
def operator_token(db, settings):
    settings.API_RATE_LIMIT_READ = settings.API_RATE_LIMIT_WRITE = 100_000
    operator = factories.user(Role.CENTER_OPERATOR)
    event(operator, type=EventType.FORUM, organiser=factories.organisation(slug="so-thu"))
    return token_for(operator, None)


@schema.parametrize()
@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_event_operations_keep_their_contract(case, operator_token, keep_test_connection):  # noqa: F811
    case.call_and_validate(headers={"Authorization": f"Bearer {operator_token}"})
