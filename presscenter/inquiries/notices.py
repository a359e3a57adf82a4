"""Sending the notices about inquiries: the worker side of the Notice outbox.

The domain writes Notice rows in the transaction of the change they report and, after commit,
wakes a sender (`queued`, served by presscenter.inquiries.tasks); the clock also runs
`send_due_notices` on every tick, so a lost wake-up only delays a notice.

- A claim is one conditional UPDATE (unsent, not failed, due, not claimed or its claim older
  than LEASE → a fresh token, the attempt counted); only the holder of the token records the
  outcome. A worker killed while sending leaves its claim to run out: the notice goes out again
  after LEASE (e-mail with the same Message-ID, live with the same key, so the copy is dropped).
- Each notice is rendered when sent, in its reader's language (the account's, else Vietnamese),
  for its audience: the asker gets the status page's link (with the access key when they have
  no account) and, for an answer, the answer itself; agencies and the centre get the working
  screen's link. Nothing of any other person's personal data.
- E-mail goes over the kept SMTP connections (presscenter.mail.smtp), one result per message;
  a temporary failure is retried with backoff (attempts, last_error), a refusal or the last
  attempt marks the notice failed (failed_at). Live notices are rows in the notification centre
  (presscenter.live.domain.notify_user).
"""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext

from presscenter.core.context import site_name
from presscenter.core.html import sanitize, to_text
from presscenter.core.moments import local_datetime
from presscenter.delivery.channels import SendResult
from presscenter.delivery.personal import PersonalOutbox, Wake
from presscenter.inquiries import access, links
from presscenter.inquiries.models import Answer, AnswerState, EventKind, Inquiry, Notice, NoticeChannel
from presscenter.live import domain as live
from presscenter.mail.sender import message_id

LEASE = dt.timedelta(minutes=2)  # a claim older than this belongs to a dead worker
BATCH_SIZE = 50  # notices per claim: also the most a killed worker can leave to be sent again
MAX_ROUNDS = 20  # claims per run; the next run (or wake-up) takes the rest
MAX_ATTEMPTS = 6
BACKOFF_BASE_SECONDS = 60  # 1, 2, 4, 8, 16 minutes between attempts

RELATED = (
    "inquiry", "inquiry__organisation", "inquiry__merged_into", "recipient",
    "event", "event__from_organisation", "event__to_organisation",
)  # fmt: skip

# The claim, lease, retry and wake-up machinery is shared with the events' notices.
OUTBOX = PersonalOutbox(
    Notice,
    name="presscenter.inquiries.notices",
    related=RELATED,
    lease=LEASE,
    batch_size=BATCH_SIZE,
    max_rounds=MAX_ROUNDS,
    max_attempts=MAX_ATTEMPTS,
    backoff_base_seconds=BACKOFF_BASE_SECONDS,
)
backoff = OUTBOX.backoff
on_queued = OUTBOX.on_queued
queued = OUTBOX.queued
_Wake = Wake


def claim(limit: int = BATCH_SIZE, *, now: dt.datetime | None = None) -> tuple[str, list[Notice]]:
    """Claim up to `limit` due notices under a fresh token: (token, the notices)."""
    return OUTBOX.claim(limit, now=now)


def _record(notice: Notice, token: str, result: SendResult, now: dt.datetime) -> None:
    OUTBOX.record(notice, token, result, now)


# Rendering --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rendered:
    subject: str
    title: str  # the live notification's line
    text: str
    html: str
    link: str  # a path on the site


def language_of(notice: Notice) -> str:
    return "en" if notice.recipient is not None and notice.recipient.language == "en" else "vi"


def for_asker(notice: Notice) -> bool:
    """The asker reads the status page; everybody else (agencies, the centre) the working screen."""
    return notice.recipient_id is None or notice.recipient_id == notice.inquiry.asker_id


def _when(moment: dt.datetime | None) -> str:
    return local_datetime(moment)


def _answer(inquiry: Inquiry, notice: Notice) -> Answer | None:
    """The answer an "answered" notice reports: sent on the inquiry (or the one it was merged
    into) no later than the event."""
    answered = inquiry.merged_into if inquiry.merged_into_id is not None else inquiry
    answers = Answer.objects.filter(inquiry=answered, state=AnswerState.SENT)
    if notice.event is not None:
        answers = answers.filter(sent_at__lte=notice.event.at)
    return answers.order_by("-sent_at", "-id").first()


def step_label(reason: str) -> str:
    return str(EventKind(reason).label) if reason in EventKind.values else reason


def _headline(notice: Notice, asker: bool, context: dict[str, Any]) -> str:
    """What happened, in one or two sentences of the reader's language."""
    reason = notice.reason
    values = {
        "code": context["code"],
        "organisation": context["organisation"],
        "from": context["from_organisation"] or gettext("Trung tâm"),
        "to": context["to_organisation"] or context["organisation"],
        "due": context["due"],
    }
    if asker:
        messages: dict[str, str] = {
            EventKind.RECEIVED: gettext(
                "Trung tâm đã tiếp nhận câu hỏi, phản ánh của bạn. Mã theo dõi: %(code)s. Bạn sẽ nhận được thông báo khi có kết quả xử lý."
            ),
            EventKind.ROUTED: gettext("Câu hỏi, phản ánh %(code)s của bạn đã được chuyển đến %(to)s để trả lời."),
            EventKind.TRANSFERRED: gettext("Câu hỏi, phản ánh %(code)s của bạn đã được chuyển sang %(to)s để trả lời."),
            EventKind.INFO_REQUESTED: gettext(
                "Cơ quan xử lý đề nghị bạn bổ sung thông tin cho câu hỏi, phản ánh %(code)s. Thời hạn trả lời tạm dừng cho đến khi bạn bổ sung."
            ),
            EventKind.ANSWERED: gettext("Câu hỏi, phản ánh %(code)s của bạn đã được trả lời."),
            EventKind.MERGED: gettext(
                "Câu hỏi, phản ánh %(code)s của bạn trùng nội dung với một câu hỏi đang được xử lý nên đã được gộp lại; bạn sẽ nhận được câu trả lời chung."
            ),
            EventKind.REJECTED: gettext("Câu hỏi, phản ánh %(code)s của bạn không được tiếp nhận xử lý."),
            EventKind.EXTENDED: gettext(
                "Thời hạn trả lời câu hỏi, phản ánh %(code)s của bạn được gia hạn đến %(due)s."
            ),
        }
    else:
        messages = {
            EventKind.ROUTED: gettext("Câu hỏi, phản ánh %(code)s được giao cho %(to)s trả lời. Hạn trả lời: %(due)s."),
            EventKind.TRANSFERRED: gettext(
                "Câu hỏi, phản ánh %(code)s được chuyển từ %(from)s sang %(to)s. Hạn trả lời: %(due)s."
            ),
            EventKind.ASSIGNED: gettext("Bạn được giao xử lý câu hỏi, phản ánh %(code)s. Hạn trả lời: %(due)s."),
            EventKind.INFO_ADDED: gettext(
                "Người hỏi đã bổ sung thông tin cho câu hỏi, phản ánh %(code)s; thời hạn trả lời tính tiếp. Hạn mới: %(due)s."
            ),
            EventKind.ANSWER_SUBMITTED: gettext("Câu trả lời cho câu hỏi, phản ánh %(code)s đang chờ bạn duyệt."),
            EventKind.ANSWER_RETURNED: gettext("Người duyệt yêu cầu sửa câu trả lời cho câu hỏi, phản ánh %(code)s."),
            EventKind.REOPENED: gettext(
                "Người hỏi không hài lòng và đã mở lại câu hỏi, phản ánh %(code)s. Hạn trả lời mới: %(due)s."
            ),
            EventKind.REMINDED: gettext(
                "Sắp đến hạn trả lời câu hỏi, phản ánh %(code)s: hạn %(due)s. Hãy trả lời hoặc báo cáo tiến độ."
            ),
            EventKind.DIRECTED: gettext(
                "%(from)s có ý kiến chỉ đạo về câu hỏi, phản ánh %(code)s. Hạn trả lời: %(due)s."
            ),
            EventKind.EXTENDED: gettext("Thời hạn trả lời câu hỏi, phản ánh %(code)s được gia hạn đến %(due)s."),
            EventKind.ESCALATED: gettext(
                "Câu hỏi, phản ánh %(code)s đã quá hạn trả lời (hạn %(due)s) mà %(organisation)s chưa trả lời. Thông báo này gửi cơ quan cấp trên và Trung tâm."
            ),
        }
    message = messages.get(reason)
    if message is None:  # a reason without words of its own: name the step
        return gettext("Câu hỏi, phản ánh %(code)s: %(step)s.") % {"code": values["code"], "step": step_label(reason)}
    return message % values


def _event_text(notice: Notice, asker: bool) -> str:
    """The event's own words the reader may read: a transfer's reason, the request for more,
    the reviewer's comment, the reason for reopening or rejecting. Never the asker's added
    information, and for the asker only what the status page shows."""
    event = notice.event
    if event is None or not event.text:
        return ""
    public = {EventKind.TRANSFERRED, EventKind.INFO_REQUESTED, EventKind.REJECTED, EventKind.EXTENDED}
    working = {
        EventKind.TRANSFERRED, EventKind.ANSWER_RETURNED, EventKind.REOPENED, EventKind.ESCALATED,
        EventKind.DIRECTED, EventKind.EXTENDED,
    }  # fmt: skip
    return event.text if notice.reason in (public if asker else working) else ""


def _event_label(reason: str) -> str:
    labels: dict[str, str] = {
        EventKind.TRANSFERRED: gettext("Lý do chuyển:"),
        EventKind.INFO_REQUESTED: gettext("Thông tin cần bổ sung:"),
        EventKind.REJECTED: gettext("Lý do:"),
        EventKind.ANSWER_RETURNED: gettext("Ý kiến người duyệt:"),
        EventKind.REOPENED: gettext("Lý do mở lại:"),
        EventKind.DIRECTED: gettext("Nội dung chỉ đạo:"),
    }
    return labels.get(reason, "")


def render(notice: Notice) -> Rendered:
    inquiry = notice.inquiry
    asker = for_asker(notice)
    with translation.override(language_of(notice)):
        event = notice.event
        link = links.status_url(inquiry) if asker else links.work_url(inquiry)
        context: dict[str, Any] = {
            "code": inquiry.code,
            "subject": inquiry.subject,
            "organisation": inquiry.organisation.display_name if inquiry.organisation is not None else "",
            "from_organisation": event.from_organisation.display_name
            if event is not None and event.from_organisation is not None
            else "",
            "to_organisation": event.to_organisation.display_name
            if event is not None and event.to_organisation is not None
            else "",
            "due": _when(inquiry.due_at),
            "for_asker": asker,
            "link": links.absolute(link),
        }
        context["headline"] = _headline(notice, asker, context)
        context["event_text"] = _event_text(notice, asker)
        context["event_label"] = _event_label(notice.reason)
        context["with_key"] = "?" in link
        context["site_name"] = site_name()
        answer = _answer(inquiry, notice) if asker and notice.reason == EventKind.ANSWERED else None
        if answer is not None:
            context["answer_html"] = sanitize(answer.body)
            context["answer_text"] = to_text(answer.body)
        subject = gettext("[%(code)s] %(step)s: %(subject)s") % {
            "code": inquiry.code,
            "step": step_label(notice.reason),
            "subject": inquiry.subject[:150],
        }
        return Rendered(
            subject=subject.replace("\n", " "),
            title=context["headline"][:300],
            text=render_to_string("inquiries/mail/notice.txt", context),
            html=render_to_string("inquiries/mail/notice.html", context),
            link=link,
        )


# Sending ----------------------------------------------------------------------------------------


def refusal(notice: Notice) -> str:
    """Why this notice must not go out (permanently), or ""."""
    recipient = notice.recipient
    if recipient is not None:
        if not recipient.is_active:
            return "recipient inactive"
        if recipient.pk != notice.inquiry.asker_id and not access.can_view(recipient, notice.inquiry):
            return "recipient may no longer see this inquiry"
    if notice.channel == NoticeChannel.EMAIL and not address_of(notice):
        return "no e-mail address"
    if notice.channel == NoticeChannel.LIVE and recipient is None:
        return "live notice without an account"
    return ""


def address_of(notice: Notice) -> str:
    """An account's current address (it may have changed since), else the one the asker gave."""
    if notice.recipient is not None:
        return notice.recipient.email or ""
    return notice.email


def email_message(notice: Notice, rendered: Rendered) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=rendered.subject,
        body=rendered.text,
        to=[address_of(notice)],
        headers={
            # The same notice sent again after a crash carries the same Message-ID.
            "Message-ID": message_id(f"inquiry-notice:{notice.key}"),
            "X-Presscenter-Notice": notice.key,
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(rendered.html, "text/html")
    return message


def _live(notice: Notice) -> None:
    rendered = render(notice)
    live.notify_user(notice.recipient, rendered.title, rendered.link, notice.reason, f"inquiry-notice:{notice.key}")


def _send_batch(batch: list[Notice], token: str, now: dt.datetime) -> int:
    return OUTBOX.send_batch(
        batch, token, now, refusal=refusal, email=lambda notice: email_message(notice, render(notice)), live=_live
    )


def send_due_notices(now: dt.datetime | None = None) -> int:
    """Send what is due; returns how many notices went out."""
    return OUTBOX.send_due(_send_batch, now)
