"""The workspace's own tags."""

from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from presscenter.press.access import can_manage_accreditation
from presscenter.press.models import Accreditation, JournalistProfile

register = template.Library()


@register.simple_tag
def pending_accreditations(user: Any) -> int | None:
    """Applications waiting for a decision, for those who decide them (None for everyone else)."""
    if not can_manage_accreditation(user):
        return None
    return JournalistProfile.objects.filter(status=Accreditation.PENDING).count()


@register.simple_tag(takes_context=True)
def ws_link(context: template.Context, view_name: str, label: str, *args: Any) -> SafeString:
    """A workspace menu link that marks the page open (aria-current), so the menu shows where one is."""
    url = reverse(view_name, args=args)
    request = context.get("request")
    if request is not None and request.path == url:
        return format_html('<a href="{}" aria-current="page">{}</a>', url, label)
    return format_html('<a href="{}">{}</a>', url, label)
