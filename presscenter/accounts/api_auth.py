"""Who is calling the API (token, browser session or nobody), their scope, and their request budget."""

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja.security import HttpBearer

from presscenter.accounts.models import ApiToken
from presscenter.accounts.tokens import token_for_secret
from presscenter.core import ratelimit
from presscenter.core.api_errors import RateLimited, Unauthenticated
from presscenter.core.client import client_address
from presscenter.core.errors import PermissionDenied

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


@dataclass(frozen=True)
class Caller:
    """`request.auth` of every API request."""

    user: Any
    token: ApiToken | None = None

    @property
    def organisation_id(self) -> int | None:
        """The one organisation a token may act for; None means unscoped."""
        return self.token.organisation_id if self.token else None

    def check_scope(self, organisation_id: int) -> None:
        """A token of agency A never acts on agency B's items, whatever its owner's role."""
        if self.organisation_id is not None and self.organisation_id != organisation_id:
            raise PermissionDenied(_("Mã truy cập này không được dùng cho cơ quan khác."))

    def check_operator(self) -> None:
        if self.token is None or self.token.organisation_id is not None or not self.user.is_center_staff:
            raise PermissionDenied(_("Chỉ mã truy cập của điều hành viên Trung tâm mới dùng được chức năng này."))


def _client_key(request: HttpRequest, caller: Caller) -> str:
    if caller.token is not None:
        return f"token:{caller.token.pk}"
    if caller.user.is_authenticated:
        return f"user:{caller.user.pk}"
    return f"ip:{client_address(request)}"


def meter(request: HttpRequest, caller: Caller) -> None:
    """Count the request against the caller's per-minute budget; remember the window for the headers."""
    write = request.method not in SAFE_METHODS
    limit = settings.API_RATE_LIMIT_WRITE if write else settings.API_RATE_LIMIT_READ
    window = ratelimit.hit(f"{'write' if write else 'read'}:{_client_key(request, caller)}", limit)
    request.rate_window = window  # type: ignore[attr-defined]
    if not window.allowed:
        raise RateLimited(retry_after=max(1, window.reset_in))


class TokenAuth(HttpBearer):
    """`Authorization: Bearer pc_...`; a token that is sent but not valid is a 401, never anonymous."""

    def authenticate(self, request: HttpRequest, token: str) -> Caller:
        api_token = token_for_secret(token.strip())
        if api_token is None:
            raise Unauthenticated(_("Mã truy cập không hợp lệ hoặc đã bị thu hồi."))
        caller = Caller(user=api_token.user, token=api_token)
        meter(request, caller)
        return caller


def session_or_anonymous(request: HttpRequest) -> Caller:
    """Read endpoints also serve browsers (session) and anonymous clients."""
    user = getattr(request, "user", None) or AnonymousUser()
    caller = Caller(user=user if user.is_authenticated and user.is_active else AnonymousUser())
    meter(request, caller)
    return caller


def caller_of(request: HttpRequest) -> Caller:
    return request.auth  # type: ignore[attr-defined]


token_auth = TokenAuth()
# Order matters: a Bearer token, when present, wins over the session.
PUBLIC_AUTH = [token_auth, session_or_anonymous]
