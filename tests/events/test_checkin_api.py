"""The check-in API: one read, a batch of queued reads, attendance; idempotent by scan_id;
tokens of the organiser and the centre only; malformed payloads are 4xx, never 500."""

import pytest

from presscenter.accounts.models import Role
from presscenter.events import tickets
from presscenter.events.models import Scan
from tests import factories
from tests.api.conftest import ApiClient, token_for
from tests.events.checkin_helpers import journalist_ticket, registration, scan_id
from tests.events.factories import event, organiser_and_officer

pytestmark = pytest.mark.django_db
BASE = "/api/event-checkin"


@pytest.fixture
def door():
    agency, officer = organiser_and_officer()
    return agency, officer, event(officer, hours_ahead=0.5)


def test_one_scan_then_its_replay_then_a_second_read(door):
    agency, officer, happening = door
    ticket = journalist_ticket(registration(happening, outlet_name="Báo Kinh tế & Đô thị"))
    api = ApiClient(token_for(officer, agency))
    read = {"scan_id": scan_id(), "text": tickets.payload(ticket)}
    first = api.post(f"{BASE}/{happening.pk}/scans", read)
    assert first.status_code == 200, first.content
    assert first.json()["result"] == "admitted" and first.json()["outlet_name"] == "Báo Kinh tế & Đô thị"
    replay = api.post(f"{BASE}/{happening.pk}/scans", read).json()
    assert (replay["result"], replay["replayed"], replay["admitted_at"]) == (
        "admitted", True, first.json()["admitted_at"],
    )  # fmt: skip
    second = api.post(f"{BASE}/{happening.pk}/scans", {"scan_id": scan_id(), "text": tickets.payload(ticket)})
    assert second.json()["result"] == "already"
    assert Scan.objects.count() == 2


def test_a_batch_of_queued_reads_and_the_attendance(door):
    _agency, _officer, happening = door
    reg = registration(happening, crew=1, outlet_name="Báo Hà Nội Mới")
    a, b = reg.tickets.all()
    api = ApiClient(token_for(factories.user(Role.CENTER_OPERATOR), None))
    batch = [
        {"scan_id": scan_id(), "text": tickets.payload(a), "scanned_at": happening.starts_at.isoformat()},
        {"scan_id": scan_id(), "text": tickets.payload(b)},
        {"scan_id": scan_id(), "text": tickets.payload(b)},
    ]
    body = api.post(f"{BASE}/{happening.pk}/scans/batch", {"scans": batch}).json()
    assert [r["result"] for r in body["results"]] == ["admitted", "admitted", "already"]
    assert (body["admitted"], body["expected"], body["refused"]) == (2, 2, [])
    figures = api.get(f"{BASE}/{happening.pk}/attendance").json()
    assert figures["outlets"] == [
        {"outlet_name": "Báo Hà Nội Mới", "registrations": 1, "expected": 2, "admitted": 2, "crew_admitted": 1}
    ]


@pytest.mark.parametrize(
    "payload",
    [
        None,
        {},
        {"scan_id": scan_id()},
        {"scan_id": "ngắn", "text": "x"},
        {"scan_id": "x" * 65, "text": "x"},
        {"scan_id": scan_id(), "text": "x" * 501},
        {"scan_id": scan_id(), "text": "a\u0000b"},
        {"scan_id": scan_id(), "text": "x", "scanned_at": "hôm qua"},
        {"scan_id": 12345678, "text": ["x"]},
    ],
)
def test_a_malformed_scan_is_4xx_and_records_nothing(door, payload):
    agency, officer, happening = door
    response = ApiClient(token_for(officer, agency)).post(f"{BASE}/{happening.pk}/scans", payload)
    assert 400 <= response.status_code < 500
    assert Scan.objects.count() == 0


@pytest.mark.parametrize("scans", [[], "x", [{"scan_id": "y"}], [{"scan_id": scan_id(), "text": "x"}] * 201])
def test_a_malformed_batch_is_4xx(door, scans):
    agency, officer, happening = door
    response = ApiClient(token_for(officer, agency)).post(f"{BASE}/{happening.pk}/scans/batch", {"scans": scans})
    assert 400 <= response.status_code < 500
    assert Scan.objects.count() == 0


def test_not_json_is_4xx(door):
    agency, officer, happening = door
    response = ApiClient(token_for(officer, agency)).post(f"{BASE}/{happening.pk}/scans", raw=b"\xff{not json")
    assert 400 <= response.status_code < 500


def test_who_may_use_the_api(door):
    agency, officer, happening = door
    ticket = journalist_ticket(registration(happening))
    read = {"scan_id": scan_id(), "text": tickets.payload(ticket)}
    other_agency = factories.organisation()
    stranger = factories.user(Role.EDITOR, other_agency)
    assert ApiClient(token_for(stranger, other_agency)).post(f"{BASE}/{happening.pk}/scans", read).status_code in {
        403,
        404,
    }
    assert ApiClient().post(f"{BASE}/{happening.pk}/scans", read).status_code == 401
    assert ApiClient("pc_khong-hop-le").post(f"{BASE}/{happening.pk}/scans", read).status_code == 401
    assert ApiClient().get(f"{BASE}/{happening.pk}/attendance").status_code == 403
    assert ApiClient(token_for(officer, agency)).post(f"{BASE}/999999/scans", read).status_code == 404
    assert Scan.objects.count() == 0
    assert ApiClient(token_for(officer, agency)).post(f"{BASE}/{happening.pk}/scans", read).status_code == 200
