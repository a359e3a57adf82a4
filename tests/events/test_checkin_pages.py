"""The journalist's tickets, the door page and its endpoints, attendance and its CSV: who sees
what, and list pages whose query count does not grow with their rows."""

import csv
import io
import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from presscenter.accounts.models import Role
from presscenter.events import checkin, tickets
from presscenter.events.models import RegistrationStatus, Scan, ScanResult
from tests import factories
from tests.events.checkin_helpers import journalist_ticket, registration, scan_id
from tests.events.factories import accredited_journalist, event, organiser_and_officer

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.fixture
def door():
    _agency, officer = organiser_and_officer()
    return event(officer, hours_ahead=0.5), officer


# The journalist's tickets ----------------------------------------------------------------------


def test_the_ticket_page_shows_the_qr_holder_event_and_status(door):
    happening, officer = door
    reg = registration(happening, crew=1, outlet_name="Báo Tuổi Trẻ Thủ Đô")
    ticket = journalist_ticket(reg)
    page = signed_in(reg.journalist).get(reverse("events_checkin:ticket", args=[ticket.code]))
    body = page.content.decode()
    assert page.status_code == 200
    assert 'class="segno"' in body and tickets.payload(ticket) in body
    assert ticket.holder_name in body and happening.title in body and "Báo Tuổi Trẻ Thủ Đô" in body
    assert "Chưa sử dụng" in body
    checkin.admit(officer, happening, tickets.payload(ticket), scan_id())
    assert "Đã vào cửa lúc" in signed_in(reg.journalist).get(page.wsgi_request.path).content.decode()


def test_a_revoked_registrations_ticket_shows_no_qr(door):
    happening, _officer = door
    reg = registration(happening, status=RegistrationStatus.REVOKED)
    body = signed_in(reg.journalist).get(reverse("events_checkin:ticket", args=[journalist_ticket(reg).code]))
    assert body.status_code == 200 and "ticket-qr" not in body.content.decode()
    assert "Không dùng được" in body.content.decode()


@pytest.mark.parametrize(
    "who, status",
    [
        ("owner", 200),
        ("centre staff", 200),
        ("another journalist", 404),
        ("organiser's editor", 404),
        ("anonymous", 302),
    ],
)
def test_who_sees_a_ticket(door, who, status):
    happening, officer = door
    reg = registration(happening)
    url = reverse("events_checkin:ticket", args=[journalist_ticket(reg).code])
    client = {
        "owner": lambda: signed_in(reg.journalist),
        "centre staff": lambda: signed_in(factories.user(Role.CENTER_OPERATOR)),
        "another journalist": lambda: signed_in(accredited_journalist()),
        "organiser's editor": lambda: signed_in(officer),
        "anonymous": Client,
    }[who]()
    assert client.get(url).status_code == status


def test_my_tickets_lists_mine_with_the_crews_and_nobody_elses(door):
    happening, _officer = door
    reg = registration(happening, crew=2)
    other = registration(happening)
    body = signed_in(reg.journalist).get(reverse("events_checkin:my_tickets")).content.decode()
    for ticket in reg.tickets.all():
        assert reverse("events_checkin:ticket", args=[ticket.code]) in body
    assert journalist_ticket(other).code not in body


def test_my_tickets_query_count_does_not_grow_with_registrations(door):
    happening, officer = door
    reporter = accredited_journalist()
    registration(happening, reporter, crew=1)
    client = signed_in(reporter)
    url = reverse("events_checkin:my_tickets")
    few = queries(client, url)
    for _ in range(4):
        registration(event(officer, hours_ahead=72), reporter, crew=2)
    assert queries(client, url) == few


# The door ---------------------------------------------------------------------------------------


def post_scans(client: Client, happening, scans, **headers):
    return client.post(
        reverse("events_checkin:door_scans", args=[happening.pk]),
        json.dumps({"scans": scans}),
        content_type="application/json",
        headers={"Accept": "application/json", **headers},
    )


def test_the_door_page_and_its_queue_endpoint(door):
    happening, officer = door
    reg = registration(happening, crew=1)
    first, second = reg.tickets.all()
    client = signed_in(officer)
    page = client.get(reverse("events_checkin:door", args=[happening.pk]))
    assert page.status_code == 200 and "Soát vé" in page.content.decode()
    read = scan_id()
    scans = [
        {"scan_id": read, "text": tickets.payload(first), "scanned_at": "2001-01-01T00:00:00+07:00"},
        {"scan_id": scan_id(), "text": tickets.payload(first)},
        {"scan_id": scan_id(), "text": "PCV1:giả"},
    ]
    body = post_scans(client, happening, scans).json()
    assert [r["result"] for r in body["results"]] == ["admitted", "already", "not_valid"]
    assert body["results"][1]["message"].startswith("Vé đã được dùng lúc")
    assert (body["admitted"], body["expected"]) == (1, 2)
    again = post_scans(client, happening, scans[:1]).json()
    assert again["results"][0]["replayed"] is True and again["results"][0]["result"] == "admitted"
    assert Scan.objects.count() == 3
    counts = client.get(reverse("events_checkin:door_counts", args=[happening.pk])).json()
    assert counts == {"admitted": 1, "expected": 2}
    assert second.scans.count() == 0


@pytest.mark.parametrize(
    "raw",
    [b"", b"{", b"[]", b'{"scans": []}', b'{"scans": [{"scan_id": "x"}]}', '{"scans": "nhiều"}'.encode(),
     json.dumps({"scans": [{"scan_id": "a" * 20, "text": "x", "scanned_at": "không phải ngày"}]}).encode()],
)  # fmt: skip
def test_a_malformed_batch_is_a_400_and_records_nothing(door, raw):
    happening, officer = door
    response = signed_in(officer).post(
        reverse("events_checkin:door_scans", args=[happening.pk]), raw, content_type="application/json"
    )
    assert response.status_code == 400 and "error" in response.json()
    assert Scan.objects.count() == 0


def test_a_bad_scan_id_is_refused_on_its_own(door):
    happening, officer = door
    ticket = journalist_ticket(registration(happening))
    body = post_scans(
        signed_in(officer), happening, [{"scan_id": "bad id with spaces", "text": tickets.payload(ticket)}]
    )
    assert body.status_code == 400  # the schema's pattern refuses it before anything is read
    assert Scan.objects.count() == 0


@pytest.mark.parametrize("view", ["door", "door_counts", "attendance", "attendance_csv"])
def test_the_door_is_closed_to_journalists_and_other_agencies(door, view):
    happening, _officer = door
    url = reverse(f"events_checkin:{view}", args=[happening.pk])
    for person in (accredited_journalist(), factories.user(Role.EDITOR, factories.organisation())):
        assert signed_in(person).get(url).status_code == 403
    assert Client().get(url).status_code == 302


def test_a_scan_posted_by_someone_who_may_not_scan_is_403_and_admits_nobody(door):
    happening, _officer = door
    ticket = journalist_ticket(registration(happening))
    response = post_scans(
        signed_in(accredited_journalist()), happening, [{"scan_id": scan_id(), "text": tickets.payload(ticket)}]
    )
    assert response.status_code == 403
    ticket.refresh_from_db()
    assert ticket.checked_in_at is None


def test_the_door_posts_need_the_csrf_token(door):
    happening, officer = door
    client = Client(enforce_csrf_checks=True)
    client.force_login(officer)
    assert post_scans(client, happening, [{"scan_id": scan_id(), "text": "x"}]).status_code == 403
    assert Scan.objects.count() == 0


def test_the_door_index_lists_the_events_i_may_scan_with_a_steady_query_count(door):
    happening, officer = door
    elsewhere = event(factories.user(Role.CENTER_OPERATOR), hours_ahead=1)
    client = signed_in(officer)
    url = reverse("events_checkin:door_index")
    body = client.get(url).content.decode()
    assert happening.title in body and elsewhere.title not in body
    few = queries(client, url)
    for hours in (2, 5, 9):
        event(officer, hours_ahead=hours)
    assert queries(client, url) == few
    assert signed_in(accredited_journalist()).get(url).status_code == 403


# Attendance -------------------------------------------------------------------------------------


def test_attendance_page_and_csv_neutralise_formulas(door):
    happening, officer = door
    evil = registration(happening, crew=1, outlet_name='=HYPERLINK("http://x.example","bấm")')
    registration(happening, outlet_name="Báo Hà Nội Mới")
    checkin.admit(officer, happening, tickets.payload(journalist_ticket(evil)), scan_id())
    client = signed_in(officer)
    page = client.get(reverse("events_checkin:attendance", args=[happening.pk]))
    assert page.status_code == 200 and "Báo Hà Nội Mới" in page.content.decode()
    response = client.get(reverse("events_checkin:attendance_csv", args=[happening.pk]))
    text = b"".join(response.streaming_content).decode().lstrip("\ufeff")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][0] == "Cơ quan báo chí"
    by_outlet = {row[0]: row[1:] for row in rows[1:]}
    assert by_outlet['\'=HYPERLINK("http://x.example","bấm")'] == ["1", "2", "1", "0"]
    assert by_outlet["Báo Hà Nội Mới"] == ["1", "1", "0", "0"]
    assert rows[-1][2:4] == ["3", "1"]


def test_attendance_query_count_does_not_grow_with_outlets(door):
    happening, officer = door
    registration(happening, crew=1)
    client = signed_in(officer)
    url = reverse("events_checkin:attendance", args=[happening.pk])
    few = queries(client, url)
    for _ in range(5):
        checkin.admit(
            officer, happening, tickets.payload(journalist_ticket(registration(happening, crew=2))), scan_id()
        )
    assert queries(client, url) == few
    assert checkin.attendance(happening).admitted == 5
    assert ScanResult.ADMITTED in set(Scan.objects.values_list("result", flat=True))
