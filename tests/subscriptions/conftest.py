import email
import email.policy
import socket
from collections.abc import Iterator
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from presscenter.accounts.models import Role
from presscenter.mail.smtp import close_kept
from presscenter.orgs.models import Kind
from tests import factories


class Mailbox:
    """Messages received by a real SMTP server on loopback."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        parsed = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        self.messages.append(parsed)  # type: ignore[arg-type]
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def smtp(settings) -> Iterator[Mailbox]:
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = False
    settings.SITE_URL = "https://baochi.example.vn"
    try:
        yield mailbox
    finally:
        close_kept()  # the delivery worker's kept connections end before the server
        controller.stop()


@pytest.fixture
def journalist(db):
    return factories.user(Role.JOURNALIST, accredited=True)


@pytest.fixture
def ward(db):
    return factories.organisation(kind=Kind.WARD, name="Phường Hoàn Kiếm")
