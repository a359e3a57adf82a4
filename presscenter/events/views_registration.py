"""Registration pages. The journalist's: the register form (with crew rows) and "Sự kiện của tôi"
(their registrations and invitations, cancel). The organiser's: the registrations of an event
with the seat counts, approve / reject / revoke, the invite form, the attendee list as CSV.
Each checks access, then calls the domain; a refusal comes back on the page, nothing changed."""

from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from presscenter.accounts import roles
from presscenter.core.errors import DomainError
from presscenter.core.forms import add_domain_error
from presscenter.core.screens import attempt, forbidden, staff_screen
from presscenter.events import access, invitations, registration
from presscenter.events.forms_registration import InviteForm, ReasonForm, crew_formset, crew_of
from presscenter.events.models import (
    LIVE_REGISTRATION_STATES,
    Event,
    Invitation,
    Registration,
    RegistrationStatus,
)
from presscenter.inquiries.exports import csv_stream
from presscenter.workspace.access import can_use_workspace

PAGE_SIZE = 50


# The journalist's pages -------------------------------------------------------------------------


def _visible(user: Any, slug: str) -> Event:
    event = Event.objects.select_related("room", "room__venue", "venue").filter(slug=slug).first()
    if event is None or not access.can_view(user, event):
        raise Http404
    return event


@login_required
def register(request: HttpRequest, slug: str) -> HttpResponse:
    event = _visible(request.user, slug)
    mine = registration.my_registration(request.user, event)
    if mine is not None:
        messages.info(request, str(_("Bạn đã đăng ký tham dự sự kiện này.")))
        return redirect("events_registration:mine")
    refused = ""
    try:
        registration.check_may_register(request.user, event)
    except DomainError as refusal:
        refused = str(refusal.message)
    formset = crew_formset(event.max_crew, request.POST if request.method == "POST" else None)
    error = ""
    if request.method == "POST" and not refused and formset.is_valid():
        try:
            made = registration.register(request.user, event, crew=crew_of(formset))
        except DomainError as failure:
            error = str(failure.message)
        else:
            told: dict[str, Any] = {
                RegistrationStatus.APPROVED: _("Đăng ký thành công: vé vào cửa đã được gửi vào thư điện tử của bạn."),
                RegistrationStatus.PENDING: _("Đã nhận đăng ký; ban tổ chức sẽ duyệt và báo cho bạn."),
                RegistrationStatus.WAITLISTED: _("Sự kiện đã hết chỗ: bạn ở trong danh sách chờ."),
            }
            messages.success(request, str(told.get(made.status, made.get_status_display())))
            return redirect("events_registration:mine")
    left = registration.seats(event).left
    status = 403 if refused and request.method == "POST" else 200
    context = {"event": event, "formset": formset, "refused": refused, "error": error, "seats_left": left}
    return render(request, "events/registration/register.html", context, status=status)


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    if not roles.is_journalist(request.user):
        return forbidden(request, _("Trang này dành cho nhà báo."))
    rows = (
        Registration.objects.filter(journalist=request.user.pk)
        .select_related("event")
        .annotate(ticket_count=Count("tickets"))
        .order_by("-event__starts_at", "-id")
    )
    registered = set(rows.filter(status__in=LIVE_REGISTRATION_STATES).values_list("event_id", flat=True))
    invited = (
        Invitation.objects.filter(journalist=request.user.pk, event__ends_at__gt=timezone.now())
        .exclude(event_id__in=registered)
        .select_related("event")
        .order_by("event__starts_at")
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("trang"))
    context = {"page": page, "invitations": invited, "live": LIVE_REGISTRATION_STATES, "now": timezone.now()}
    return render(request, "events/registration/mine.html", context)


@require_POST
@login_required
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    own = get_object_or_404(Registration, pk=pk, journalist=request.user)
    attempt(request, lambda: registration.cancel(request.user, own), _("Đã hủy đăng ký."))
    return redirect("events_registration:mine")


# The organiser's pages --------------------------------------------------------------------------


def _managed(user: Any, pk: int) -> Event:
    event = get_object_or_404(Event, pk=pk)
    if not access.can_manage(user, event):
        raise Http404
    return event


TABS = [
    ("", _("Tất cả")),
    (RegistrationStatus.APPROVED, RegistrationStatus.APPROVED.label),
    (RegistrationStatus.PENDING, RegistrationStatus.PENDING.label),
    (RegistrationStatus.WAITLISTED, RegistrationStatus.WAITLISTED.label),
    ("closed", _("Đã hủy, từ chối, thu hồi")),
]


@staff_screen(can_use_workspace)
def registrations(request: HttpRequest, pk: int) -> HttpResponse:
    event = _managed(request.user, pk)
    tab = request.GET.get("trang-thai", "")
    rows = Registration.objects.filter(event=event).select_related("journalist").prefetch_related("crew")
    if tab == "closed":
        rows = rows.exclude(status__in=LIVE_REGISTRATION_STATES)
    elif tab in RegistrationStatus.values:
        rows = rows.filter(status=tab)
    else:
        tab = ""
    page = Paginator(rows.order_by("created_at", "id"), PAGE_SIZE).get_page(request.GET.get("trang"))
    context = {
        "event": event,
        "page": page,
        "tab": tab,
        "tabs": TABS,
        "seats": registration.seats(event),
        "reason_form": ReasonForm(),
        "query": f"trang-thai={tab}" if tab else "",
    }
    return render(request, "events/registration/work_list.html", context)


DECISIONS = {
    "duyet": (lambda user, reg, reason: registration.approve(user, reg), _("Đã chấp nhận đăng ký."), False),
    "tu-choi": (lambda user, reg, reason: registration.reject(user, reg, reason=reason), _("Đã từ chối."), True),
    "thu-hoi": (lambda user, reg, reason: registration.revoke(user, reg, reason=reason), _("Đã thu hồi."), True),
}


@require_POST
@staff_screen(can_use_workspace)
def decide(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in DECISIONS:
        raise Http404
    chosen = get_object_or_404(Registration.objects.select_related("event"), pk=pk)
    if not access.can_manage(request.user, chosen.event):
        raise Http404
    run, success, needs_reason = DECISIONS[action]
    reason = ""
    if needs_reason:
        form = ReasonForm(request.POST)
        if not form.is_valid():
            messages.error(request, str(_("Hãy nêu lý do (tối đa 2.000 ký tự).")))
            return redirect("events_registrations_work:list", chosen.event_id)
        reason = form.cleaned_data["reason"]
    attempt(request, lambda: run(request.user, chosen, reason), success)
    return redirect("events_registrations_work:list", chosen.event_id)


@staff_screen(can_use_workspace)
def invite(request: HttpRequest, pk: int) -> HttpResponse:
    event = _managed(request.user, pk)
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            made = invitations.invite(request.user, event, **form.choice())
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, str(_("Đã mời %(count)s nhà báo.") % {"count": len(made)}))
            return redirect("events_registrations_work:list", event.pk)
    invited = Invitation.objects.filter(event=event).count()
    context = {"event": event, "form": form, "invited": invited}
    return render(request, "events/registration/invite.html", context, status=400 if form.errors else 200)


def attendee_rows(event: Event) -> Any:
    """One row per person with a seat: the journalist, then each crew member."""
    approved = (
        Registration.objects.filter(event=event, status__in=[RegistrationStatus.APPROVED, RegistrationStatus.PENDING])
        .select_related("journalist")
        .prefetch_related(Prefetch("crew"), Prefetch("tickets"))
        .order_by("outlet_name", "created_at", "id")
    )
    for reg in approved.iterator(chunk_size=500):
        codes = {ticket.crew_member_id: ticket.code for ticket in reg.tickets.all()}
        status = str(reg.get_status_display())
        yield [
            reg.journalist.full_name or reg.journalist.get_username(),
            str(_("Nhà báo")),
            reg.outlet_name,
            reg.journalist.email,
            status,
            codes.get(None, ""),
        ]
        for member in reg.crew.all():
            yield [
                member.full_name,
                str(member.get_role_display()),
                reg.outlet_name,
                "",
                status,
                codes.get(member.pk, ""),
            ]


@staff_screen(can_use_workspace)
def export(request: HttpRequest, pk: int) -> HttpResponse:
    event = _managed(request.user, pk)
    header = [
        str(_("Họ và tên")),
        str(_("Nhiệm vụ")),
        str(_("Cơ quan báo chí")),
        str(_("Thư điện tử")),
        str(_("Trạng thái")),
        str(_("Mã vé")),
    ]
    response = StreamingHttpResponse(csv_stream(header, attendee_rows(event)), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="dang-ky-{event.pk}.csv"'
    return cast(HttpResponse, response)  # streamed: staff_screen passes it through unchanged
