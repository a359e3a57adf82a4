"""An entry's photo: checked by its content (JPEG, PNG or WebP; the name does not count), its size
and its pixel count read from the header before anything is decoded (presscenter.core.images), its
EXIF read for the jury, and two derivatives made from one reduced decode: a web-sized copy and a
thumbnail, both re-encoded as JPEG without any metadata (so a GPS position never leaves the
original, which only the organiser and the jury see).

Memory: at most the upload itself (PHOTO_MAX_BYTES) plus one decode, which JPEG's draft mode
reduces before decoding and which `thumbnail` shrinks in place for other formats."""

import datetime as dt
import io
from dataclasses import dataclass, field
from fractions import Fraction
from typing import IO, Any

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import ExifTags, Image, ImageOps

from presscenter.core.errors import DomainError
from presscenter.core.images import BAD_IMAGE, MAX_PIXELS, TooManyPixels, opened

PHOTO_MAX_BYTES = 25 * 1024 * 1024
PHOTO_MAX_PIXELS = MAX_PIXELS  # 40 megapixels: a full-size frame from a professional camera
ACCEPTED_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
WEB_PX = 1600
THUMB_PX = 400
QUALITY = 85
FIELD = "photo"


@dataclass
class Photo:
    original: bytes
    suffix: str
    width: int
    height: int
    web: bytes
    web_size: tuple[int, int]
    thumb: bytes
    exif: dict[str, str] = field(default_factory=dict)
    had_gps: bool = False

    @property
    def taken_on(self) -> dt.date | None:
        """The day the camera says the photo was taken, if it says."""
        try:
            return dt.datetime.strptime(self.exif.get("taken_at", ""), "%d/%m/%Y %H:%M").date()
        except ValueError:
            return None


def _refusal(name: str) -> DomainError:
    return DomainError(_("Tệp “%(name)s” không phải là ảnh JPEG, PNG hoặc WebP hợp lệ.") % {"name": name}, field=FIELD)


def read_upload(upload: IO[bytes]) -> bytes:
    """The upload's bytes, refused when over PHOTO_MAX_BYTES (never reading more than one byte past)."""
    size = getattr(upload, "size", None)
    too_big = size is not None and size > PHOTO_MAX_BYTES
    data = b"" if too_big else upload.read(PHOTO_MAX_BYTES + 1)
    if too_big or len(data) > PHOTO_MAX_BYTES:
        raise DomainError(_("Ảnh quá lớn: tối đa %(limit)s.") % {"limit": filesizeformat(PHOTO_MAX_BYTES)}, field=FIELD)
    if not data:
        raise DomainError(_("Hãy chọn một tệp ảnh."), field=FIELD)
    return data


def _ratio(value: Any) -> Fraction | None:
    try:
        return Fraction(value).limit_denominator(100000)
    except (TypeError, ValueError, ZeroDivisionError):
        return None


def _text(value: Any) -> str:
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    return " ".join(str(value).replace("\x00", " ").split())[:120]


def exif_summary(image: Image.Image) -> tuple[dict[str, str], bool]:
    """What the jury is shown (camera, lens, exposure, aperture, ISO, focal length, date taken), and
    whether the file carries a GPS position. Read from the header: nothing is decoded."""
    exif = image.getexif()
    base = {ExifTags.TAGS.get(tag, str(tag)): value for tag, value in exif.items()}
    detail = {ExifTags.TAGS.get(tag, str(tag)): value for tag, value in exif.get_ifd(ExifTags.IFD.Exif).items()}
    had_gps = bool(exif.get_ifd(ExifTags.IFD.GPSInfo))
    summary: dict[str, str] = {}
    camera = " ".join(_text(base[key]) for key in ("Make", "Model") if base.get(key))
    if camera:
        summary["camera"] = camera
    if detail.get("LensModel"):
        summary["lens"] = _text(detail["LensModel"])
    exposure = _ratio(detail.get("ExposureTime"))
    if exposure:
        summary["exposure"] = (
            f"{exposure.numerator}/{exposure.denominator} s" if exposure < 1 else f"{float(exposure):g} s"
        )
    aperture = _ratio(detail.get("FNumber"))
    if aperture:
        summary["aperture"] = f"f/{float(aperture):.1f}"
    iso = detail.get("ISOSpeedRatings") or detail.get("PhotographicSensitivity")
    if isinstance(iso, tuple):
        iso = iso[0] if iso else None
    if iso:
        summary["iso"] = _text(iso)
    focal = _ratio(detail.get("FocalLength"))
    if focal:
        summary["focal_length"] = f"{float(focal):g} mm"
    taken = detail.get("DateTimeOriginal") or base.get("DateTime")
    if taken:
        try:
            summary["taken_at"] = dt.datetime.strptime(_text(taken), "%Y:%m:%d %H:%M:%S").strftime("%d/%m/%Y %H:%M")
        except ValueError:
            summary["taken_at"] = _text(taken)
    return summary, had_gps


def _jpeg(picture: Image.Image) -> bytes:
    output = io.BytesIO()
    picture.convert("RGB").save(output, "JPEG", quality=QUALITY, optimize=True, progressive=True)
    return output.getvalue()


def processed(upload: IO[bytes], name: str) -> Photo:
    """The checked photo with its derivatives, or DomainError (nothing kept) when it is not one."""
    data = read_upload(upload)
    try:
        with opened(data, PHOTO_MAX_PIXELS) as probe:
            image_format = probe.format
            width, height = probe.size
            probe.verify()
        if image_format not in ACCEPTED_FORMATS:
            raise _refusal(name)
        with opened(data, PHOTO_MAX_PIXELS) as image:
            summary, had_gps = exif_summary(image)
            image.draft("RGB", (WEB_PX, WEB_PX))  # JPEG: decode at 1/2 … 1/8 scale when that is enough
            image.thumbnail((WEB_PX, WEB_PX))
            web_picture = ImageOps.exif_transpose(image)
            if web_picture.mode in ("RGBA", "LA", "P"):
                web_picture = web_picture.convert("RGBA")
                flat = Image.new("RGB", web_picture.size, "white")
                flat.paste(web_picture, mask=web_picture.getchannel("A"))
                web_picture = flat
            web, web_size = _jpeg(web_picture), web_picture.size
            web_picture.thumbnail((THUMB_PX, THUMB_PX))
            thumb = _jpeg(web_picture)
    except TooManyPixels:
        raise DomainError(TooManyPixels.message(name, PHOTO_MAX_PIXELS), field=FIELD) from None
    except BAD_IMAGE:
        raise _refusal(name) from None
    suffix = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}[image_format]
    return Photo(data, suffix, width, height, web, web_size, thumb, summary, had_gps)
