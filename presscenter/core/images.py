"""Writing a fresh copy of an uploaded image: the whole file is decoded (a file that only looks
like an image fails), turned upright, shrunk and re-encoded, which also drops its metadata (the
GPS position in EXIF). Callers turn BAD_IMAGE errors into their own translated message, and
TooManyPixels into its `message(name)`.

Decompression bombs: a 0.5 MB PNG can declare 13,000 × 13,000 pixels and decode to over 1 GB.
Pillow only warns below twice its own limit, so the size is read from the header (Image.open
decodes nothing) and refused before load()."""

import io
import warnings

from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

# 40 megapixels: a full-size photo from a professional camera (about 120 MB decoded), well under
# Pillow's own warning threshold (89 MP), so that warning can only come from a file we refuse.
MAX_PIXELS = 40_000_000
BAD_IMAGE = (OSError, SyntaxError, ValueError, Image.DecompressionBombError, UnidentifiedImageError)

# Nothing in this process may decode past Pillow's bomb warning.
warnings.simplefilter("error", Image.DecompressionBombWarning)


class TooManyPixels(ValueError):
    """The header declares more pixels than MAX_PIXELS; nothing was decoded."""

    @staticmethod
    def message(name: str) -> str:
        return _(
            "Ảnh “%(name)s” có kích thước quá lớn: tối đa %(limit)s triệu điểm ảnh (ví dụ 8000 × 5000). "
            "Hãy thu nhỏ ảnh rồi gửi lại."
        ) % {"name": name, "limit": MAX_PIXELS // 1_000_000}


def opened(data: bytes) -> Image.Image:
    """The image with only its header read, refused when it declares too many pixels."""
    try:
        image = Image.open(io.BytesIO(data))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise TooManyPixels from None
    if image.width * image.height > MAX_PIXELS:
        image.close()
        raise TooManyPixels
    return image


def reencoded(
    data: bytes, *, max_px: int, alpha_format: str, quality: int, formats: frozenset[str] | None = None
) -> tuple[bytes, str]:
    """(bytes, file suffix): JPEG, or `alpha_format` (PNG, WEBP) for a picture with transparency.
    Raises TooManyPixels, or one of BAD_IMAGE if `data` is not an image (of `formats`, when given)."""
    with opened(data) as probe:
        image_format = probe.format
        probe.verify()
    if formats is not None and image_format not in formats:
        raise UnidentifiedImageError(f"{image_format} is not accepted")
    with opened(data) as image:
        image.draft(None, (max_px, max_px))  # JPEG decodes at 1/2 to 1/8 scale when that is enough
        image.load()
        picture = ImageOps.exif_transpose(image)
        picture.thumbnail((max_px, max_px))
        output = io.BytesIO()
        if picture.mode in ("RGBA", "LA") or "transparency" in picture.info:
            picture.convert("RGBA").save(output, alpha_format, quality=quality, optimize=True)
            return output.getvalue(), f".{alpha_format.lower()}"
        picture.convert("RGB").save(output, "JPEG", quality=quality, optimize=True)
        return output.getvalue(), ".jpg"
