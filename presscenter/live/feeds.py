"""A journalist's private feeds: the public feed formats (presscenter.syndication.feeds) over
the items this journalist may read, embargoed ones included and marked as such."""

from dataclasses import dataclass, fields
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from presscenter.releases import access
from presscenter.syndication import feeds
from presscenter.syndication.entries import Entry, absolute, newest_entries


@dataclass(frozen=True)
class EmbargoedEntry(Entry):
    """An entry whose embargo has not lifted: the title says until when, in every format."""

    embargo_label: str = ""

    @property
    def title(self) -> str:
        return _("[Cấm đăng đến %(moment)s] %(title)s") % {"moment": self.embargo_label, "title": super().title}


def embargo_label(entry: Entry) -> str:
    assert entry.item.embargo_until is not None
    return date_format(timezone.localtime(entry.item.embargo_until), "H:i d/m/Y")


def _marked(entry: Entry) -> Entry:
    if not entry.item.under_embargo():
        return entry
    values = {f.name: getattr(entry, f.name) for f in fields(Entry)}
    return EmbargoedEntry(**values, embargo_label=embargo_label(entry))


def private_entries(user: Any) -> list[Entry]:
    """The newest items the user is entitled to, as feed entries (a fixed number of queries)."""
    return [_marked(entry) for entry in newest_entries(access.public_items(user), feeds.FEED_SIZE)]


def private_channel(user: Any) -> feeds.Channel:
    names = {"name": str(user), "site": settings.SITE_NAME}
    return feeds.Channel(
        title=_("Kênh tin riêng của %(name)s — %(site)s") % names,
        description=_("Tin chính thức, kể cả tin đang cấm đăng, dành riêng cho %(name)s.") % names,
        items=Q(),  # the entries come from private_entries, not from a scope
        home=absolute(reverse("live:embargo_inbox")),
    )


def render(user: Any, format: str, path: str) -> tuple[bytes, str]:
    """The feed body and its content type."""
    kind = feeds.FORMATS[format]
    return kind.render(private_channel(user), private_entries(user), absolute(path)), kind.content_type
