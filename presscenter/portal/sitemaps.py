"""The sitemap: public items, agency, topic and area pages, with the time each last changed.

Addresses are absolute on SITE_URL, whatever host the crawler asked. A section longer than
`limit` is split into pages (`?p=2`), each listed by the index at /sitemap.xml.
"""

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.sitemaps import Sitemap
from django.db.models import Max, Q, QuerySet
from django.urls import reverse

from presscenter.orgs.models import Organisation
from presscenter.portal import queries
from presscenter.releases.access import public_items
from presscenter.releases.models import Item, Topic


class PortalSitemap(Sitemap):
    def get_protocol(self, protocol: str | None = None) -> str:
        return settings.SITE_URL.split("://", 1)[0]

    def get_domain(self, site: Any = None) -> str:
        return settings.SITE_URL.split("://", 1)[1]


class ItemSitemap(PortalSitemap):
    """Only what anyone may read: never an embargoed, withdrawn or unpublished item."""

    def items(self) -> QuerySet[Item]:
        return public_items(AnonymousUser()).order_by("pk").only("uid", "last_published_at")

    def lastmod(self, item: Item) -> dt.datetime | None:
        return item.last_published_at

    def get_latest_lastmod(self) -> dt.datetime | None:
        return public_items(AnonymousUser()).aggregate(latest=Max("last_published_at"))["latest"]


class DirectorySitemap(PortalSitemap):
    """The pages of a portal directory; each changed when its newest public item was published."""

    url_name = ""
    relation = "items"  # the items a page lists

    def directory(self) -> QuerySet[Any]:
        raise NotImplementedError

    def items(self) -> QuerySet[Any]:
        public = Q(**{f"{self.relation}__in": public_items(AnonymousUser())})
        latest = Max(f"{self.relation}__last_published_at", filter=public)
        return self.directory().annotate(latest=latest).order_by("pk")

    def location(self, item: Organisation | Topic) -> str:
        return reverse(self.url_name, args=[item.slug])

    def lastmod(self, item: Organisation | Topic) -> dt.datetime | None:
        return getattr(item, "latest", None)


class AgencySitemap(DirectorySitemap):
    url_name = "portal:agency"

    def directory(self) -> QuerySet[Organisation]:
        return queries.agency_directory(AnonymousUser())


class TopicSitemap(DirectorySitemap):
    url_name = "portal:topic"

    def directory(self) -> QuerySet[Topic]:
        return queries.topic_directory(AnonymousUser())


class AreaSitemap(DirectorySitemap):
    url_name = "portal:area"
    relation = "area_items"

    def directory(self) -> QuerySet[Organisation]:
        return queries.area_directory(AnonymousUser())


SECTIONS: dict[str, type[PortalSitemap]] = {
    "tin": ItemSitemap, "co-quan": AgencySitemap, "chu-de": TopicSitemap, "dia-ban": AreaSitemap,
}  # fmt: skip
