"""Registering for an event: who may, seats with crew, the waitlist and its promotion, the
organiser's decisions and the tickets they create."""

import datetime as dt

import pytest
from django.utils import timezone

from presscenter.accounts.models import Role
from presscenter.audit.models import AuditEntry
from presscenter.core.errors import DomainError, PermissionDenied
from presscenter.events import domain, invitations, registration
from presscenter.events.models import (
    CrewRole,
    EventNotice,
    Invitation,
    NoticeReason,
    Registration,
    RegistrationStatus,
    Ticket,
    Visibility,
)
from presscenter.events.registration import Crew
from tests import factories
from tests.events.factories import accredited_journalist, event, organiser_and_officer
from tests.press.conftest import journalist, make_outlet

pytestmark = pytest.mark.django_db

A, P, W = RegistrationStatus.APPROVED, RegistrationStatus.PENDING, RegistrationStatus.WAITLISTED


def camera(name: str = "Trần Quay Phim") -> Crew:
    return Crew(full_name=name, role=CrewRole.CAMERA)


def test_an_accredited_journalist_is_approved_with_a_ticket_for_each_person():
    conference = event(capacity=10)
    reporter = accredited_journalist(full_name="Lê Thị Phóng Viên")
    made = registration.register(reporter, conference, crew=[camera(), Crew("Phạm Thu Âm", CrewRole.SOUND)])
    assert made.status == A and made.seats == 3 and made.outlet_name == reporter.journalist.outlet.name
    holders = list(made.tickets.values_list("holder_name", flat=True))
    assert holders == ["Lê Thị Phóng Viên", "Trần Quay Phim", "Phạm Thu Âm"]
    assert Ticket.objects.filter(registration=made, crew_member__isnull=False).count() == 2
    assert registration.seats(conference).left == 7
    assert AuditEntry.objects.filter(action="event.register", object_id=str(made.pk)).exists()
    assert set(EventNotice.objects.filter(registration=made).values_list("reason", "channel")) == {
        (NoticeReason.APPROVED, "email"),
        (NoticeReason.APPROVED, "live"),
    }


def test_who_may_not_register_is_told_why_and_nothing_is_written():
    conference = event(capacity=10)
    unaccredited = journalist(make_outlet()).user  # signed up, card not yet checked
    refusals = [
        (factories.user(Role.PUBLIC), "Chỉ nhà báo"),
        (factories.user(Role.EDITOR), "Chỉ nhà báo"),
        (unaccredited, "thẻ tác nghiệp"),
    ]
    for user, words in refusals:
        with pytest.raises(PermissionDenied, match=words):
            registration.register(user, conference)
    assert not Registration.objects.exists()


def test_an_event_open_to_all_journalists_takes_an_unaccredited_one():
    conference = event(capacity=10, accredited_only=False)
    unaccredited = journalist(make_outlet()).user
    assert registration.register(unaccredited, conference).status == A


def test_cancelled_over_or_closed_events_take_no_registration():
    operator = factories.user(Role.CENTER_OPERATOR)
    reporter = accredited_journalist()
    cancelled = event(operator, capacity=5)
    domain.cancel(operator, cancelled, reason="Lãnh đạo thành phố bận đột xuất")
    closed = event(operator, capacity=5)
    domain.update_event(operator, closed, registration_closes_at=timezone.now() - dt.timedelta(minutes=1))
    past = event(operator, capacity=5)
    domain.update_event(operator, past, ends_at=past.starts_at + dt.timedelta(hours=1))
    type(past).objects.filter(pk=past.pk).update(
        starts_at=timezone.now() - dt.timedelta(hours=3), ends_at=timezone.now() - dt.timedelta(hours=1)
    )
    none = event(operator, capacity=0)
    for shut, words in [(cancelled, "bị hủy"), (closed, "hết hạn"), (past, "kết thúc"), (none, "không nhận")]:
        with pytest.raises(DomainError, match=words):
            registration.register(reporter, shut)
    assert not Registration.objects.exists()


def test_an_invited_only_event_needs_an_invitation():
    _agency, editor = organiser_and_officer()
    private = event(editor, capacity=5, visibility=Visibility.INVITED)
    reporter = accredited_journalist()
    with pytest.raises(PermissionDenied, match="khách mời"):
        registration.register(reporter, private)
    invitations.invite(editor, private, journalist_ids=[reporter.pk])
    made = registration.register(reporter, private)
    assert made.status == A and made.invited


def test_double_registration_is_refused_but_registering_again_after_cancelling_works():
    conference = event(capacity=5)
    reporter = accredited_journalist()
    first = registration.register(reporter, conference)
    with pytest.raises(DomainError, match="đã đăng ký"):
        registration.register(reporter, conference)
    registration.cancel(reporter, first)
    again = registration.register(reporter, conference)
    assert again.status == A and Registration.objects.filter(journalist=reporter).count() == 2


def test_the_database_refuses_a_second_live_registration_with_a_clear_error(monkeypatch):
    """Two requests past the first check at once: the partial unique index decides."""
    conference = event(capacity=5)
    reporter = accredited_journalist()
    registration.register(reporter, conference)
    real_filter = Registration.objects.filter

    def blind(*args, **kwargs):  # the existence check sees nothing, as in a race
        found = real_filter(*args, **kwargs)
        return found.none() if kwargs.get("journalist") == reporter and "status__in" in kwargs else found

    monkeypatch.setattr(Registration.objects, "filter", blind)
    with pytest.raises(DomainError, match="đã đăng ký"):
        registration.register(reporter, conference)
    monkeypatch.undo()
    assert Registration.objects.filter(journalist=reporter).count() == 1


def test_too_many_crew_or_a_crew_member_without_name_is_refused():
    conference = event(capacity=10, max_crew=1)
    reporter = accredited_journalist()
    with pytest.raises(DomainError, match="tối đa 1 người"):
        registration.register(reporter, conference, crew=[camera(), camera("Hai")])
    with pytest.raises(DomainError, match="họ và tên"):
        registration.register(reporter, conference, crew=[Crew("  ", CrewRole.CAMERA)])
    with pytest.raises(DomainError, match="Nhiệm vụ"):
        registration.register(reporter, conference, crew=[Crew("Ba", "director")])
    assert not Registration.objects.exists()


def test_capacity_counts_crew_and_pending_and_the_rest_wait_in_order():
    conference = event(capacity=4, needs_approval=True)
    first = registration.register(accredited_journalist(), conference, crew=[camera(), camera("B")])  # 3 seats
    second = registration.register(accredited_journalist(), conference, crew=[camera()])  # 2: does not fit
    third = registration.register(accredited_journalist(), conference)  # 1 would fit, but may not overtake
    assert [first.status, second.status, third.status] == [P, W, W]
    assert not first.tickets.exists()  # tickets come with approval
    counts = registration.seats(conference)
    assert (counts.pending, counts.approved, counts.waitlisted, counts.left) == (3, 0, 3, 1)


def test_approval_issues_tickets_and_a_freed_seat_promotes_the_oldest_waiting():
    _agency, editor = organiser_and_officer()
    conference = event(editor, capacity=2)
    holders = [registration.register(accredited_journalist(), conference) for _ in range(2)]
    waiting = [registration.register(accredited_journalist(), conference) for _ in range(3)]
    assert [r.status for r in waiting] == [W, W, W]
    registration.revoke(editor, holders[0], reason="Không xuất trình thẻ nhà báo")
    refreshed = {r.pk: r.status for r in Registration.objects.all()}
    assert refreshed[holders[0].pk] == RegistrationStatus.REVOKED
    assert [refreshed[r.pk] for r in waiting] == [A, W, W]
    assert Ticket.objects.filter(registration=waiting[0]).count() == 1
    assert EventNotice.objects.filter(registration=waiting[0], reason=NoticeReason.PROMOTED).exists()
    registration.cancel(holders[1].journalist, holders[1])
    registration.reject(editor, waiting[2], reason="Trùng cơ quan báo chí")
    assert {r.pk: r.status for r in Registration.objects.filter(pk__in=[w.pk for w in waiting])} == {
        waiting[0].pk: A,
        waiting[1].pk: A,
        waiting[2].pk: RegistrationStatus.REJECTED,
    }
    # The revoked registration keeps its ticket: the door refuses it (registration not approved).
    assert Ticket.objects.filter(registration=holders[0]).exists()


def test_promotion_follows_needs_approval_and_capacity_raised_promotes_too():
    operator = factories.user(Role.CENTER_OPERATOR)
    conference = event(operator, capacity=1, needs_approval=True)
    first = registration.register(accredited_journalist(), conference)
    later = [registration.register(accredited_journalist(), conference) for _ in range(3)]
    domain.update_event(operator, conference, capacity=3)
    statuses = [Registration.objects.get(pk=r.pk).status for r in [first, *later]]
    assert statuses == [P, P, P, W]
    approved = registration.approve(operator, later[0])
    assert approved.status == A and approved.tickets.count() == 1 and approved.decided_by == operator


def test_decisions_need_the_organiser_and_the_right_state():
    _agency, editor = organiser_and_officer()
    conference = event(editor, capacity=5, needs_approval=True)
    pending = registration.register(accredited_journalist(), conference)
    _other, stranger = organiser_and_officer()
    for actor in (stranger, pending.journalist, factories.user(Role.PUBLIC)):
        with pytest.raises(PermissionDenied):
            registration.approve(actor, pending)
    with pytest.raises(DomainError, match="lý do"):
        registration.reject(editor, pending, reason="  ")
    with pytest.raises(DomainError, match="trạng thái"):
        registration.revoke(editor, pending, reason="Sai")
    with pytest.raises(PermissionDenied):
        registration.cancel(accredited_journalist(), pending)
    domain.cancel(editor, conference, reason="Hoãn vô thời hạn")
    with pytest.raises(DomainError, match="bị hủy"):
        registration.approve(editor, pending)
    assert Registration.objects.get(pk=pending.pk).status == P


def test_invitations_reach_accredited_journalists_by_beat_outlet_or_list_once():
    _agency, editor = organiser_and_officer()
    conference = event(editor, capacity=5)
    transport = factories.topic(name="Giao thông")
    on_beat = accredited_journalist()
    on_beat.journalist.beats.add(transport)
    unaccredited = journalist(make_outlet()).user
    unaccredited.journalist.beats.add(transport)
    made = invitations.invite(editor, conference, topic=transport)
    assert [i.journalist for i in made] == [on_beat]
    assert invitations.invite(editor, conference, topic=transport) == []  # idempotent
    outlet = on_beat.journalist.outlet
    colleague = accredited_journalist()
    type(colleague.journalist).objects.filter(pk=colleague.journalist.pk).update(outlet=outlet)
    assert [i.journalist for i in invitations.invite(editor, conference, outlet=outlet)] == [colleague]
    listed = accredited_journalist()
    assert [i.journalist for i in invitations.invite(editor, conference, journalist_ids=[listed.pk, on_beat.pk])] == [
        listed
    ]
    assert Invitation.objects.filter(event=conference).count() == 3
    assert EventNotice.objects.filter(event=conference, reason=NoticeReason.INVITED, channel="live").count() == 3
    with pytest.raises(DomainError):
        invitations.invite(editor, conference)
    with pytest.raises(PermissionDenied):
        invitations.invite(organiser_and_officer()[1], conference, journalist_ids=[listed.pk])
