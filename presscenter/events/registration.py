"""Journalists registering for an event, and the organiser's decisions.

Seats: a registration holds `seats` (the journalist and each crew member) while it is pending or
approved. Every function that counts seats or frees them first locks the event's row
(SELECT ... FOR UPDATE on PostgreSQL; SQLite's IMMEDIATE transaction serialises writers), so two
journalists registering at once for the last seat take turns and the second one sees the first:
no overbooking however many register at once.

When the seats are taken, a registration joins the waitlist (its order is `created_at`, set
under the lock). A freed seat (a rejection, a revocation, a journalist's cancellation, more
seats) promotes the waitlist in the same transaction, oldest first, as long as the oldest fits;
nobody overtakes the oldest with a smaller party. A promoted registration becomes approved, or
pending when the event's registrations need approval. Each change writes its audit entry and the
journalist's notices (presscenter.events.notices) in the same transaction.

Tickets: one per person (the journalist and each crew member), created when the registration is
approved; a revoked or cancelled registration keeps its tickets and the door refuses them
(presscenter.events.checkin checks that the registration is approved).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from presscenter.accounts import roles
from presscenter.audit.domain import record
from presscenter.core.errors import DomainError, PermissionDenied
from presscenter.events import access, notices, reasons
from presscenter.events.models import (
    LIVE_REGISTRATION_STATES,
    CrewMember,
    CrewRole,
    Event,
    EventStatus,
    Invitation,
    NoticeReason,
    Registration,
    RegistrationStatus,
    Ticket,
    Visibility,
)
from presscenter.press.models import JournalistProfile

MAX_NAME = 200
HOLDING = (RegistrationStatus.PENDING, RegistrationStatus.APPROVED)  # the states that hold seats


@dataclass(frozen=True)
class Crew:
    """A person coming with the journalist, as the form or the API gives them."""

    full_name: str
    role: str


@dataclass(frozen=True)
class Seats:
    capacity: int
    approved: int
    pending: int
    waitlisted: int

    @property
    def taken(self) -> int:
        return self.approved + self.pending

    @property
    def left(self) -> int:
        return max(self.capacity - self.taken, 0)


def seats(event: Event) -> Seats:
    """Seats held per state (people, crew included), in one query."""
    rows = (
        Registration.objects.filter(event=event, status__in=[*HOLDING, RegistrationStatus.WAITLISTED])
        .values("status")
        .annotate(people=Sum("seats"))
    )
    held = {row["status"]: row["people"] or 0 for row in rows}
    return Seats(
        capacity=event.capacity,
        approved=held.get(RegistrationStatus.APPROVED, 0),
        pending=held.get(RegistrationStatus.PENDING, 0),
        waitlisted=held.get(RegistrationStatus.WAITLISTED, 0),
    )


def _taken(event: Event) -> int:
    total = Registration.objects.filter(event=event, status__in=HOLDING).aggregate(people=Sum("seats"))["people"]
    return int(total or 0)


def _lock(event: Event) -> Event:
    return Event.objects.select_for_update().get(pk=event.pk)


def _clean_crew(event: Event, crew: Sequence[Crew]) -> list[Crew]:
    cleaned = []
    for member in crew:
        name = (member.full_name or "").strip()
        if not name:
            raise DomainError(_("Hãy nhập họ và tên của từng người đi cùng."), field="crew")
        if len(name) > MAX_NAME:
            raise DomainError(_("Họ và tên dài quá %(limit)s ký tự.") % {"limit": MAX_NAME}, field="crew")
        if member.role not in CrewRole.values:
            raise DomainError(_("Nhiệm vụ của người đi cùng không hợp lệ."), field="crew")
        cleaned.append(Crew(full_name=name, role=member.role))
    if len(cleaned) > event.max_crew:
        raise DomainError(
            _("Sự kiện này nhận tối đa %(count)s người đi cùng mỗi nhà báo.") % {"count": event.max_crew},
            field="crew",
        )
    return cleaned


def why_closed(event: Event, now: Any = None) -> str:
    """Why this event takes no registration now ("" when it does)."""
    now = now or timezone.now()
    if not event.takes_registrations:
        return str(_("Sự kiện này không nhận đăng ký tham dự."))
    if event.status == EventStatus.CANCELLED:
        return str(_("Sự kiện đã bị hủy."))
    if event.ends_at <= now:
        return str(_("Sự kiện đã kết thúc."))
    if event.registration_closes_at is not None and event.registration_closes_at <= now:
        return str(_("Đã hết hạn đăng ký tham dự sự kiện này."))
    return ""


def check_may_register(user: Any, event: Event, *, invited: bool | None = None) -> None:
    """Refuse, with the reason, a user who may not register for this event (`invited`: whether
    they have an invitation, when the caller knows already)."""
    if not roles.is_journalist(user):
        raise PermissionDenied(_("Chỉ nhà báo có tài khoản trên Cổng mới đăng ký tham dự sự kiện."))
    if event.accredited_only and not roles.is_accredited_journalist(user):
        raise PermissionDenied(
            _("Sự kiện này chỉ dành cho nhà báo đã được Trung tâm cấp thẻ tác nghiệp; thẻ của bạn chưa được duyệt.")
        )
    closed = why_closed(event)
    if closed:
        raise DomainError(closed)
    if invited is None and event.visibility == Visibility.INVITED:
        invited = Invitation.objects.filter(event=event, journalist=user).exists()
    if event.visibility == Visibility.INVITED and not invited:
        raise PermissionDenied(_("Sự kiện này chỉ dành cho khách mời; bạn chưa được mời."))


def _outlet(user: Any) -> tuple[int | None, str]:
    """The journalist's outlet (id, name): from the loaded profile, else in one query."""
    cached = user._state.fields_cache.get("journalist") if hasattr(user, "_state") else None
    if cached is not None and "outlet" in cached._state.fields_cache:
        return cached.outlet_id, cached.outlet.name
    found = JournalistProfile.objects.filter(user=user).values_list("outlet_id", "outlet__name").first()
    return (found[0], found[1]) if found else (None, "")


def _snapshot(registration: Registration) -> dict[str, Any]:
    return {"status": registration.status, "seats": registration.seats, "reason": registration.status_reason}


def holder_name(user: Any) -> str:
    return (user.full_name or user.get_username())[:MAX_NAME]


@transaction.atomic
def register(user: Any, event: Event, *, crew: Sequence[Crew] = ()) -> Registration:
    """A journalist registers (with their crew): approved, pending approval, or waitlisted.

    One round trip locks the event's row and reads the journalist's invitation and live
    registration with it; the seats are counted under that lock, so concurrent registrations
    take turns for as short a time as possible."""
    outlet_id, outlet_name = _outlet(user)
    event = (
        Event.objects.select_for_update(of=("self",))
        .annotate(
            is_invited=Exists(Invitation.objects.filter(event=OuterRef("pk"), journalist=user)),
            is_registered=Exists(
                Registration.objects.filter(event=OuterRef("pk"), journalist=user, status__in=LIVE_REGISTRATION_STATES)
            ),
        )
        .get(pk=event.pk)
    )
    invited = bool(event.is_invited)  # type: ignore[attr-defined]
    check_may_register(user, event, invited=invited)
    members = _clean_crew(event, crew)
    needed = 1 + len(members)
    if event.is_registered:  # type: ignore[attr-defined]
        raise DomainError(_("Bạn đã đăng ký tham dự sự kiện này rồi."))
    held = Registration.objects.filter(event=event).aggregate(
        taken=Sum("seats", filter=Q(status__in=HOLDING)),
        waiting=Count("id", filter=Q(status=RegistrationStatus.WAITLISTED)),
    )
    if held["waiting"] or (held["taken"] or 0) + needed > event.capacity:
        status = RegistrationStatus.WAITLISTED
    elif event.needs_approval:
        status = RegistrationStatus.PENDING
    else:
        status = RegistrationStatus.APPROVED
    registration = Registration(
        event=event,
        journalist=user,
        outlet_id=outlet_id,
        outlet_name=outlet_name,
        status=status,
        seats=needed,
        invited=invited,
        created_at=timezone.now(),  # under the event's lock: the waitlist's order
    )
    try:
        # No savepoint of its own: on a conflict the whole registration is rolled back anyway.
        with transaction.atomic(savepoint=False):
            registration.save(force_insert=True)
    except IntegrityError as error:  # the partial unique index: one live registration per journalist
        raise DomainError(_("Bạn đã đăng ký tham dự sự kiện này rồi.")) from error
    crew_members = CrewMember.objects.bulk_create(
        [CrewMember(registration=registration, full_name=m.full_name, role=m.role) for m in members]
    )
    if status == RegistrationStatus.APPROVED:
        _issue_tickets(registration, crew_members)
    record(user, "event.register", registration, summary=event.title, after=_snapshot(registration))
    reason = {
        RegistrationStatus.APPROVED: NoticeReason.APPROVED,
        RegistrationStatus.PENDING: NoticeReason.PENDING,
        RegistrationStatus.WAITLISTED: NoticeReason.WAITLISTED,
    }[RegistrationStatus(status)]
    notices.tell_registrant(registration, reason)
    return registration


def _issue_tickets(registration: Registration, crew: Sequence[CrewMember] | None = None) -> None:
    """One ticket per person: the journalist's, then each crew member's. `crew` when the caller
    has just written them (a new registration); else read, and nothing if tickets exist."""
    if crew is None:
        if registration.tickets.exists():
            return
        crew = list(registration.crew.all())
    now = timezone.now()
    tickets = [Ticket(registration=registration, holder_name=holder_name(registration.journalist), created_at=now)]
    tickets += [
        Ticket(registration=registration, crew_member=member, holder_name=member.full_name, created_at=now)
        for member in crew
    ]
    Ticket.objects.bulk_create(tickets)


def _decide(
    actor: Any, registration: Registration, allowed: set[str], *, manage: bool = True
) -> tuple[Event, Registration]:
    """Lock the event, check the actor runs it, then re-read the registration and check the
    decision is possible in its state."""
    event = _lock(registration.event)
    if manage and not access.can_manage(actor, event):
        raise PermissionDenied(_("Bạn không quản lý sự kiện này."))
    if event.status == EventStatus.CANCELLED:
        raise DomainError(_("Sự kiện đã bị hủy."))
    if event.ends_at <= timezone.now():
        raise DomainError(_("Sự kiện đã kết thúc."))
    registration = Registration.objects.select_related("journalist").get(pk=registration.pk)
    if registration.status not in allowed:
        raise DomainError(
            _("Đăng ký đang ở trạng thái “%(status)s”: không thể làm việc này.")
            % {"status": registration.get_status_display()}
        )
    return event, registration


def _set(registration: Registration, actor: Any, status: str, reason: str = "") -> None:
    registration.status, registration.status_reason = status, reason
    registration.decided_by, registration.decided_at = actor, timezone.now()
    registration.save(update_fields=["status", "status_reason", "decided_by", "decided_at", "updated_at"])


def _change(actor: Any, registration: Registration, status: str, action: str, summary: str, reason: str = "") -> None:
    """Set the state, record it in the audit chain and tell the journalist (why, if given)."""
    before = _snapshot(registration)
    _set(registration, actor, status, reason)
    record(actor, action, registration, summary=summary, before=before, after=_snapshot(registration))
    told = NoticeReason.CANCELLED_BY_YOU if status == RegistrationStatus.CANCELLED else NoticeReason(status)
    notices.tell_registrant(registration, told, text=reason)


@transaction.atomic
def approve(actor: Any, registration: Registration) -> Registration:
    event, registration = _decide(actor, registration, {RegistrationStatus.PENDING})
    _change(actor, registration, RegistrationStatus.APPROVED, "event.registration.approve", event.title)
    _issue_tickets(registration)
    return registration


def _refuse(actor: Any, registration: Registration, allowed: set[str], status: str, reason: str) -> Registration:
    """Reject or revoke with the organiser's reason; the freed seats go to the waitlist."""
    event, registration = _decide(actor, registration, allowed)
    reason = reasons.required(reason)
    action = "event.registration.reject" if status == RegistrationStatus.REJECTED else "event.registration.revoke"
    _change(actor, registration, status, action, reason, reason)
    _promote(actor, event)
    return registration


@transaction.atomic
def reject(actor: Any, registration: Registration, *, reason: str) -> Registration:
    """Refuse a pending or waitlisted registration."""
    allowed: set[str] = {RegistrationStatus.PENDING, RegistrationStatus.WAITLISTED}
    return _refuse(actor, registration, allowed, RegistrationStatus.REJECTED, reason)


@transaction.atomic
def revoke(actor: Any, registration: Registration, *, reason: str) -> Registration:
    """Withdraw an approved registration: its tickets no longer admit, its seats are freed."""
    return _refuse(actor, registration, {RegistrationStatus.APPROVED}, RegistrationStatus.REVOKED, reason)


@transaction.atomic
def cancel(user: Any, registration: Registration) -> Registration:
    """The journalist withdraws their own registration (whatever its live state)."""
    if registration.journalist_id != getattr(user, "pk", None) or not roles.is_active(user):
        raise PermissionDenied(_("Bạn chỉ có thể hủy đăng ký của chính mình."))
    event, registration = _decide(user, registration, set(LIVE_REGISTRATION_STATES), manage=False)
    _change(user, registration, RegistrationStatus.CANCELLED, "event.registration.cancel", event.title)
    _promote(user, event)
    return registration


def _promote(actor: Any, event: Event) -> list[Registration]:
    """Give free seats to the waitlist, oldest first, while the oldest fits. The caller holds the
    event's lock."""
    if event.status == EventStatus.CANCELLED or event.ends_at <= timezone.now():
        return []
    free = event.capacity - _taken(event)
    promoted: list[Registration] = []
    waitlist = Registration.objects.filter(event=event, status=RegistrationStatus.WAITLISTED).select_related(
        "journalist"
    )
    for registration in waitlist.order_by("created_at", "id"):
        if registration.seats > free:
            break
        free -= registration.seats
        status = RegistrationStatus.PENDING if event.needs_approval else RegistrationStatus.APPROVED
        before = _snapshot(registration)
        registration.status, registration.decided_at = status, timezone.now()
        registration.save(update_fields=["status", "decided_at", "updated_at"])
        if status == RegistrationStatus.APPROVED:
            _issue_tickets(registration)
        record(
            actor,
            "event.registration.promote",
            registration,
            summary=event.title,
            before=before,
            after=_snapshot(registration),
        )
        notices.tell_registrant(registration, NoticeReason.PROMOTED)
        promoted.append(registration)
    return promoted


@transaction.atomic
def promote_waitlist(actor: Any, event: Event) -> list[Registration]:
    """Fill the seats that are free (after the event's capacity was raised): called by the
    event's own change (domain.update_event) in its transaction; safe to call at any time."""
    return _promote(actor, _lock(event))


def my_registration(user: Any, event: Event) -> Registration | None:
    """The journalist's live registration for this event, if any."""
    if not roles.is_journalist(user):
        return None
    return Registration.objects.filter(event=event, journalist=user, status__in=LIVE_REGISTRATION_STATES).first()
