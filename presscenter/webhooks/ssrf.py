"""Refusing addresses inside private networks (SSRF), and talking HTTP only to the address vetted.

`check_url` resolves the host once and refuses any address that is not on the public Internet
(unless an operator allowed private networks). `request` then connects to that very address, with
the Host header (and TLS server name) of the URL, so a DNS answer that changes between the check
and the connection (DNS rebinding) cannot redirect us. Redirects are never followed.
"""

import http.client
import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.utils.translation import gettext_lazy as _

from presscenter.core.errors import DomainError

DEFAULT_PORTS = {"http": 80, "https": 443}
MAX_RESPONSE_BYTES = 64 * 1024  # we read answers only to log them or to check a WebSub challenge

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass(frozen=True)
class Target:
    """A URL whose host has been resolved and vetted: connect to `address`, say `host` in Host/SNI."""

    scheme: str
    host: str
    port: int
    path: str  # path and query, as sent in the request line
    address: str


@dataclass(frozen=True)
class Response:
    status: int
    body: bytes
    duration_ms: int


def is_public(address: Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour or (address.teredo[1] if address.teredo else None)
        if embedded is not None and not is_public(embedded):
            return False
    return address.is_global and not (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
    )


def check_url(url: str, allow_private: bool = False) -> Target:
    """The vetted target of `url`, or DomainError (translated) saying why it is refused."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        raise DomainError(_("Địa chỉ không hợp lệ."), field="url") from None
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS:
        raise DomainError(_("Chỉ chấp nhận địa chỉ http:// hoặc https://."), field="url")
    if parts.username is not None or parts.password is not None:
        raise DomainError(_("Địa chỉ không được chứa tên đăng nhập hay mật khẩu."), field="url")
    host = parts.hostname
    if not host:
        raise DomainError(_("Địa chỉ thiếu tên máy chủ."), field="url")
    port = port or DEFAULT_PORTS[scheme]
    try:
        answers = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise DomainError(_("Không tìm thấy máy chủ %(host)s.") % {"host": host}, field="url") from None
    addresses = [ipaddress.ip_address(str(answer[4][0]).split("%")[0]) for answer in answers]
    if not addresses:
        raise DomainError(_("Không tìm thấy máy chủ %(host)s.") % {"host": host}, field="url")
    if not allow_private and not all(is_public(address) for address in addresses):
        raise DomainError(
            _("Địa chỉ %(host)s thuộc mạng nội bộ hoặc dành riêng; hệ thống không gửi tin tới đó.") % {"host": host},
            field="url",
        )
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    return Target(scheme=scheme, host=host, port=port, path=path, address=str(addresses[0]))


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Names the URL's host in the Host header but connects to the vetted address."""

    def __init__(self, target: Target, timeout: float):
        super().__init__(target.host, target.port, timeout=timeout)
        self._address = target.address

    def connect(self) -> None:
        self.sock = _connect(self._address, self.port, self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, target: Target, timeout: float):
        super().__init__(target.host, target.port, timeout=timeout, context=ssl.create_default_context())
        self._address = target.address

    def connect(self) -> None:
        sock = _connect(self._address, self.port, self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)  # type: ignore[attr-defined]


def _connect(address: str, port: int, timeout: float | None) -> socket.socket:
    sock = socket.create_connection((address, port), timeout)
    # As http.client's own connect does: it sends headers and a large body in two writes, and
    # without TCP_NODELAY the body waits for the receiver's delayed ACK (about 40 ms a request).
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


def connection_for(target: Target, timeout: float) -> http.client.HTTPConnection:
    """A connection that names the URL's host but reaches only the vetted address."""
    connection_class = _PinnedHTTPSConnection if target.scheme == "https" else _PinnedHTTPConnection
    return connection_class(target, timeout)


def request(
    target: Target, method: str, *, body: bytes | None = None, headers: dict[str, str] | None = None, timeout: float
) -> Response:
    """One HTTP exchange with the vetted address. Raises OSError (incl. timeouts) or HTTPException."""
    connection = connection_for(target, timeout)
    started = time.monotonic()
    try:
        connection.request(method, target.path, body=body, headers=headers or {})
        answer = connection.getresponse()
        content = answer.read(MAX_RESPONSE_BYTES)
        return Response(answer.status, content, int((time.monotonic() - started) * 1000))
    finally:
        connection.close()
