"""Who may change the organisation tree: center staff only (agencies edit nothing here)."""

from typing import Any

from presscenter.accounts.roles import is_staff


def can_manage_organisations(actor: Any) -> bool:
    return is_staff(actor)
