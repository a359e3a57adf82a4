"""Attachments of official information items: files are checked by their content, never by
their name, before anything is stored."""

import hashlib
import io
import lzma
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import PurePath
from typing import IO, Any

import filetype
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.db.models.fields.files import FieldFile
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from presscenter.audit.domain import record
from presscenter.core.errors import DomainError, NotFound, PermissionDenied
from presscenter.core.images import BAD_IMAGE, TooManyPixels, reencoded
from presscenter.releases import access
from presscenter.releases.domain import note_contribution
from presscenter.releases.models import Attachment, AttachmentKind, Item, State

THUMBNAIL_MAX_PX = 640
HEAD_BYTES = 8192
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
# The OpenDocument "mimetype" entry is a few dozen bytes; anything bigger is not one.
MIMETYPE_ENTRY_MAX = 200
# What reading a member of a damaged or hostile zip raises: besides BadZipFile (bad header, CRC),
# an entry flagged as encrypted (RuntimeError), an unknown method (NotImplementedError) and a
# corrupt compressed stream (zlib.error, lzma.LZMAError; bz2 raises OSError).
ZIP_READ_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    OSError,
    EOFError,
    RuntimeError,
    NotImplementedError,
    zlib.error,
    lzma.LZMAError,
)


@dataclass(frozen=True)
class FileType:
    kind: str
    mime: str
    extension: str


IMAGE_TYPES = {
    "image/jpeg": FileType(AttachmentKind.IMAGE, "image/jpeg", ".jpg"),
    "image/png": FileType(AttachmentKind.IMAGE, "image/png", ".png"),
    "image/webp": FileType(AttachmentKind.IMAGE, "image/webp", ".webp"),
    "image/gif": FileType(AttachmentKind.IMAGE, "image/gif", ".gif"),
}
PDF = FileType(AttachmentKind.DOCUMENT, "application/pdf", ".pdf")
OOXML_BY_FOLDER = {
    "word/": FileType(
        AttachmentKind.DOCUMENT,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ".docx",
    ),
    "xl/": FileType(
        AttachmentKind.DOCUMENT,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ".xlsx",
    ),
    "ppt/": FileType(
        AttachmentKind.DOCUMENT,
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ".pptx",
    ),
}
OPENDOCUMENT = {
    "application/vnd.oasis.opendocument.text": FileType(
        AttachmentKind.DOCUMENT, "application/vnd.oasis.opendocument.text", ".odt"
    ),
    "application/vnd.oasis.opendocument.spreadsheet": FileType(
        AttachmentKind.DOCUMENT, "application/vnd.oasis.opendocument.spreadsheet", ".ods"
    ),
}
# Legacy Office files share one container format (OLE); the name tells Word from Excel.
LEGACY_OFFICE = {
    ".doc": FileType(AttachmentKind.DOCUMENT, "application/msword", ".doc"),
    ".xls": FileType(AttachmentKind.DOCUMENT, "application/vnd.ms-excel", ".xls"),
}

NOT_ALLOWED = _(
    "Tệp “%(name)s” không phải là loại được phép (ảnh JPEG, PNG, WebP, GIF; tài liệu PDF, "
    "Word, Excel, PowerPoint, OpenDocument). Nội dung tệp được kiểm tra, không dựa vào tên tệp."
)


def _zip_type(stream: IO[bytes]) -> FileType | None:
    try:
        with zipfile.ZipFile(stream) as archive:
            names = archive.namelist()
            if "[Content_Types].xml" in names:
                for folder, file_type in OOXML_BY_FOLDER.items():
                    if any(name.startswith(folder) for name in names):
                        return file_type
                return None
            if "mimetype" in names and archive.getinfo("mimetype").file_size <= MIMETYPE_ENTRY_MAX:
                declared = archive.read("mimetype").decode("ascii", "replace").strip()
                return OPENDOCUMENT.get(declared)
    except (*ZIP_READ_ERRORS, KeyError):
        return None
    return None


def detect_type(stream: IO[bytes], name: str) -> FileType | None:
    """The type of the file from its bytes, or None when it is not one we accept."""
    stream.seek(0)
    head = stream.read(HEAD_BYTES)
    stream.seek(0)
    if head.startswith(OLE_MAGIC):
        return LEGACY_OFFICE.get(PurePath(name).suffix.lower())
    if head.startswith(ZIP_MAGIC):
        found = _zip_type(stream)
        stream.seek(0)
        return found
    guess = filetype.guess(head)
    if guess is None:
        return None
    if guess.mime == PDF.mime:
        return PDF
    return IMAGE_TYPES.get(guess.mime)


def _thumbnail(data: bytes, name: str) -> ContentFile:
    """Decode the whole image (a file that only looks like an image fails here) and shrink it."""
    try:
        content, suffix = reencoded(data, max_px=THUMBNAIL_MAX_PX, alpha_format="WEBP", quality=82)
    except TooManyPixels:
        raise DomainError(TooManyPixels.message(name), field="file") from None
    except BAD_IMAGE:
        raise DomainError(
            _("Không đọc được ảnh “%(name)s”: tệp bị hỏng hoặc quá lớn.") % {"name": name},
            field="file",
        ) from None
    return ContentFile(content, name=f"{PurePath(name).stem[:60]}{suffix}")


def _check_editable(actor: Any, item: Item) -> None:
    if not access.can_edit(actor, item):
        raise PermissionDenied(_("Bạn không có quyền sửa tệp đính kèm của tin này."))
    if item.state in (State.IN_REVIEW, State.SCHEDULED):
        raise DomainError(_("Tin đang chờ duyệt hoặc đã hẹn giờ; hãy rút về bản nháp trước khi thay đổi tệp."))


def _clean_meta(kind: str, caption: str, credit: str, alt_text: str) -> dict[str, str]:
    meta = {
        "caption": (caption or "").strip()[:500],
        "credit": (credit or "").strip()[:200],
        "alt_text": (alt_text or "").strip()[:300],
    }
    if kind == AttachmentKind.IMAGE and not meta["alt_text"]:
        raise DomainError(
            _("Ảnh cần có mô tả thay thế (cho người khiếm thị và công cụ đọc màn hình)."),
            field="alt_text",
        )
    return meta


def _start_revision(item: Item) -> None:
    """Changing the files changes the working copy (`updated_at`, which an approver's page
    checks), and starts a revision of a published item, as editing its text does."""
    if item.state in (State.PUBLISHED, State.CHANGES_REQUESTED):
        item.state = State.DRAFT
    item.updated_at = timezone.now()
    item.save(update_fields=["state", "updated_at"])


def check_size(name: str, size: int) -> None:
    """An uploaded file is neither empty nor over ATTACHMENT_MAX_BYTES (every upload path, Word import included)."""
    if not size:
        raise DomainError(_("Tệp “%(name)s” rỗng.") % {"name": name}, field="file")
    if size > settings.ATTACHMENT_MAX_BYTES:
        raise DomainError(
            _("Tệp “%(name)s” quá lớn: tối đa %(limit)s.")
            % {"name": name, "limit": filesizeformat(settings.ATTACHMENT_MAX_BYTES)},
            field="file",
        )


def add_attachment(
    actor: Any,
    item: Item,
    uploaded_file: Any,
    *,
    caption: str = "",
    credit: str = "",
    alt_text: str = "",
) -> Attachment:
    _check_editable(actor, item)  # before any work on the file; checked again under the lock
    name = PurePath(getattr(uploaded_file, "name", "") or "tep").name[:255]
    size = uploaded_file.size
    check_size(name, size)
    uploaded_file.seek(0)
    data = uploaded_file.read()
    file_type = detect_type(io.BytesIO(data), name)
    if file_type is None:
        raise DomainError(NOT_ALLOWED % {"name": name}, field="file")
    meta = _clean_meta(file_type.kind, caption, credit, alt_text)
    thumbnail = _thumbnail(data, name) if file_type.kind == AttachmentKind.IMAGE else None
    digest = hashlib.sha256(data).hexdigest()

    with transaction.atomic():
        item = Item.objects.select_for_update().get(pk=item.pk)
        _check_editable(actor, item)
        if item.attachments.filter(sha256=digest).exists():
            raise DomainError(_("Tệp “%(name)s” đã được đính kèm.") % {"name": name}, field="file")
        last = item.attachments.aggregate(n=Max("position"))["n"]
        attachment = Attachment(
            item=item,
            kind=file_type.kind,
            original_name=name,
            extension=file_type.extension,
            mime_type=file_type.mime,
            size=size,
            sha256=digest,
            position=0 if last is None else last + 1,
            **meta,
        )
        # A rolled-back transaction must not leave the stored files behind.
        try:
            attachment.file.save(name, ContentFile(data), save=False)
            if thumbnail is not None:
                attachment.thumbnail.save(thumbnail.name or "thumb.jpg", thumbnail, save=False)
            attachment.save()
            _start_revision(item)
            note_contribution(actor, item)
            record(actor, "attachment.add", attachment, summary=f"{item.title}: {name}")
        except BaseException:
            _delete_files(_stored_files(attachment))
            raise
    return attachment


def _stored_files(attachment: Attachment) -> list[FieldFile]:
    return [field for field in (attachment.file, attachment.thumbnail) if field]


def _delete_files(files: list[FieldFile]) -> None:
    for field in files:
        if field.name:
            field.storage.delete(field.name)


@transaction.atomic
def remove_attachment(actor: Any, attachment: Attachment) -> None:
    attachment = Attachment.objects.select_for_update().select_related("item").get(pk=attachment.pk)
    _check_editable(actor, attachment.item)
    if attachment.published:
        raise DomainError(_("Tệp đã được công bố cùng một phiên bản của tin nên không thể xóa."))
    _start_revision(attachment.item)
    note_contribution(actor, attachment.item)
    record(
        actor,
        "attachment.remove",
        attachment,
        summary=f"{attachment.item.title}: {attachment.original_name}",
        before={"name": attachment.original_name, "sha256": attachment.sha256},
    )
    stored = _stored_files(attachment)
    attachment.delete()
    transaction.on_commit(lambda: _delete_files(stored))


@transaction.atomic
def update_attachment_meta(
    actor: Any, attachment: Attachment, *, caption: str, credit: str, alt_text: str
) -> Attachment:
    """A file's description is part of the working copy: changing it is refused while the item
    awaits approval or publication, and makes the actor a contributor (two-person rule). A
    published file keeps the description readers see until the next version is published."""
    attachment = Attachment.objects.select_for_update().select_related("item").get(pk=attachment.pk)
    _check_editable(actor, attachment.item)
    before = attachment.working_meta
    meta = _clean_meta(attachment.kind, caption, credit, alt_text)
    if attachment.published:
        published = {"caption": attachment.caption, "credit": attachment.credit, "alt_text": attachment.alt_text}
        attachment.pending_meta = None if meta == published else meta
        attachment.save(update_fields=["pending_meta"])
    else:
        for name, value in meta.items():
            setattr(attachment, name, value)
        attachment.save(update_fields=list(meta))
    after = attachment.working_meta
    if after != before:
        _start_revision(attachment.item)
        note_contribution(actor, attachment.item)
    record(actor, "attachment.update", attachment, summary=attachment.original_name, before=before, after=after)
    return attachment


def attachment_for_download(user: Any, pk: int) -> Attachment:
    """The public gets published files of public records (embargo respected); the agency and
    center staff also get files of working copies. Anything else is not found."""
    attachment = Attachment.objects.select_related("item").filter(pk=pk).first()
    if attachment is None:
        raise NotFound(_("Không tìm thấy tệp này."))
    if attachment.published and access.public_items(user).filter(pk=attachment.item_id).exists():
        return attachment
    if access.workspace_items(user).filter(pk=attachment.item_id).exists():
        return attachment
    raise NotFound(_("Không tìm thấy tệp này."))
