"""Check-in over HTTP, for scanner apps with an API token. Mounted by presscenter/api.py at
/event-checkin.

`POST /{event_id}/scans` records one read and answers what the door shows; `POST
/{event_id}/scans/batch` sends the reads a scanner queued while offline (at most MAX_BATCH),
each answered on its own; `GET /{event_id}/attendance` gives the figures per outlet. A read is
idempotent by its `scan_id`: sent again, it is recorded once and gets the same answer. The
check-in page in the workspace sends its queue through the same batch format (session + CSRF)."""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Router, Schema
from pydantic import Field

from presscenter.accounts.api_auth import PUBLIC_AUTH, caller_of, token_auth
from presscenter.core.api_errors import documented
from presscenter.core.api_schemas import Text
from presscenter.core.errors import DomainError, NotFound, PermissionDenied
from presscenter.events import access, checkin
from presscenter.events.models import Event, ScanResult

router = Router(tags=["event-checkin"], auth=PUBLIC_AUTH)
MAX_BATCH = 200


class CheckinScanIn(Schema):
    scan_id: Text = Field(
        ...,
        min_length=8,
        max_length=64,
        pattern=checkin.SCAN_ID.pattern,
        description="The scanner's own id for this read (a UUID): a read sent again is recorded once.",
    )
    text: Text = Field(..., max_length=500, description="What the QR code (or the typed code) says.")
    scanned_at: dt.datetime | None = Field(
        None,
        description="When the scanner read it (ISO 8601 with an offset); kept when not in the future "
        "and not before the day of the event, else the server's time.",
    )


class CheckinBatchIn(Schema):
    scans: list[CheckinScanIn] = Field(..., min_length=1, max_length=MAX_BATCH)


class CheckinScanOut(Schema):
    scan_id: str
    result: ScanResult
    message: str
    replayed: bool = Field(description="This read had been recorded before; the answer is the same.")
    scanned_at: dt.datetime
    holder_name: str
    outlet_name: str
    role: str
    admitted_at: dt.datetime | None = Field(description="When the ticket got in (this read or an earlier one).")


class CheckinRefusedOut(Schema):
    scan_id: str
    error: str


class CheckinBatchOut(Schema):
    results: list[CheckinScanOut]
    refused: list[CheckinRefusedOut] = Field(description="Reads that could not be recorded (sent again: refused).")
    admitted: int
    expected: int


class CheckinOutletOut(Schema):
    outlet_name: str
    registrations: int
    expected: int
    admitted: int
    crew_admitted: int


class CheckinAttendanceOut(Schema):
    event_id: int
    title: str
    expected: int
    admitted: int
    refused: int
    outlets: list[CheckinOutletOut]


def event_for_scanner(user: Any, event_id: int) -> Event:
    event = Event.objects.filter(pk=event_id).first()
    if event is None or not access.can_view(user, event):
        raise NotFound(_("Không tìm thấy sự kiện này."))
    if not access.can_check_in(user, event):
        raise PermissionDenied(_("Bạn không có quyền soát vé sự kiện này."))
    return event


def admit_all(user: Any, event: Event, scans: list[CheckinScanIn]) -> dict[str, Any]:
    """Each queued read on its own: one refused read does not hold back the others."""
    results, refused = [], []
    for scan in scans:
        try:
            outcome = checkin.admit(user, event, scan.text, scan.scan_id, scan.scanned_at)
        except PermissionDenied:
            raise
        except DomainError as error:
            refused.append({"scan_id": scan.scan_id, "error": str(error.message)})
        else:
            results.append(outcome.as_dict())
    return {"results": results, "refused": refused, **checkin.counts(event)}


@router.post("/{int:event_id}/scans", auth=token_auth, response={200: CheckinScanOut, **documented(403, 404, 422)})
def scan(request: HttpRequest, event_id: int, payload: CheckinScanIn) -> dict[str, Any]:
    caller = caller_of(request)
    event = event_for_scanner(caller.user, event_id)
    caller.check_scope(event.organiser_id)
    return checkin.admit(caller.user, event, payload.text, payload.scan_id, payload.scanned_at).as_dict()


@router.post(
    "/{int:event_id}/scans/batch", auth=token_auth, response={200: CheckinBatchOut, **documented(403, 404, 422)}
)
def scan_batch(request: HttpRequest, event_id: int, payload: CheckinBatchIn) -> dict[str, Any]:
    caller = caller_of(request)
    event = event_for_scanner(caller.user, event_id)
    caller.check_scope(event.organiser_id)
    return admit_all(caller.user, event, payload.scans)


@router.get("/{int:event_id}/attendance", response={200: CheckinAttendanceOut, **documented(403, 404)})
def attendance(request: HttpRequest, event_id: int) -> dict[str, Any]:
    """For the event's organiser and the centre's staff (token or signed-in session)."""
    caller = caller_of(request)
    if not caller.user.is_authenticated:
        raise PermissionDenied(_("Hãy đăng nhập hoặc dùng mã truy cập để xem số liệu tham dự."))
    event = event_for_scanner(caller.user, event_id)
    caller.check_scope(event.organiser_id)
    figures = checkin.attendance(event)
    return {
        "event_id": event.pk,
        "title": event.title,
        "expected": figures.expected,
        "admitted": figures.admitted,
        "refused": figures.refused,
        "outlets": [vars(outlet) for outlet in figures.outlets],
    }
