"""Numbers as a Vietnamese reader writes them: 1.234 questions, 97,5 %, 12,5 giờ (and 1,234 /
97.5% / 12.5 in English)."""

from typing import Any

from django import template
from django.utils.formats import number_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

register = template.Library()


def _vietnamese() -> bool:
    return (get_language() or "vi").startswith("vi")


@register.filter
def count(value: Any) -> str:
    """1.234 (grouped, no decimals); a dash for nothing."""
    if value is None or value == "":
        return "–"
    return number_format(int(value), 0, use_l10n=True, force_grouping=True)


@register.filter
def decimal(value: Any, places: int = 1) -> str:
    if value is None or value == "":
        return "–"
    return number_format(round(float(value), int(places)), int(places), use_l10n=True, force_grouping=True)


@register.filter
def percent(value: Any) -> str:
    """A share (0..1) as 97,5 % (Vietnamese) or 97.5% (English)."""
    if value is None or value == "":
        return "–"
    figure = decimal(float(value) * 100, 1)
    return f"{figure}\u00a0%" if _vietnamese() else f"{figure}%"


@register.filter
def hours(value: Any) -> str:
    """Working hours with one decimal: 12,5 giờ."""
    if value is None or value == "":
        return "–"
    return _("%(hours)s giờ") % {"hours": decimal(value, 1)}


@register.filter
def stars(value: Any) -> str:
    if value is None or value == "":
        return "–"
    return _("%(stars)s/5") % {"stars": decimal(value, 2)}
