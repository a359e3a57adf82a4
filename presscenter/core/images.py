"""Writing a fresh copy of an uploaded image: the whole file is decoded (a file that only looks
like an image fails), shrunk, turned upright and re-encoded, which also drops its metadata (the
GPS position in EXIF). Callers turn BAD_IMAGE errors into their own translated message, and
TooManyPixels into its `message(name, limit)`.

Decompression bombs: a 0.5 MB PNG can declare 13,000 × 13,000 pixels and decode to over 1 GB.
Pillow only warns below twice its own limit, so the size is read from the header (Image.open
decodes nothing) and refused before load(). Peak memory is one full-size decode: the picture is
shrunk in place before anything copies it."""

import io
import struct
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
    """The header declares more pixels than the caller's budget; nothing was decoded."""

    @staticmethod
    def message(name: str, limit: int | None = None) -> str:
        limit = limit or MAX_PIXELS
        return _(
            "Ảnh “%(name)s” có kích thước quá lớn: tối đa %(limit)s triệu điểm ảnh. Hãy thu nhỏ ảnh rồi gửi lại."
        ) % {"name": name, "limit": limit // 1_000_000}


def _webp_size(data: bytes) -> tuple[int, int] | None:
    """Width and height from a WebP header (RIFF container: VP8, VP8L or VP8X chunk), or None.
    Pillow's WebP reader allocates its canvases as soon as it opens a file, so the budget is
    checked before Image.open."""
    if data[:4] != b"RIFF" or data[8:12] != b"WEBP" or len(data) < 30:
        return None
    chunk = data[12:16]
    if chunk == b"VP8X":
        width, height = (int.from_bytes(data[i : i + 3], "little") + 1 for i in (24, 27))
        return width, height
    if chunk == b"VP8L" and data[20] == 0x2F:
        bits = struct.unpack_from("<I", data, 21)[0]
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8 " and data[23:26] == b"\x9d\x01\x2a":
        width, height = struct.unpack_from("<HH", data, 26)
        return width & 0x3FFF, height & 0x3FFF
    return None


def opened(data: bytes, max_pixels: int | None = None) -> Image.Image:
    """The image with only its header read, refused when it declares more than `max_pixels`
    (by default MAX_PIXELS, read at call time)."""
    max_pixels = max_pixels or MAX_PIXELS
    webp_size = _webp_size(data)
    if webp_size is not None and webp_size[0] * webp_size[1] > max_pixels:
        raise TooManyPixels
    try:
        image = Image.open(io.BytesIO(data))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise TooManyPixels from None
    if image.width * image.height > max_pixels:
        image.close()
        raise TooManyPixels
    return image


def reencoded(
    data: bytes,
    *,
    max_px: int,
    alpha_format: str,
    quality: int,
    formats: frozenset[str] | None = None,
    max_pixels: int | None = None,
) -> tuple[bytes, str]:
    """(bytes, file suffix): JPEG, or `alpha_format` (PNG, WEBP) for a picture with transparency.
    Raises TooManyPixels, or one of BAD_IMAGE if `data` is not an image (of `formats`, when given)."""
    with opened(data, max_pixels) as probe:
        image_format = probe.format
        probe.verify()
    if formats is not None and image_format not in formats:
        raise UnidentifiedImageError(f"{image_format} is not accepted")
    with opened(data, max_pixels) as image:
        # In place, before any copy: JPEG decodes at 1/2 to 1/8 scale (draft), other formats are
        # decoded once and reduced. A square box, so turning the picture upright afterwards is the same.
        image.thumbnail((max_px, max_px))
        picture = ImageOps.exif_transpose(image)
        output = io.BytesIO()
        if picture.mode in ("RGBA", "LA") or "transparency" in picture.info:
            picture.convert("RGBA").save(output, alpha_format, quality=quality, optimize=True)
            return output.getvalue(), f".{alpha_format.lower()}"
        picture.convert("RGB").save(output, "JPEG", quality=quality, optimize=True)
        return output.getvalue(), ".jpg"
