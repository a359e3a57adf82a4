"""Second factor: a signed-in user who owes a one-time code reaches nothing but the code,
enrolment and sign-out pages until they give it. To the API such a session is anonymous."""

from typing import Any

from django.contrib.auth import user_logged_in
from django.contrib.auth.models import AnonymousUser
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.deprecation import MiddlewareMixin
from django.utils.http import urlencode

from presscenter.accounts import twofactor

# Set at sign-in for an account with an authenticator, whatever its role.
OTP_PENDING = "otp_pending"
OPEN_VIEWS = frozenset({"accounts:otp_verify", "accounts:otp_setup", "accounts:logout", "set_language"})


@receiver(user_logged_in)
def _remember_second_factor(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session") and twofactor.is_enabled(user):
        request.session[OTP_PENDING] = True


def owes_code(request: HttpRequest) -> bool:
    user = request.user
    if not user.is_authenticated or user.is_verified():  # type: ignore[union-attr,attr-defined]  # django-otp adds it
        return False
    return bool(request.session.get(OTP_PENDING)) or twofactor.is_required(user)


class SecondFactorMiddleware(MiddlewareMixin):
    def process_view(self, request: HttpRequest, view: Any, args: Any, kwargs: Any) -> HttpResponse | None:
        if not owes_code(request):
            return None
        if request.path.startswith("/api/"):
            request.user = AnonymousUser()
            return None
        match = request.resolver_match
        if match is not None and match.view_name in OPEN_VIEWS:
            return None
        wanted = request.get_full_path() if request.method == "GET" else ""
        return redirect(f"{reverse('accounts:otp_verify')}?{urlencode({'next': wanted})}")
