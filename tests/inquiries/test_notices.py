"""Sending the notices about inquiries: over a real SMTP server (aiosmtpd on loopback) and to the
notification centre, in the reader's language, with the right link, once, and again after a
failure or a dead worker's claim."""

import datetime as dt
from email.message import EmailMessage

import pytest
from django.conf import settings as django_settings
from django.urls import reverse
from django.utils import timezone

from presscenter.accounts.models import Role
from presscenter.delivery.channels import SendResult
from presscenter.inquiries import domain, escalation, links, notices
from presscenter.inquiries.models import Inquiry, Notice
from presscenter.live import domain as live
from presscenter.live import events
from presscenter.live.models import Notification
from presscenter.mail.smtp import close_kept
from tests import factories
from tests.delivery.conftest import free_port, smtp  # noqa: F401 (a fixture: the real SMTP server, aiosmtpd)

pytestmark = pytest.mark.django_db


@pytest.fixture
def mailbox(smtp):  # noqa: F811 (the imported fixture, under the name these tests read)
    return smtp


ANSWER = "<p>Công ty Chiếu sáng đã thay <strong>ba bóng đèn</strong> trước số 40 Hàng Bông.</p>"


@pytest.fixture
def cast():
    class Cast:
        newsroom = factories.Newsroom(name="Sở Xây dựng")
        org = newsroom.org
        editor = newsroom.editor
        spokesperson = newsroom.spokesperson
        operator = newsroom.operator
        journalist = factories.user(Role.JOURNALIST, accredited=True, email="pv@baothu.vn")
        bystander = factories.user(Role.JOURNALIST, accredited=True, email="khac@baothu.vn")

    return Cast


def answer(cast, inquiry: Inquiry, body: str = ANSWER) -> None:
    draft = domain.save_answer(cast.editor, inquiry, body)
    domain.submit_answer(cast.editor, draft)
    domain.approve_answer(cast.spokesperson, draft)


def plain(message: EmailMessage) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]


def html(message: EmailMessage) -> str:
    return message.get_body(preferencelist=("html",)).get_content()  # type: ignore[union-attr]


def whole(message: EmailMessage) -> str:
    return str(message["Subject"]) + plain(message) + html(message)


def test_a_citizen_without_an_account_gets_the_answer_with_a_private_status_link(cast, mailbox):
    inquiry = factories.inquiry(None, asker_name="Nguyễn Văn An", asker_email="an.nguyen@example.vn")
    domain.route(cast.operator, inquiry, cast.org)
    answer(cast, inquiry)
    sent = notices.send_due_notices()
    assert sent == Notice.objects.filter(sent_at__isnull=False).count() > 0
    mails = mailbox.to("an.nguyen@example.vn")
    assert len(mails) == 3  # received, routed, answered
    answered = next(m for m in mails if "Trả lời" in str(m["Subject"]))
    assert inquiry.code in str(answered["Subject"])
    status = django_settings.SITE_URL + links.status_url(inquiry)
    assert f"?k={inquiry.access_key}" in status
    text, markup = plain(answered), html(answered)
    assert "ba bóng đèn" in text and "<strong>" not in text and status in text
    assert "<strong>ba bóng đèn</strong>" in markup and status.replace("&", "&amp;") in markup
    assert "đã được trả lời" in text
    # Nobody else's personal data: not the officers', not their addresses.
    for other in (cast.editor, cast.spokesperson, cast.operator):
        assert other.full_name not in whole(answered) and other.email not in whole(answered)
    assert answered["Message-ID"] and answered["Auto-Submitted"] == "auto-generated"


def test_a_merged_asker_gets_the_answer_without_the_other_askers_question(cast, mailbox):
    first = factories.inquiry(cast.journalist, subject="Tiến độ cầu Trần Hưng Đạo, gọi tôi 0912 345 678")
    domain.route(cast.operator, first, cast.org)
    duplicate = factories.inquiry(None, subject="Bao giờ cầu xong?", asker_email="binh@example.vn")
    domain.merge(cast.operator, duplicate, first)
    answer(cast, first)
    notices.send_due_notices()
    answered = [m for m in mailbox.to("binh@example.vn") if "Trả lời" in str(m["Subject"])]
    assert len(answered) == 1
    content = whole(answered[0])
    assert "ba bóng đèn" in content and duplicate.code in content
    for secret in (first.code, "0912", cast.journalist.email, cast.journalist.full_name, first.access_key):
        assert secret not in content


def test_each_reader_gets_their_language_and_their_link(cast, mailbox):
    cast.journalist.language = "en"
    cast.journalist.save(update_fields=["language"])
    inquiry = factories.inquiry(cast.journalist, subject="Đèn đường")
    domain.route(cast.operator, inquiry, cast.org)
    notices.send_due_notices()
    to_journalist = [m for m in mailbox.to("pv@baothu.vn") if "Routed" in str(m["Subject"])]
    assert len(to_journalist) == 1
    text = plain(to_journalist[0])
    assert "has been sent to Test Department" in text and "Câu hỏi" not in text
    # An asker with an account signs in: no key in the link.
    assert django_settings.SITE_URL + links.status_url(inquiry) in text and "?k=" not in text
    to_spokesperson = mailbox.to(cast.spokesperson.email)
    assert len(to_spokesperson) == 1
    text = plain(to_spokesperson[0])
    assert "được giao cho Sở Xây dựng" in text
    assert django_settings.SITE_URL + f"/lam-viec/hoi-dap/{inquiry.pk}/" in text


def test_escalation_reaches_the_parent_and_the_centre_by_mail_and_on_the_site(cast, mailbox):
    parent_spokesperson = factories.user(Role.SPOKESPERSON, factories.organisation(name="Ủy ban Thành phố"))
    cast.org.parent = parent_spokesperson.organisation
    cast.org.save(update_fields=["parent"])
    inquiry = domain.route(cast.operator, factories.inquiry(cast.journalist), cast.org)
    Inquiry.objects.filter(pk=inquiry.pk).update(due_at=timezone.now() - dt.timedelta(minutes=1))
    assert escalation.escalate_due() == 1
    notices.send_due_notices()
    for person in (parent_spokesperson, cast.operator):
        mails = [m for m in mailbox.to(person.email) if "Quá hạn" in str(m["Subject"])]
        assert len(mails) == 1 and "đã quá hạn trả lời" in plain(mails[0])
        shown = Notification.objects.get(user=person, kind="escalated")
        assert shown.link == links.work_url(inquiry) and inquiry.code in shown.title
    assert not Notification.objects.filter(user=cast.journalist, kind="escalated").exists()
    assert all("Quá hạn" not in str(m["Subject"]) for m in mailbox.to(cast.journalist.email))


def test_a_temporary_smtp_failure_is_retried_after_backoff(cast, mailbox, settings):
    inquiry = factories.inquiry(None, asker_email="an.nguyen@example.vn")
    real_port = settings.EMAIL_PORT
    settings.EMAIL_PORT = free_port()  # nobody listens there
    now = timezone.now()
    assert notices.send_due_notices(now=now) == 0
    notice = Notice.objects.get(inquiry=inquiry, email="an.nguyen@example.vn")
    assert notice.sent_at is None and notice.failed_at is None and notice.attempts == 1
    assert "SMTP" in notice.last_error and notice.next_attempt_at == now + notices.backoff(1)
    close_kept()
    settings.EMAIL_PORT = real_port
    assert notices.send_due_notices(now=now + dt.timedelta(seconds=30)) == 0  # still waiting
    assert notices.send_due_notices(now=notice.next_attempt_at + dt.timedelta(seconds=1)) == 1
    notice.refresh_from_db()
    assert notice.sent_at is not None and notice.attempts == 2 and notice.last_error == ""
    assert len(mailbox.to("an.nguyen@example.vn")) == 1


def test_a_refused_address_fails_for_good_and_the_last_attempt_too(cast, mailbox):
    mailbox.refuse.add("khong-ton-tai@example.vn")
    refused = factories.inquiry(None, asker_email="khong-ton-tai@example.vn")
    notices.send_due_notices()
    notice = Notice.objects.get(inquiry=refused)
    assert notice.failed_at is not None and notice.sent_at is None and "refused" in notice.last_error
    assert notices.send_due_notices(now=timezone.now() + dt.timedelta(days=1)) == 0
    worn = factories.inquiry(None, asker_email="lan@example.vn")
    Notice.objects.filter(inquiry=worn).update(attempts=notices.MAX_ATTEMPTS - 1)
    token, batch = notices.claim(now=timezone.now())
    assert [n.inquiry_id for n in batch] == [worn.pk]
    notices._record(batch[0], token, SendResult(ok=False, error="SMTP 451: busy"), timezone.now())
    assert Notice.objects.get(inquiry=worn).failed_at is not None


def test_a_claim_is_never_sent_twice_and_a_dead_workers_claim_goes_out_after_the_lease(cast, mailbox):
    for n in range(3):
        factories.inquiry(None, asker_email=f"nguoi{n}@example.vn")
    now = timezone.now()
    token, batch = notices.claim(now=now)  # this worker dies before sending
    assert len(batch) == 3
    assert notices.claim(now=now + dt.timedelta(seconds=30))[1] == []
    assert notices.send_due_notices(now=now + notices.LEASE - dt.timedelta(seconds=1)) == 0
    assert mailbox.messages == []
    later = now + notices.LEASE + dt.timedelta(seconds=1)
    assert notices.send_due_notices(now=later) == 3
    assert sorted(str(m["To"]) for m in mailbox.messages) == [f"nguoi{n}@example.vn" for n in range(3)]
    # The dead worker's late report changes nothing: its token no longer holds the claim.
    notices._record(batch[0], token, SendResult(ok=False, error="SMTP: late", retry=False), later)
    assert Notice.objects.filter(failed_at__isnull=False).count() == 0
    assert notices.send_due_notices(now=later + dt.timedelta(days=1)) == 0
    assert len(mailbox.messages) == 3


def test_notices_go_out_as_soon_as_the_change_commits(cast, mailbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        inquiry = factories.inquiry(cast.journalist)
    assert not Notice.objects.filter(sent_at__isnull=True).exists()
    with django_capture_on_commit_callbacks() as callbacks:
        domain.route(cast.operator, inquiry, cast.org)
    # One wake-up for the whole transaction, however many notices it wrote.
    assert Notice.objects.filter(event__kind="routed", sent_at__isnull=True).count() == 6
    assert sum(isinstance(callback, notices._Wake) for callback in callbacks) == 1
    for callback in callbacks:
        callback()  # after commit: the sending task runs (immediately, in tests)
    assert not Notice.objects.filter(sent_at__isnull=True).exists()
    assert len(mailbox.to(cast.spokesperson.email)) == 1
    assert len(mailbox.to(cast.journalist.email)) == 2  # received, routed


def test_a_live_notice_reaches_its_reader_alone_with_its_link(cast, client):
    inquiry = factories.inquiry(cast.journalist, subject="Đèn đường")
    domain.route(cast.operator, inquiry, cast.org)
    notices.send_due_notices()
    mine = Notification.objects.filter(user=cast.journalist).order_by("id")
    assert [n.kind for n in mine] == ["received", "routed"]
    assert {n.link for n in mine} == {links.status_url(inquiry)} and mine[0].item is None
    assert Notification.objects.get(user=cast.spokesperson).link == links.work_url(inquiry)
    assert not Notification.objects.filter(user=cast.bystander).exists()
    # Sent again (a dead worker's claim taken over): still one notification.
    Notice.objects.filter(recipient=cast.journalist).update(sent_at=None)
    notices.send_due_notices()
    assert Notification.objects.filter(user=cast.journalist).count() == 2
    # The notification centre and the event stream show it with its link.
    client.force_login(cast.journalist)
    page = client.get(reverse("live:centre")).content.decode()
    assert f'href="{links.status_url(inquiry)}"' in page and inquiry.code in page
    frames = b"".join(frame.data for frame in events.replay(cast.journalist.pk, 0)).decode()
    assert f'"url": "{links.status_url(inquiry)}"' in frames and '"kind": "routed"' in frames
    client.force_login(cast.bystander)
    assert inquiry.code not in client.get(reverse("live:centre")).content.decode()
    assert events.replay(cast.bystander.pk, 0) == []


def test_a_reader_who_may_no_longer_see_the_inquiry_is_not_told(cast):
    inquiry = domain.route(cast.operator, factories.inquiry(cast.journalist), cast.org)
    elsewhere = factories.organisation(name="Sở Giao thông")
    domain.transfer(cast.editor, inquiry, elsewhere, "Thuộc thẩm quyền Sở Giao thông")
    notices.send_due_notices()
    routed_to_editor = Notice.objects.filter(recipient=cast.editor, event__kind="routed")
    assert routed_to_editor.count() == 2
    assert all(n.failed_at and n.sent_at is None for n in routed_to_editor)
    assert not Notification.objects.filter(user=cast.editor).exists()


def test_a_personal_notification_links_only_within_the_site_and_comes_once(cast):
    for outside in ("https://example.com/", "//example.com/", "javascript:alert(1)"):
        with pytest.raises(ValueError):
            live.notify_user(cast.journalist, "Tiêu đề", outside, "routed", f"thu:{outside}")
    assert live.notify_user(cast.journalist, "Tiêu đề", "/hoi-dap/", "routed", "thu:1")
    assert not live.notify_user(cast.journalist, "Tiêu đề khác", "/hoi-dap/", "routed", "thu:1")
    assert list(Notification.objects.filter(user=cast.journalist).values_list("title", flat=True)) == ["Tiêu đề"]
