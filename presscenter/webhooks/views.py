"""Screens: an accredited journalist's webhooks, their log and tests; the operators' list; the WebSub hub."""

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from presscenter.core.errors import DomainError
from presscenter.core.forms import add_domain_error
from presscenter.core.screens import attempt, staff_screen
from presscenter.webhooks import access, domain, websub
from presscenter.webhooks.forms import WebhookForm
from presscenter.webhooks.models import Webhook
from presscenter.webhooks.tasks import verify_intent_task

PAGE_SIZE = 25

journalist_screen = staff_screen(access.can_manage_webhooks)
operator_screen = staff_screen(access.can_administer_webhooks)


def _save(form: WebhookForm, write: Any) -> Webhook | None:
    """Run a create/update write with the form's data; refusals become form errors."""
    if not form.is_valid():
        return None
    try:
        return write(**form.cleaned_data)  # type: ignore[no-any-return]
    except DomainError as error:
        add_domain_error(form, error)
        return None


def _secret_page(request: HttpRequest, webhook: Webhook, secret: str) -> HttpResponse:
    # The secret is shown in this response only; the page tells the user to store it now.
    return render(request, "webhooks/secret.html", {"webhook": webhook, "secret": secret})


@journalist_screen
def webhook_list(request: HttpRequest) -> HttpResponse:
    webhooks = Webhook.objects.filter(owner_id=request.user.pk).order_by("name", "id")
    return render(request, "webhooks/list.html", {"webhooks": webhooks})


@journalist_screen
def create(request: HttpRequest) -> HttpResponse:
    form = WebhookForm(request.POST or None)
    if request.method == "POST":
        webhook = _save(form, lambda **data: domain.create_webhook(request.user, **data))
        if webhook is not None:
            return _secret_page(request, webhook, webhook.secret)
    return render(request, "webhooks/form.html", {"form": form, "webhook": None})


@journalist_screen
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    webhook = access.own_webhook(request.user, pk)
    form = WebhookForm(request.POST or None, initial={"name": webhook.name, "url": webhook.url})
    if request.method == "POST":
        saved = _save(form, lambda **data: domain.update_webhook(request.user, webhook, **data))
        if saved is not None:
            messages.success(request, str(_("Đã lưu webhook.")))
            return redirect("webhooks:detail", pk=webhook.pk)
    return render(request, "webhooks/form.html", {"form": form, "webhook": webhook})


@journalist_screen
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    webhook = access.own_webhook(request.user, pk)
    page = Paginator(webhook.attempts.order_by("-at", "-id"), PAGE_SIZE).get_page(request.GET.get("trang"))
    return render(request, "webhooks/detail.html", {"webhook": webhook, "page": page})


@journalist_screen
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    webhook = access.own_webhook(request.user, pk)
    deleted = request.method == "POST" and attempt(
        request, lambda: domain.delete_webhook(request.user, webhook), _("Đã xóa webhook.")
    )
    if deleted:
        return redirect("webhooks:list")
    return render(request, "webhooks/delete.html", {"webhook": webhook})


@require_POST
@journalist_screen
def rotate(request: HttpRequest, pk: int) -> HttpResponse:
    webhook = access.own_webhook(request.user, pk)
    try:
        secret = domain.rotate_secret(request.user, webhook)
    except DomainError as error:
        messages.error(request, str(error.message))
        return redirect("webhooks:detail", pk=webhook.pk)
    return _secret_page(request, webhook, secret)


@require_POST
@journalist_screen
def send_test(request: HttpRequest, pk: int) -> HttpResponse:
    webhook = access.own_webhook(request.user, pk)
    try:
        result = domain.send_test(request.user, webhook)
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        if 200 <= (result.status_code or 0) < 300:
            messages.success(
                request,
                str(_("Gửi thử thành công: máy nhận trả lời HTTP %(status)s.") % {"status": result.status_code}),
            )
        else:
            messages.error(
                request,
                str(_("Gửi thử không thành công: %(error)s") % {"error": result.error or result.status_code}),
            )
    return redirect("webhooks:detail", pk=webhook.pk)


@require_POST
@journalist_screen
def reenable(request: HttpRequest, pk: int) -> HttpResponse:
    webhook = access.own_webhook(request.user, pk)
    attempt(request, lambda: domain.reenable_webhook(request.user, webhook), _("Đã bật lại webhook."))
    return redirect("webhooks:detail", pk=webhook.pk)


@operator_screen
def admin(request: HttpRequest) -> HttpResponse:
    webhooks = Webhook.objects.select_related("owner").order_by("-created_at", "-id")
    page = Paginator(webhooks, PAGE_SIZE).get_page(request.GET.get("trang"))
    return render(request, "webhooks/admin.html", {"page": page})


@require_POST
@operator_screen
def admin_private(request: HttpRequest, pk: int) -> HttpResponse:
    webhook = access.any_webhook(pk)
    allowed = request.POST.get("allow") == "1"
    done = _("Đã cho phép địa chỉ mạng nội bộ.") if allowed else _("Đã bỏ cho phép địa chỉ mạng nội bộ.")
    attempt(request, lambda: domain.set_allow_private_network(request.user, webhook, allowed), done)
    return redirect("webhooks:admin")


@csrf_exempt  # called by other sites' servers, which hold no session or CSRF token
@require_POST
def websub_hub(request: HttpRequest) -> HttpResponse:
    try:
        wanted = websub.parse(request.POST)
    except DomainError as error:
        return HttpResponse(str(error.message), status=400, content_type="text/plain; charset=utf-8")
    verify_intent_task.enqueue(
        mode=wanted.mode,
        topic=wanted.topic,
        callback=wanted.callback,
        lease_seconds=wanted.lease_seconds,
        secret=wanted.secret,
    )
    return HttpResponse(status=202)
