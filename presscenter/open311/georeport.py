"""GeoReport v2 documents: services, service definitions, service requests and errors, as the
JSON and XML the specification shows (XML is its required format, JSON the common one).

Nothing personal goes out: a service request lists what was reported, where, its status and who
answers it; never the asker's name or contacts, nor the photos and documents they attached."""

import datetime as dt
import json
import re
from typing import Any
from xml.etree import ElementTree

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from presscenter.inquiries.models import FINAL_STATES, OPEN_STATES, Category, Inquiry, State
from presscenter.text.redact import redact

# How a service request's media_url and description travel inside the inquiry's text (domain.ask
# takes text only): the asker's link is kept for the agency, never shown in the public description.
MEDIA_MARK = "\n\n[media_url] "
DESCRIPTION_LIMIT = 4000


def w3c(moment: dt.datetime | None) -> str | None:
    """A W3C date-time with the centre's offset: 2026-12-02T09:15:00+07:00."""
    if moment is None:
        return None
    return timezone.localtime(moment).replace(microsecond=0).isoformat()


def status_of(inquiry: Inquiry) -> str:
    """open while someone must still act on it; closed once answered or finished."""
    return "open" if inquiry.state in OPEN_STATES else "closed"


def status_notes(inquiry: Inquiry) -> str:
    label = str(inquiry.get_state_display())  # type: ignore[attr-defined]
    if inquiry.state == State.MERGED and inquiry.merged_into is not None:
        return _("%(state)s vào %(code)s") % {"state": label, "code": inquiry.merged_into.code}
    if inquiry.state == State.WAITING:
        return _("Chờ người phản ánh bổ sung thông tin.")
    return label


def service_notice(inquiry: Inquiry) -> str | None:
    if inquiry.state in OPEN_STATES and inquiry.due_at is not None and inquiry.state != State.WAITING:
        day = timezone.localtime(inquiry.due_at).strftime("%d/%m/%Y %H:%M")
        return _("Cơ quan xử lý phải trả lời trước %(when)s.") % {"when": day}
    if inquiry.state == State.ANSWERED:
        return _("Đã trả lời người phản ánh.")
    return None


def public_description(inquiry: Inquiry) -> str | None:
    """The report as the public may read it: no contacts, no link the asker attached."""
    if inquiry.state == State.REJECTED:
        return None  # refused as spam or abuse: not repeated
    text = inquiry.text.split(MEDIA_MARK, 1)[0]
    text = redact(text).strip()
    return text[:DESCRIPTION_LIMIT] or None


def media_url(inquiry: Inquiry, base_url: str) -> str | None:
    """Only a published answer: the asker's own attachments are never public."""
    item = inquiry.answer_item
    if item is None or item.current_version_id is None or item.withdrawn_at is not None:
        return None
    return base_url.rstrip("/") + item.get_absolute_url()


def service(category: Category) -> dict[str, Any]:
    return {
        "service_code": category.code,
        "service_name": category.display_name,
        "description": category.description or None,
        "metadata": False,
        "type": "realtime",
        "keywords": category.keywords or None,
        "group": category.group or None,
    }


def service_definition(category: Category) -> dict[str, Any]:
    return {"service_code": category.code, "attributes": []}


def service_request(inquiry: Inquiry, base_url: str) -> dict[str, Any]:
    category = inquiry.category
    updated = inquiry.closed_at if inquiry.state in FINAL_STATES and inquiry.closed_at else inquiry.updated_at
    return {
        "service_request_id": inquiry.code,
        "status": status_of(inquiry),
        "status_notes": status_notes(inquiry),
        "service_name": category.display_name if category else None,
        "service_code": category.code if category else "",
        "description": public_description(inquiry),
        "agency_responsible": inquiry.organisation.display_name if inquiry.organisation else None,
        "service_notice": service_notice(inquiry),
        "requested_datetime": w3c(inquiry.received_at),
        "updated_datetime": w3c(updated),
        "expected_datetime": w3c(inquiry.due_at) if inquiry.state in OPEN_STATES else None,
        "address": inquiry.location or None,
        "address_id": None,
        "zipcode": None,
        "lat": float(inquiry.latitude) if inquiry.latitude is not None else None,
        "long": float(inquiry.longitude) if inquiry.longitude is not None else None,
        "media_url": media_url(inquiry, base_url),
    }


def error(code: int, description: str) -> dict[str, Any]:
    return {"code": code, "description": description}


# Rendering -------------------------------------------------------------------------------------

# The XML element of each item of a list document.
ITEM_ELEMENT = {"services": "service", "service_requests": "request", "errors": "error", "attributes": "attribute"}
INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _xml_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return INVALID_XML.sub("", str(value))


def _append(parent: ElementTree.Element, name: str, value: Any) -> None:
    element = ElementTree.SubElement(parent, name)
    if isinstance(value, dict):
        for key, child in value.items():
            _append(element, key, child)
    elif isinstance(value, list):
        item_name = ITEM_ELEMENT.get(name, name.rstrip("s"))
        for child in value:
            _append(element, item_name, child)
    else:
        element.text = _xml_value(value)


def to_xml(root: str, document: Any) -> bytes:
    """The Spark convention backwards: a list becomes <root><item>…</item></root>."""
    top = ElementTree.Element(root)
    if isinstance(document, list):
        for entry in document:
            _append(top, ITEM_ELEMENT[root], entry)
    else:
        for key, value in document.items():
            _append(top, key, value)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ElementTree.tostring(top, encoding="unicode").encode()


def respond(fmt: str, root: str, document: Any, status: int = 200) -> HttpResponse:
    if fmt == "xml":
        response = HttpResponse(to_xml(root, document), content_type="text/xml; charset=utf-8", status=status)
    else:
        body = json.dumps(document, ensure_ascii=False).encode()
        response = HttpResponse(body, content_type="application/json; charset=utf-8", status=status)
    # Public data, read by web applications of other sites too (no cookie is ever used here).
    response["Access-Control-Allow-Origin"] = "*"
    return response


def respond_errors(fmt: str, status: int, *descriptions: str) -> HttpResponse:
    return respond(fmt, "errors", [error(status, str(text)) for text in descriptions], status=status)
