"""Admission at the door: forged, altered, reused, foreign and revoked tickets; replayed reads;
the scanner's clock; who may scan."""

import datetime as dt

import pytest
from django.utils import timezone

from presscenter.accounts.models import Role
from presscenter.audit.models import AuditEntry
from presscenter.core.errors import DomainError, PermissionDenied
from presscenter.events import checkin, domain, tickets
from presscenter.events.models import RegistrationStatus, Scan, ScanResult
from tests import factories
from tests.events.checkin_helpers import journalist_ticket, registration, scan_id
from tests.events.factories import event, organiser_and_officer

pytestmark = pytest.mark.django_db


@pytest.fixture
def door():
    _agency, officer = organiser_and_officer()
    happening = event(officer, hours_ahead=0.5)
    return happening, officer


def test_a_valid_ticket_gets_in_once_then_is_already_used(door):
    happening, officer = door
    ticket = journalist_ticket(registration(happening, outlet_name="Báo Lao Động"))
    first = checkin.admit(officer, happening, tickets.payload(ticket), scan_id())
    assert first.result == ScanResult.ADMITTED
    assert (first.holder_name, first.outlet_name) == (ticket.holder_name, "Báo Lao Động")
    second = checkin.admit(officer, happening, tickets.payload(ticket), scan_id())
    assert second.result == ScanResult.ALREADY
    assert second.admitted_at == first.admitted_at
    assert "Vé đã được dùng lúc" in second.message
    ticket.refresh_from_db()
    assert ticket.checked_in_at == first.admitted_at and ticket.checked_in_by == officer
    assert Scan.objects.filter(event=happening).count() == 2
    assert AuditEntry.objects.filter(action="ticket.check_in", object_id=str(ticket.pk)).count() == 1


@pytest.mark.parametrize(
    "mangle",
    [
        lambda p: p[:-2] + ("AA" if not p.endswith("AA") else "BB"),  # altered signature
        lambda p: "PCV1:" + p.split(":")[1],  # the bare code, no signature
        lambda p: "https://example.vn/ve",  # someone else's QR
        lambda p: "",
    ],
)
def test_forged_and_altered_codes_are_not_valid_and_admit_nobody(door, mangle):
    happening, officer = door
    ticket = journalist_ticket(registration(happening))
    outcome = checkin.admit(officer, happening, mangle(tickets.payload(ticket)), scan_id())
    assert outcome.result == ScanResult.NOT_VALID and outcome.holder_name == ""
    ticket.refresh_from_db()
    assert ticket.checked_in_at is None
    assert Scan.objects.get(scan_id=outcome.scan_id).result == ScanResult.NOT_VALID


def test_a_signed_code_of_a_deleted_ticket_is_not_valid(door):
    happening, officer = door
    ticket = journalist_ticket(registration(happening))
    text = tickets.payload(ticket)
    ticket.delete()
    assert checkin.admit(officer, happening, text, scan_id()).result == ScanResult.NOT_VALID


def test_a_ticket_of_another_event_is_refused_and_stays_unused(door):
    happening, officer = door
    other = event(officer, hours_ahead=30)
    ticket = journalist_ticket(registration(other))
    outcome = checkin.admit(officer, happening, tickets.payload(ticket), scan_id())
    assert outcome.result == ScanResult.WRONG_EVENT
    assert outcome.holder_name == ""  # another event's guest list is not shown at this door
    ticket.refresh_from_db()
    assert ticket.checked_in_at is None
    assert checkin.admit(officer, other, tickets.payload(ticket), scan_id()).result == ScanResult.ADMITTED


@pytest.mark.parametrize(
    "status",
    [RegistrationStatus.REVOKED, RegistrationStatus.CANCELLED, RegistrationStatus.PENDING, RegistrationStatus.REJECTED],
)
def test_a_ticket_whose_registration_is_not_approved_is_refused(door, status):
    happening, officer = door
    ticket = journalist_ticket(registration(happening, status=status))
    outcome = checkin.admit(officer, happening, tickets.payload(ticket), scan_id())
    assert outcome.result == ScanResult.NOT_APPROVED
    ticket.refresh_from_db()
    assert ticket.checked_in_at is None


def test_crew_members_get_in_one_by_one(door):
    happening, officer = door
    reg = registration(happening, crew=2)
    results = [checkin.admit(officer, happening, tickets.payload(t), scan_id()) for t in reg.tickets.all()]
    assert [r.result for r in results] == [ScanResult.ADMITTED] * 3
    assert {r.role for r in results} == {"Phóng viên", "Quay phim", "Thu âm"}


def test_a_replayed_read_is_recorded_once_and_answers_the_same(door):
    happening, officer = door
    ticket = journalist_ticket(registration(happening))
    read = scan_id()
    first = checkin.admit(officer, happening, tickets.payload(ticket), read)
    again = checkin.admit(officer, happening, tickets.payload(ticket), read)
    assert (again.result, again.admitted_at, again.replayed) == (ScanResult.ADMITTED, first.admitted_at, True)
    assert Scan.objects.filter(scan_id=read).count() == 1
    refused = scan_id()
    checkin.admit(officer, happening, "rác", refused)
    assert checkin.admit(officer, happening, "rác", refused).result == ScanResult.NOT_VALID
    assert Scan.objects.count() == 2


def test_a_scan_id_of_another_scanner_or_event_is_refused(door):
    happening, officer = door
    ticket = journalist_ticket(registration(happening))
    read = scan_id()
    checkin.admit(officer, happening, tickets.payload(ticket), read)
    colleague = factories.user(Role.CENTER_OPERATOR)
    with pytest.raises(DomainError):
        checkin.admit(colleague, happening, tickets.payload(ticket), read)


@pytest.mark.parametrize("bad", ["", "ngắn", "x" * 65, "có dấu cách ở giữa", "a;DROP TABLE--"])
def test_a_malformed_scan_id_records_nothing(door, bad):
    happening, officer = door
    ticket = journalist_ticket(registration(happening))
    with pytest.raises(DomainError):
        checkin.admit(officer, happening, tickets.payload(ticket), bad)
    assert Scan.objects.count() == 0


def test_the_offline_scanners_time_is_kept_when_sane(door):
    happening, officer = door
    reg = registration(happening, crew=2)
    first, second, third = reg.tickets.all()
    earlier = timezone.now().replace(microsecond=0) - dt.timedelta(minutes=3)
    kept = checkin.admit(officer, happening, tickets.payload(first), scan_id(), earlier)
    assert kept.admitted_at == earlier
    future = checkin.admit(
        officer, happening, tickets.payload(second), scan_id(), timezone.now() + dt.timedelta(days=1)
    )
    assert timezone.now() - dt.timedelta(minutes=1) < future.admitted_at <= timezone.now()
    too_early = happening.starts_at - dt.timedelta(days=2)
    old = checkin.admit(officer, happening, tickets.payload(third), scan_id(), too_early)
    assert old.admitted_at > happening.starts_at - dt.timedelta(days=1)


PEOPLE = {
    "centre operator": (lambda agency: factories.user(Role.CENTER_OPERATOR), True),
    "centre admin": (lambda agency: factories.user(Role.CENTER_ADMIN), True),
    "organiser's editor": (lambda agency: factories.user(Role.EDITOR, agency), True),
    "organiser's spokesperson": (lambda agency: factories.user(Role.SPOKESPERSON, agency), True),
    "another agency's editor": (lambda agency: factories.user(Role.EDITOR, factories.organisation()), False),
    "journalist": (lambda agency: factories.user(Role.JOURNALIST), False),
    "public": (lambda agency: factories.user(Role.PUBLIC), False),
    "inactive operator": (lambda agency: factories.user(Role.CENTER_OPERATOR, is_active=False), False),
}


@pytest.mark.parametrize("who", list(PEOPLE))
def test_who_may_scan(who):
    agency, officer = organiser_and_officer()
    happening = event(officer, hours_ahead=0.5)
    ticket = journalist_ticket(registration(happening))
    make, allowed = PEOPLE[who]
    person = make(agency)
    if allowed:
        assert checkin.admit(person, happening, tickets.payload(ticket), scan_id()).result == ScanResult.ADMITTED
    else:
        with pytest.raises(PermissionDenied):
            checkin.admit(person, happening, tickets.payload(ticket), scan_id())
        ticket.refresh_from_db()
        assert ticket.checked_in_at is None and Scan.objects.count() == 0


def test_attendance_per_outlet_counts_crew_and_leaves_out_revoked(door):
    happening, officer = door
    lao_dong = registration(happening, crew=2, outlet_name="Báo Lao Động")
    registration(happening, outlet_name="Báo Lao Động")
    registration(happening, crew=1, outlet_name="Đài Truyền hình Hà Nội")
    revoked = registration(happening, status=RegistrationStatus.REVOKED, outlet_name="Báo Bị Thu Hồi")
    for ticket in lao_dong.tickets.all():
        checkin.admit(officer, happening, tickets.payload(ticket), scan_id())
    checkin.admit(officer, happening, tickets.payload(journalist_ticket(revoked)), scan_id())
    figures = checkin.attendance(happening)
    rows = {o.outlet_name: (o.registrations, o.expected, o.admitted, o.crew_admitted) for o in figures.outlets}
    assert rows == {"Báo Lao Động": (2, 4, 3, 2), "Đài Truyền hình Hà Nội": (1, 2, 0, 0)}
    assert (figures.expected, figures.admitted, figures.refused) == (6, 3, 1)
    assert checkin.counts(happening) == {"admitted": 3, "expected": 6}


def test_the_door_of_a_cancelled_event_admits_nobody(door):
    happening, officer = door
    ticket = journalist_ticket(registration(happening))
    domain.cancel(officer, happening, reason="Mưa bão, hoãn vô thời hạn")
    happening.refresh_from_db()
    with pytest.raises(DomainError, match="đã bị hủy"):
        checkin.admit(officer, happening, tickets.payload(ticket), scan_id())
    ticket.refresh_from_db()
    assert ticket.checked_in_at is None and not Scan.objects.filter(event=happening).exists()
