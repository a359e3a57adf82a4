"""Inquiry notices that could not be sent, over HTTP, for the centre's staff: the list and "send
again". Mounted by presscenter/api.py at /operator/inquiry-notices; the same rules as the screen
(presscenter.inquiries.failed_notices): who the notice was for without their full address."""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from presscenter.accounts.api_auth import Caller, caller_of
from presscenter.core.api_errors import documented
from presscenter.core.api_schemas import Page, PageQuery, paginate
from presscenter.core.errors import NotFound, PermissionDenied
from presscenter.inquiries import access, failed_notices
from presscenter.inquiries.api import READ_AUTH, WRITE_AUTH
from presscenter.inquiries.models import Notice

router = Router(tags=["inquiry notices"])


class InquiryFailedNoticeOut(Schema):
    id: int
    inquiry: str  # its tracking code
    step: str  # what the notice reports, in words
    reason: str  # the timeline step's code
    channel: str
    channel_label: str
    to_asker: bool
    recipient: str  # the official's name and agency; empty for the asker
    address: str  # e-mail address, masked; empty for a live notice
    error: str  # why it failed (addresses in it masked)
    attempts: int
    failed_at: dt.datetime


def _staff(request: HttpRequest) -> Caller:
    caller = caller_of(request)
    if caller.organisation_id is not None or not access.can_manage_notices(caller.user):
        raise PermissionDenied(failed_notices.ONLY_CENTRE)
    return caller


def notice_out(notice: Notice) -> dict[str, Any]:
    row = failed_notices.describe(notice)
    return {
        "id": notice.pk,
        "inquiry": notice.inquiry.code,
        "step": row.step,
        "reason": notice.reason,
        "channel": notice.channel,
        "channel_label": row.channel,
        "to_asker": row.to_asker,
        "recipient": row.recipient,
        "address": row.address,
        "error": row.error,
        "attempts": notice.attempts,
        "failed_at": notice.failed_at,
    }


@router.get("/failed", response={200: Page[InquiryFailedNoticeOut], **documented(403)}, auth=READ_AUTH)
def list_failed(request: HttpRequest, paging: PageQuery) -> dict[str, Any]:
    _staff(request)
    return paginate(request, failed_notices.failed(), paging, notice_out)


@router.post("/{notice_id}/retry", response={200: InquiryFailedNoticeOut, **documented(403, 404, 409)}, auth=WRITE_AUTH)
def retry(request: HttpRequest, notice_id: int) -> dict[str, Any]:
    """Send a failed notice again. The answer is the notice as it was listed, now queued."""
    caller = _staff(request)
    notice = (
        Notice.objects.select_related("inquiry", "recipient", "recipient__organisation").filter(pk=notice_id).first()
    )
    if notice is None:
        raise NotFound(failed_notices.NOT_FOUND)
    listed = notice_out(notice)
    retried = failed_notices.retry(caller.user, notice)
    return {**listed, "attempts": retried.attempts}
