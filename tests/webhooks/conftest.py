"""Real receivers on loopback: an HTTP server in a thread (webhooks, WebSub callbacks) and an SMTP server."""

import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from aiosmtpd.controller import Controller

from presscenter.accounts.models import Role, User
from presscenter.mail.smtp import close_kept
from presscenter.webhooks import domain
from presscenter.webhooks.models import Webhook
from tests import factories

PUBLIC_ADDRESS_URL = "http://93.184.216.34/nhan-tin"  # a public literal address: resolves without a network
CONNECT_FAILED = "Không kết nối được tới máy nhận (máy nhận tắt hoặc từ chối kết nối)."


@dataclass
class Received:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes


Answer = Callable[[Received], tuple[int, bytes]]


@dataclass
class Receiver:
    """Records every request; `answers` maps a path to how it answers (default: 200 "ok")."""

    base_url: str = ""
    requests: list[Received] = field(default_factory=list)
    answers: dict[str, Answer] = field(default_factory=dict)

    def url(self, path: str) -> str:
        return f"{self.base_url}{path}"

    def to(self, path: str, method: str = "POST") -> list[Received]:
        return [r for r in self.requests if r.path == path and r.method == method]


class _Handler(BaseHTTPRequestHandler):
    server: Any

    def _handle(self) -> None:
        parts = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        received = Received(
            self.command, parts.path, parse_qs(parts.query), dict(self.headers.items()), self.rfile.read(length)
        )
        receiver: Receiver = self.server.receiver
        receiver.requests.append(received)
        answer = receiver.answers.get(parts.path, lambda _r: (200, b"ok"))
        status, body = answer(received)
        try:
            self.send_response(status)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except OSError:  # the sender gave up waiting (timeout test)
            pass

    do_GET = do_POST = _handle

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    server.block_on_close = False
    server.receiver = Receiver(base_url=f"http://127.0.0.1:{server.server_address[1]}")  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server.receiver  # type: ignore[attr-defined]
    server.shutdown()
    server.server_close()


class _Mailbox:
    def __init__(self) -> None:
        self.messages: list[Message] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(message_from_bytes(envelope.content))
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def closed_port_url(path: str = "/") -> str:
    """A loopback address nobody listens on: the connection is refused at once."""
    return f"http://127.0.0.1:{_free_port()}{path}"


@pytest.fixture
def mailbox(settings: Any) -> Iterator[_Mailbox]:
    box = _Mailbox()
    controller = Controller(box, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    yield box
    close_kept()  # the delivery worker's kept connections end before the server
    controller.stop()


@pytest.fixture
def journalist(db: Any) -> User:
    return factories.user(Role.JOURNALIST, accredited=True)


def loopback_webhook(owner: User, operator: User, url: str, name: str = "Tòa soạn") -> Webhook:
    """A webhook on a loopback receiver, made the way a newsroom would: public address, operator allows, edit."""
    webhook = domain.create_webhook(owner, name=name, url=PUBLIC_ADDRESS_URL)
    domain.set_allow_private_network(operator, webhook, True)
    return domain.update_webhook(owner, Webhook.objects.get(pk=webhook.pk), name=name, url=url)
