"""Journalists' subscriptions editor with live preview, and the public email sign-up."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from presscenter.core.errors import DomainError, NotFound
from presscenter.core.forms import add_domain_error
from presscenter.subscriptions import access, domain, emails, matching
from presscenter.subscriptions.forms import PublicSubscriptionForm, SubscriptionCriteria, SubscriptionForm
from presscenter.subscriptions.models import EmailSubscriber, Subscription


def _owned(request: HttpRequest, pk: int) -> Subscription:
    try:
        return access.subscription_for_owner(request.user, pk)
    except NotFound as error:
        raise Http404(str(error.message)) from None


def _preview_of(request: HttpRequest, form: SubscriptionCriteria) -> matching.Preview | None:
    if not form.is_valid():
        return None
    try:
        # With no criterion yet the preview shows everything; saving asks for that choice.
        cleaned = domain.clean(request.user, {**form.domain_fields(), "everything": True})
    except DomainError as error:
        add_domain_error(form, error)
        return None
    return matching.preview(request.user, domain.criteria_from(cleaned))


@login_required
def subscription_list(request: HttpRequest) -> HttpResponse:
    subscriptions = (
        access.subscriptions_of(request.user)
        .prefetch_related("organisations", "topics", "areas")
        .order_by("-created_at", "-pk")
    )
    return render(request, "subscriptions/list.html", {"subscriptions": subscriptions})


def _editor(request: HttpRequest, subscription: Subscription | None) -> HttpResponse:
    form = SubscriptionForm(request.POST or None, user=request.user, subscription=subscription)
    preview = None
    if request.method == "POST":
        if "preview" in request.POST:
            preview = _preview_of(request, SubscriptionCriteria(request.POST))
        elif form.is_valid():
            try:
                if subscription is None:
                    domain.create_subscription(request.user, **form.domain_fields())
                else:
                    domain.update_subscription(request.user, subscription, **form.domain_fields())
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, str(_("Đã lưu đăng ký nhận tin.")))
                return redirect("subscriptions:list")
    context = {"form": form, "subscription": subscription, "preview": preview, "previewed": preview is not None}
    return render(request, "subscriptions/form.html", context)


@login_required
def subscription_create(request: HttpRequest) -> HttpResponse:
    return _editor(request, None)


@login_required
def subscription_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _editor(request, _owned(request, pk))


@login_required
@require_POST
def subscription_delete(request: HttpRequest, pk: int) -> HttpResponse:
    domain.delete_subscription(request.user, _owned(request, pk))
    messages.success(request, str(_("Đã xóa đăng ký nhận tin.")))
    return redirect("subscriptions:list")


@login_required
@require_GET
def subscription_preview(request: HttpRequest) -> HttpResponse:
    """The live preview partial (htmx swaps it into the editor as the form changes)."""
    form = SubscriptionCriteria(request.GET)
    preview = _preview_of(request, form)
    return render(request, "subscriptions/_preview.html", {"form": form, "preview": preview, "previewed": True})


@require_http_methods(["GET", "POST"])
def public_subscribe(request: HttpRequest) -> HttpResponse:
    form = PublicSubscriptionForm(request.POST or None, initial={"language": get_language() or "vi"})
    if request.method == "POST" and form.is_valid():
        try:
            domain.subscribe_by_email(
                form.cleaned_data["email"], language=form.cleaned_data["language"], **form.domain_fields()
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return render(request, "subscriptions/public_sent.html", {"email": form.cleaned_data["email"]})
    return render(request, "subscriptions/public.html", {"form": form})


def _reader_page(request: HttpRequest, reader: Any, template: str, action: Any, done: object) -> HttpResponse:
    """GET shows a button (mail scanners follow links; only a person's POST acts), POST acts.
    `reader`: whom the link's token names (None when it names no one); `action` takes no argument."""
    if reader is None:
        return render(request, template, {"invalid": True}, status=404)
    if request.method == "POST":
        try:
            action()
        except DomainError as error:
            return render(request, template, {"reader": reader, "error": error.message}, status=400)
        return render(request, template, {"reader": reader, "done": True, "message": done})
    return render(request, template, {"reader": reader})


def _subscriber(token: str) -> EmailSubscriber | None:
    return EmailSubscriber.objects.filter(token=token).first()


@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    done = _("Cảm ơn bạn: đăng ký đã được xác nhận. Bạn sẽ nhận tin qua thư điện tử.")
    return _reader_page(
        request, _subscriber(token), "subscriptions/confirm.html", lambda: domain.confirm_email(token), done
    )


@csrf_exempt  # RFC 8058: mail clients POST "List-Unsubscribe=One-Click" without a form; the token authorises
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    done = _("Bạn đã hủy đăng ký. Chúng tôi sẽ không gửi thêm thư nào đến địa chỉ này.")
    return _reader_page(
        request, _subscriber(token), "subscriptions/unsubscribe.html", lambda: domain.unsubscribe_email(token), done
    )


@csrf_exempt  # RFC 8058, as above; the signed token authorises, no login needed
@require_http_methods(["GET", "POST"])
def stop_email(request: HttpRequest, token: str) -> HttpResponse:
    """An account's unsubscribe link from an alert email: its subscriptions stop using email."""
    account = emails.account_of(token)
    done = _(
        "Đã ngừng gửi tin qua thư điện tử cho tài khoản này. Bạn có thể chọn lại kênh nhận trong "
        "“Đăng ký nhận tin của tôi”."
    )
    return _reader_page(request, account, "subscriptions/unsubscribe.html", lambda: domain.stop_email(account), done)
