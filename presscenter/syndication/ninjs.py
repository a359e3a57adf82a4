"""IPTC ninjs 3.1 (News in JSON) for one published version of an item.

A pure function of model objects: views and the API share it. A withdrawn item keeps its
identity and headline with pubStatus "canceled", but its text and files are no longer syndicated.
"""

import mimetypes
from typing import Any

from presscenter.core.html import to_text
from presscenter.orgs.models import Organisation
from presscenter.releases.models import Attachment, AttachmentKind, Item, Version
from presscenter.syndication.entries import (
    URGENCY,
    Entry,
    attachment_url,
    concept_uri,
    entry_for,
    item_urn,
    rfc3339,
    thumbnail_url,
)

NINJS_STANDARD = {
    "name": "ninjs",
    "version": "3.1",
    "schema": "http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json#",
}


def to_ninjs(item: Item, version: Version | None = None) -> dict[str, Any]:
    """The ninjs document of a version of the item (default: the current version)."""
    entry = entry_for(item, version)
    document: dict[str, Any] = {
        "uri": entry.urn,
        "standard": NINJS_STANDARD,
        "type": "text",
        "representationType": "full",
        "profile": item.type,
        "version": str(entry.version.number),
        "firstCreated": rfc3339(entry.published),
        "versionCreated": rfc3339(entry.updated),
        "pubStatus": "canceled" if entry.withdrawn else "usable",
        "urgency": URGENCY[item.priority],
        "language": item.language,
        "headlines": [{"role": "main", "contentType": "text/plain", "value": entry.title}],
        "by": entry.agency.name,
        "organisations": [agency_organisation(entry.agency, "publisher")],
        "genres": [{"name": entry.type_label, "literal": item.type, "uri": concept_uri("type", item.type)}],
        "subjects": [
            {"name": t.name, "literal": t.slug, "uri": concept_uri("topic", t.slug), "rel": "about"}
            for t in entry.topics
        ],
        "places": [
            {"name": a.name, "literal": a.slug, "uri": concept_uri("area", a.slug), "rel": "about"} for a in entry.areas
        ],
        "altIds": [{"role": "verificationCode", "value": item.verification_code}],
        "renditions": [{"name": "html", "href": entry.link, "contentType": "text/html"}],
    }
    if item.embargo_until:
        document["embargoedUntil"] = rfc3339(item.embargo_until)
    if entry.withdrawn:
        document["descriptions"] = [
            {"role": "withdrawal", "contentType": "text/plain", "value": item.withdrawal_reason}
        ]
    else:
        document.update(_content(entry))
    if item.corrects_id is not None and item.corrects is not None:
        document.setdefault("associations", []).append(
            {"name": "corrects", "rel": "corrects", "uri": item_urn(item.corrects), "type": "text"}
        )
    return {key: value for key, value in document.items() if value != []}


def agency_organisation(agency: Organisation, rel: str) -> dict[str, Any]:
    """An agency as a ninjs organisation with its office contacts (items and events share it)."""
    organisation: dict[str, Any] = {
        "name": agency.name,
        "rel": rel,
        "uri": concept_uri("agency", agency.slug),
        "literal": agency.slug,
    }
    contacts = [
        {"type": kind, "role": "office", "value": value}
        for kind, value in (("phone", agency.phone), ("email", agency.email), ("web", agency.website))
        if value
    ]
    if contacts:
        organisation["contactInfo"] = contacts
    return organisation


def _content(entry: Entry) -> dict[str, Any]:
    """Lead, body, change note and files: what is syndicated while the item is public."""
    descriptions = []
    if entry.lead:
        descriptions.append({"role": "summary", "contentType": "text/plain", "value": entry.lead})
    if entry.change_note:
        descriptions.append({"role": "changeNote", "contentType": "text/plain", "value": entry.change_note})
    text = to_text(entry.body_html)
    return {
        "descriptions": descriptions,
        "bodies": [
            {
                "role": "main",
                "contentType": "text/html",
                "value": entry.body_html,
                "charCount": len(text),
                "wordCount": len(text.split()),
            }
        ],
        "associations": [_attachment(a, n) for n, a in enumerate(entry.attachments, start=1)],
    }


def _attachment(attachment: Attachment, number: int) -> dict[str, Any]:
    is_image = attachment.kind == AttachmentKind.IMAGE
    url = attachment_url(attachment)
    renditions = [
        {
            "name": "original",
            "href": url,
            "contentType": attachment.mime_type,
            "sizeInBytes": attachment.size,
            "title": attachment.original_name,
        }
    ]
    if attachment.thumbnail:
        thumbnail: dict[str, Any] = {"name": "thumbnail", "href": thumbnail_url(attachment)}
        content_type, _encoding = mimetypes.guess_type(attachment.thumbnail.name or "")
        if content_type:
            thumbnail["contentType"] = content_type
        renditions.append(thumbnail)
    association: dict[str, Any] = {
        "name": f"{'image' if is_image else 'document'}-{number}",
        "rel": "attachment",
        "uri": url,
        "type": "picture" if is_image else "text",
        "headlines": [{"role": "main", "value": attachment.caption or attachment.original_name}],
        "renditions": renditions,
    }
    descriptions = [
        {"role": role, "contentType": "text/plain", "value": value}
        for role, value in (("caption", attachment.caption), ("alt", attachment.alt_text))
        if value
    ]
    if descriptions:
        association["descriptions"] = descriptions
    if attachment.credit:
        association["by"] = attachment.credit
        association["copyrightHolder"] = attachment.credit
    return association
