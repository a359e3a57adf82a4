"""What every signed-in screen shares: login, an access check, and domain errors shown to the user."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from presscenter.core.errors import DomainError, NotFound, PermissionDenied
from presscenter.core.forms import add_domain_error

View = Callable[..., HttpResponse]


def forbidden(request: HttpRequest, reason: object = None) -> HttpResponse:
    reason = reason or _("Tài khoản của bạn không có quyền dùng chức năng này.")
    return render(request, "core/forbidden.html", {"reason": reason}, status=403)


def staff_screen(check: Callable[[Any], bool]) -> Callable[[View], View]:
    """Anonymous visitors go to the login page; a signed-in user without the role gets a 403 page."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not check(request.user):
                return forbidden(request)
            try:
                return view(request, *args, **kwargs)
            except PermissionDenied as error:
                return forbidden(request, error.message)
            except NotFound as error:
                raise Http404(str(error.message)) from None

        wrapped.access_check = check  # type: ignore[attr-defined]  # read by accounts.landing
        return login_required(wrapped)

    return decorator


def attempt(request: HttpRequest, action: Callable[[], Any], success: object) -> bool:
    """Run a domain write; on refusal tell the user why (nothing changed)."""
    try:
        action()
    except DomainError as error:
        messages.error(request, str(error.message))
        return False
    messages.success(request, str(success))
    return True


def is_ajax(request: HttpRequest) -> bool:
    return request.headers.get("X-Requested-With") == "XMLHttpRequest"


# Lists with an issuing form and a button per row (API tokens, Open311 keys, failed notices) -----


def issue_on_post(
    request: HttpRequest, form_class: type[forms.Form], issue: Callable[[dict[str, Any]], tuple[Any, str]]
) -> tuple[forms.Form, str | None]:
    """The issuing form of the page, and the new secret when this request issued one: it is shown
    once, in this response only, and never stored in clear. A refusal stays on the form."""
    form = form_class(request.POST or None)
    if request.method != "POST" or not form.is_valid():
        return form, None
    try:
        _issued, secret = issue(form.cleaned_data)
    except DomainError as error:
        add_domain_error(form, error)
        return form, None
    return form_class(), secret


def act_and_return(
    request: HttpRequest, found: Any, act: Callable[[Any], Any], *, done: object, missing: object, to: str
) -> HttpResponse:
    """Act on what was found in a list (revoke it, send it again...; None: not found, or not the
    user's), say how it went, and go back to the list."""
    if found is None:
        messages.error(request, str(missing))
    else:
        attempt(request, lambda: act(found), done)
    return redirect(to)
