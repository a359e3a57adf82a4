"""Notices about inquiries that could not be sent (Notice.failed_at): listed for the centre's
staff with what they need to act, and sent again on request.

What a row says: which inquiry and step the notice reports, on which channel, to whom, why it
failed and after how many attempts. "To whom" names the role (the asker, or the official's name
and agency) and, for e-mail, the address masked to its first letter and its domain: enough to
see a mistyped domain, not a list of askers' addresses. E-mail addresses inside the error text
(an SMTP refusal often quotes one) are masked the same way.

Sending again (`retry`) clears the failure and the attempts, so the sender takes the notice on its
next round with the usual backoff; it is audited ("inquiry.notice_retry")."""

import re
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from presscenter.audit.domain import record
from presscenter.core.errors import DomainError, PermissionDenied
from presscenter.inquiries import access, notices
from presscenter.inquiries.models import Notice, NoticeChannel

EMAIL = re.compile(r"([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})")
NOT_FOUND = _("Không tìm thấy thông báo gửi lỗi này.")
ONLY_CENTRE = _("Chỉ cán bộ Trung tâm mới xem và gửi lại được thông báo gửi lỗi.")


def mask_emails(text: str) -> str:
    """ "an.nguyen@example.vn" → "a•••@example.vn", wherever it stands in the text."""
    return EMAIL.sub(lambda match: f"{match.group(1)}•••@{match.group(2)}", text or "")


def failed() -> QuerySet[Notice]:
    """Notices that failed for good and were not sent since, newest failure first."""
    return (
        Notice.objects.filter(failed_at__isnull=False, sent_at__isnull=True)
        .select_related("inquiry", "recipient", "recipient__organisation")
        .order_by("-failed_at", "-id")
    )


@dataclass(frozen=True)
class FailedNotice:
    notice: Notice
    step: str
    channel: str
    to_asker: bool
    recipient: str  # the official's name and agency; "" for the asker
    address: str  # masked; "" for a live notice
    error: str  # masked

    @property
    def inquiry(self) -> Any:
        return self.notice.inquiry


def describe(notice: Notice) -> FailedNotice:
    to_asker = notices.for_asker(notice)
    user = notice.recipient
    recipient = ""
    if not to_asker and user is not None:
        name = user.full_name or user.get_username()
        agency = user.organisation.display_name if user.organisation is not None else ""
        recipient = f"{name} ({agency})" if agency else name
    address = mask_emails(notices.address_of(notice)) if notice.channel == NoticeChannel.EMAIL else ""
    return FailedNotice(
        notice=notice,
        step=notices.step_label(notice.reason),
        channel=str(NoticeChannel(notice.channel).label) if notice.channel in NoticeChannel.values else notice.channel,
        to_asker=to_asker,
        recipient=recipient,
        address=address,
        error=mask_emails(notice.last_error),
    )


def _snapshot(notice: Notice) -> dict[str, Any]:
    """What the audit log keeps: the notice's delivery state, never the address."""
    return {
        "inquiry": notice.inquiry.code,
        "recipient": notice.recipient_id,  # an account, or None: the asker's address (not kept here)
        "channel": notice.channel,
        "reason": notice.reason,
        "attempts": notice.attempts,
        "failed_at": notice.failed_at.isoformat() if notice.failed_at else None,
        "last_error": mask_emails(notice.last_error)[:500],
    }


@transaction.atomic
def retry(actor: Any, notice: Notice) -> Notice:
    """Send a failed notice again: a fresh round of attempts, from the next sending round."""
    if not access.can_manage_notices(actor):
        raise PermissionDenied(ONLY_CENTRE)
    notice = Notice.objects.select_for_update(of=("self",)).select_related("inquiry").get(pk=notice.pk)
    if notice.sent_at is not None:
        raise DomainError(_("Thông báo này đã được gửi."))
    if notice.failed_at is None:
        raise DomainError(_("Thông báo này không bị lỗi: hệ thống vẫn đang gửi."))
    before = _snapshot(notice)
    notice.failed_at = notice.next_attempt_at = notice.claimed_at = None
    notice.claim_token, notice.attempts = "", 0
    notice.save(update_fields=["failed_at", "next_attempt_at", "claimed_at", "claim_token", "attempts"])
    record(
        actor,
        "inquiry.notice_retry",
        notice,
        summary=f"{notice.inquiry.code}: {notices.step_label(notice.reason)}",
        before=before,
        after={**_snapshot(notice), "retried_at": timezone.now().isoformat()},
    )
    notices.queued()  # a sender wakes after commit
    return notice
