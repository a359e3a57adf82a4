"""Who may read the audit log: center staff."""

from typing import Any

from presscenter.accounts.roles import is_staff


def can_browse_audit(user: Any) -> bool:
    return is_staff(user)
