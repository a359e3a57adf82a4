"""Calendar feeds (iCal), ninjs items and frab schedules of events, and the journalist's page for
their personal calendar address. Feeds and exports are read-only (GET and HEAD) and answer
conditional requests. The ETag is a hash of the body, which is a pure function of the data (see
presscenter.events.ical). Last-Modified is when this address first served that body (kept in the
cache beside the hash): a feed also changes when an event leaves it (made invited-only, out of
the window), which no row's change time shows. Losing the cache only makes it newer: a client
downloads once more, never misses a change."""

import hashlib
import json
import math
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, quote_etag
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from presscenter.core.errors import DomainError, NotFound
from presscenter.core.screens import forbidden
from presscenter.events import access, feeds, frab, ical
from presscenter.events.models import CalendarToken, Event, Visibility
from presscenter.events.ninjs import to_ninjs
from presscenter.syndication.entries import absolute

CHANGE_MEMORY = 60 * 60 * 24 * 60  # seconds the cache keeps each address's last ETag and its time
JSON_CONTENT_TYPE = "application/json; charset=utf-8"
PUBLIC_MAX_AGE = 300  # seconds: calendar programs poll far less often; conditional GET keeps it cheap
NINJS_PAGE_SIZE = 50


def changed_at(address: str, etag: str) -> int:
    """When (epoch seconds) this address first served the body with this ETag; strictly later
    than the body before it, so If-Modified-Since never hides a change made within a second."""
    key = "events-feeds:" + hashlib.sha256(address.encode()).hexdigest()
    stored = cache.get(key)
    if stored is not None and stored[0] == etag:
        return int(stored[1])
    since = max(math.ceil(time.time()), int(stored[1]) + 1 if stored is not None else 0)
    cache.set(key, (etag, since), CHANGE_MEMORY)
    return since


def _respond(
    request: HttpRequest,
    body: bytes,
    content_type: str,
    *,
    private: bool = False,
    filename: str | None = None,
) -> HttpResponse:
    etag = quote_etag(hashlib.sha256(body).hexdigest()[:40])
    since = changed_at(f"{request.user.pk}:{request.get_full_path()}", etag)  # one body per reader and page
    response = get_conditional_response(request, etag=etag, last_modified=since)
    if response is None:
        response = HttpResponse(body, content_type=content_type)
        if filename:
            response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    response.headers["ETag"] = etag
    response.headers["Last-Modified"] = http_date(since)
    if private:
        patch_cache_control(response, private=True, max_age=0, must_revalidate=True)
        response.headers["X-Robots-Tag"] = "noindex"
    else:
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    return response


def _calendar(
    request: HttpRequest, select: Callable[[], feeds.Selection], filename: str, *, private: bool
) -> HttpResponse:
    """A feed, rendered at most once per EVENTS_FEED_CACHE_SECONDS for its address (rendering a
    few hundred events takes a few hundred milliseconds; calendar programs poll all day)."""
    seconds = settings.EVENTS_FEED_CACHE_SECONDS
    key = "events-feed-body:" + hashlib.sha256(request.path.encode()).hexdigest()
    body = cache.get(key) if seconds > 0 else None
    if body is None:
        body = ical.render(select())
        if seconds > 0:
            cache.set(key, body, seconds)
    return _respond(request, body, ical.CONTENT_TYPE, private=private, filename=filename)


def _in_vietnamese(view: Any) -> Any:
    """Calendar names and labels in the exports are Vietnamese whatever the reader's program asks."""

    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        with translation.override(settings.LANGUAGE_CODE):
            try:
                return view(request, *args, **kwargs)
            except NotFound as error:
                raise Http404(error.message) from error

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


@require_safe
@_in_vietnamese
def public_calendar(request: HttpRequest) -> HttpResponse:
    return _calendar(request, feeds.public_feed, "lich-su-kien.ics", private=False)


@require_safe
@_in_vietnamese
def agency_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    return _calendar(request, lambda: feeds.agency_feed(slug), f"lich-su-kien-{slug}.ics", private=False)


@require_safe
@_in_vietnamese
def topic_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    return _calendar(request, lambda: feeds.topic_feed(slug), f"lich-su-kien-chu-de-{slug}.ics", private=False)


@require_safe
@_in_vietnamese
def personal_calendar(request: HttpRequest, token: str) -> HttpResponse:
    owner = feeds.calendar_owner(token)
    if owner is None:
        raise Http404(_("Không tìm thấy lịch này."))
    return _calendar(request, lambda: feeds.personal_feed(owner), "lich-su-kien-cua-toi.ics", private=True)


def _event_export(
    request: HttpRequest,
    slug: str,
    build: Callable[[Event], bytes],
    content_type: str,
    *,
    scheduled: bool = False,
    filename: str | None = None,
) -> HttpResponse:
    """One event the reader may see, exported; `scheduled`: only an event with sessions has one."""
    event = feeds.with_details(access.visible_events(request.user).filter(slug=slug)).first()
    if event is None:
        raise Http404(_("Không tìm thấy sự kiện này."))
    if scheduled and not frab.has_schedule(event):
        raise Http404(_("Sự kiện này không có chương trình nhiều phiên."))
    private = event.visibility != Visibility.PUBLIC
    return _respond(request, build(event), content_type, private=private, filename=filename)


def _json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=1).encode()


def _single_calendar(event: Event) -> bytes:
    return ical.render(feeds.Selection(name=event.title, description=event.summary, events=[event]))


@require_safe
@_in_vietnamese
def event_ics(request: HttpRequest, slug: str) -> HttpResponse:
    """One event (with its sessions) as a file to add to a calendar."""
    return _event_export(request, slug, _single_calendar, ical.CONTENT_TYPE, filename=f"{slug}.ics")


@require_safe
@_in_vietnamese
def ninjs_event(request: HttpRequest, slug: str) -> HttpResponse:
    return _event_export(request, slug, lambda event: _json(to_ninjs(event)), JSON_CONTENT_TYPE)


@require_safe
@_in_vietnamese
def ninjs_list(request: HttpRequest) -> HttpResponse:
    """The events the reader may see (the feeds' window), as ninjs items, NINJS_PAGE_SIZE a page
    in time order; `?page=N`, and `next` names the following page."""
    raw = request.GET.get("page", "1")
    page = int(raw) if raw.isdigit() and 0 < len(raw) < 7 else 0
    if page < 1:
        raise Http404(_("Trang không hợp lệ."))
    window = feeds.in_window(access.visible_events(request.user)).order_by("starts_at", "id")
    start = (page - 1) * NINJS_PAGE_SIZE
    ids = list(window.values_list("pk", flat=True)[start : start + NINJS_PAGE_SIZE + 1])
    events = list(feeds.with_details(Event.objects.filter(pk__in=ids[:NINJS_PAGE_SIZE])).order_by("starts_at", "id"))
    document: dict[str, Any] = {"items": [to_ninjs(event) for event in events]}
    if len(ids) > NINJS_PAGE_SIZE:
        document["next"] = absolute(f"{reverse('events_feeds:ninjs_list')}?page={page + 1}")
    return _respond(request, _json(document), JSON_CONTENT_TYPE, private=request.user.is_authenticated)


@require_safe
@_in_vietnamese
def frab_xml(request: HttpRequest, slug: str) -> HttpResponse:
    return _event_export(request, slug, frab.to_xml, frab.XML_CONTENT_TYPE, scheduled=True)


@require_safe
@_in_vietnamese
def frab_json(request: HttpRequest, slug: str) -> HttpResponse:
    return _event_export(
        request, slug, lambda event: _json(frab.schedule(event)), frab.JSON_CONTENT_TYPE, scheduled=True
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def my_calendar(request: HttpRequest) -> HttpResponse:
    """The journalist's personal calendar address: shown at any time, replaced on request."""
    if not feeds.may_have_personal_calendar(request.user):
        return forbidden(request, _("Chỉ nhà báo mới có lịch sự kiện riêng."))
    if request.method == "POST":
        try:
            feeds.rotate_calendar_token(request.user)
        except DomainError as error:
            return forbidden(request, error.message)
        return HttpResponseRedirect(reverse("events_feeds:my_calendar") + "?da-doi=1")
    signed_in: Any = request.user  # behind login_required: a User, typed loosely for the ORM lookup
    token = CalendarToken.objects.filter(user=signed_in).first()
    context: dict[str, Any] = {"token": token, "rotated": "da-doi" in request.GET}
    if token is not None:
        https = absolute(reverse("events_feeds:personal", args=[token.token]))
        context.update(https_url=https, webcal_url="webcal://" + https.split("://", 1)[1])
    context["public_url"] = absolute(reverse("events_feeds:public"))
    response = render(request, "events/my_calendar.html", context)
    patch_cache_control(response, private=True, no_store=True)
    response.headers["Referrer-Policy"] = "no-referrer"
    return response
