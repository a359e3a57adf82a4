"""What a published item looks like to outside readers, whatever the format (feeds, ninjs, NewsML-G2).

Everything here is a pure function of model objects already loaded: the callers decide the
queries (select_related / prefetch), so a list of entries costs no query per item.
"""

import datetime as dt
import json
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext as _

from presscenter.core.html import sanitize
from presscenter.orgs.models import Organisation
from presscenter.releases.models import Attachment, AttachmentKind, Item, Priority, Topic, Version

# XML 1.0 forbids these; feeds and NewsML-G2 would be unreadable with them, JSON does not need them.
XML_INVALID_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

# IPTC urgency: 1 is the most urgent, 9 the least; 5 is the customary "normal".
URGENCY: dict[str, int] = {Priority.FLASH.value: 1, Priority.URGENT.value: 3, Priority.NORMAL.value: 5}


def xml_safe(text: str) -> str:
    return XML_INVALID_RE.sub("", text or "")


def absolute(path: str) -> str:
    """An absolute URL on this site, from a path such as get_absolute_url() returns."""
    return path if "://" in path else f"{settings.SITE_URL}{path}"


def rfc3339(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def item_urn(item: Item) -> str:
    return f"urn:uuid:{item.uid}"


def concept_uri(kind: str, key: str) -> str:
    """A stable identifier (RFC 4151 tag URI) for our own concepts: agencies, topics, areas, item types.

    Tag URIs identify without promising a page to fetch, so renaming a page never changes them.
    """
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"tag:{host},2025:{kind}/{key}"


def attachment_url(attachment: Attachment) -> str:
    return absolute(reverse("releases:attachment", args=[attachment.pk]))


def thumbnail_url(attachment: Attachment) -> str:
    return absolute(reverse("releases:thumbnail", args=[attachment.pk]))


def version_attachments(version: Version, attachments: list[Attachment]) -> list[Attachment]:
    """The files that belong to this version: the signed document lists them by hash."""
    document = json.loads(bytes(version.signed_bytes))
    hashes = {entry["sha256"] for entry in document.get("attachments", [])}
    return [a for a in attachments if a.sha256 in hashes]


@dataclass(frozen=True)
class Entry:
    """One published version of an item, with the related data a reader needs."""

    item: Item
    version: Version
    agency: Organisation
    topics: list[Topic]
    areas: list[Organisation]
    attachments: list[Attachment]

    @property
    def urn(self) -> str:
        return item_urn(self.item)

    @property
    def link(self) -> str:
        return absolute(self.item.get_absolute_url())

    @property
    def title(self) -> str:
        return xml_safe(self.version.title)

    @property
    def lead(self) -> str:
        return xml_safe(self.version.lead)

    @property
    def body_html(self) -> str:
        """The version's body, sanitised again on the way out (defence in depth)."""
        return xml_safe(sanitize(self.version.body))

    @property
    def change_note(self) -> str:
        return xml_safe(self.version.change_note) if self.version.number > 1 else ""

    @property
    def content_html(self) -> str:
        """The body, preceded by the public change note when the version corrects an earlier one."""
        if not self.change_note:
            return self.body_html
        note = _("Cập nhật (phiên bản %(number)s): %(note)s") % {
            "number": self.version.number,
            "note": self.change_note,
        }
        return f"<p><em>{escape(note)}</em></p>{self.body_html}"

    @property
    def published(self) -> dt.datetime:
        return self.item.first_published_at or self.version.published_at

    @property
    def updated(self) -> dt.datetime:
        return self.version.published_at

    @property
    def type_label(self) -> str:
        return str(self.item.get_type_display())

    @property
    def withdrawn(self) -> bool:
        return self.item.withdrawn_at is not None

    @property
    def images(self) -> list[Attachment]:
        return [a for a in self.attachments if a.kind == AttachmentKind.IMAGE]


def newest_entries(items: QuerySet[Item], count: int) -> list[Entry]:
    """The newest `count` of these items as entries, in four queries. Their topics, areas and
    files are read in bulk: prefetch_related built a queryset per item and relation, a third of
    an RSS feed's time."""
    newest = list(items.select_related("organisation", "current_version").order_by("-last_published_at", "-id")[:count])
    ids = [item.pk for item in newest]
    topics = _linked_by_item(Item.topics.through, "topic", ids)
    areas = _linked_by_item(Item.areas.through, "organisation", ids)
    files: dict[int, list[Attachment]] = defaultdict(list)
    for attachment in Attachment.objects.filter(item_id__in=ids, published=True):
        files[attachment.item_id].append(attachment)
    entries = []
    for item in newest:
        version = item.current_version
        assert version is not None  # public items have a published version
        entries.append(
            Entry(
                item=item,
                version=version,
                agency=item.organisation,
                topics=topics[item.pk],
                areas=areas[item.pk],
                attachments=version_attachments(version, files[item.pk]),
            )
        )
    return entries


def _linked_by_item(link: Any, target: str, item_ids: list[int]) -> dict[int, list[Any]]:
    """The `target` objects of a many-to-many link table, by item id and in name order."""
    grouped: dict[int, list[Any]] = defaultdict(list)
    for row in link.objects.filter(item_id__in=item_ids).select_related(target).order_by(f"{target}__name"):
        grouped[row.item_id].append(getattr(row, target))
    return grouped


def entry_for(item: Item, version: Version | None = None) -> Entry:
    """The entry for a version of an item (default: the current one).

    Uses prefetched relations when present: `topics`, `areas`, `attachments`.
    """
    version = version or item.current_version
    if version is None:
        raise ValueError("item has no published version")
    attachments = [a for a in item.attachments.all() if a.published]
    return Entry(
        item=item,
        version=version,
        agency=item.organisation,
        topics=list(item.topics.all()),
        areas=list(item.areas.all()),
        attachments=version_attachments(version, attachments),
    )
