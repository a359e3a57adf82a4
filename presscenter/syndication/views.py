"""Feeds and standard exports (ninjs, NewsML-G2) of public items. Read-only: GET and HEAD."""

import json
from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, quote_etag
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from presscenter.core.errors import NotFound
from presscenter.releases import access
from presscenter.releases.models import Item, Version
from presscenter.syndication import feeds
from presscenter.syndication.entries import absolute
from presscenter.syndication.newsml import CONTENT_TYPE as NEWSML_CONTENT_TYPE
from presscenter.syndication.newsml import to_newsml
from presscenter.syndication.ninjs import to_ninjs
from presscenter.webhooks.websub import hub_url

FEED_MAX_AGE = 60  # seconds: official information should spread fast, conditional GET keeps polling cheap


def _stamp(response: HttpResponse, checks: feeds.Validators) -> HttpResponse:
    response.headers["ETag"] = quote_etag(checks.etag)
    if checks.last_modified_epoch is not None:
        response.headers["Last-Modified"] = http_date(checks.last_modified_epoch)
    patch_cache_control(response, public=True, max_age=FEED_MAX_AGE)
    return response


@require_safe
def feed(
    request: HttpRequest,
    format: str,
    scope: str | None = None,
    slug: str | None = None,
) -> HttpResponse:
    try:
        channel = feeds.channel_for(scope, slug)
    except NotFound as error:
        raise Http404(error.message) from error
    checks = feeds.validators(channel, request.path)
    not_modified = get_conditional_response(
        request, etag=quote_etag(checks.etag), last_modified=checks.last_modified_epoch
    )
    if not_modified is not None:
        return _stamp(not_modified, checks)
    kind = feeds.FORMATS[format]
    body = kind.render(channel, feeds.latest_entries(channel), absolute(request.path))
    response = _stamp(HttpResponse(body, content_type=kind.content_type), checks)
    # WebSub discovery (W3C WebSub §4): subscribers find our hub and the canonical topic URL here.
    response.headers["Link"] = f'<{hub_url()}>; rel="hub", <{absolute(request.path)}>; rel="self"'
    return response


def _published_version(request: HttpRequest, uid: object) -> tuple[Item, Version]:
    """The item as the reader may see it, and the version asked for (?version=N, default current)."""
    try:
        item = access.item_for_reading(request.user, uid)
    except NotFound as error:
        raise Http404(error.message) from error
    if item.current_version is None:  # a working copy its agency may open, never syndicated
        raise Http404(_("Không tìm thấy tin này."))
    requested = request.GET.get("version")
    if requested is None:
        return item, item.current_version
    version = item.versions.filter(number=int(requested)).first() if requested.isdigit() else None
    if version is None:
        raise Http404(_("Tin này không có phiên bản %(number)s.") % {"number": requested})
    return item, version


def _export(request: HttpRequest, uid: object, render: Callable[[Item, Version], HttpResponse]) -> HttpResponse:
    item, version = _published_version(request, uid)
    response = render(item, version)
    if item.under_embargo():  # only accredited readers get here before the embargo lifts
        patch_cache_control(response, private=True, no_store=True)
    return response


def _ninjs(item: Item, version: Version) -> HttpResponse:
    body = json.dumps(to_ninjs(item, version), ensure_ascii=False, indent=1).encode()
    return HttpResponse(body, content_type="application/json; charset=utf-8")


def _newsml(item: Item, version: Version) -> HttpResponse:
    return HttpResponse(to_newsml(item, version), content_type=f"{NEWSML_CONTENT_TYPE}; charset=utf-8")


@require_safe
def ninjs_item(request: HttpRequest, uid: object) -> HttpResponse:
    return _export(request, uid, _ninjs)


@require_safe
def newsml_item(request: HttpRequest, uid: object) -> HttpResponse:
    return _export(request, uid, _newsml)
