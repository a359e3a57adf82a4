"""Who may use the working screens: center staff and members of an agency."""

from typing import Any

from presscenter.accounts.roles import agency_of, is_staff


def can_use_workspace(user: Any) -> bool:
    if is_staff(user):
        return True
    return bool(agency_of(user))
