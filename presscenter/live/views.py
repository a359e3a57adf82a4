"""Notification centre, the event stream, private feeds, feed tokens and the embargo inbox."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.handlers.asgi import ASGIRequest
from django.core.paginator import Paginator
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    HttpResponseForbidden,
    JsonResponse,
    StreamingHttpResponse,
)
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST, require_safe

from presscenter.core.errors import DomainError
from presscenter.delivery.access import title_withheld
from presscenter.live import access, domain, feeds, stream
from presscenter.live.models import FeedToken, Notification
from presscenter.releases import access as release_access

PAGE_SIZE = 30


def _signed_in(request: HttpRequest) -> Any:
    """The user of a view behind login_required (typed as such for the ORM lookups)."""
    return request.user


@require_GET
async def event_stream(request: HttpRequest) -> HttpResponseBase:
    """The stream through Django (test client, ASGI servers not started on presscenter.asgi,
    which serves this path with the lean app in presscenter.live.asgi instead)."""
    user = await request.auser()
    if not user.is_authenticated:
        return HttpResponse(_("Vui lòng đăng nhập để nhận thông báo."), status=401, content_type="text/plain")
    if not await access.alisten(user):
        return HttpResponseForbidden(_("Tài khoản này không được nhận thông báo."), content_type="text/plain")
    if not isinstance(request, ASGIRequest):
        # A WSGI server (runserver, pytest-django's live_server) cannot stream: Django would
        # drain this endless stream into a list in a thread that never returns, its hub polling
        # the database long after the request (or the test and its database) is gone. 204 No
        # Content tells the browser's EventSource not to reconnect at once.
        return HttpResponse(status=204)
    response = StreamingHttpResponse(
        stream.notifications(
            user.pk, stream.last_event_id(request.headers.get("Last-Event-ID"), request.GET.get("last_event_id"))
        ),
        content_type="text/event-stream; charset=utf-8",
    )
    response["Cache-Control"] = "no-cache, no-store"
    response["X-Accel-Buffering"] = "no"  # nginx: pass events through at once
    return response


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


@login_required
@require_safe
def centre(request: HttpRequest) -> HttpResponse:
    notifications = (
        Notification.objects.filter(user=_signed_in(request))
        .select_related("item")
        .only(
            "id", "title", "kind", "version", "link", "created_at", "read_at",
            "item__uid", "item__embargo_until", "item__organisation_id",
        )
    )  # fmt: skip
    page = Paginator(notifications, PAGE_SIZE).get_page(request.GET.get("trang"))
    withheld = {n.pk for n in page if n.item is not None and title_withheld(request.user, n.item)}
    context = {"page": page, "withheld": withheld, "unread": domain.unread_count(request.user)}
    return render(request, "live/centre.html", context)


def _after_marking(request: HttpRequest, unread: int) -> HttpResponse:
    if _wants_json(request):
        return JsonResponse({"unread_count": unread})
    return redirect("live:centre")


@login_required
@require_POST
def mark_read(request: HttpRequest, pk: int) -> HttpResponse:
    return _after_marking(request, domain.mark_read(request.user, pk))


@login_required
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    return _after_marking(request, domain.mark_all_read(request.user))


def _forbidden(request: HttpRequest) -> HttpResponse:
    message = _("Chỉ nhà báo đã được cấp thẻ tác nghiệp mới dùng được chức năng này.")
    return render(request, "live/forbidden.html", {"message": message}, status=403)


@login_required
def feed_token(request: HttpRequest) -> HttpResponse:
    """GET: whether a token exists. POST: create or rotate; the raw token is shown this once."""
    if not access.is_accredited_journalist(request.user):
        return _forbidden(request)
    context: dict[str, Any] = {"token": FeedToken.objects.filter(user=_signed_in(request)).first(), "raw": None}
    if request.method == "POST":
        try:
            context["raw"] = domain.rotate_feed_token(request.user)
        except DomainError as error:
            return render(request, "live/forbidden.html", {"message": error.message}, status=error.status)
        context["token"] = FeedToken.objects.get(user=_signed_in(request))
    response = render(request, "live/feed_token.html", context)
    patch_cache_control(response, private=True, no_store=True)
    return response


@require_safe
def private_feed(request: HttpRequest, token: str, format: str) -> HttpResponse:
    owner = domain.feed_owner(token)
    if owner is None:
        raise Http404(_("Không tìm thấy kênh tin này."))
    if not access.is_accredited_journalist(owner):
        return HttpResponseForbidden(_("Kênh tin này đã bị khóa."), content_type="text/plain; charset=utf-8")
    body, content_type = feeds.render(owner, format, request.path)
    response = HttpResponse(body, content_type=content_type)
    patch_cache_control(response, private=True, no_store=True)  # embargoed text must not sit in caches
    response["X-Robots-Tag"] = "noindex"
    return response


@login_required
@require_safe
def embargo_inbox(request: HttpRequest) -> HttpResponse:
    if not access.is_accredited_journalist(request.user):
        return _forbidden(request)
    items = (
        release_access.public_items(request.user)
        .filter(embargo_until__gt=timezone.now())
        .select_related("organisation", "current_version")
        .order_by("embargo_until", "id")
    )
    return render(request, "live/embargo_inbox.html", {"items": items})
