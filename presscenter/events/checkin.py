"""Admission at the door: a scanned ticket gets in exactly once, however many scanners read it and
however often a scanner resends a read it could not confirm.

- The QR text is checked first (presscenter.events.tickets.read): a forged or altered code is
  refused before any look-up of tickets.
- The admission itself is ONE conditional UPDATE (`checked_in_at IS NULL`): of any number of
  concurrent scans of one ticket, exactly one changes the row; the others see the time it got in.
- Every read is a Scan row, keyed by the scanner's own id for the read (`scan_id`). A read sent
  again after a lost connection finds its row and gets the same answer; two concurrent copies of
  one read collide on the unique key and the loser answers with the winner's row.
- A scanner that was offline sends the time it read the code. That time is kept when it is
  sane (not in the future, not before the day of the event); otherwise the server's time is.
"""

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from presscenter.audit.domain import record
from presscenter.core.errors import DomainError, PermissionDenied
from presscenter.events import access, tickets
from presscenter.events.models import Event, RegistrationStatus, Scan, ScanResult, Ticket

SCAN_ID = re.compile(r"^[A-Za-z0-9._:-]{8,64}$")


@dataclass(frozen=True)
class Outcome:
    """What the door shows for one read."""

    scan_id: str
    result: ScanResult
    scanned_at: dt.datetime
    replayed: bool = False  # this read had been recorded before: the same answer again
    ticket_id: int | None = None
    holder_name: str = ""
    outlet_name: str = ""
    role: str = ""
    admitted_at: dt.datetime | None = None  # when the ticket got in (this read or an earlier one)

    @property
    def message(self) -> str:
        """The sentence the scanner shows, in the active language."""
        if self.result == ScanResult.ALREADY and self.admitted_at is not None:
            return gettext("Vé đã được dùng lúc %(time)s") % {"time": local_time(self.admitted_at)}
        return str(ScanResult(self.result).label)

    def as_dict(self) -> dict[str, Any]:
        return {
            "scan_id": self.scan_id,
            "result": str(self.result),
            "message": self.message,
            "replayed": self.replayed,
            "scanned_at": self.scanned_at,
            "holder_name": self.holder_name,
            "outlet_name": self.outlet_name,
            "role": self.role,
            "admitted_at": self.admitted_at,
        }


def local_time(moment: dt.datetime) -> str:
    return f"{moment.astimezone(ZoneInfo(settings.TIME_ZONE)):%H:%M:%S %d/%m/%Y}"


def check_scan_id(scan_id: str) -> str:
    scan_id = (scan_id or "").strip()
    if not SCAN_ID.fullmatch(scan_id):
        raise DomainError(
            _("Mã lượt quét không hợp lệ: 8 đến 64 ký tự chữ, số, dấu chấm, gạch ngang, gạch dưới hoặc hai chấm."),
            field="scan_id",
        )
    return scan_id


def accepted_time(event: Event, scanned_at: dt.datetime | None, now: dt.datetime) -> dt.datetime:
    """The scanner's time when it is sane, else the server's: not in the future, not before the
    day of the event (in Vietnam's time)."""
    if scanned_at is None:
        return now
    if timezone.is_naive(scanned_at):
        scanned_at = timezone.make_aware(scanned_at, ZoneInfo(settings.TIME_ZONE))
    if scanned_at > now:
        return now
    zone = ZoneInfo(settings.TIME_ZONE)
    first_day = event.starts_at.astimezone(zone).replace(hour=0, minute=0, second=0, microsecond=0)
    if scanned_at < first_day:
        return now
    return scanned_at


def _holder(ticket: Ticket) -> dict[str, Any]:
    crew = ticket.crew_member
    return {
        "ticket_id": ticket.pk,
        "holder_name": ticket.holder_name,
        "outlet_name": ticket.registration.outlet_name,
        "role": str(crew.get_role_display()) if crew else gettext("Phóng viên"),  # type: ignore[attr-defined]
    }


def _tickets() -> QuerySet[Ticket]:
    return Ticket.objects.select_related("registration", "crew_member")


def _replay(scan: Scan) -> Outcome:
    ticket = scan.ticket
    details: dict[str, Any] = _holder(ticket) if ticket is not None else {}
    return Outcome(
        scan_id=scan.scan_id,
        result=ScanResult(scan.result),
        scanned_at=scan.scanned_at,
        replayed=True,
        admitted_at=ticket.checked_in_at if ticket is not None else None,
        **details,
    )


def _earlier(scanner: Any, event: Event, scan_id: str) -> Outcome | None:
    scan = Scan.objects.select_related("ticket__registration", "ticket__crew_member").filter(scan_id=scan_id).first()
    if scan is None:
        return None
    if scan.event_id != event.pk or scan.scanner_id != scanner.pk:
        raise DomainError(_("Mã lượt quét này đã được dùng cho một lượt quét khác."), field="scan_id")
    return _replay(scan)


def admit(
    scanner: Any, event: Event, scanned_text: str, scan_id: str, scanned_at: dt.datetime | None = None
) -> Outcome:
    """Read one ticket at the door of `event` and record the read; admit the ticket if it may
    come in and has not yet. Raises PermissionDenied for a user who may not scan here and
    DomainError for a malformed scan id (nothing is recorded then)."""
    if not access.can_check_in(scanner, event):
        raise PermissionDenied(_("Bạn không có quyền soát vé sự kiện này."))
    if event.is_cancelled:
        raise DomainError(_("Sự kiện đã bị hủy: không soát vé vào cửa."))
    scan_id = check_scan_id(scan_id)
    earlier = _earlier(scanner, event, scan_id)
    if earlier is not None:
        return earlier
    now = timezone.now()
    when = accepted_time(event, scanned_at, now)
    try:
        with transaction.atomic():
            outcome = _read(scanner, event, scanned_text, scan_id, when, now)
    except IntegrityError:
        # The same read arrived twice at once: the other copy is recorded; answer as it did.
        earlier = _earlier(scanner, event, scan_id)
        if earlier is None:
            raise
        return earlier
    return outcome


def _read(scanner: Any, event: Event, text: str, scan_id: str, when: dt.datetime, now: dt.datetime) -> Outcome:
    code = tickets.read(text)
    ticket = _tickets().filter(code=code).first() if code else None
    details: dict[str, Any] = {}
    admitted_at = None
    if ticket is None:
        result = ScanResult.NOT_VALID
    elif ticket.registration.event_id != event.pk:
        result = ScanResult.WRONG_EVENT
    elif ticket.registration.status != RegistrationStatus.APPROVED:
        result = ScanResult.NOT_APPROVED
        details = _holder(ticket)
    else:
        details = _holder(ticket)
        changed = Ticket.objects.filter(pk=ticket.pk, checked_in_at=None).update(
            checked_in_at=when, checked_in_by=scanner
        )
        if changed:
            result, admitted_at = ScanResult.ADMITTED, when
        else:
            result = ScanResult.ALREADY
            admitted_at = Ticket.objects.filter(pk=ticket.pk).values_list("checked_in_at", flat=True).get()
    # A ticket of another event is not linked to this event's records (it is not theirs to see).
    scan = Scan.objects.create(
        event=event,
        ticket=ticket if result != ScanResult.WRONG_EVENT else None,
        result=result,
        scanner=scanner,
        scan_id=scan_id,
        scanned_at=when,
        recorded_at=now,
    )
    if result == ScanResult.ADMITTED:
        assert ticket is not None
        record(
            scanner,
            "ticket.check_in",
            ticket,
            summary=f"{ticket.holder_name} — {event.title}",
            after={"event": event.pk, "scan_id": scan.scan_id, "checked_in_at": when.isoformat()},
        )
    return Outcome(scan_id=scan_id, result=result, scanned_at=when, admitted_at=admitted_at, **details)


# Attendance -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class OutletAttendance:
    outlet_name: str
    registrations: int  # approved registrations
    expected: int  # people on approved registrations (journalists and crew)
    admitted: int  # people who got in
    crew_admitted: int


@dataclass(frozen=True)
class Attendance:
    outlets: list[OutletAttendance]
    expected: int
    admitted: int
    refused: int  # reads refused at the door (any reason but "already in")


def attendance(event: Event) -> Attendance:
    """Per outlet: approved registrations, the people expected (crew included) and admitted."""
    approved = Q(registration__status=RegistrationStatus.APPROVED)
    rows = (
        Ticket.objects.filter(registration__event=event)
        .values("registration__outlet_name")
        .annotate(
            registrations=Count("registration", filter=approved, distinct=True),
            expected=Count("id", filter=approved),
            admitted=Count("id", filter=Q(checked_in_at__isnull=False)),
            crew_admitted=Count("id", filter=Q(checked_in_at__isnull=False, crew_member__isnull=False)),
        )
        .filter(Q(expected__gt=0) | Q(admitted__gt=0))
        .order_by("registration__outlet_name")
    )
    outlets = [
        OutletAttendance(
            outlet_name=row["registration__outlet_name"] or gettext("(không ghi cơ quan báo chí)"),
            registrations=row["registrations"],
            expected=row["expected"],
            admitted=row["admitted"],
            crew_admitted=row["crew_admitted"],
        )
        for row in rows
    ]
    refused = event.scans.exclude(result__in=[ScanResult.ADMITTED, ScanResult.ALREADY]).count()
    return Attendance(
        outlets=outlets,
        expected=sum(o.expected for o in outlets),
        admitted=sum(o.admitted for o in outlets),
        refused=refused,
    )


def counts(event: Event) -> dict[str, int]:
    """The two numbers the door screen shows live: admitted and expected."""
    approved = Q(registration__status=RegistrationStatus.APPROVED)
    figures = Ticket.objects.filter(registration__event=event).aggregate(
        expected=Count("id", filter=approved), admitted=Count("id", filter=Q(checked_in_at__isnull=False))
    )
    return {"admitted": figures["admitted"] or 0, "expected": figures["expected"] or 0}
