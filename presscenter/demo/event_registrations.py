"""The demo's press at events: invitations, registrations (the demo journalist with a camera crew,
approved, with tickets; a small event filled up), and a moderated question queue — all through
the events domain, after the press accounts exist (presscenter.demo.press)."""

from django.utils import timezone

from presscenter.accounts.models import User
from presscenter.demo import people
from presscenter.demo.event_questions import seed_questions
from presscenter.events import invitations, registration
from presscenter.events.models import Event, EventStatus, EventType, Visibility

REPORTERS = ["phongvien.hnm", "phongvien.vov", "phongvien.vne", "phongvien.nhn"]


def _upcoming(kind: str = EventType.PRESS_CONFERENCE) -> list[Event]:
    return list(
        Event.objects.filter(type=kind, starts_at__gt=timezone.now(), capacity__gt=0)
        .exclude(status=EventStatus.CANCELLED)
        .order_by("starts_at")
    )


def seed_event_press(cast: dict[str, User]) -> None:
    operator = cast[people.CENTER_OPERATOR.username]
    reporters = [cast[username] for username in REPORTERS]
    demo_journalist = cast["nhabao"]
    conferences = _upcoming()
    if not conferences:
        return
    first = conferences[0]
    # The demo journalist is registered with a camera crew, approved: tickets to show.
    own = registration.register(
        demo_journalist, first, crew=[registration.Crew("Hoàng Văn Tùng", "camera")][: first.max_crew]
    )
    if own.status == "pending":
        registration.approve(operator, own)
    for reporter in reporters:
        registration.register(reporter, first)
    seed_questions(first, [demo_journalist, *reporters], operator)
    invited_only = Event.objects.filter(visibility=Visibility.INVITED, starts_at__gt=timezone.now()).first()
    if invited_only is not None:
        invitations.invite(operator, invited_only, journalist_ids=[demo_journalist.pk, reporters[0].pk])
    # A full small event: the last reporter waits for a seat.
    if len(conferences) > 1:
        small = conferences[1]
        for reporter in reporters:
            if registration.seats(small).left <= 0:
                break
            registration.register(reporter, small)
