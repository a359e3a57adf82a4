"""Exhibitions for tests: an exhibition event with its call open, photos made with Pillow (with or
without EXIF and a GPS position), and the people around it."""

import datetime as dt
import io
import itertools
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from presscenter.accounts.models import Role, User
from presscenter.events.models import EventType
from presscenter.exhibitions import domain
from presscenter.exhibitions.models import Entry, Exhibition, Licence
from tests import factories
from tests.events import factories as event_factories

_seq = itertools.count(1)
# EXIF tags (Pillow ExifTags.Base / IFD)
MAKE, MODEL, EXIF_IFD, GPS_IFD = 0x010F, 0x0110, 0x8769, 0x8825
EXPOSURE, FNUMBER, ISO, DATE_TAKEN, FOCAL, LENS = 0x829A, 0x829D, 0x8827, 0x9003, 0x920A, 0xA434


def jpeg(width: int = 800, height: int = 600, *, exif: bool = True, gps: bool = True, colour: str = "#3a6ea5") -> bytes:
    image = Image.new("RGB", (width, height), colour)
    for x in range(0, width, 40):  # some detail, so the JPEG is not trivially small
        image.paste("#f2c14e", (x, 0, x + 10, height))
    info = Image.Exif()
    if exif:
        info[MAKE] = "Nikon"
        info[MODEL] = "Z 9"
        detail = info.get_ifd(EXIF_IFD)
        detail[EXPOSURE] = 1 / 250
        detail[FNUMBER] = 5.6
        detail[ISO] = 400
        detail[FOCAL] = 35.0
        detail[DATE_TAKEN] = "2024:09:02 08:15:30"
        detail[LENS] = "NIKKOR Z 24-70mm f/2.8 S"
    if gps:
        info.get_ifd(GPS_IFD).update({1: "N", 2: (21.0, 1.0, 42.0), 3: "E", 4: (105.0, 51.0, 12.0)})
    output = io.BytesIO()
    image.save(output, "JPEG", quality=80, exif=info)
    return output.getvalue()


def upload(data: bytes | None = None, name: str = "anh.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data if data is not None else jpeg(), content_type="image/jpeg")


def exhibition(organiser: User | None = None, **fields: Any) -> Exhibition:
    organiser = organiser or factories.user(Role.CENTER_OPERATOR)
    event = event_factories.event(
        organiser, type=EventType.EXHIBITION, title=f"Triển lãm ảnh thử nghiệm {next(_seq)}",
        hours_ahead=24 * 20, hours=24 * 10, capacity=0,
    )  # fmt: skip
    now = timezone.now()
    defaults: dict[str, Any] = {
        "call_text": "Mời các phóng viên ảnh gửi tác phẩm về Hà Nội đổi mới.",
        "rules": "Ảnh chụp trong năm nay; chú thích bằng tiếng Việt.",
        "intro": "Những khoảnh khắc của Thủ đô qua ống kính báo chí.",
        "opens_at": now - dt.timedelta(hours=1),
        "closes_at": now + dt.timedelta(days=7),
        "max_entries": 3,
        "licence": Licence.CC_BY_NC_ND,
    }
    defaults.update(fields)
    return domain.create_exhibition(organiser, event, **defaults)


def entry(exhibition: Exhibition, photographer: User | None = None, **fields: Any) -> Entry:
    photographer = photographer or event_factories.accredited_journalist()
    defaults: dict[str, Any] = {"upload": upload(), "name": "anh.jpg", "caption": "Phố cổ Hà Nội buổi sớm."}
    defaults.update(fields)
    return domain.submit(photographer, exhibition, **defaults)


def judged(exhibition: Exhibition, entries: int = 2) -> tuple[Exhibition, list[Entry]]:
    """The call closed with `entries` photos from different photographers."""
    made = [entry(exhibition, caption=f"Ảnh số {n}: cầu Long Biên trong sương.") for n in range(entries)]
    return domain.close_call(exhibition.created_by, exhibition), made
