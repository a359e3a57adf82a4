"""Account management for the center: admins manage operators, operators manage agency and press accounts."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from presscenter.accounts import access, domain, twofactor
from presscenter.accounts.forms import AccountForm
from presscenter.accounts.lockout import is_locked_out
from presscenter.accounts.models import Role, User
from presscenter.accounts.views_otp import fresh_sign_in_required
from presscenter.core.errors import DomainError
from presscenter.core.forms import add_domain_error
from presscenter.core.screens import attempt, forbidden, staff_screen

PAGE_SIZE = 50


@staff_screen(access.can_manage_accounts)
def account_list(request: HttpRequest) -> HttpResponse:
    accounts = User.objects.select_related("organisation").order_by("username")
    role = request.GET.get("vai_tro", "")
    if role in Role.values:
        accounts = accounts.filter(role=role)
    query = request.GET.get("q", "").strip()
    if query:
        accounts = accounts.filter(username__icontains=query) | accounts.filter(full_name__icontains=query)
    page = Paginator(accounts, PAGE_SIZE).get_page(request.GET.get("trang"))
    return render(
        request,
        "workspace/account_list.html",
        {"page": page, "roles": Role.choices, "role": role, "query": query},
    )


def _account_form(request: HttpRequest, account: User | None) -> HttpResponse:
    initial = None
    if account is not None:
        initial = {name: getattr(account, name) for name in domain.UPDATABLE_FIELDS}
        initial["username"] = account.username
    form = AccountForm(request.POST or None, actor=request.user, account=account, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if account is None:
                saved = domain.create_account(request.user, **form.domain_fields())
            else:
                saved = domain.update_account(request.user, account, **form.domain_fields())
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, str(_("Đã lưu tài khoản %(username)s.") % {"username": saved.username}))
            return redirect("workspace:account_list")
    context: dict[str, object] = {"form": form, "account": account}
    if account is not None:
        context["locked_out"] = is_locked_out(account.username)
        context["otp_enabled"] = twofactor.is_enabled(account)
    return render(request, "workspace/account_form.html", context)


# Creating or changing an account (its role, its agency) asks the operator for a fresh sign-in.
@staff_screen(access.can_manage_accounts)
@fresh_sign_in_required
def account_create(request: HttpRequest) -> HttpResponse:
    return _account_form(request, None)


@staff_screen(access.can_manage_accounts)
@fresh_sign_in_required
def account_edit(request: HttpRequest, pk: int) -> HttpResponse:
    account = get_object_or_404(User.objects.select_related("organisation"), pk=pk)
    if not access.can_manage_account(request.user, account):
        return forbidden(request, _("Bạn không có quyền sửa tài khoản này."))
    return _account_form(request, account)


@require_POST
@staff_screen(access.can_manage_accounts)
@fresh_sign_in_required
def account_deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    account = get_object_or_404(User, pk=pk)
    attempt(request, lambda: domain.deactivate(request.user, account), _("Đã khóa tài khoản."))
    return redirect("workspace:account_list")


def _sign_in_action(request: HttpRequest, pk: int, action: Callable[[Any, User], object], done: object) -> HttpResponse:
    account = get_object_or_404(User, pk=pk)
    attempt(request, lambda: action(request.user, account), done)
    return redirect("workspace:account_edit", pk=account.pk)


@require_POST
@staff_screen(access.can_manage_accounts)
@fresh_sign_in_required
def account_unlock(request: HttpRequest, pk: int) -> HttpResponse:
    return _sign_in_action(request, pk, domain.unlock, _("Đã mở khóa đăng nhập."))


@require_POST
@staff_screen(access.can_manage_accounts)
@fresh_sign_in_required
def account_otp_reset(request: HttpRequest, pk: int) -> HttpResponse:
    done = _("Đã đặt lại xác thực hai lớp; người dùng sẽ đăng ký lại ở lần đăng nhập tới.")
    return _sign_in_action(request, pk, twofactor.reset, done)
