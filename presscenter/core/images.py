"""Writing a fresh copy of an uploaded image: the whole file is decoded (a file that only looks
like an image fails), turned upright, shrunk and re-encoded, which also drops its metadata (the
GPS position in EXIF). Callers turn BAD_IMAGE errors into their own translated message."""

import io

from PIL import Image, ImageOps, UnidentifiedImageError

BAD_IMAGE = (OSError, SyntaxError, ValueError, Image.DecompressionBombError, UnidentifiedImageError)


def reencoded(
    data: bytes, *, max_px: int, alpha_format: str, quality: int, formats: frozenset[str] | None = None
) -> tuple[bytes, str]:
    """(bytes, file suffix): JPEG, or `alpha_format` (PNG, WEBP) for a picture with transparency.
    Raises one of BAD_IMAGE if `data` is not an image (of `formats`, when given)."""
    with Image.open(io.BytesIO(data)) as probe:
        image_format = probe.format
        probe.verify()
    if formats is not None and image_format not in formats:
        raise UnidentifiedImageError(f"{image_format} is not accepted")
    with Image.open(io.BytesIO(data)) as image:
        image.load()
        picture = ImageOps.exif_transpose(image)
        picture.thumbnail((max_px, max_px))
        output = io.BytesIO()
        if picture.mode in ("RGBA", "LA") or "transparency" in picture.info:
            picture.convert("RGBA").save(output, alpha_format, quality=quality, optimize=True)
            return output.getvalue(), f".{alpha_format.lower()}"
        picture.convert("RGB").save(output, "JPEG", quality=quality, optimize=True)
        return output.getvalue(), ".jpg"
