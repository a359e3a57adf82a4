"""Portraits and logos are checked by their content with Pillow, then re-encoded: a file that
only claims to be an image is refused, and metadata (GPS position in EXIF) is dropped."""

import io
from pathlib import PurePath
from typing import IO

from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

from presscenter.core.errors import DomainError

IMAGE_MAX_BYTES = 5 * 1024 * 1024
IMAGE_MAX_PX = 1200
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}


def checked_image(upload: IO[bytes], name: str, *, field: str) -> ContentFile:
    """A re-encoded copy of the uploaded image, or DomainError when it is not a usable image."""
    size = getattr(upload, "size", None)
    too_big = size is not None and size > IMAGE_MAX_BYTES
    data = b"" if too_big else upload.read(IMAGE_MAX_BYTES + 1)
    if too_big or len(data) > IMAGE_MAX_BYTES:
        raise DomainError(_("Ảnh quá lớn: tối đa %(limit)s.") % {"limit": filesizeformat(IMAGE_MAX_BYTES)}, field=field)
    try:
        with Image.open(io.BytesIO(data)) as probe:
            image_format = probe.format
            probe.verify()
        if image_format not in ACCEPTED_FORMATS:
            raise UnidentifiedImageError
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            picture = ImageOps.exif_transpose(image)
            picture.thumbnail((IMAGE_MAX_PX, IMAGE_MAX_PX))
            has_alpha = picture.mode in ("RGBA", "LA", "P") and (picture.mode != "P" or "transparency" in picture.info)
            output = io.BytesIO()
            if has_alpha:
                picture.convert("RGBA").save(output, "PNG", optimize=True)
                suffix = ".png"
            else:
                picture.convert("RGB").save(output, "JPEG", quality=85, optimize=True)
                suffix = ".jpg"
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError, UnidentifiedImageError):
        raise DomainError(
            _("Tệp “%(name)s” không phải là ảnh hợp lệ (JPEG, PNG, WebP hoặc GIF).") % {"name": name},
            field=field,
        ) from None
    return ContentFile(output.getvalue(), name=f"{PurePath(name).stem[:60] or 'anh'}{suffix}")
