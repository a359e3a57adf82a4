"""Press fixtures: outlets, journalists through the real sign-up, images, and a real SMTP server."""

import datetime as dt
import io
import itertools
import socket
from collections.abc import Iterator
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from presscenter.mail.smtp import close_kept
from presscenter.press import domain
from presscenter.press.models import JournalistProfile, Outlet, OutletType
from tests import factories

PASSWORD = "mat-khau-nha-bao-2026"
_seq = itertools.count(1)


def png_bytes(size: tuple[int, int] = (40, 50)) -> bytes:
    output = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(output, "PNG")
    return output.getvalue()


def photo_upload(name: str = "chan-dung.png", data: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, png_bytes() if data is None else data, content_type="image/png")


def make_outlet(**fields: Any) -> Outlet:
    n = next(_seq)
    defaults: dict[str, Any] = {"name": f"Báo Thử nghiệm {n}", "type": OutletType.ONLINE, "licence_number": f"GP-{n}"}
    defaults.update(fields)
    return Outlet.objects.create(**defaults)


def signup_fields(outlet: Outlet, /, **fields: Any) -> dict[str, Any]:
    n = next(_seq)
    defaults: dict[str, Any] = {
        "email": f"nhabao{n}@baothunghiem.vn",
        "password": PASSWORD,
        "full_name": f"Nguyễn Văn Nhà Báo {n}",
        "phone": "0912345678",
        "identity_number": f"00109{n:07d}",
        "outlet": outlet,
        "press_card_number": f"HN-{n:05d}",
        "press_card_expiry": timezone.localdate() + dt.timedelta(days=365),
    }
    defaults.update(fields)
    return defaults


def journalist(outlet: Outlet, *, approved_by: Any = None, **fields: Any) -> JournalistProfile:
    profile = domain.sign_up(**signup_fields(outlet, **fields))
    if approved_by is not None:
        profile = domain.approve(approved_by, profile)
    return profile


@pytest.fixture
def outlet(db) -> Outlet:
    return make_outlet()


@pytest.fixture
def operator(db) -> Any:
    return factories.user("center_operator")


class Collector:
    def __init__(self) -> None:
        self.messages: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(envelope)
        return "250 OK"


@pytest.fixture
def smtp(settings) -> Iterator[Collector]:
    """A real SMTP server on loopback; Django sends to it over a real socket."""
    collector = Collector()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(collector, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    try:
        yield collector
    finally:
        close_kept()  # the delivery worker's kept connections end before the server
        controller.stop()
