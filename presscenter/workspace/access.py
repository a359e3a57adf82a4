"""Who may use the working screens: center staff and members of an agency."""

from typing import Any

from presscenter.accounts.models import AGENCY_ROLES
from presscenter.releases.access import is_staff


def can_use_workspace(user: Any) -> bool:
    if is_staff(user):
        return True
    return bool(user.is_authenticated and user.is_active and user.role in AGENCY_ROLES and user.organisation_id)
