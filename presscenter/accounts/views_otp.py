"""Two-factor screens: the code after the password, enrolment with a QR code, recovery codes,
and signing in again (password and code) before a sensitive change."""

from base64 import b32encode
from collections.abc import Callable
from functools import wraps
from typing import Any, cast

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from presscenter.accounts import twofactor
from presscenter.accounts.forms import CodeForm, ReauthForm
from presscenter.accounts.landing import landing_url
from presscenter.accounts.middleware import OTP_PENDING
from presscenter.accounts.models import User
from presscenter.core.errors import DomainError
from presscenter.core.forms import add_domain_error

# When the password and a code were last given together in this session (a POSIX timestamp).
AUTH_AT = "auth_at"
WRONG_CODE = _("Mã xác thực không đúng hoặc đã hết hạn.")


def _next(request: HttpRequest) -> str:
    return request.POST.get("next") or request.GET.get("next") or ""


def _verified(request: HttpRequest, device: Any) -> None:
    otp_login(request, device)
    request.session.pop(OTP_PENDING, None)
    request.session[AUTH_AT] = timezone.now().timestamp()


@login_required
def verify(request: HttpRequest) -> HttpResponse:
    """The code asked right after the password (the middleware sends every page here until then)."""
    user = cast(User, request.user)
    if not twofactor.is_enabled(user):
        return redirect(f"{reverse('accounts:otp_setup')}?{urlencode({'next': _next(request)})}")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = twofactor.verified_device(user, form.cleaned_data["code"])
        if device is not None:
            _verified(request, device)
            return redirect(landing_url(request, user, _next(request)))
        form.add_error("code", WRONG_CODE)
    return render(
        request, "accounts/otp_verify.html", {"form": form, "next": _next(request)}, status=400 if form.errors else 200
    )


def _qr_data_uri(device: Any) -> str:
    return segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2)


@login_required
def setup(request: HttpRequest) -> HttpResponse:
    """Two-factor sign-in for one's own account: enrol (QR code, secret, first code), or, once on,
    new recovery codes and, when the role allows it, turning it off."""
    user = cast(User, request.user)
    if twofactor.is_enabled(user):
        if not user.is_verified():  # type: ignore[attr-defined]  # a password alone manages nothing here
            return redirect(f"{reverse('accounts:otp_verify')}?{urlencode({'next': _next(request)})}")
        context = {
            "required": twofactor.is_required(user),
            "codes_left": twofactor.recovery_codes_left(user),
            "next": _next(request),
        }
        return render(request, "accounts/otp_manage.html", context)
    device = twofactor.pending_authenticator(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = twofactor.enable(user, device, form.cleaned_data["code"])
        except DomainError as error:
            add_domain_error(form, error)
        else:
            _verified(request, device)
            return _show_codes(request, codes)
    context = {
        "form": form,
        "qr": _qr_data_uri(device),
        "secret": _grouped(b32encode(device.bin_key).decode()),
        "required": twofactor.is_required(user),
        "next": _next(request),
    }
    return render(request, "accounts/otp_setup.html", context, status=400 if form.errors else 200)


def _grouped(secret: str) -> str:
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def _show_codes(request: HttpRequest, codes: list[str]) -> HttpResponse:
    """Recovery codes are shown in this response only; the page is not cached."""
    continue_to = landing_url(request, request.user, _next(request))
    response = render(request, "accounts/otp_codes.html", {"codes": codes, "continue_to": continue_to})
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@login_required
def codes(request: HttpRequest) -> HttpResponse:
    """Only from a session that gave a code (the middleware sends any other to the code page)."""
    try:
        new_codes = twofactor.regenerate_recovery_codes(cast(User, request.user))
    except DomainError as error:
        messages.error(request, str(error.message))
        return redirect("accounts:otp_setup")
    return _show_codes(request, new_codes)


@require_POST
@login_required
def disable(request: HttpRequest) -> HttpResponse:
    try:
        twofactor.disable(cast(User, request.user))
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, str(_("Đã tắt xác thực hai lớp.")))
    return redirect("accounts:otp_setup")


def recently_authenticated(request: HttpRequest) -> bool:
    at = request.session.get(AUTH_AT)
    return at is not None and timezone.now().timestamp() - float(at) <= settings.REAUTH_MINUTES * 60


def fresh_sign_in_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Before a sensitive change (accounts and their roles): password and code again, unless
    both were given in the last REAUTH_MINUTES. Only where two-factor sign-in is required."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if twofactor.is_required(request.user) and not recently_authenticated(request):
            wanted = request.get_full_path() if request.method == "GET" else ""
            return redirect(f"{reverse('accounts:reauth')}?{urlencode({'next': wanted})}")
        return view(request, *args, **kwargs)

    return wrapped


@login_required
def reauth(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    form = ReauthForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # authenticate() goes through django-axes: wrong passwords here count towards the lockout.
        same = authenticate(request, username=user.get_username(), password=form.cleaned_data["password"])
        device = twofactor.verified_device(user, form.cleaned_data["code"]) if same == user else None
        if device is not None:
            _verified(request, device)
            return redirect(landing_url(request, user, _next(request)))
        form.add_error(None, _("Mật khẩu hoặc mã xác thực không đúng."))
    context = {"form": form, "next": _next(request), "minutes": settings.REAUTH_MINUTES}
    return render(request, "accounts/reauth.html", context, status=400 if form.errors else 200)
