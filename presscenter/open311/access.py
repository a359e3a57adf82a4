"""Who manages the keys of Open311 client applications: the centre's staff."""

from typing import Any

from presscenter.accounts import roles


def can_manage_keys(user: Any) -> bool:
    return roles.is_staff(user)
