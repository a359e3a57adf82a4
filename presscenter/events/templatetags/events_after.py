"""The "after the event" blocks of the event pages: `{% event_outcomes_work event %}` on the
workspace page (the items made from the event, and drafting a new one), `{% event_outcomes event %}`
on the public page (the published items, and the photos and documents of the media kit)."""

from typing import Any

from django import template
from django.utils import timezone

from presscenter.events import after
from presscenter.events.models import Event, EventStatus

register = template.Library()


@register.inclusion_tag("events/after/_work.html", takes_context=True)
def event_outcomes_work(context: dict[str, Any], event: Event) -> dict[str, Any]:
    return {
        "event": event,
        "outcomes": after.outcomes_for_work(event),
        "started": event.starts_at <= timezone.now(),
        "cancelled": event.status == EventStatus.CANCELLED,
        "kit": after.summarise(after.media_kit(event)),
    }


@register.inclusion_tag("events/after/_public.html", takes_context=True)
def event_outcomes(context: dict[str, Any], event: Event) -> dict[str, Any]:
    user = context["request"].user
    return {
        "event": event,
        "outcomes": list(after.published_outcomes(user, event)),
        "kit": after.summarise(after.media_kit(event)),
    }
