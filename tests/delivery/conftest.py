"""A real SMTP server (aiosmtpd) on loopback, and accredited journalists."""

import datetime as dt
import email
import email.policy
import itertools
import socket
import threading
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from presscenter.accounts.models import Role, User
from presscenter.mail.smtp import close_kept
from presscenter.press.models import Accreditation, JournalistProfile, Outlet
from tests import factories

_seq = itertools.count(1)


class Sink:
    """Collects every message; refuses recipients listed in `refuse` with a permanent 550."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.refuse: set[str] = set()
        self._lock = threading.Lock()

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: Any) -> str:
        if address.lower() in self.refuse:
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        parsed = email.message_from_bytes(envelope.original_content or envelope.content, policy=email.policy.default)
        with self._lock:
            self.messages.append(parsed)  # type: ignore[arg-type]
        return "250 Message accepted"

    def to(self, address: str) -> list[EmailMessage]:
        with self._lock:
            return [m for m in self.messages if address in str(m["To"])]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_sink() -> tuple[Controller, Sink, int]:
    sink = Sink()
    port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    return controller, sink, port


@pytest.fixture
def smtp(settings) -> Any:
    controller, sink, port = start_sink()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    yield sink
    close_kept()  # the delivery worker's kept connections end before the server
    controller.stop()


def journalist(**fields: Any) -> User:
    n = next(_seq)
    outlet = Outlet.objects.create(name=f"Báo Thử nghiệm giao tin {n}", type="online")
    user = factories.user(Role.JOURNALIST, accredited=True, **fields)
    JournalistProfile.objects.create(
        user=user,
        outlet=outlet,
        press_card_number=f"TNB-{user.pk}",
        press_card_expiry=dt.date.today() + dt.timedelta(days=365),
        status=Accreditation.APPROVED,
    )
    return user


@pytest.fixture
def publish(newsroom, django_capture_on_commit_callbacks):
    """Publish through the workflow and run what happens after commit (fan-out, dispatch)."""

    def run(**fields):
        with django_capture_on_commit_callbacks(execute=True):
            return newsroom.publish(**fields)

    return run


@pytest.fixture
def after_commit(django_capture_on_commit_callbacks):
    def run(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return run
