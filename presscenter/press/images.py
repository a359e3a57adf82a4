"""Portraits and logos are checked by their content and re-encoded (presscenter.core.images):
a file that only claims to be an image is refused, and metadata (GPS position in EXIF) is dropped.

Portraits come from anonymous sign-ups, so their pixel budget is far below an attachment's: a
12-megapixel phone photo is plenty for a 1,200-pixel portrait, and a 1.7 KB WebP that declares
40 megapixels would cost over 600 MB to decode."""

from pathlib import PurePath
from typing import IO

from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from presscenter.core.errors import DomainError
from presscenter.core.images import BAD_IMAGE, TooManyPixels, opened, reencoded

IMAGE_MAX_BYTES = 5 * 1024 * 1024
IMAGE_MAX_PX = 1200
IMAGE_MAX_PIXELS = 12_000_000
ACCEPTED_FORMATS = frozenset({"JPEG", "PNG", "WEBP", "GIF"})


def _read(upload: IO[bytes], *, field: str) -> bytes:
    size = getattr(upload, "size", None)
    too_big = size is not None and size > IMAGE_MAX_BYTES
    data = b"" if too_big else upload.read(IMAGE_MAX_BYTES + 1)
    upload.seek(0)
    if too_big or len(data) > IMAGE_MAX_BYTES:
        raise DomainError(_("Ảnh quá lớn: tối đa %(limit)s.") % {"limit": filesizeformat(IMAGE_MAX_BYTES)}, field=field)
    return data


def _refusal(name: str, field: str) -> DomainError:
    return DomainError(
        _("Tệp “%(name)s” không phải là ảnh hợp lệ (JPEG, PNG, WebP hoặc GIF).") % {"name": name}, field=field
    )


def checked_header(upload: IO[bytes], name: str, *, field: str) -> None:
    """DomainError when the file's size, or its header's format or dimensions, already refuse it.
    Decodes nothing, so it is cheap enough for a form that has other errors."""
    data = _read(upload, field=field)
    try:
        with opened(data, IMAGE_MAX_PIXELS) as image:
            accepted = image.format in ACCEPTED_FORMATS
    except TooManyPixels:
        raise DomainError(TooManyPixels.message(name, IMAGE_MAX_PIXELS), field=field) from None
    except BAD_IMAGE:
        raise _refusal(name, field) from None
    if not accepted:
        raise _refusal(name, field)


def checked_image(upload: IO[bytes], name: str, *, field: str) -> ContentFile:
    """A re-encoded copy of the uploaded image, or DomainError when it is not a usable image."""
    data = _read(upload, field=field)
    try:
        content, suffix = reencoded(
            data,
            max_px=IMAGE_MAX_PX,
            alpha_format="PNG",
            quality=85,
            formats=ACCEPTED_FORMATS,
            max_pixels=IMAGE_MAX_PIXELS,
        )
    except TooManyPixels:
        raise DomainError(TooManyPixels.message(name, IMAGE_MAX_PIXELS), field=field) from None
    except BAD_IMAGE:
        raise _refusal(name, field) from None
    return ContentFile(content, name=f"{PurePath(name).stem[:60] or 'anh'}{suffix}")
