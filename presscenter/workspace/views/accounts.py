"""Account management for the center: admins manage operators, operators manage agency and press accounts."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from presscenter.accounts import access, domain
from presscenter.accounts.forms import AccountForm
from presscenter.accounts.models import Role, User
from presscenter.core.errors import DomainError
from presscenter.core.forms import add_domain_error
from presscenter.workspace.http import attempt, forbidden, staff_screen

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
    return render(request, "workspace/account_form.html", {"form": form, "account": account})


@staff_screen(access.can_manage_accounts)
def account_create(request: HttpRequest) -> HttpResponse:
    return _account_form(request, None)


@staff_screen(access.can_manage_accounts)
def account_edit(request: HttpRequest, pk: int) -> HttpResponse:
    account = get_object_or_404(User.objects.select_related("organisation"), pk=pk)
    if not access.can_manage_account(request.user, account):
        return forbidden(request, _("Bạn không có quyền sửa tài khoản này."))
    return _account_form(request, account)


@require_POST
@staff_screen(access.can_manage_accounts)
def account_deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    account = get_object_or_404(User, pk=pk)
    attempt(request, lambda: domain.deactivate(request.user, account), _("Đã khóa tài khoản."))
    return redirect("workspace:account_list")
