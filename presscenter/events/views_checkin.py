"""Tickets and the door: a journalist's tickets (QR codes to show or forward to the crew), the
mobile check-in page with its JSON endpoints (the page's offline queue posts here, session +
CSRF), and attendance per outlet with its CSV."""

import csv
import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST
from pydantic import ValidationError

from presscenter.core.errors import PermissionDenied
from presscenter.core.screens import forbidden
from presscenter.events import access, checkin, tickets
from presscenter.events.api_checkin import MAX_BATCH, CheckinBatchIn, admit_all
from presscenter.events.models import Event, Registration, RegistrationStatus, Ticket
from presscenter.inquiries.exports import neutralise

MAX_BODY = 256 * 1024
# The door's list: events from the start of yesterday (a long evening) to a week ahead.
DOOR_DAYS_BACK = 1
DOOR_DAYS_AHEAD = 7


def _ticket_rows() -> Any:
    return Ticket.objects.select_related(
        "registration__event__room__venue", "registration__event__venue", "crew_member"
    )


# The journalist's tickets ------------------------------------------------------------------------


@login_required
def my_tickets(request: HttpRequest) -> HttpResponse:
    """Every ticket of the user's registrations, crew included (the journalist forwards those)."""
    registrations = (
        Registration.objects.filter(journalist_id=request.user.pk)
        .select_related("event__room__venue", "event__venue")
        .prefetch_related(Prefetch("tickets", queryset=Ticket.objects.select_related("crew_member")))
        .order_by("-event__starts_at", "-pk")
    )
    now = timezone.now()
    upcoming = [r for r in registrations if r.event.ends_at >= now]
    past = [r for r in registrations if r.event.ends_at < now]
    upcoming.reverse()  # the next event first
    return render(request, "events/checkin/my_tickets.html", {"upcoming": upcoming, "past": past})


@login_required
def ticket_page(request: HttpRequest, code: str) -> HttpResponse:
    ticket = _ticket_rows().filter(code=code).first()
    if ticket is None or not access.can_view_ticket(request.user, ticket.registration.journalist_id):
        raise Http404(_("Không tìm thấy vé này."))
    registration = ticket.registration
    usable = registration.status == RegistrationStatus.APPROVED and not registration.event.is_cancelled
    return render(
        request,
        "events/checkin/ticket.html",
        {
            "ticket": ticket,
            "registration": registration,
            "event": registration.event,
            "usable": usable,
            "qr": tickets.qr_svg(ticket) if usable else "",
            "payload": tickets.payload(ticket) if usable else "",
        },
    )


# The door --------------------------------------------------------------------------------------


def _scanner_event(request: HttpRequest, pk: int) -> Event:
    event = get_object_or_404(Event.objects.select_related("room__venue", "venue"), pk=pk)
    if not access.can_check_in(request.user, event):
        raise PermissionDenied(_("Bạn không có quyền soát vé sự kiện này."))
    return event


def _door_screen(view: Any) -> Any:
    """Signed in; a user who may not scan this event gets a 403 page (JSON for the endpoints)."""

    def wrapped(request: HttpRequest, pk: int) -> HttpResponse:
        try:
            return view(request, pk)  # type: ignore[no-any-return]
        except PermissionDenied as error:
            if request.headers.get("Accept", "").startswith("application/json"):
                return JsonResponse({"error": str(error.message)}, status=403)
            return forbidden(request, error.message)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return login_required(wrapped)


@login_required
def door_index(request: HttpRequest) -> HttpResponse:
    """The events this user may scan, around today: the door staff's way in on a phone."""
    if not access.can_create(request.user):
        return forbidden(request)
    today = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    events = (
        access.managed_events(request.user)
        .filter(
            ends_at__gte=today - dt.timedelta(days=DOOR_DAYS_BACK),
            starts_at__lt=today + dt.timedelta(days=DOOR_DAYS_AHEAD + 1),
        )
        .select_related("room__venue", "venue")
        .order_by("starts_at", "pk")
    )
    return render(request, "events/checkin/door_index.html", {"events": events})


@_door_screen
def door(request: HttpRequest, pk: int) -> HttpResponse:
    event = _scanner_event(request, pk)
    return render(
        request,
        "events/checkin/door.html",
        {"event": event, "counts": checkin.counts(event), "max_batch": MAX_BATCH},
    )


@_door_screen
@require_POST
def door_scans(request: HttpRequest, pk: int) -> HttpResponse:
    """The page's queue: {"scans": [{"scan_id", "text", "scanned_at"}]}, answered read by read."""
    event = _scanner_event(request, pk)
    if len(request.body) > MAX_BODY:
        return JsonResponse({"error": _("Gói dữ liệu quá lớn.")}, status=413)
    try:
        batch = CheckinBatchIn.model_validate_json(request.body)
    except ValidationError:
        return JsonResponse({"error": _("Dữ liệu lượt quét không đọc được.")}, status=400)
    return JsonResponse(admit_all(request.user, event, batch.scans))


@_door_screen
@require_GET
def door_counts(request: HttpRequest, pk: int) -> HttpResponse:
    return JsonResponse(checkin.counts(_scanner_event(request, pk)))


# Attendance ------------------------------------------------------------------------------------


@_door_screen
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    event = _scanner_event(request, pk)
    return render(request, "events/checkin/attendance.html", {"event": event, "figures": checkin.attendance(event)})


class _Echo:
    def write(self, value: str) -> str:
        return value


CSV_HEADERS = (
    gettext_lazy("Cơ quan báo chí"),
    gettext_lazy("Đăng ký được chấp nhận"),
    gettext_lazy("Số người dự kiến (kể cả người đi cùng)"),
    gettext_lazy("Số người đã vào"),
    gettext_lazy("Trong đó người đi cùng"),
)


@_door_screen
def attendance_csv(request: HttpRequest, pk: int) -> HttpResponseBase:
    event = _scanner_event(request, pk)
    figures = checkin.attendance(event)
    writer = csv.writer(_Echo())

    def rows() -> Iterator[str]:
        yield "\ufeff"  # so spreadsheet programs read UTF-8
        yield writer.writerow([str(h) for h in CSV_HEADERS])
        for outlet in figures.outlets:
            yield writer.writerow(
                [
                    neutralise(outlet.outlet_name),
                    outlet.registrations,
                    outlet.expected,
                    outlet.admitted,
                    outlet.crew_admitted,
                ]
            )
        yield writer.writerow([_("Tổng cộng"), "", figures.expected, figures.admitted, ""])

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="tham-du-su-kien-{event.pk}.csv"'
    return response
