"""Personal notices to journalists about events: an outbox (EventNotice) written in the
transaction of what it reports, sent by a worker with the claim, lease and retry machinery
shared with the inquiries' notices (presscenter.delivery.personal).

Who hears what, on e-mail (when the account has an address) and in the live notification centre:
- an invited journalist: the invitation;
- a registrant: registered (approved, pending, waitlisted), approved, promoted from the
  waitlist, rejected or revoked (with the organiser's reason), their own cancellation;
- every live registrant and every invited journalist: each change of the event a calendar must
  show, its confirmation, postponement and cancellation (`on_event_change`, registered with
  presscenter.events.domain.on_change, so it is written inside the change's transaction);
- approved registrants: a reminder the day before (`queue_reminders`, run by the clock).

An approval (and a reminder) carries the tickets: each as a QR code in a PNG attachment and a
link to the ticket's page (/su-kien/ve/<code>/). Each notice is rendered when sent, in the
reader's language, from the event as it is then.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext

from presscenter.accounts.models import User
from presscenter.core.context import site_name
from presscenter.delivery.personal import EMAIL, LIVE, PersonalOutbox
from presscenter.events import tickets as qr
from presscenter.events.models import (
    LIVE_REGISTRATION_STATES,
    Event,
    EventMode,
    EventNotice,
    EventStatus,
    NoticeReason,
    Registration,
    RegistrationStatus,
    Ticket,
)
from presscenter.live import domain as live
from presscenter.mail.sender import message_id

REMIND_AHEAD = dt.timedelta(days=1)
TICKET_PATH = "/su-kien/ve/{code}/"  # the journalist's ticket page (presscenter.events checkin pages)

OUTBOX = PersonalOutbox(
    EventNotice,
    name="presscenter.events.notices",
    related=("event", "event__room", "event__venue", "registration", "recipient"),
)
on_queued = OUTBOX.on_queued

# Which change of the event (domain.on_change) is told as which notice.
CHANGES = {
    "updated": NoticeReason.UPDATED,
    "confirmed": NoticeReason.CONFIRMED,
    "postponed": NoticeReason.POSTPONED,
    "cancelled": NoticeReason.CANCELLED,
}


# Writing (inside the domain's transactions) -----------------------------------------------------


def _write(
    event: Event, users: Iterable[Any], reason: str, key: str, *, registration: Any = None, text: str = ""
) -> None:
    rows = []
    now = timezone.now()
    for user in users:
        channels = [LIVE, EMAIL] if user.email else [LIVE]
        rows += [
            EventNotice(
                event=event,
                registration=registration,
                channel=channel,
                recipient=user,
                reason=reason,
                text=text,
                key=f"{key}:{user.pk}:{channel}"[:200],
                created_at=now,
            )
            for channel in channels
        ]
    if rows:
        EventNotice.objects.bulk_create(rows, ignore_conflicts=True)
        OUTBOX.queued()


def tell_registrant(registration: Registration, reason: str, *, text: str = "") -> None:
    _write(
        registration.event,
        [registration.journalist],
        reason,
        f"reg:{registration.pk}:{reason}",
        registration=registration,
        text=text,
    )


def tell_invited(event: Event, users: Iterable[Any]) -> None:
    _write(event, users, NoticeReason.INVITED, f"inv:{event.pk}")


def audience(event: Event) -> list[Any]:
    """Everyone who must hear of a change: the live registrants and the invited journalists."""
    registered = Q(event_registrations__event=event, event_registrations__status__in=LIVE_REGISTRATION_STATES)
    invited = Q(event_invitations__event=event)
    return list(User.objects.filter(registered | invited, is_active=True).distinct().order_by("pk"))


def on_event_change(actor: Any, event: Event, change: str, before: dict[str, Any]) -> None:
    """domain.on_change: tell every live registrant and invited journalist, in the same transaction."""
    reason = CHANGES.get(change)
    if reason is None:
        return
    text = event.status_reason if change in ("postponed", "cancelled") else ""
    _write(event, audience(event), reason, f"chg:{event.pk}:{event.sequence}:{change}", text=text)


def queue_reminders(now: dt.datetime | None = None) -> int:
    """Remind approved registrants of the events that start within a day (once per registration
    and start time: a postponed event is reminded again). Returns how many notices were new."""
    now = now or timezone.now()
    soon = Event.objects.filter(starts_at__gt=now, starts_at__lte=now + REMIND_AHEAD).exclude(
        status=EventStatus.CANCELLED
    )
    registrations = Registration.objects.filter(event__in=soon, status=RegistrationStatus.APPROVED).select_related(
        "event", "journalist"
    )
    rows = []
    for registration in registrations:
        user, event = registration.journalist, registration.event
        if not user.is_active:
            continue
        for channel in [LIVE, EMAIL] if user.email else [LIVE]:
            key = f"rem:{registration.pk}:{int(event.starts_at.timestamp())}:{user.pk}:{channel}"
            rows.append(
                EventNotice(
                    event=event,
                    registration=registration,
                    channel=channel,
                    recipient=user,
                    reason=NoticeReason.REMINDER,
                    key=key,
                    created_at=now,
                )
            )
    if not rows:
        return 0
    known = set(EventNotice.objects.filter(key__in=[row.key for row in rows]).values_list("key", flat=True))
    new = [row for row in rows if row.key not in known]
    EventNotice.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


# Rendering --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rendered:
    subject: str
    title: str  # the live notification's line
    text: str
    html: str
    link: str  # a path on the site
    tickets: list[Ticket]


def when(moment: dt.datetime | None) -> str:
    return date_format(timezone.localtime(moment), "H:i d/m/Y") if moment else ""


def place(event: Event) -> str:
    if event.mode == EventMode.ONLINE:
        return gettext("Trực tuyến")
    if event.room is not None:
        return f"{event.room.name}, {event.room.venue.name}"
    return event.venue.name if event.venue is not None else ""


def headline(notice: EventNotice) -> str:
    values = {"title": notice.event.title, "when": when(notice.event.starts_at)}
    registration = notice.registration
    promoted_to = registration.status if registration is not None else ""
    messages: dict[str, str] = {
        NoticeReason.INVITED: gettext("Bạn được mời tham dự “%(title)s” lúc %(when)s."),
        NoticeReason.PENDING: gettext("Đăng ký tham dự “%(title)s” của bạn đã được ghi nhận và đang chờ duyệt."),
        NoticeReason.WAITLISTED: gettext(
            "Sự kiện “%(title)s” đã hết chỗ: bạn ở trong danh sách chờ và sẽ được báo ngay khi có chỗ."
        ),
        NoticeReason.APPROVED: gettext("Đăng ký tham dự “%(title)s” của bạn đã được chấp nhận. Vé vào cửa kèm theo."),
        NoticeReason.REJECTED: gettext("Đăng ký tham dự “%(title)s” của bạn không được chấp nhận."),
        NoticeReason.REVOKED: gettext("Đăng ký tham dự “%(title)s” của bạn đã bị thu hồi; vé không còn giá trị."),
        NoticeReason.CANCELLED_BY_YOU: gettext("Bạn đã hủy đăng ký tham dự “%(title)s”."),
        NoticeReason.UPDATED: gettext("Sự kiện “%(title)s” có thay đổi. Thời gian: %(when)s."),
        NoticeReason.CONFIRMED: gettext("Sự kiện “%(title)s” đã được xác nhận, diễn ra lúc %(when)s."),
        NoticeReason.POSTPONED: gettext("Sự kiện “%(title)s” được hoãn, dời lịch."),
        NoticeReason.CANCELLED: gettext("Sự kiện “%(title)s” đã bị hủy."),
        NoticeReason.REMINDER: gettext("Nhắc lịch: “%(title)s” diễn ra lúc %(when)s. Vé vào cửa kèm theo."),
    }
    if notice.reason == NoticeReason.PROMOTED:
        if promoted_to == RegistrationStatus.PENDING:
            message = gettext("Đã có chỗ cho bạn tại “%(title)s”: đăng ký của bạn được chuyển sang chờ duyệt.")
        else:
            message = gettext("Đã có chỗ cho bạn tại “%(title)s”: đăng ký của bạn được chấp nhận. Vé vào cửa kèm theo.")
    else:
        message = messages.get(notice.reason, "%(title)s")
    return message % values


def _with_tickets(notice: EventNotice) -> list[Ticket]:
    registration = notice.registration
    if registration is None or registration.status != RegistrationStatus.APPROVED:
        return []
    if notice.reason not in (NoticeReason.APPROVED, NoticeReason.PROMOTED, NoticeReason.REMINDER):
        return []
    return list(registration.tickets.select_related("crew_member"))


def render(notice: EventNotice) -> Rendered:
    event = notice.event
    language = "en" if notice.recipient.language == "en" else "vi"
    with translation.override(language):
        link = reverse("events_registration:mine")
        tickets = _with_tickets(notice)
        context: dict[str, Any] = {
            "headline": headline(notice),
            "event": event,
            "when": when(event.starts_at),
            "ends": when(event.ends_at),
            "place": place(event),
            "livestream_url": event.livestream_url,
            "reason_text": notice.text,
            "reason": notice.reason,
            "link": settings.SITE_URL + link,
            "tickets": [
                {
                    "holder": t.holder_name,
                    "url": settings.SITE_URL + TICKET_PATH.format(code=t.code),
                    "file": f"ve-{index}.png",
                }
                for index, t in enumerate(tickets, start=1)
            ],
            "site_name": site_name(),
        }
        subject = gettext("[Sự kiện] %(step)s: %(title)s") % {
            "step": NoticeReason(notice.reason).label,
            "title": event.title[:150],
        }
        return Rendered(
            subject=subject.replace("\n", " "),
            title=context["headline"][:300],
            text=render_to_string("events/mail/notice.txt", context),
            html=render_to_string("events/mail/notice.html", context),
            link=link,
            tickets=tickets,
        )


# Sending ----------------------------------------------------------------------------------------


def refusal(notice: EventNotice) -> str:
    """Why this notice must not go out (permanently), or ""."""
    if not notice.recipient.is_active:
        return "recipient inactive"
    if notice.channel == EMAIL and not notice.recipient.email:
        return "no e-mail address"
    return ""


def email_message(notice: EventNotice) -> EmailMultiAlternatives:
    rendered = render(notice)
    message = EmailMultiAlternatives(
        subject=rendered.subject,
        body=rendered.text,
        to=[notice.recipient.email],
        headers={
            "Message-ID": message_id(f"event-notice:{notice.key}"),  # the same again after a crash
            "X-Presscenter-Notice": notice.key,
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(rendered.html, "text/html")
    for index, ticket in enumerate(rendered.tickets, start=1):
        message.attach(f"ve-{index}.png", qr.qr_png(ticket), "image/png")
    return message


def _live(notice: EventNotice) -> None:
    rendered = render(notice)
    live.notify_user(notice.recipient, rendered.title, rendered.link, "event", f"event-notice:{notice.key}")


def _send_batch(batch: list[EventNotice], token: str, now: dt.datetime) -> int:
    return OUTBOX.send_batch(batch, token, now, refusal=refusal, email=email_message, live=_live)


def send_due_notices(now: dt.datetime | None = None) -> int:
    """Send what is due; returns how many notices went out."""
    return OUTBOX.send_due(_send_batch, now)
