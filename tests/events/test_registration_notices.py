"""Notices to journalists about events, sent over a real SMTP server and into the live
notification centre: cancellations and changes reach every registrant and invitee, approvals
carry the QR tickets, reminders come once the day before."""

import datetime as dt

import pytest
from django.utils import timezone

from presscenter.accounts.models import Role
from presscenter.events import domain, invitations, notices, registration, tickets
from presscenter.events.models import CrewRole, EventNotice, NoticeReason, RegistrationStatus
from presscenter.events.registration import Crew
from presscenter.live.models import Notification
from tests import factories
from tests.delivery.conftest import free_port, smtp  # noqa: F401 (a fixture: the real SMTP server, aiosmtpd)
from tests.events.factories import accredited_journalist, event, organiser_and_officer

pytestmark = pytest.mark.django_db


@pytest.fixture
def mailbox(smtp):  # noqa: F811 (the imported fixture, under the name these tests read)
    return smtp


def test_a_cancellation_reaches_every_registrant_and_invitee_by_mail_and_live(mailbox):
    _agency, editor = organiser_and_officer()
    conference = event(editor, capacity=1, title="Họp báo về dự án đường sắt đô thị")
    approved = accredited_journalist()
    waiting = accredited_journalist()
    invited = accredited_journalist()
    withdrawn = accredited_journalist()
    registration.register(approved, conference)
    registration.register(waiting, conference)
    gone = registration.register(withdrawn, conference)
    registration.cancel(withdrawn, gone)
    invitations.invite(editor, conference, journalist_ids=[invited.pk])
    notices.send_due_notices()
    mailbox.messages.clear()
    domain.cancel(editor, conference, reason="Lãnh đạo thành phố bận công tác đột xuất")
    # Written in the cancellation's own transaction; sent by the worker.
    assert EventNotice.objects.filter(reason=NoticeReason.CANCELLED, sent_at__isnull=True).count() == 6
    assert notices.send_due_notices() == 6
    for person in (approved, waiting, invited):
        [message] = mailbox.to(person.email)
        text = message.get_body(("plain",)).get_content()
        assert "đã bị hủy" in text and "bận công tác đột xuất" in text
        live = Notification.objects.get(user=person, kind="event", title__contains="đã bị hủy")
        assert live.link == "/su-kien/cua-toi/"
    assert mailbox.to(withdrawn.email) == []  # no longer registered
    assert notices.send_due_notices() == 0  # nothing twice


def test_a_postponement_tells_the_new_time():
    operator = factories.user(Role.CENTER_OPERATOR)
    conference = event(operator, capacity=5)
    reporter = accredited_journalist()
    registration.register(reporter, conference)
    later = conference.starts_at + dt.timedelta(days=3)
    domain.postpone(
        operator, conference, reason="Trùng lịch họp HĐND", starts_at=later, ends_at=later + dt.timedelta(hours=2)
    )
    notice = EventNotice.objects.get(reason=NoticeReason.POSTPONED, channel="email")
    rendered = notices.render(notice)
    assert "hoãn" in rendered.text and "Trùng lịch họp HĐND" in rendered.text
    assert timezone.localtime(later).strftime("%H:%M %d/%m/%Y") in rendered.text


def test_an_approval_mail_carries_each_ticket_as_a_qr_png_and_its_page(mailbox):
    conference = event(capacity=5)
    reporter = accredited_journalist(full_name="Đỗ Minh Phóng Viên")
    made = registration.register(reporter, conference, crew=[Crew("Vũ Quay Phim", CrewRole.CAMERA)])
    assert notices.send_due_notices() == 2
    [message] = mailbox.to(reporter.email)
    images = [part for part in message.iter_attachments() if part.get_content_type() == "image/png"]
    assert len(images) == 2 and all(image.get_content().startswith(b"\x89PNG") for image in images)
    text = message.get_body(("plain",)).get_content()
    for ticket in made.tickets.all():
        assert f"/su-kien/ve/{ticket.code}/" in text
        assert tickets.read(tickets.payload(ticket)) == ticket.code
    assert "Vũ Quay Phim" in text and "Đỗ Minh Phóng Viên" in text


def test_a_promotion_from_the_waitlist_is_told(mailbox):
    _agency, editor = organiser_and_officer()
    conference = event(editor, capacity=1)
    first = registration.register(accredited_journalist(), conference)
    second_person = accredited_journalist()
    second = registration.register(second_person, conference)
    notices.send_due_notices()
    assert "danh sách chờ" in mailbox.to(second_person.email)[0].get_body(("plain",)).get_content()
    registration.revoke(editor, first, reason="Đổi người tham dự")
    notices.send_due_notices()
    promoted = mailbox.to(second_person.email)[-1]
    assert "Đã có chỗ cho bạn" in promoted.get_body(("plain",)).get_content()
    assert second.tickets.count() == 1
    assert "thu hồi" in mailbox.to(first.journalist.email)[-1].get_body(("plain",)).get_content()


def test_reminders_go_once_to_approved_registrants_the_day_before():
    operator = factories.user(Role.CENTER_OPERATOR)
    soon = event(operator, capacity=5, hours_ahead=20, needs_approval=True)
    far = event(operator, capacity=5, hours_ahead=60)
    approved = registration.approve(operator, registration.register(accredited_journalist(), soon))
    registration.register(accredited_journalist(), soon)  # pending: no reminder
    registration.register(accredited_journalist(), far)  # too early
    assert approved.status == RegistrationStatus.APPROVED
    assert notices.queue_reminders() == 2  # e-mail and live
    assert notices.queue_reminders() == 0
    reminders = EventNotice.objects.filter(reason=NoticeReason.REMINDER)
    assert {n.recipient_id for n in reminders} == {approved.journalist_id}
    assert notices.queue_reminders(now=timezone.now() - dt.timedelta(days=2)) == 0


def test_an_inactive_reader_is_not_told_and_the_notice_fails_for_good(mailbox):
    conference = event(capacity=5)
    reporter = accredited_journalist()
    registration.register(reporter, conference)
    type(reporter).objects.filter(pk=reporter.pk).update(is_active=False)
    assert notices.send_due_notices() == 0
    assert EventNotice.objects.filter(failed_at__isnull=False, last_error="recipient inactive").count() == 2
    assert mailbox.messages == []


def test_a_burst_of_changes_wakes_the_sender_once_at_once_and_once_deferred(settings):
    from django_tasks_db.models import DBTaskResult

    from presscenter.events import tasks

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    waker = tasks._Waker()
    for _n in range(5):
        waker()
    woken = DBTaskResult.objects.filter(task_path__endswith="send_notices_task")
    assert woken.count() == 2  # one at once, one deferred to the window's end for the others
    soon = timezone.now() + dt.timedelta(seconds=tasks.WAKE_WINDOW * 2)
    deferred = [task.run_after for task in woken if timezone.now() < task.run_after <= soon]
    assert len(deferred) == 1
