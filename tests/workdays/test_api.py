"""The calendar over HTTP: the year, deadlines, and configured days for operators; malformed input gets a
4xx in the error shape, in Vietnamese, never a 500."""

import datetime as dt

import pytest

from presscenter.audit.models import AuditEntry
from presscenter.workdays.models import DayException
from tests import factories
from tests.api.conftest import ApiClient, assert_error, token_for

BASE = "/api/workdays"


@pytest.fixture
def operator_api(newsroom, frozen_today) -> ApiClient:
    return ApiClient(token_for(newsroom.operator, None))


@pytest.fixture
def editor_api(newsroom, frozen_today) -> ApiClient:
    return ApiClient(token_for(newsroom.editor, newsroom.org))


def test_a_year(db, frozen_today):
    factories.day_exception(dt.date(2027, 2, 3), note="Thông báo nội bộ")
    body = ApiClient().get(f"{BASE}/2027").json()
    assert body["year"] == 2027 and body["working_hours"] == "08:00-12:00,13:00-17:00"
    holidays = {day["date"]: day["name"] for day in body["holidays"]}
    assert holidays["2027-02-06"] == "Tết Nguyên Đán" and holidays["2027-05-03"] == "Ngày Quốc tế Lao động (nghỉ bù)"
    assert body["make_up_days"] == []
    [exception] = body["exceptions"]
    assert exception["date"] == "2027-02-03" and exception["kind"] == "day_off"
    assert exception["kind_label"] == "Ngày nghỉ thêm" and exception["note"] is None  # notes only for staff
    # 365 days, 104 weekend days, 12 holidays on weekdays, and the configured extra day off.
    assert body["working_days"] == 365 - 104 - 12 - 1


def test_a_year_in_english_and_with_notes_for_staff(operator_api):
    factories.day_exception(dt.date(2027, 2, 3), note="Thông báo nội bộ")
    body = operator_api.get(f"{BASE}/2027", lang="en").json()
    assert any(day["name"] == "Lunar New Year" for day in body["holidays"])
    assert body["exceptions"][0]["note"] == "Thông báo nội bộ"


@pytest.mark.parametrize(("query", "deadline"), [
    ({"start": "2027-02-03T10:00:00+07:00", "amount": "1"}, "2027-02-11T10:00:00Z"),  # over Tết 2027
    ({"start": "2027-02-03T03:00:00Z", "amount": "3", "unit": "days"}, "2027-02-15T10:00:00Z"),
    ({"start": "2027-02-03T16:00:00+07:00", "amount": "2", "unit": "hours"}, "2027-02-11T02:00:00Z"),
    ({"start": "2026-12-04T16:30:00+07:00", "amount": "1.5", "unit": "hours"}, "2026-12-07T02:00:00Z"),
    ({"start": "2026-12-04T18:00:00 07:00", "amount": "1"}, "2026-12-08T10:00:00Z"),  # "+" sent unencoded
])  # fmt: skip
def test_deadline(db, query, deadline):
    response = ApiClient().get(f"{BASE}/deadline", **query)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["deadline"].replace("+00:00", "Z") == deadline


def test_deadline_tells_when_the_clock_starts_and_the_local_time(db):
    body = ApiClient().get(f"{BASE}/deadline", start="2026-12-05T10:00:00+07:00", amount="1").json()
    assert body["clock_starts"].replace("+00:00", "Z") == "2026-12-07T01:00:00Z"
    assert body["deadline_local"] == "08/12/2026 17:00"


def test_deadline_follows_configured_days(db, frozen_today):
    factories.day_exception(dt.date(2026, 12, 7))  # Monday off
    body = ApiClient().get(f"{BASE}/deadline", start="2026-12-04T10:00:00+07:00", amount="1").json()
    assert body["deadline_local"] == "08/12/2026 17:00"


@pytest.mark.parametrize(("query", "field"), [
    ({"start": "hôm qua", "amount": "1"}, "start"),
    ({"start": "2026-12-02T09:00:00", "amount": "1"}, "start"),  # no offset
    ({"start": "1800-01-01T09:00:00+07:00", "amount": "1"}, "start"),
    ({"start": "9999-12-31T23:59:59-12:00", "amount": "1"}, "start"),
    ({"start": "2026-12-02T09:00:00+07:00", "amount": "ba"}, "amount"),
    ({"start": "2026-12-02T09:00:00+07:00", "amount": "-1"}, "amount"),
    ({"start": "2026-12-02T09:00:00+07:00", "amount": "1.5"}, "amount"),
    ({"start": "2026-12-02T09:00:00+07:00", "amount": "1000000"}, "amount"),
    ({"start": "2026-12-02T09:00:00+07:00", "amount": "1e308", "unit": "hours"}, "amount"),
    ({"start": "2026-12-02T09:00:00+07:00", "amount": "nan", "unit": "hours"}, "amount"),
    ({"start": "2026-12-02T09:00:00+07:00", "amount": "inf", "unit": "hours"}, "amount"),
    ({"start": "2026-12-02T09:00:00+07:00", "amount": "1", "unit": "weeks"}, "unit"),
    ({"start": "2099-12-01T09:00:00+07:00", "amount": "2500"}, None),
])  # fmt: skip
def test_malformed_deadlines_are_422_in_vietnamese(db, query, field):
    error = assert_error(ApiClient().get(f"{BASE}/deadline", **query), 422, "validation_error")
    assert error["message"] != "Dữ liệu gửi lên không hợp lệ."  # says what is wrong
    assert error["details"] == ([{"field": field, "message": error["message"]}] if field else [])


def test_missing_amount_is_422(db):
    assert_error(ApiClient().get(f"{BASE}/deadline"), 422, "validation_error")


@pytest.mark.parametrize("year", ["1999", "2101", "0"])
def test_years_outside_the_calendar_are_422(db, year):
    error = assert_error(ApiClient().get(f"{BASE}/{year}"), 422, "validation_error")
    assert "2000" in error["message"] and "2100" in error["message"]


def test_an_operator_adds_and_removes_a_day(operator_api):
    response = operator_api.post(f"{BASE}/exceptions", {"date": "2027-01-30", "kind": "make_up", "name": "Làm bù"})
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["date"] == "2027-01-30" and created["kind_label"] == "Ngày làm bù"
    assert AuditEntry.objects.filter(action="workdays.add", object_id=str(created["id"])).exists()
    deadline = operator_api.get(f"{BASE}/deadline", start="2027-01-29T10:00:00+07:00", amount="1").json()
    assert deadline["deadline_local"] == "30/01/2027 17:00"
    removed = operator_api.send("delete", f"{BASE}/exceptions/{created['id']}")
    assert removed.status_code == 200 and removed.json()["date"] == "2027-01-30"
    assert not DayException.objects.exists()
    assert_error(operator_api.send("delete", f"{BASE}/exceptions/{created['id']}"), 404, "not_found")


@pytest.mark.parametrize(("payload", "words"), [
    ({"date": "2027-02-03", "kind": "make_up", "name": "Làm bù"}, "vốn đã là ngày làm việc"),
    ({"date": "2027-01-30", "kind": "day_off", "name": "Nghỉ"}, "cuối tuần"),
    ({"date": "2027-01-01", "kind": "day_off", "name": "Nghỉ"}, "Tết Dương lịch"),
    ({"date": "2035-01-03", "kind": "day_off", "name": "Nghỉ"}, "5 năm"),
    ({"date": "2027-02-03", "kind": "day_off", "name": "   "}, "tên ngày"),
])  # fmt: skip
def test_refused_days_are_422_with_the_reason(operator_api, payload, words):
    error = assert_error(operator_api.post(f"{BASE}/exceptions", payload), 422, "validation_error")
    assert words in error["message"]
    assert not DayException.objects.exists()


@pytest.mark.parametrize("payload", [
    {"date": "30/01/2027", "kind": "make_up", "name": "Làm bù"},
    {"date": "2027-01-30", "kind": "holiday", "name": "Làm bù"},
    {"date": "2027-01-30", "kind": "make_up"},
    {"date": "2027-01-30", "kind": "make_up", "name": "x" * 201},
])  # fmt: skip
def test_malformed_bodies_are_422(operator_api, payload):
    assert_error(operator_api.post(f"{BASE}/exceptions", payload), 422, "validation_error")
    assert not DayException.objects.exists()


def test_a_duplicate_is_refused(operator_api):
    payload = {"date": "2027-02-03", "kind": "day_off", "name": "Nghỉ"}
    assert operator_api.post(f"{BASE}/exceptions", payload).status_code == 201
    error = assert_error(operator_api.post(f"{BASE}/exceptions", payload), 422, "validation_error")
    assert "đã có trong lịch" in error["message"]


def test_only_operators_write(editor_api, db, frozen_today):
    payload = {"date": "2027-01-30", "kind": "make_up", "name": "Làm bù"}
    assert_error(ApiClient().post(f"{BASE}/exceptions", payload), 401, "not_authenticated")
    assert_error(editor_api.post(f"{BASE}/exceptions", payload), 403, "permission_denied")
    existing = factories.day_exception(dt.date(2027, 2, 3))
    assert_error(editor_api.send("delete", f"{BASE}/exceptions/{existing.pk}"), 403, "permission_denied")
    assert list(DayException.objects.values_list("pk", flat=True)) == [existing.pk]


def test_deadline_from_now_when_no_start_is_given(db):
    before = dt.datetime.now(dt.UTC)
    body = ApiClient().get(f"{BASE}/deadline", amount="2", unit="hours").json()
    assert dt.datetime.fromisoformat(body["start"]) >= before
    assert dt.datetime.fromisoformat(body["deadline"]) > dt.datetime.fromisoformat(body["clock_starts"]) >= before
