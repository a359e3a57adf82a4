"""Tags of the inquiry working screens."""

from typing import Any

from django import template

from presscenter.inquiries import worklists

register = template.Library()


@register.simple_tag
def inquiries_needing_action(user: Any) -> int:
    """The menu badge: inquiries waiting for this user (one query)."""
    return worklists.needing_action(user)


@register.filter
def percent(value: float | None) -> str:
    return "" if value is None else f"{round(value * 100)}"


@register.simple_tag
def inquiries_overview(user: Any) -> worklists.Overview | None:
    """The workspace overview's inquiry cards and first rows (two queries; None if the user handles none)."""
    return worklists.overview(user)
