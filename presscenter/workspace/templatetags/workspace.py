"""The workspace's own tags."""

from typing import Any

from django import template

from presscenter.press.access import can_manage_accreditation
from presscenter.press.models import Accreditation, JournalistProfile

register = template.Library()


@register.simple_tag
def pending_accreditations(user: Any) -> int | None:
    """Applications waiting for a decision, for those who decide them (None for everyone else)."""
    if not can_manage_accreditation(user):
        return None
    return JournalistProfile.objects.filter(status=Accreditation.PENDING).count()
