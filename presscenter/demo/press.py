"""Demo press access: real Vietnamese media outlets, the demo journalists' press cards and a few
subscriptions, so the accreditation queue, notifications and digests have something to show."""

import datetime as dt

from django.utils import timezone

from presscenter.accounts.models import User
from presscenter.delivery.models import OutboxEvent
from presscenter.orgs.models import Organisation
from presscenter.press.models import Accreditation, JournalistProfile, Outlet, OutletType
from presscenter.releases.models import Topic
from presscenter.subscriptions.domain import create_subscription

OUTLETS = [
    ("Báo Hànộimới", OutletType.NEWSPAPER, "toasoan@hanoimoi.example.vn"),
    ("Báo Tuổi trẻ Thủ đô", OutletType.NEWSPAPER, "toasoan@tuoitrethudo.example.vn"),
    ("Đài Phát thanh và Truyền hình Hà Nội", OutletType.TELEVISION, "bientap@hanoitv.example.vn"),
    ("Thông tấn xã Việt Nam", OutletType.NEWS_AGENCY, "bientap@ttxvn.example.vn"),
    ("Đài Tiếng nói Việt Nam", OutletType.RADIO, "bientap@vov.example.vn"),
    ("Báo điện tử VnExpress", OutletType.ONLINE, "toasoan@vnexpress.example.vn"),
    ("Tạp chí Người Hà Nội", OutletType.MAGAZINE, "toasoan@nguoihanoi.example.vn"),
]
# username -> (outlet, press card number, accreditation)
CARDS = {
    "nhabao": ("Báo Hànộimới", "HNM-2024-0173", Accreditation.APPROVED),
    "nhabao.chuathe": ("Báo điện tử VnExpress", "VNE-2025-0412", Accreditation.PENDING),
    "phongvien.hnm": ("Báo Hànộimới", "HNM-2023-0088", Accreditation.APPROVED),
    "phongvien.vov": ("Đài Tiếng nói Việt Nam", "VOV-2022-1190", Accreditation.APPROVED),
    "phongvien.vne": ("Báo điện tử VnExpress", "VNE-2024-0301", Accreditation.APPROVED),
    "phongvien.nhn": ("Tạp chí Người Hà Nội", "NHN-2025-0040", Accreditation.APPROVED),
}


def seed_press(cast: dict[str, User], operator: User) -> None:
    """Runs after the stories: their outbox events are history and are marked done first, so
    the demo journalist is not sent two months of old news when the worker starts."""
    now = timezone.now()
    OutboxEvent.objects.filter(processed_at__isnull=True).update(processed_at=now)
    outlets = {
        name: Outlet.objects.create(name=name, type=kind, email=email, licence_number=f"GP-{n:03d}/BTTTT")
        for n, (name, kind, email) in enumerate(OUTLETS, start=1)
    }
    for username, (outlet, card, status) in CARDS.items():
        JournalistProfile.objects.create(
            user=cast[username],
            outlet=outlets[outlet],
            press_card_number=card,
            press_card_expiry=(now + dt.timedelta(days=400)).date(),
            status=status,
            decided_by=operator if status == Accreditation.APPROVED else None,
            decided_at=now if status == Accreditation.APPROVED else None,
            languages=["vi"],
            preferred_channels=["email", "live"],
        )
    journalist = cast["nhabao"]
    create_subscription(
        journalist,
        name="Giao thông Thủ đô",
        topics=list(Topic.objects.filter(slug="giao-thong").values_list("pk", flat=True)),
        channels=["email", "live"],
    )
    create_subscription(
        journalist,
        name="Y tế — bản tin sáng",
        organisations=list(Organisation.objects.filter(slug="so-y-te").values_list("pk", flat=True)),
        cadence="daily",
        digest_hour=7,
        channels=["email"],
    )
    create_subscription(journalist, name="Tin khẩn", priorities=["urgent", "flash"], channels=["live"])
