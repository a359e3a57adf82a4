"""Portraits and logos are checked by their content and re-encoded (presscenter.core.images):
a file that only claims to be an image is refused, and metadata (GPS position in EXIF) is dropped."""

from pathlib import PurePath
from typing import IO

from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from presscenter.core.errors import DomainError
from presscenter.core.images import BAD_IMAGE, TooManyPixels, reencoded

IMAGE_MAX_BYTES = 5 * 1024 * 1024
IMAGE_MAX_PX = 1200
ACCEPTED_FORMATS = frozenset({"JPEG", "PNG", "WEBP", "GIF"})


def checked_image(upload: IO[bytes], name: str, *, field: str) -> ContentFile:
    """A re-encoded copy of the uploaded image, or DomainError when it is not a usable image."""
    size = getattr(upload, "size", None)
    too_big = size is not None and size > IMAGE_MAX_BYTES
    data = b"" if too_big else upload.read(IMAGE_MAX_BYTES + 1)
    if too_big or len(data) > IMAGE_MAX_BYTES:
        raise DomainError(_("Ảnh quá lớn: tối đa %(limit)s.") % {"limit": filesizeformat(IMAGE_MAX_BYTES)}, field=field)
    try:
        content, suffix = reencoded(data, max_px=IMAGE_MAX_PX, alpha_format="PNG", quality=85, formats=ACCEPTED_FORMATS)
    except TooManyPixels:
        raise DomainError(TooManyPixels.message(name), field=field) from None
    except BAD_IMAGE:
        raise DomainError(
            _("Tệp “%(name)s” không phải là ảnh hợp lệ (JPEG, PNG, WebP hoặc GIF).") % {"name": name},
            field=field,
        ) from None
    return ContentFile(content, name=f"{PurePath(name).stem[:60] or 'anh'}{suffix}")
