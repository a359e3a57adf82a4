"""Photos and documents an asker sends with a question or feedback. Anyone may send them, so
every file is checked by its content (releases.attachments.detect_type: `filetype` and the
container formats), its size, and, for a picture, the pixels its header declares
(core.images) before anything is decoded. Pictures are stored as a re-encoded copy: a file that
only looks like an image fails, and its metadata (the camera's GPS position) is dropped."""

import hashlib
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from presscenter.audit.domain import record
from presscenter.core.errors import DomainError, PermissionDenied
from presscenter.core.images import BAD_IMAGE, TooManyPixels, opened, reencoded
from presscenter.inquiries import access
from presscenter.inquiries.models import Attachment, AttachmentKind, Inquiry
from presscenter.releases.attachments import NOT_ALLOWED, detect_type

IMAGE_MAX_PX = 2400
# Anonymous uploads: a phone's 12-megapixel photo with room to spare, far below a bomb's budget.
IMAGE_MAX_PIXELS = 24_000_000
FIELD = "attachments"


@dataclass
class Checked:
    """A file that passed every check, ready to store."""

    name: str
    kind: str
    mime: str
    extension: str
    data: bytes

    @property
    def size(self) -> int:
        return len(self.data)


def _max_bytes() -> int:
    return int(settings.INQUIRY_ATTACHMENT_MAX_BYTES)


def _name(upload: Any) -> str:
    return PurePath(getattr(upload, "name", "") or "tep").name[:255] or "tep"


def check_count(uploads: list[Any]) -> None:
    limit = settings.INQUIRY_ATTACHMENT_MAX_FILES
    if len(uploads) > limit:
        raise DomainError(_("Chỉ gửi được tối đa %(limit)s tệp.") % {"limit": limit}, field=FIELD)


def check_header(upload: Any) -> tuple[str, Any]:
    """(name, type) of an upload whose size, type and declared pixels pass; decodes nothing, so
    it is cheap enough to run on a form that has other errors."""
    name = _name(upload)
    size = getattr(upload, "size", None) or 0
    if not size:
        raise DomainError(_("Tệp “%(name)s” rỗng.") % {"name": name}, field=FIELD)
    if size > _max_bytes():
        raise DomainError(
            _("Tệp “%(name)s” quá lớn: tối đa %(limit)s.") % {"name": name, "limit": filesizeformat(_max_bytes())},
            field=FIELD,
        )
    upload.seek(0)
    file_type = detect_type(upload, name)
    upload.seek(0)
    if file_type is None:
        raise DomainError(NOT_ALLOWED % {"name": name}, field=FIELD)
    if file_type.kind == AttachmentKind.IMAGE:
        data = upload.read(_max_bytes() + 1)
        upload.seek(0)
        try:
            opened(data, IMAGE_MAX_PIXELS).close()
        except TooManyPixels:
            raise DomainError(TooManyPixels.message(name, IMAGE_MAX_PIXELS), field=FIELD) from None
        except BAD_IMAGE:
            raise _unreadable(name) from None
    return name, file_type


def _unreadable(name: str) -> DomainError:
    return DomainError(_("Không đọc được ảnh “%(name)s”: tệp bị hỏng.") % {"name": name}, field=FIELD)


def checked(upload: Any) -> Checked:
    """The upload, fully checked: a picture is decoded whole and re-encoded."""
    name, file_type = check_header(upload)
    upload.seek(0)
    data = upload.read(_max_bytes() + 1)
    upload.seek(0)
    if file_type.kind != AttachmentKind.IMAGE:
        return Checked(name, file_type.kind, file_type.mime, file_type.extension, data)
    try:
        content, suffix = reencoded(
            data, max_px=IMAGE_MAX_PX, alpha_format="PNG", quality=85, max_pixels=IMAGE_MAX_PIXELS
        )
    except TooManyPixels:
        raise DomainError(TooManyPixels.message(name, IMAGE_MAX_PIXELS), field=FIELD) from None
    except BAD_IMAGE:
        raise _unreadable(name) from None
    mime = "image/png" if suffix == ".png" else "image/jpeg"
    return Checked(name, AttachmentKind.IMAGE, mime, suffix, content)


def checked_all(uploads: list[Any]) -> list[Checked]:
    check_count(uploads)
    return [checked(upload) for upload in uploads]


@transaction.atomic
def attach(actor: Any, inquiry: Inquiry, files: list[Checked], *, key: str = "") -> list[Attachment]:
    """Store the asker's checked files with their inquiry. A rolled-back transaction leaves no
    stored file behind."""
    if not (access.is_asker(actor, inquiry, key) or access.can_route(actor)):
        raise PermissionDenied(_("Chỉ người hỏi mới gửi được tệp kèm theo."))
    if inquiry.attachments.count() + len(files) > settings.INQUIRY_ATTACHMENT_MAX_FILES:
        raise DomainError(
            _("Chỉ gửi được tối đa %(limit)s tệp.") % {"limit": settings.INQUIRY_ATTACHMENT_MAX_FILES}, field=FIELD
        )
    stored: list[Attachment] = []
    try:
        for file in files:
            attachment = Attachment(
                inquiry=inquiry,
                kind=file.kind,
                original_name=file.name,
                extension=file.extension,
                mime_type=file.mime,
                size=file.size,
                sha256=hashlib.sha256(file.data).hexdigest(),
            )
            attachment.file.save(file.name, ContentFile(file.data), save=False)
            stored.append(attachment)
            attachment.save()
        if stored:
            names = ", ".join(file.name for file in files)
            record(actor, "inquiry.attach", inquiry, summary=f"{inquiry.code}: {names}")
    except BaseException:
        for attachment in stored:
            if attachment.file.name:
                attachment.file.storage.delete(attachment.file.name)
        raise
    return stored
