"""Where a user lands after signing in: the `next` page when it is safe and theirs to see,
otherwise their role's own home (workspace, press desk, or the portal)."""

from typing import Any
from urllib.parse import urlsplit

from django.http import HttpRequest
from django.urls import Resolver404, resolve, reverse
from django.utils.http import url_has_allowed_host_and_scheme

from presscenter.accounts.models import Role
from presscenter.workspace.access import can_use_workspace


def home_url(user: Any) -> str:
    if can_use_workspace(user):
        return reverse("workspace:home")
    if user.is_authenticated and user.role == Role.JOURNALIST:
        return reverse("press:desk")
    return reverse("portal:home")


def may_open(user: Any, url: str) -> bool:
    """Screens guarded by a role check (core.screens.staff_screen) say so; the rest are open to
    every signed-in user."""
    try:
        match = resolve(urlsplit(url).path)
    except Resolver404:
        return False
    check = getattr(match.func, "access_check", None)
    return check is None or bool(check(user))


def landing_url(request: HttpRequest, user: Any, wanted: str | None) -> str:
    safe = bool(wanted) and url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    if safe and may_open(user, str(wanted)):
        return str(wanted)
    return home_url(user)
