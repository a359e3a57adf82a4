"""Our own W3C WebSub hub for the public feeds (https://www.w3.org/TR/websub/).

Subscribers POST hub.mode/hub.topic/hub.callback (+ hub.lease_seconds, hub.secret) to `hub_url()`;
we answer 202 and verify their intent in a task (GET the callback with a challenge it must echo).
When an item is published, corrected or withdrawn, `push_updates(item)` sends the new content of
every subscribed feed that carries it, signed with X-Hub-Signature when the subscriber gave a secret.
"""

import datetime as dt
import hashlib
import hmac
import http.client
import logging
import secrets
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.test import RequestFactory
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from presscenter.audit.domain import record
from presscenter.core.errors import DomainError, NotFound
from presscenter.releases.models import Item
from presscenter.syndication import feeds
from presscenter.syndication.entries import absolute
from presscenter.webhooks import ssrf
from presscenter.webhooks.models import WebSubSubscription
from presscenter.webhooks.transport import timeout

log = logging.getLogger(__name__)

DEFAULT_LEASE = 10 * 24 * 3600
MIN_LEASE, MAX_LEASE = 3600, 30 * 24 * 3600
MAX_SECRET_BYTES = 199  # the spec: "MUST be less than 200 bytes"
FEED_VIEWS = {"syndication:feed", "syndication:feed_scoped"}
MAX_WORKERS = 16


@dataclass(frozen=True)
class Request:
    mode: str
    topic: str
    callback: str
    lease_seconds: int
    secret: str


def hub_url() -> str:
    return absolute(reverse("webhooks:websub_hub"))


def allow_private_callbacks() -> bool:
    return bool(getattr(settings, "WEBSUB_ALLOW_PRIVATE_CALLBACKS", False))


def _feed_path(topic: str) -> str:
    """The path of one of our feeds named by `topic`, or DomainError."""
    prefix = f"{settings.SITE_URL}/"
    if not topic.startswith(prefix) or "?" in topic or "#" in topic:
        raise DomainError(_("hub.topic phải là một kênh tin của Trung tâm."), field="hub.topic")
    path = topic[len(settings.SITE_URL) :]
    try:
        match = resolve(path)
    except Resolver404:
        match = None
    if match is None or match.view_name not in FEED_VIEWS:
        raise DomainError(_("hub.topic phải là một kênh tin của Trung tâm."), field="hub.topic")
    try:
        feeds.channel_for(match.kwargs.get("scope"), match.kwargs.get("slug"))
    except NotFound as error:
        raise DomainError(error.message, field="hub.topic") from None
    return path


def parse(params: Mapping[str, str]) -> Request:
    """A subscriber's request checked against the spec and our rules, or DomainError."""
    mode = params.get("hub.mode", "")
    if mode not in ("subscribe", "unsubscribe"):
        raise DomainError(_("hub.mode phải là subscribe hoặc unsubscribe."), field="hub.mode")
    topic = params.get("hub.topic", "").strip()
    _feed_path(topic)
    callback = params.get("hub.callback", "").strip()
    if not callback or len(callback) > 500:
        raise DomainError(_("Thiếu hub.callback hoặc địa chỉ quá dài."), field="hub.callback")
    ssrf.check_url(callback, allow_private=allow_private_callbacks())
    raw_lease = params.get("hub.lease_seconds", "")
    if raw_lease and not raw_lease.isdigit():
        raise DomainError(_("hub.lease_seconds phải là số giây."), field="hub.lease_seconds")
    lease = min(max(int(raw_lease or DEFAULT_LEASE), MIN_LEASE), MAX_LEASE)
    secret = params.get("hub.secret", "")
    if len(secret.encode()) > MAX_SECRET_BYTES:
        raise DomainError(_("hub.secret phải ngắn hơn 200 byte."), field="hub.secret")
    return Request(mode=mode, topic=topic, callback=callback, lease_seconds=lease, secret=secret)


def _with_query(url: str, extra: dict[str, str]) -> str:
    parts = urlsplit(url)
    query = "&".join(q for q in (parts.query, urlencode(extra)) if q)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, ""))


def verify_intent(request: Request) -> bool:
    """Ask the callback to confirm; on success store (subscribe) or remove (unsubscribe) the subscription."""
    challenge = secrets.token_urlsafe(24)
    query = {"hub.mode": request.mode, "hub.topic": request.topic, "hub.challenge": challenge}
    if request.mode == "subscribe":
        query["hub.lease_seconds"] = str(request.lease_seconds)
    try:
        target = ssrf.check_url(_with_query(request.callback, query), allow_private=allow_private_callbacks())
        answer = ssrf.request(target, "GET", timeout=timeout())
    except (DomainError, OSError, http.client.HTTPException) as error:
        log.info("websub: intent of %s not verified: %s", request.callback, error)
        return False
    if not (200 <= answer.status < 300 and answer.body.strip() == challenge.encode()):
        log.info("websub: %s did not echo the challenge (HTTP %s)", request.callback, answer.status)
        return False
    _store(request)
    return True


@transaction.atomic
def _store(request: Request) -> None:
    rows = WebSubSubscription.objects.filter(topic=request.topic, callback=request.callback)
    if request.mode == "unsubscribe":
        subscription = rows.first()
        if subscription is not None:
            record(None, "websub.unsubscribe", subscription, summary=str(subscription))
            subscription.delete()
        return
    now = timezone.now()
    subscription, _created = WebSubSubscription.objects.update_or_create(
        topic=request.topic,
        callback=request.callback,
        defaults={
            "secret": request.secret,
            "lease_seconds": request.lease_seconds,
            "verified_at": now,
            "expires_at": now + dt.timedelta(seconds=request.lease_seconds),
        },
    )
    record(None, "websub.subscribe", subscription, summary=str(subscription))


def render_feed(topic: str) -> tuple[bytes, str]:
    """The current content and Content-Type of one of our feeds, rendered as an anonymous reader gets it."""
    path = _feed_path(topic)
    match = resolve(path)
    request = RequestFactory().get(path)
    request.user = AnonymousUser()
    response = match.func(request, *match.args, **match.kwargs)
    return response.content, response["Content-Type"]


def _carries(topic: str, item: Item) -> bool:
    match = resolve(_feed_path(topic))
    channel = feeds.channel_for(match.kwargs.get("scope"), match.kwargs.get("slug"))
    return Item.objects.filter(channel.items, pk=item.pk).exists()


def _push(subscription: WebSubSubscription, body: bytes, content_type: str) -> bool:
    headers = {
        "Content-Type": content_type,
        "Link": f'<{hub_url()}>; rel="hub", <{subscription.topic}>; rel="self"',
    }
    if subscription.secret:
        digest = hmac.new(subscription.secret.encode(), body, hashlib.sha256).hexdigest()
        headers["X-Hub-Signature"] = f"sha256={digest}"
    try:
        target = ssrf.check_url(subscription.callback, allow_private=allow_private_callbacks())
        answer = ssrf.request(target, "POST", body=body, headers=headers, timeout=timeout())
    except (DomainError, OSError, http.client.HTTPException) as error:
        log.info("websub: push to %s failed: %s", subscription.callback, error)
        return False
    return 200 <= answer.status < 300


def push_updates(item: Item) -> int:
    """Send each subscribed feed that carries `item` to its subscribers; the number of successful pushes."""
    if item.under_embargo():  # not in any public feed yet: the embargo-lifted event pushes it
        return 0
    subscriptions = list(WebSubSubscription.objects.filter(verified_at__isnull=False, expires_at__gt=timezone.now()))
    contents: dict[str, tuple[bytes, str] | None] = {}
    for topic in {s.topic for s in subscriptions}:
        try:
            contents[topic] = render_feed(topic) if _carries(topic, item) else None
        except DomainError:  # the feed no longer exists (agency or topic removed)
            contents[topic] = None
    jobs = [(s, *content) for s in subscriptions if (content := contents.get(s.topic)) is not None]
    if not jobs:
        return 0
    with ThreadPoolExecutor(max_workers=min(MAX_WORKERS, len(jobs))) as pool:
        return sum(pool.map(lambda job: _push(*job), jobs))
