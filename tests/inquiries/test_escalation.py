"""Reminders before the deadline and escalation after it, on a clock the tests hold: the deadline
is pinned to Wednesday 9 December 2026, 16:00 in Hà Nội, and every step is given its `now`."""

import datetime as dt

import pytest

from presscenter.accounts.models import Role
from presscenter.audit.models import AuditEntry
from presscenter.inquiries import access, domain, escalation
from presscenter.inquiries.models import (
    Category,
    DeadlinePolicy,
    Event,
    EventKind,
    Inquiry,
    Notice,
    State,
)
from presscenter.orgs.models import Kind
from tests import factories

pytestmark = pytest.mark.django_db

HANOI = dt.timezone(dt.timedelta(hours=7))


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    """A moment of December 2026 in Hà Nội (the 7th is a Monday; no holiday that month)."""
    return dt.datetime(2026, 12, day, hour, minute, tzinfo=HANOI)


DUE = at(9, 16)  # Wednesday


@pytest.fixture
def cast():
    class Cast:
        city = factories.organisation(kind=Kind.PEOPLES_COMMITTEE, name="Ủy ban nhân dân Thành phố")
        department = factories.organisation(name="Sở Xây dựng", parent=city)
        ward = factories.organisation(kind=Kind.WARD, name="Phường Hoàn Kiếm", parent=department)
        officer = factories.user(Role.EDITOR, ward, full_name="Cán bộ Phường Một")
        other_officer = factories.user(Role.EDITOR, ward, full_name="Cán bộ Phường Hai")
        spokesperson = factories.user(Role.SPOKESPERSON, ward, full_name="Phát ngôn Phường")
        department_editor = factories.user(Role.EDITOR, department, full_name="Chuyên viên Sở")
        department_spokesperson = factories.user(Role.SPOKESPERSON, department, full_name="Phát ngôn Sở")
        city_spokesperson = factories.user(Role.SPOKESPERSON, city, full_name="Phát ngôn Thành phố")
        operator = factories.user(Role.CENTER_OPERATOR, full_name="Điều hành viên")
        admin = factories.user(Role.CENTER_ADMIN, full_name="Quản trị Trung tâm")
        journalist = factories.user(Role.JOURNALIST, accredited=True)

    return Cast


def pin(inquiry: Inquiry, due: dt.datetime = DUE) -> Inquiry:
    """The deadline the test's clock runs against (routing set one from the real time)."""
    Inquiry.objects.filter(pk=inquiry.pk).update(due_at=due)
    inquiry.refresh_from_db()
    return inquiry


def routed(cast, **fields) -> Inquiry:
    inquiry = factories.inquiry(cast.journalist, **fields)
    return pin(domain.route(cast.operator, inquiry, cast.ward))


def reload(inquiry: Inquiry) -> Inquiry:
    return Inquiry.objects.get(pk=inquiry.pk)


def notified(inquiry: Inquiry, reason: str) -> set[tuple[int | None, str]]:
    return set(Notice.objects.filter(inquiry=inquiry, reason=reason).values_list("recipient_id", "channel"))


def on_every_channel(*users) -> set[tuple[int, str]]:
    return {(user.pk, channel) for user in users for channel in ("live", "email")}


def answer(cast, inquiry: Inquiry) -> None:
    draft = domain.save_answer(cast.officer, inquiry, "<p>Đã thay bóng đèn.</p>")
    domain.submit_answer(cast.officer, draft)
    domain.approve_answer(cast.spokesperson, draft)


# Reminders -------------------------------------------------------------------------------------


def test_a_reminder_goes_once_before_the_deadline_to_the_assignee_and_the_spokesperson(cast):
    inquiry = routed(cast)
    domain.assign(cast.spokesperson, inquiry, cast.other_officer)
    # Tuesday 15:00: nine working hours left (two on Tuesday, seven on Wednesday, lunch not
    # counted), more than eight; at 16:00 eight are left.
    assert escalation.remind_due(now=at(8, 15)) == 0
    assert escalation.remind_due(now=at(8, 16)) == 1
    assert escalation.remind_due(now=at(9, 10)) == 0  # once per deadline
    assert escalation.remind_due(now=at(9, 15, 59)) == 0
    inquiry = reload(inquiry)
    assert inquiry.reminded_at == at(8, 16)
    assert notified(inquiry, "reminded") == on_every_channel(cast.other_officer, cast.spokesperson)
    event = Event.objects.get(inquiry=inquiry, kind=EventKind.REMINDED)
    assert "Cán bộ Phường Hai" in event.text and "Phát ngôn Phường" in event.text
    assert "Cán bộ Phường Một" not in event.text
    assert AuditEntry.objects.filter(action="inquiry.remind", object_id=str(inquiry.pk)).count() == 1


def test_without_an_assignee_the_agency_editors_and_spokespersons_are_reminded(cast):
    inquiry = routed(cast)
    assert escalation.remind_due(now=at(9, 9)) == 1
    assert notified(inquiry, "reminded") == on_every_channel(cast.officer, cast.other_officer, cast.spokesperson)


def test_the_reminder_comes_as_many_working_hours_before_as_the_policy_says(cast):
    category = Category.objects.create(code="chieu-sang", name="Chiếu sáng đô thị")
    DeadlinePolicy.objects.create(category=category, priority="normal", amount=3, remind_before_hours=18)
    inquiry = routed(cast, category=category)
    # Eighteen working hours before Wednesday 16:00 is Monday 14:00 (3 + 8 + 7).
    assert escalation.remind_due(now=at(7, 13, 59)) == 0
    assert escalation.remind_due(now=at(7, 14)) == 1
    assert reload(inquiry).reminded_at == at(7, 14)


def test_no_reminder_while_waiting_for_the_asker_and_a_new_one_after_resuming(cast):
    inquiry = routed(cast)
    domain.request_info(cast.officer, inquiry, "Xin cho biết số nhà cụ thể.")
    assert reload(inquiry).state == State.WAITING
    assert escalation.remind_due(now=at(9, 9)) == 0
    assert escalation.escalate_due(now=at(14, 9)) == 0  # nor escalation, however late
    domain.add_info(cast.journalist, inquiry, "Trước số 40 Hàng Bông.")
    inquiry = pin(inquiry, at(11, 16))  # the deadline the resumed clock gave (Friday)
    assert escalation.remind_due(now=at(11, 9)) == 1
    assert reload(inquiry).state == State.IN_PROGRESS


def test_a_new_deadline_after_reopening_allows_a_new_reminder(cast):
    inquiry = routed(cast)
    assert escalation.remind_due(now=at(9, 9)) == 1
    answer(cast, inquiry)
    assert escalation.remind_due(now=at(9, 10)) == 0
    inquiry = domain.reopen(cast.journalist, reload(inquiry), "Đèn vẫn chưa sáng.")
    inquiry = pin(inquiry, at(14, 16))
    assert reload(inquiry).reminded_at is None
    assert escalation.remind_due(now=at(14, 9)) == 1
    assert escalation.remind_due(now=at(14, 10)) == 0
    assert Event.objects.filter(inquiry=inquiry, kind=EventKind.REMINDED).count() == 2


# Escalation ------------------------------------------------------------------------------------


def test_on_breach_the_parent_and_the_centre_are_told_on_every_channel_once(cast):
    inquiry = routed(cast)
    assert escalation.escalate_due(now=at(9, 15, 59)) == 0
    assert not access.workspace_inquiries(cast.department_editor).filter(pk=inquiry.pk).exists()
    assert escalation.escalate_due(now=at(9, 16, 1)) == 1
    assert escalation.escalate_due(now=at(9, 17)) == 0  # once
    inquiry = reload(inquiry)
    assert inquiry.escalation_level == 1 and inquiry.escalated_at == at(9, 16, 1)
    event = Event.objects.get(inquiry=inquiry, kind=EventKind.ESCALATED)
    assert (event.from_organisation, event.to_organisation) == (cast.ward, cast.department)
    for name in ("Chuyên viên Sở", "Phát ngôn Sở", "Điều hành viên", "Quản trị Trung tâm", "Sở Xây dựng"):
        assert name in event.text
    assert "Phát ngôn Thành phố" not in event.text
    assert notified(inquiry, "escalated") == on_every_channel(
        cast.department_editor, cast.department_spokesperson, cast.operator, cast.admin
    )
    entry = AuditEntry.objects.get(action="inquiry.escalate", object_id=str(inquiry.pk))
    assert entry.actor is None and entry.after["escalation_level"] == 1
    # From now on the parent sees it; the grandparent not yet.
    assert access.workspace_inquiries(cast.department_editor).filter(pk=inquiry.pk).exists()
    assert not access.workspace_inquiries(cast.city_spokesperson).filter(pk=inquiry.pk).exists()


def test_still_open_days_later_it_goes_to_the_grandparent_once(cast, settings):
    settings.INQUIRY_ESCALATE_AGAIN_DAYS = 2
    inquiry = routed(cast)
    assert escalation.escalate_due(now=at(9, 16, 1)) == 1
    # Two working days after Wednesday end at Friday's closing time, 17:00.
    assert escalation.escalate_due(now=at(11, 16, 59)) == 0
    assert escalation.escalate_due(now=at(11, 17, 1)) == 1
    assert escalation.escalate_due(now=at(14, 9)) == 0
    assert escalation.escalate_due(now=at(31, 9)) == 0  # two levels, never a third
    inquiry = reload(inquiry)
    assert inquiry.escalation_level == 2 and inquiry.escalated_at == at(9, 16, 1)
    second = Event.objects.filter(inquiry=inquiry, kind=EventKind.ESCALATED).order_by("id").last()
    assert second.to_organisation == cast.city and "Phát ngôn Thành phố" in second.text
    assert Notice.objects.filter(event=second).values_list("recipient_id", flat=True).distinct().count() == 3
    assert {recipient for recipient, _channel in notified(inquiry, "escalated")} >= {
        cast.city_spokesperson.pk,
        cast.operator.pk,
    }
    assert AuditEntry.objects.filter(action="inquiry.escalate", object_id=str(inquiry.pk)).count() == 2
    assert access.workspace_inquiries(cast.city_spokesperson).filter(pk=inquiry.pk).exists()


def test_the_second_level_waits_as_many_working_days_as_set(cast, settings):
    settings.INQUIRY_ESCALATE_AGAIN_DAYS = 1
    inquiry = routed(cast)
    escalation.escalate_due(now=at(9, 16, 1))
    assert escalation.escalate_due(now=at(10, 16, 59)) == 0
    assert escalation.escalate_due(now=at(10, 17, 1)) == 1
    assert reload(inquiry).escalation_level == 2


def test_a_clock_away_for_days_escalates_every_level_that_is_due_at_once(cast):
    inquiry = routed(cast)
    assert escalation.run(now=at(15, 9)) == (0, 2)
    assert reload(inquiry).escalation_level == 2
    levels = Event.objects.filter(inquiry=inquiry, kind=EventKind.ESCALATED).order_by("id")
    assert [event.to_organisation for event in levels] == [cast.department, cast.city]


def test_an_agency_at_the_top_escalates_to_the_centre_alone(cast):
    inquiry = factories.inquiry(cast.journalist)
    inquiry = pin(domain.route(cast.operator, inquiry, cast.city))
    assert escalation.escalate_due(now=at(9, 16, 1)) == 1
    event = Event.objects.get(inquiry=inquiry, kind=EventKind.ESCALATED)
    assert event.to_organisation is None and "Điều hành viên" in event.text
    assert notified(inquiry, "escalated") == on_every_channel(cast.operator, cast.admin)


def test_a_transfer_starts_the_escalation_over_with_the_new_agency(cast):
    inquiry = routed(cast)
    escalation.escalate_due(now=at(9, 16, 1))
    other_ward = factories.organisation(kind=Kind.WARD, name="Phường Cửa Nam", parent=cast.city)
    domain.transfer(cast.officer, reload(inquiry), other_ward, "Địa điểm thuộc phường Cửa Nam")
    inquiry = reload(inquiry)
    assert inquiry.escalation_level == 0 and inquiry.escalated_at is None
    assert escalation.escalate_due(now=at(9, 16, 30)) == 1
    latest = Event.objects.filter(inquiry=inquiry, kind=EventKind.ESCALATED).order_by("id").last()
    assert latest.to_organisation == cast.city


def test_nothing_for_answered_closed_or_rejected_inquiries(cast):
    answered = routed(cast)
    answer(cast, answered)
    rejected = factories.inquiry(cast.journalist)
    domain.reject(cast.operator, rejected, "Không thuộc phạm vi")
    unrouted = factories.inquiry(cast.journalist)  # still at the centre: no deadline yet
    assert escalation.run(now=at(9, 9)) == (0, 0)
    assert escalation.run(now=at(31, 9)) == (0, 0)
    assert not Event.objects.filter(kind__in=[EventKind.REMINDED, EventKind.ESCALATED]).exists()
    assert not Notice.objects.filter(reason__in=["reminded", "escalated"]).exists()
    assert reload(unrouted).escalation_level == 0


def test_an_answer_after_the_first_level_stops_the_second(cast):
    inquiry = routed(cast)
    escalation.escalate_due(now=at(9, 16, 1))
    answer(cast, inquiry)
    assert escalation.escalate_due(now=at(14, 9)) == 0
    assert reload(inquiry).escalation_level == 1
