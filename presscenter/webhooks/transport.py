"""One signed POST to a webhook: vetted address, short timeout, no redirects, never raises.

Connections are kept alive and reused per thread and per vetted address (HTTP/1.1), so a fan-out
of thousands of POSTs to the same newsroom system does not pay a TCP handshake for each one.
"""

import http.client
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

from django.conf import settings

from presscenter.core.errors import DomainError
from presscenter.webhooks import signing, ssrf

DEFAULT_TIMEOUT = 5.0  # seconds, for connecting and for each read: a slow receiver must not hold a worker
KEPT_PER_THREAD = 32  # open connections one thread keeps; the least recently used is closed first
# A reused connection the receiver has meanwhile closed fails like this before anything is sent.
STALE_CONNECTION = (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError)


def timeout() -> float:
    return float(getattr(settings, "WEBHOOK_TIMEOUT", DEFAULT_TIMEOUT))


@dataclass(frozen=True)
class Outcome:
    status: int | None  # None: no HTTP answer (refused address, connection error, timeout)
    error: str = ""
    duration_ms: int = 0
    refused: bool = False  # the address is not allowed (SSRF): retrying will not help

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300

    @property
    def gone(self) -> bool:
        """410 Gone: the receiver says this endpoint is retired for good."""
        return self.status == 410


ConnectionKey = tuple[str, str, int, str, float]  # scheme, vetted address, port, Host, timeout


class _KeptConnections(threading.local):
    def __init__(self) -> None:
        self.open: OrderedDict[ConnectionKey, http.client.HTTPConnection] = OrderedDict()


_kept = _KeptConnections()


def _connection(target: ssrf.Target, seconds: float) -> tuple[http.client.HTTPConnection, bool]:
    """(connection, reused): this thread's open connection to the vetted address, or a new one."""
    key = (target.scheme, target.address, target.port, target.host, seconds)
    connection = _kept.open.pop(key, None)
    reused = connection is not None
    if connection is None:
        connection = ssrf.connection_for(target, seconds)
    _kept.open[key] = connection
    while len(_kept.open) > KEPT_PER_THREAD:
        _key, oldest = _kept.open.popitem(last=False)
        oldest.close()
    return connection, reused


def _forget(target: ssrf.Target, seconds: float) -> None:
    connection = _kept.open.pop((target.scheme, target.address, target.port, target.host, seconds), None)
    if connection is not None:
        connection.close()


def _exchange(target: ssrf.Target, body: bytes, headers: dict[str, str], seconds: float) -> ssrf.Response:
    """POST over a kept connection; a kept connection found closed is replaced once (nothing was sent)."""
    for _attempt in range(2):
        connection, reused = _connection(target, seconds)
        started = time.monotonic()
        try:
            connection.request("POST", target.path, body=body, headers=headers)
            answer = connection.getresponse()
            content = answer.read(ssrf.MAX_RESPONSE_BYTES)
        except STALE_CONNECTION:
            _forget(target, seconds)
            if reused:
                continue
            raise
        except BaseException:
            _forget(target, seconds)
            raise
        if answer.will_close or not answer.isclosed():  # closing, or more body than we read
            _forget(target, seconds)
        return ssrf.Response(answer.status, content, int((time.monotonic() - started) * 1000))
    raise http.client.RemoteDisconnected("connection closed by the receiver")  # pragma: no cover


def post_signed(url: str, *, allow_private: bool, secret: str, body: bytes, event: str, delivery: str) -> Outcome:
    try:
        target = ssrf.check_url(url, allow_private=allow_private)
    except DomainError as error:
        return Outcome(None, str(error.message)[:500], refused=True)
    headers = signing.headers(secret, body, event=event, delivery=delivery)
    try:
        answer = _exchange(target, body, headers, timeout())
    except (OSError, http.client.HTTPException) as error:
        return Outcome(None, f"{type(error).__name__}: {error}"[:500])
    problem = "" if 200 <= answer.status < 300 else f"HTTP {answer.status}"
    return Outcome(answer.status, problem, answer.duration_ms)
