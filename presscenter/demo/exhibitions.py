"""The demo's press photo exhibition: "Hà Nội — nhịp sống Thủ đô", organised by the Department
of Culture and Sports, with a call for entries that closed ten days ago, photos by the demo's
accredited journalist (simple abstract pictures drawn with Pillow, with EXIF as a camera writes it),
jury scores, curation and a published gallery. Written for the project; the people are invented.
Every step runs through the domain functions on the story's clock."""

import datetime as dt
import io
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw

from presscenter.accounts.models import User
from presscenter.demo import people
from presscenter.events import domain as events_domain
from presscenter.events.models import EventMode, EventType, Venue
from presscenter.exhibitions import domain
from presscenter.exhibitions.models import EntryStatus, Licence
from presscenter.orgs.models import Organisation

Clock = Callable[[dt.datetime], AbstractContextManager[None]]

TITLE = "Triển lãm ảnh báo chí “Hà Nội — nhịp sống Thủ đô”"
CALL = (
    "Trung tâm Báo chí Thủ đô và Sở Văn hóa và Thể thao mời các phóng viên ảnh gửi tác phẩm ghi lại "
    "nhịp sống của Hà Nội trong năm qua: con người, công trình, lễ hội, những đổi thay của phố phường."
)
RULES = (
    "Mỗi tác giả gửi tối đa 6 ảnh, chụp trong 12 tháng gần đây. Chú thích bằng tiếng Việt, ghi rõ nơi chụp. "
    "Không chấp nhận ảnh ghép, ảnh chỉnh sửa làm sai lệch nội dung. Ban giám khảo chấm điểm độc lập; "
    "ảnh được chọn trưng bày tại Cung Văn hóa Hữu nghị Việt Xô và trên Cổng thông tin."
)
INTRO = (
    "Mỗi bức ảnh là một lát cắt của đời sống Thủ đô được các phóng viên ảnh ghi lại trong lúc tác nghiệp: "
    "buổi sớm bên hồ, công trường đêm, ngày hội phố cổ. Triển lãm giới thiệu những tác phẩm được ban giám khảo "
    "tuyển chọn từ cuộc gọi ảnh dành cho báo chí."
)


@dataclass(frozen=True)
class DemoPhoto:
    caption: str
    place: str
    days_ago: int  # taken
    colours: tuple[str, str, str]
    scores: tuple[int, int, int]  # by the three jurors
    decision: str
    position: int | None = None


PHOTOS = [
    DemoPhoto(
        "Bình minh trên hồ Hoàn Kiếm, những người tập thể dục buổi sớm bên Tháp Rùa.",
        "Hồ Hoàn Kiếm",
        120,
        ("#f6c28b", "#3a7ca5", "#d7263d"),
        (9, 8, 9),
        EntryStatus.SELECTED,
        1,
    ),
    DemoPhoto(
        "Công nhân thi công xuyên đêm trên công trường tuyến đường sắt đô thị.",
        "Phường Cầu Giấy",
        90,
        ("#1b1f3b", "#f2a541", "#e4572e"),
        (8, 9, 7),
        EntryStatus.SELECTED,
        2,
    ),
    DemoPhoto(
        "Phố Hàng Mã rực rỡ đèn lồng những ngày trước Tết Trung thu.",
        "Phố Hàng Mã",
        75,
        ("#7b2d26", "#f0c808", "#dd1c1a"),
        (7, 8, 8),
        EntryStatus.SELECTED,
        3,
    ),
    DemoPhoto(
        "Mùa lúa chín trên cánh đồng ven đê sông Hồng.",
        "Xã Đông Anh",
        60,
        ("#b8d8ba", "#d9a441", "#4f772d"),
        (6, 7, 6),
        EntryStatus.SHORTLISTED,
    ),
    DemoPhoto(
        "Dòng xe đông đúc trên cầu Chương Dương giờ tan tầm.",
        "Cầu Chương Dương",
        45,
        ("#5c6b73", "#c2dfe3", "#e0a458"),
        (5, 5, 6),
        EntryStatus.REJECTED,
    ),
]

# EXIF as a camera writes it (Pillow tag numbers): make, model, and in the Exif IFD the exposure,
# aperture, ISO, focal length, date taken and lens.
EXIF_IFD = 0x8769


def photo_jpeg(colours: tuple[str, str, str], taken: dt.datetime, seed: int) -> bytes:
    """An abstract 1,800 × 1,200 picture: a sky, a horizon, circles and bands of colour."""
    sky, ground, accent = colours
    width, height = 1800, 1200
    image = Image.new("RGB", (width, height), sky)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, height * 3 // 5, width, height), fill=ground)
    for index in range(7):
        x = 120 + index * 240 + seed * 17
        radius = 40 + (index * 37 + seed * 11) % 90
        draw.ellipse((x - radius, 380 - radius, x + radius, 380 + radius), fill=accent)
        draw.rectangle((x - 8, height * 3 // 5 - 160 - index * 10, x + 8, height * 3 // 5), fill="#222222")
    exif = Image.Exif()
    exif[0x010F], exif[0x0110] = "Canon", "EOS R6 Mark II"
    exif.get_ifd(EXIF_IFD).update({
        0x829A: 1 / (125 * (seed + 1)), 0x829D: 4.0 + seed, 0x8827: 200 * (seed + 1), 0x920A: 35.0 + 10 * seed,
        0x9003: taken.strftime("%Y:%m:%d %H:%M:%S"), 0xA434: "RF24-105mm F4 L IS USM",
    })  # fmt: skip
    output = io.BytesIO()
    image.save(output, "JPEG", quality=85, exif=exif)
    return output.getvalue()


def seed_exhibition(cast: dict[str, User], now: dt.datetime, clock_at: Clock) -> None:
    """After the press profiles exist (the photographer must be accredited)."""
    editor = cast[people.editor_of("vanhoa")]
    photographer = cast["nhabao"]
    jurors = [cast[people.CENTER_OPERATOR.username], cast["vanhoa.phatngon"], cast[people.CENTER_ADMIN.username]]
    today = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    with clock_at(now - dt.timedelta(days=40)):
        event = events_domain.create_event(
            editor, organiser=Organisation.objects.get(slug=people.AGENCY_DESKS["vanhoa"][0]),
            type=EventType.EXHIBITION, title=TITLE, summary=INTRO, mode=EventMode.IN_PERSON,
            starts_at=today - dt.timedelta(days=2) + dt.timedelta(hours=9), ends_at=today + dt.timedelta(days=18, hours=17),
            venue=Venue.objects.get(name="Cung Văn hóa Hữu nghị Việt Xô"), capacity=0,
        )  # fmt: skip
        events_domain.confirm(editor, event)
        exhibition = domain.create_exhibition(
            editor, event, call_text=CALL, rules=RULES, intro=INTRO, opens_at=now - dt.timedelta(days=39),
            closes_at=now - dt.timedelta(days=10), max_entries=6, licence=Licence.CC_BY_NC_ND,
        )  # fmt: skip
        for juror in jurors:
            domain.add_juror(editor, exhibition, juror)
    entries = []
    for number, photo in enumerate(PHOTOS):
        moment = now - dt.timedelta(days=30 - number * 3)
        taken = now - dt.timedelta(days=photo.days_ago, hours=-7)
        data = photo_jpeg(photo.colours, taken, number)
        with clock_at(moment):
            entries.append(
                domain.submit(
                    photographer,
                    exhibition,
                    upload=SimpleUploadedFile(f"anh-{number + 1}.jpg", data),
                    name=f"anh-{number + 1}.jpg",
                    caption=photo.caption,
                    taken_on=taken.date(),
                    place=photo.place,
                )
            )
    with clock_at(now - dt.timedelta(days=10)):
        exhibition = domain.close_call(editor, exhibition)
    with clock_at(now - dt.timedelta(days=7)):
        for entry, photo in zip(entries, PHOTOS, strict=True):
            for juror, value in zip(jurors, photo.scores, strict=True):
                domain.score(juror, entry, value=value, comment="Bố cục chặt, ánh sáng đẹp." if value >= 9 else "")
    with clock_at(now - dt.timedelta(days=4)):
        for entry, photo in zip(entries, PHOTOS, strict=True):
            domain.curate(editor, entry, status=photo.decision, position=photo.position)
    with clock_at(now - dt.timedelta(days=3)):
        domain.publish(editor, exhibition)
