"""Feeds of public items: RSS 2.0, Atom 1.0 and JSON Feed 1.1, site-wide or for one agency, area, topic or item type."""

import calendar
import datetime as dt
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Count, Max, Q, QuerySet
from django.urls import reverse
from django.utils import feedgenerator
from django.utils.html import escape
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from presscenter.core.context import site_name
from presscenter.core.errors import NotFound
from presscenter.orgs.models import AREA_KINDS, Organisation
from presscenter.releases import access
from presscenter.releases.models import Item, ItemType, Topic
from presscenter.syndication.entries import Entry, absolute, attachment_url, newest_entries, rfc3339

FEED_SIZE = 50
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"


@dataclass(frozen=True)
class Channel:
    """Which items a feed carries, and how the feed names itself."""

    title: str
    description: str
    items: Q
    home: str  # the HTML page the feed mirrors


@dataclass(frozen=True)
class _Scope:
    """A feed narrowed to one agency, area or topic: how to find it and how to name it."""

    find: Callable[[str | None], Any]
    missing: Any
    title: Any
    description: Any
    filter_on: str
    page: str


_SCOPES = {
    "agency": _Scope(
        find=lambda slug: Organisation.objects.filter(slug=slug).first(),
        missing=gettext_lazy("Không tìm thấy cơ quan này."),
        title=gettext_lazy("Tin chính thức — %(name)s"),
        description=gettext_lazy("Thông tin chính thức do %(name)s công bố qua %(site)s."),
        filter_on="organisation",
        page="portal:agency",
    ),
    "area": _Scope(
        find=lambda slug: Organisation.objects.filter(slug=slug, kind__in=AREA_KINDS).first(),
        missing=gettext_lazy("Không tìm thấy địa bàn này."),
        title=gettext_lazy("Tin chính thức — địa bàn %(name)s"),
        description=gettext_lazy("Thông tin chính thức liên quan đến %(name)s, công bố qua %(site)s."),
        filter_on="areas",
        page="portal:area",
    ),
    "topic": _Scope(
        find=lambda slug: Topic.objects.filter(slug=slug).first(),
        missing=gettext_lazy("Không tìm thấy chủ đề này."),
        title=gettext_lazy("Tin chính thức — chủ đề %(name)s"),
        description=gettext_lazy("Thông tin chính thức về chủ đề %(name)s, công bố qua %(site)s."),
        filter_on="topics",
        page="portal:topic",
    ),
}


def channel_for(scope: str | None = None, slug: str | None = None) -> Channel:
    """The channel for the scope named by the URL ("agency", "area", "topic" or "type" and a slug; none: whole site).

    NotFound for an agency, area, topic or item type that does not exist.
    """
    site = str(site_name())
    if scope in _SCOPES:
        spec = _SCOPES[scope]
        found = spec.find(slug)
        if found is None:
            raise NotFound(spec.missing)
        names = {"name": found.display_name, "site": site}
        return Channel(
            title=spec.title % names,
            description=spec.description % names,
            items=Q(**{spec.filter_on: found}),
            home=absolute(reverse(spec.page, args=[found.slug])),
        )
    if scope == "type":
        if slug not in ItemType.values:
            raise NotFound(_("Không có loại tin này."))
        names = {"type": str(ItemType(slug).label), "site": site}
        return Channel(
            title=_("%(type)s — %(site)s") % names,
            description=_("%(type)s của các cơ quan thành phố, công bố qua %(site)s.") % names,
            items=Q(type=slug),
            home=absolute(reverse("portal:latest")),
        )
    names = {"site": site}
    return Channel(
        title=_("Tin chính thức — %(site)s") % names,
        description=_("Thông tin chính thức của các cơ quan thành phố, công bố qua %(site)s.") % names,
        items=Q(),
        home=absolute(reverse("portal:home")),
    )


def scoped_items(channel: Channel) -> QuerySet[Item]:
    """What anonymous readers may see: published, not withdrawn, embargo lifted."""
    return access.public_items().filter(channel.items)


def latest_entries(channel: Channel) -> list[Entry]:
    return newest_entries(scoped_items(channel), FEED_SIZE)


@dataclass(frozen=True)
class Validators:
    etag: str
    last_modified: dt.datetime | None  # None for a feed that never had an item

    @property
    def last_modified_epoch(self) -> int | None:
        """Whole seconds, the resolution of HTTP dates."""
        return calendar.timegm(self.last_modified.utctimetuple()) if self.last_modified else None


def validators(channel: Channel, variant: str) -> Validators:
    """ETag and Last-Modified from two aggregate queries, without loading any item.

    Last-Modified moves when an item is published or corrected, when an embargo lifts and when
    an item is withdrawn (it leaves the feed); the ETag also covers edits of topics and areas.
    """
    stats = scoped_items(channel).aggregate(
        count=Count("pk"), newest=Max("last_published_at"), lifted=Max("embargo_until"), edited=Max("updated_at")
    )
    withdrawn = Item.objects.filter(channel.items, withdrawn_at__isnull=False).aggregate(latest=Max("withdrawn_at"))
    moments = [m for m in (stats["newest"], stats["lifted"], withdrawn["latest"]) if m is not None]
    fingerprint = "|".join(
        str(part) for part in (variant, get_language(), settings.SITE_URL, stats["count"], *moments, stats["edited"])
    )
    return Validators(
        etag=hashlib.sha256(fingerprint.encode()).hexdigest()[:32],
        last_modified=max(moments) if moments else None,
    )


class RssFeed(feedgenerator.Rss201rev2Feed):
    """RSS 2.0 with the full body (content:encoded) and the update time (atom:updated)."""

    max_enclosures: int | None = 1  # RSS allows one enclosure per item

    def rss_attributes(self) -> dict[str, str]:
        return {**super().rss_attributes(), "xmlns:content": CONTENT_NS}

    def add_item_elements(self, handler: Any, item: dict[str, Any]) -> None:
        super().add_item_elements(handler, item)
        handler.addQuickElement("atom:updated", feedgenerator.rfc3339_date(item["updateddate"]))
        handler.addQuickElement("content:encoded", item["content_html"])


class AtomFeed(feedgenerator.Atom1Feed):
    """Atom 1.0 with the full body as HTML content."""

    max_enclosures: int | None = None

    def add_item_elements(self, handler: Any, item: dict[str, Any]) -> None:
        super().add_item_elements(handler, item)
        handler.addQuickElement("content", item["content_html"], {"type": "html"})


def categories(entry: Entry) -> list[str]:
    return [entry.type_label, *(t.display_name for t in entry.topics), *(a.display_name for a in entry.areas)]


def _xml_feed(feed_class: type[RssFeed] | type[AtomFeed], channel: Channel, entries: list[Entry], url: str) -> bytes:
    feed = feed_class(
        title=channel.title,
        link=channel.home,
        description=channel.description,
        language=settings.LANGUAGE_CODE,
        feed_url=url,
        feed_guid=url,
        author_name=str(site_name()),
        author_link=absolute("/"),
    )
    for entry in entries:
        enclosures = [feedgenerator.Enclosure(attachment_url(a), str(a.size), a.mime_type) for a in entry.attachments]
        feed.add_item(
            title=entry.title,
            link=entry.link,
            description=str(escape(entry.lead)),  # plain text, escaped for readers that render it as HTML
            author_name=entry.agency.display_name,
            pubdate=entry.published,
            updateddate=entry.updated,
            unique_id=entry.urn,
            unique_id_is_permalink=False,
            categories=categories(entry),
            enclosures=enclosures[: feed_class.max_enclosures],
            content_html=entry.content_html,
        )
    return feed.writeString("utf-8").encode()


def rss(channel: Channel, entries: list[Entry], url: str) -> bytes:
    return _xml_feed(RssFeed, channel, entries, url)


def atom(channel: Channel, entries: list[Entry], url: str) -> bytes:
    return _xml_feed(AtomFeed, channel, entries, url)


def json_feed_item(entry: Entry) -> dict[str, Any]:
    agency: dict[str, str] = {"name": entry.agency.display_name}
    if entry.agency.website:
        agency["url"] = entry.agency.website
    data: dict[str, Any] = {
        "id": entry.urn,
        "url": entry.link,
        "title": entry.title,
        "content_html": entry.content_html,
        "date_published": rfc3339(entry.published),
        "date_modified": rfc3339(entry.updated),
        "authors": [agency],
        "tags": categories(entry),
        "language": entry.item.language,
    }
    if entry.lead:
        data["summary"] = entry.lead
    if entry.images:
        data["image"] = attachment_url(entry.images[0])
    if entry.attachments:
        data["attachments"] = [
            {
                "url": attachment_url(a),
                "mime_type": a.mime_type,
                "title": a.caption or a.original_name,
                "size_in_bytes": a.size,
            }
            for a in entry.attachments
        ]
    return data


def json_feed(channel: Channel, entries: list[Entry], url: str) -> bytes:
    document = {
        "version": JSON_FEED_VERSION,
        "title": channel.title,
        "home_page_url": channel.home,
        "feed_url": url,
        "description": channel.description,
        "language": settings.LANGUAGE_CODE,
        "authors": [{"name": str(site_name()), "url": absolute("/")}],
        "items": [json_feed_item(entry) for entry in entries],
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode()


@dataclass(frozen=True)
class Format:
    content_type: str
    render: Callable[[Channel, list[Entry], str], bytes]


FORMATS = {
    "rss": Format("application/rss+xml; charset=utf-8", rss),
    "atom": Format("application/atom+xml; charset=utf-8", atom),
    "json": Format("application/feed+json; charset=utf-8", json_feed),
}
