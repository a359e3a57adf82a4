"""Signing in and out, changing one's password, and an agency member's API tokens."""

from typing import cast

from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from presscenter.accounts.access import can_manage_tokens
from presscenter.accounts.forms import TokenForm
from presscenter.accounts.landing import landing_url
from presscenter.accounts.models import ApiToken, User
from presscenter.accounts.tokens import issue_token, revoke_token
from presscenter.core.screens import act_and_return, issue_on_post, staff_screen


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_success_url(self) -> str:
        return landing_url(self.request, self.request.user, self.get_redirect_url())


class LogoutView(auth_views.LogoutView):
    """Django accepts only POST here, so a link or an image cannot sign anyone out."""


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:password_change_done")


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"


@staff_screen(can_manage_tokens)
def tokens(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    form, secret = issue_on_post(
        request, TokenForm, lambda data: issue_token(user, user, user.organisation, data["name"])
    )
    listed = ApiToken.objects.filter(user=user).select_related("organisation").order_by("-created_at")
    return render(request, "accounts/tokens.html", {"form": form, "tokens": listed, "secret": secret})


@require_POST
@staff_screen(can_manage_tokens)
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    return act_and_return(
        request,
        ApiToken.objects.filter(user=cast(User, request.user), pk=pk).first(),
        lambda token: revoke_token(request.user, token),
        done=_("Đã thu hồi mã truy cập."),
        missing=_("Không tìm thấy mã truy cập này."),
        to="accounts:tokens",
    )
