"""Small template helpers for the portal: navigation links, JSON-LD and the embargo label."""

import json
from typing import Any

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

# The characters that could close a <script> element or open markup, escaped as JSON allows.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def nav_link(context: template.Context, view_name: str, label: str) -> SafeString:
    """A main-navigation link that tells assistive technology which section is open."""
    url = reverse(view_name)
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    section = context.get("nav_section") or getattr(match, "view_name", "")
    if section == view_name:
        return format_html('<a href="{}" aria-current="page">{}</a>', url, label)
    return format_html('<a href="{}">{}</a>', url, label)


@register.simple_tag
def json_ld(data: dict[str, Any]) -> SafeString:
    """Structured data in a non-executable script element (allowed by the strict CSP)."""
    # HTML entities are not decoded inside <script>, so the JSON is escaped, not HTML-escaped:
    # with <, > and & as \u escapes it cannot close the element.
    payload = json.dumps(data, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')


@register.inclusion_tag("portal/_embargo.html")
def embargo_label(item: Any) -> dict[str, Any]:
    """ "Cấm đăng đến 14:00 02/12/2026" wherever an item under embargo is listed; countdown.js
    keeps the time left, rendered here, up to date from the <time> element's datetime."""
    return _embargo(item.embargo_until)


@register.inclusion_tag("portal/_embargo.html")
def working_embargo_label(item: Any) -> dict[str, Any]:
    """The same for the embargo of the copy being written (workspace lists): it is the one this
    version will be published with (releases.models.Item.working_embargo_until)."""
    return _embargo(item.working_embargo_until)


def _embargo(moment: Any) -> dict[str, Any]:
    if moment is None or moment <= timezone.now():
        return {"until": None}
    local = timezone.localtime(moment)
    until = format_html('<time datetime="{}">{}</time>', local.isoformat(), date_format(local, "H:i d/m/Y"))
    return {"until": until, "moment": moment}
