"""Who may see and change the working-day calendar: the centre's staff change it; everyone who works in
the workspace (centre staff, agency editors and spokespeople) sees it, since their deadlines follow it."""

from typing import Any

from presscenter.accounts.roles import agency_of, is_staff


def can_view_calendar(user: Any) -> bool:
    return is_staff(user) or agency_of(user) is not None


def can_edit_calendar(user: Any) -> bool:
    return is_staff(user)
