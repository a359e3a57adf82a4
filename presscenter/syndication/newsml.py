"""IPTC NewsML-G2 2.35 newsItem for one published version of an item, with the body as inline XHTML.

Our own concepts (agencies, topics, areas, item types) are identified by tag URIs (the `uri`
attribute) rather than QCodes, so no private catalog is needed; IPTC's own codes (ninat, stat,
sig, irel, drol, cpnat) come from IPTC's standard catalog.
"""

import lxml.html
from django.conf import settings
from lxml import etree

from presscenter.orgs.models import Organisation
from presscenter.releases.models import Item, Topic, Version
from presscenter.syndication.entries import URGENCY, Entry, absolute, attachment_url, concept_uri, entry_for, rfc3339

NAR = "http://iptc.org/std/nar/2006-10-01/"
XHTML = "http://www.w3.org/1999/xhtml"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
IPTC_CATALOG = "http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_32.xml"
CONTENT_TYPE = "application/vnd.iptc.g2.newsitem+xml"


def _nar(parent: etree._Element, tag: str, text: str | None = None, /, **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, f"{{{NAR}}}{tag}", attributes)
    if text is not None:
        element.text = text
    return element


def _named(parent: etree._Element, tag: str, name: str, name_en: str = "", /, **attributes: str) -> etree._Element:
    """A concept property (creator, subject, genre, ...) with its Vietnamese and English names."""
    element = _nar(parent, tag, **attributes)
    _nar(element, "name", name).set(XML_LANG, "vi")
    if name_en:
        _nar(element, "name", name_en).set(XML_LANG, "en")
    return element


def to_newsml(item: Item, version: Version | None = None) -> bytes:
    """The newsItem of a version of the item (default: the current version), as UTF-8 XML."""
    entry = entry_for(item, version)
    root = etree.Element(
        f"{{{NAR}}}newsItem",
        {
            "guid": entry.urn,
            "version": str(entry.version.number),
            "standard": "NewsML-G2",
            "standardversion": "2.35",
            "conformance": "power",
            XML_LANG: item.language,
        },
        nsmap={None: NAR},
    )
    _nar(root, "catalogRef", href=IPTC_CATALOG)
    rights = _nar(root, "rightsInfo")
    _agency(rights, "copyrightHolder", entry.agency)
    _item_meta(root, entry)
    _content_meta(root, entry)
    if not entry.withdrawn:
        content_set = _nar(root, "contentSet")
        inline = _nar(content_set, "inlineXML", contenttype="application/xhtml+xml")
        inline.append(xhtml_document(entry.title, entry.body_html, item.language))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _agency(parent: etree._Element, tag: str, agency: Organisation) -> etree._Element:
    return _named(parent, tag, agency.name, agency.name_en, uri=concept_uri("agency", agency.slug))


def _item_meta(root: etree._Element, entry: Entry) -> None:
    meta = _nar(root, "itemMeta")
    _nar(meta, "itemClass", qcode="ninat:text")
    _named(meta, "provider", settings.SITE_NAME, uri=absolute("/"))
    _nar(meta, "versionCreated", rfc3339(entry.updated))
    _nar(meta, "firstCreated", rfc3339(entry.published))
    if entry.item.embargo_until:
        _nar(meta, "embargoed", rfc3339(entry.item.embargo_until))
    _nar(meta, "pubStatus", qcode="stat:canceled" if entry.withdrawn else "stat:usable")
    if entry.withdrawn:
        _nar(meta, "edNote", entry.item.withdrawal_reason)
    elif entry.change_note:
        _nar(meta, "edNote", entry.change_note)
    if entry.version.number > 1:
        _nar(meta, "signal", qcode="sig:update")
    _nar(meta, "link", rel="irel:seeAlso", href=entry.link, contenttype="text/html")
    if not entry.withdrawn:
        for attachment in entry.attachments:
            link = _nar(
                meta,
                "link",
                rel="irel:associatedWith",
                href=attachment_url(attachment),
                contenttype=attachment.mime_type,
                size=str(attachment.size),
            )
            _nar(link, "title", attachment.caption or attachment.original_name)


def _content_meta(root: etree._Element, entry: Entry) -> None:
    meta = _nar(root, "contentMeta")
    _nar(meta, "urgency", str(URGENCY[entry.item.priority]))
    _nar(meta, "contentCreated", rfc3339(entry.published))
    _nar(meta, "contentModified", rfc3339(entry.updated))
    for area in entry.areas:
        _named(meta, "located", area.name, area.name_en, uri=concept_uri("area", area.slug))
    _agency(meta, "creator", entry.agency)
    _nar(meta, "language", tag=entry.item.language)
    _named(meta, "genre", entry.type_label, uri=concept_uri("type", entry.item.type))
    for topic in entry.topics:
        _topic(meta, topic)
    _nar(meta, "headline", entry.title)
    if entry.lead and not entry.withdrawn:
        _nar(meta, "description", entry.lead, role="drol:summary")


def _topic(meta: etree._Element, topic: Topic) -> None:
    _named(meta, "subject", topic.name, topic.name_en, type="cpnat:abstract", uri=concept_uri("topic", topic.slug))


def xhtml_document(title: str, body_html: str, language: str) -> etree._Element:
    """A well-formed XHTML document from the sanitised HTML body."""
    html = etree.Element(f"{{{XHTML}}}html", {"lang": language, XML_LANG: language}, nsmap={None: XHTML})
    head = etree.SubElement(html, f"{{{XHTML}}}head")
    etree.SubElement(head, f"{{{XHTML}}}title").text = title
    body = etree.SubElement(html, f"{{{XHTML}}}body")
    fragment = lxml.html.fragment_fromstring(body_html or "", create_parent="div")
    body.text = fragment.text
    for child in fragment:
        _copy_into(body, child)
    return html


def _copy_into(parent: etree._Element, source: lxml.html.HtmlElement) -> None:
    """Copy an HTML element into the XHTML namespace (lxml.html parses into no namespace).

    The body is sanitised (no comments, no processing instructions), so every node is an element.
    """
    element = etree.SubElement(parent, f"{{{XHTML}}}{source.tag}", dict(source.attrib))
    element.text = source.text
    element.tail = source.tail
    for child in source:
        _copy_into(element, child)
