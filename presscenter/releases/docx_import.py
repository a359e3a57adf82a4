"""A Word file (.docx) becomes a draft: the title from its first heading, the body converted by
mammoth and sanitised like any body, its embedded images attachments of the draft.

The file is hostile until proven otherwise. Before mammoth reads anything: it must be a real
Word document (by content), the archive's declared sizes must stay under a budget (zipfile
never reads an entry past its declared size: a lying header fails its CRC check instead of
inflating further), and no image in it may be linked from outside (a reader would
fetch a URL or open a local path). Refusals raise DomainError and create nothing."""

import hashlib
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

import filetype
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from lxml import html as lxml_html

from presscenter.core.errors import DomainError
from presscenter.core.html import sanitize
from presscenter.releases import domain
from presscenter.releases.attachments import (
    HEAD_BYTES,
    IMAGE_TYPES,
    OOXML_BY_FOLDER,
    ZIP_MAGIC,
    ZIP_READ_ERRORS,
    add_attachment,
    check_size,
    detect_type,
)
from presscenter.releases.models import Attachment, Item

WORD = OOXML_BY_FOLDER["word/"]
# A release with a dozen photos unpacks to a few tens of MB; a zip bomb declares gigabytes.
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_ENTRIES = 1000
# Each image is decoded and shrunk in the request (20 images of 12 Mpx took 3.4 s): a release
# carries a dozen photos, and 1,000 would take minutes.
MAX_IMAGES = 30
# mammoth builds a DOM of every XML part: a few kB of zip holding 600,000 empty paragraphs took
# minutes and 2.5 GB. A long report's XML is a few MB and under 100,000 tags; markup past these
# budgets is refused before it is parsed (each tag is one "<"). Markup is every part that begins
# as XML does, wherever it lies (the relationships choose which parts are read); embedded fonts,
# images and objects do not count.
MAX_MARKUP_BYTES = 10 * 1024 * 1024
MAX_TAGS = 300_000
XML_BYTE_ORDER_MARKS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
XML_HEAD_BYTES = 64
TITLE_MAX = 300
EXTERNAL_TARGET_RE = re.compile(rb"TargetMode\s*=\s*[\"']External[\"']", re.IGNORECASE)
RELATIONSHIP_RE = re.compile(rb"<Relationship\b[^>]*>", re.IGNORECASE)
RELATIONSHIP_TYPE_RE = re.compile(rb"\bType\s*=\s*[\"']([^\"']*)[\"']")
# Word's own styles; mammoth maps the others (Heading 1…6 → h1…h6, lists, tables) by default.
STYLE_MAP = "p[style-name='Title'] => h1:fresh\np[style-name='Subtitle'] => p:fresh"
# A paragraph that held only an image is left empty once the image became an attachment.
EMPTY_PARAGRAPH_RE = re.compile(r"<p>\s*</p>")
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# The body allows h2–h4 (presscenter.core.html): the document's title was its h1.
HEADING_SHIFT = {"h1": "h2", "h2": "h3", "h3": "h4", "h4": "h4", "h5": "h4", "h6": "h4"}

NOT_WORD = _("Tệp “%(name)s” không phải là tệp Word (.docx). Hãy lưu văn bản dưới dạng .docx rồi gửi lại.")
TOO_LONG = _(
    "Văn bản trong tệp Word “%(name)s” quá dài để nhập. Hãy chia thành các tệp nhỏ hơn hoặc dán nội dung vào ô nội dung."
)
CORRUPT = _("Không đọc được tệp Word “%(name)s”: tệp bị hỏng hoặc không đúng định dạng .docx.")


@dataclass(frozen=True)
class EmbeddedImage:
    name: str
    data: bytes
    alt_text: str


@dataclass
class WordDraft:
    title: str
    body: str
    images: list[EmbeddedImage] = field(default_factory=list)
    # The document's title was longer than an item's and was cut to TITLE_MAX: the user is told.
    title_shortened: bool = False


def _refuse(message: Any, name: str) -> DomainError:
    return DomainError(message % {"name": name}, field="file")


def _check_archive(data: bytes, name: str) -> None:
    if detect_type(io.BytesIO(data), name) != WORD:
        # A zip that no longer opens (a download cut short) is a broken Word file, not another type.
        broken = data.startswith(ZIP_MAGIC) and not zipfile.is_zipfile(io.BytesIO(data))
        raise _refuse(CORRUPT if broken else NOT_WORD, name)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_ENTRIES or sum(entry.file_size for entry in entries) > MAX_UNPACKED_BYTES:
                raise DomainError(
                    _("Tệp Word “%(name)s” khi giải nén vượt quá %(limit)s; hãy giảm dung lượng ảnh trong văn bản.")
                    % {"name": name, "limit": filesizeformat(MAX_UNPACKED_BYTES)},
                    field="file",
                )
            markup = [entry for entry in entries if _is_markup(archive, entry)]
            if sum(entry.file_size for entry in markup) > MAX_MARKUP_BYTES or (
                sum(archive.read(entry).count(b"<") for entry in markup) > MAX_TAGS
            ):
                raise _refuse(TOO_LONG, name)
            for entry in entries:
                if entry.filename.endswith(".rels") and _links_out(archive.read(entry)):
                    raise _refuse(
                        _(
                            "Tệp Word “%(name)s” có ảnh liên kết tới địa chỉ bên ngoài. Hãy chèn ảnh vào văn bản "
                            "(Chèn → Ảnh → Từ thiết bị) thay vì liên kết, rồi gửi lại."
                        ),
                        name,
                    )
    except ZIP_READ_ERRORS:
        raise _refuse(CORRUPT, name) from None


def _is_markup(archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> bool:
    with archive.open(entry) as stream:
        head = stream.read(XML_HEAD_BYTES)
    # XML may open with any amount of white space (a head of nothing else is markup too), and
    # UTF-16 without a byte order mark puts a zero byte beside each of these characters.
    start = head.replace(b"\x00", b"").lstrip(b" \t\r\n")
    return head.startswith(XML_BYTE_ORDER_MARKS) or not start or start.startswith(b"<")


def _links_out(relationships: bytes) -> bool:
    """A linked image: an image relationship whose target is outside the file. (Links are
    external too, and a document made from a template names it; neither is read.)"""
    for relationship in RELATIONSHIP_RE.findall(relationships):
        kind = RELATIONSHIP_TYPE_RE.search(relationship)
        if kind and kind.group(1).endswith(b"/image") and EXTERNAL_TARGET_RE.search(relationship):
            return True
    return False


def _title_and_body(markup: str) -> tuple[str, str]:
    """The first heading (else the first paragraph, else the first block) is the title; the other
    headings move one level down, into the range the body allows. An administrative document opens
    with a table (the agency and the national motto side by side): it is not the title."""
    root = lxml_html.fragment_fromstring(markup or "<p></p>", create_parent="div")
    blocks = [child for child in root if (child.text_content() or "").strip()]
    paragraphs = [block for block in blocks if block.tag == "p"]
    first = next((block for block in blocks if block.tag in HEADINGS), (paragraphs or blocks or [None])[0])
    title = ""
    if first is not None:
        title = " ".join(first.text_content().split())
        root.remove(first)
    for heading in root.iter(*HEADINGS):
        heading.tag = HEADING_SHIFT[heading.tag]
    body = "".join(lxml_html.tostring(child, encoding="unicode") for child in root)
    return title, EMPTY_PARAGRAPH_RE.sub("", sanitize(body))


def read_docx(uploaded: Any) -> WordDraft:
    """The draft a Word file makes, or DomainError. Writes nothing."""
    import mammoth  # noqa: PLC0415 heavy (imported when a file arrives: most processes never convert one)

    name = PurePath(getattr(uploaded, "name", "") or "van-ban.docx").name[:255]
    check_size(name, uploaded.size)
    uploaded.seek(0)
    data = uploaded.read()
    _check_archive(data, name)

    images: dict[str, EmbeddedImage] = {}
    other_formats = []

    def keep_image(image: Any) -> dict[str, str]:
        with image.open() as stream:
            content = stream.read()
        # By its bytes: the content type is the file's word, and Word keeps charts and logos as EMF.
        guess = filetype.guess(content[:HEAD_BYTES])
        kind = IMAGE_TYPES.get(guess.mime) if guess else None
        digest = hashlib.sha256(content).hexdigest()
        if kind is None:
            other_formats.append(digest)
        elif digest not in images:
            number = len(images) + 1
            images[digest] = EmbeddedImage(f"anh-{number}{kind.extension}", content, (image.alt_text or "").strip())
        return {}  # no <img> in the body (the sanitiser would drop it): the image is an attachment

    try:
        result = mammoth.convert_to_html(
            io.BytesIO(data), style_map=STYLE_MAP, convert_image=mammoth.images.img_element(keep_image)
        )
    # mammoth raises whatever its XML and zip readers raise on a malformed part.
    except Exception:
        raise _refuse(CORRUPT, name) from None
    if other_formats:
        raise _refuse(
            _(
                "Tệp Word “%(name)s” có ảnh ở định dạng không dùng được (như EMF, WMF, SVG): chỉ nhận ảnh JPEG, PNG, "
                "WebP, GIF. Hãy chèn lại ảnh đó dưới dạng PNG hoặc JPEG rồi gửi lại."
            ),
            name,
        )
    if len(images) > MAX_IMAGES:
        raise DomainError(
            _(
                "Tệp Word “%(name)s” có %(count)s ảnh; mỗi lần nhập nhận tối đa %(limit)s ảnh. Hãy bớt ảnh trong "
                "văn bản rồi gửi lại; các ảnh khác có thể đính kèm sau khi tạo bản nháp."
            )
            % {"name": name, "count": len(images), "limit": MAX_IMAGES},
            field="file",
        )
    title, body = _title_and_body(result.value)
    if not title:
        raise _refuse(_("Tệp Word “%(name)s” không có nội dung để nhập."), name)
    return WordDraft(
        title=title[:TITLE_MAX],
        body=body,
        images=list(images.values()),
        title_shortened=len(title) > TITLE_MAX,
    )


def import_docx(actor: Any, organisation: Any, draft: WordDraft) -> Item:
    """Create a draft of `organisation` from a Word file read by read_docx; its images go through
    the attachment checks (type, size, pixels). All or nothing: any refusal leaves no item and no
    file."""
    added: list[Attachment] = []
    try:
        with transaction.atomic():
            item = domain.create_item(actor, organisation, title=draft.title, body=draft.body)
            for number, image in enumerate(draft.images, start=1):
                alt_text = image.alt_text or _("Ảnh %(number)s trong tệp Word “%(title)s”") % {
                    "number": number,
                    "title": draft.title[:200],
                }
                added.append(add_attachment(actor, item, ContentFile(image.data, name=image.name), alt_text=alt_text))
    except BaseException:
        # The rollback undid the rows; the stored files are ours to remove.
        for attachment in added:
            for stored in (attachment.file, attachment.thumbnail):
                if stored and stored.name:
                    stored.storage.delete(stored.name)
        raise
    return item
