"""The ways into an event's other pages, gathered on its two pages: `{% event_take_part event %}`
on the public page (add to a calendar, register, ask, tickets) and `{% event_tools event %}` on the
workspace page (registrations, invitations, questions, the room screen, the door, attendance).
Each part of the events app owns its pages; these blocks only point to them."""

from typing import Any

from django import template
from django.utils import timezone

from presscenter.accounts import roles
from presscenter.events import access
from presscenter.events.models import LIVE_REGISTRATION_STATES, Event, EventStatus

register = template.Library()


@register.inclusion_tag("events/links/_take_part.html", takes_context=True)
def event_take_part(context: dict[str, Any], event: Event) -> dict[str, Any]:
    user = context["request"].user
    journalist = roles.is_journalist(user)
    mine = (
        event.registrations.filter(journalist=user, status__in=LIVE_REGISTRATION_STATES).first() if journalist else None
    )
    return {
        "event": event,
        "open": event.status != EventStatus.CANCELLED and event.ends_at > timezone.now(),
        "journalist": journalist,
        "registration": mine,
        # The event page has its sessions in hand already; elsewhere ask.
        "has_sessions": bool(context["sessions"]) if "sessions" in context else event.sessions.exists(),
    }


@register.inclusion_tag("events/links/_tools.html", takes_context=True)
def event_tools(context: dict[str, Any], event: Event) -> dict[str, Any]:
    user = context["request"].user
    return {
        "event": event,
        "manages": access.can_manage(user, event),
        "scans": access.can_check_in(user, event),
        "cancelled": event.status == EventStatus.CANCELLED,
    }
