"""Sending prepared messages over SMTP connections kept open between batches.

A batch is cut into at most PARALLEL_CONNECTIONS slices sent at once, each by one long-lived
thread over its own connection, so the round trips of one slice overlap the others' and no batch
pays for connecting, greeting and quitting again (with 50-message batches that was a third of
the time). A kept connection the server has meanwhile closed is replaced once per message;
nothing had been sent on it.
"""

import contextlib
import math
import smtplib
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection

from presscenter.delivery.channels import SendResult

PARALLEL_CONNECTIONS = 8


def _settings_key() -> tuple[Any, ...]:
    """A kept connection serves only the mail settings it was opened with."""
    return tuple(
        getattr(settings, name, None)
        for name in ("EMAIL_BACKEND", "EMAIL_HOST", "EMAIL_PORT", "EMAIL_HOST_USER", "EMAIL_USE_TLS", "EMAIL_USE_SSL")
    )


class _Kept(threading.local):
    """Each sending thread's connection, also listed in _open so that close_kept() can end them all."""

    def __init__(self) -> None:
        self.connection: Any = None
        self.key: tuple[Any, ...] = ()

    def get(self) -> tuple[Any, bool]:
        """(open connection, reused)."""
        key = _settings_key()
        if self.connection is not None and self.key == key and self.connection in _open:
            return self.connection, True
        self.drop()
        connection = get_connection()
        connection.open()
        self.connection, self.key = connection, key
        with _open_lock:
            _open.add(connection)
        return connection, False

    def drop(self) -> None:
        if self.connection is not None:
            _close(self.connection)
        self.connection = None


def _close(connection: Any) -> None:
    with _open_lock:
        _open.discard(connection)
    with contextlib.suppress(OSError, smtplib.SMTPException):
        connection.close()


def close_kept() -> None:
    """Say QUIT on every kept connection: when a worker stops, or before a test stops its SMTP
    server (which would otherwise log the dropped sessions after the test). A thread finding its
    connection closed opens a new one."""
    with _open_lock:
        connections = list(_open)
    for connection in connections:
        _close(connection)


_open: set[Any] = set()
_open_lock = threading.Lock()
_kept = _Kept()
_pool: ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()


def _threads() -> ThreadPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(max_workers=PARALLEL_CONNECTIONS, thread_name_prefix="smtp")
        return _pool


def send_messages(messages: Sequence[EmailMessage]) -> list[SendResult]:
    """One result per message, in order."""
    size = max(math.ceil(len(messages) / PARALLEL_CONNECTIONS), 1)
    slices = [messages[start : start + size] for start in range(0, len(messages), size)]
    return [result for done in _threads().map(_send_slice, slices) for result in done]


def _send_slice(messages: Sequence[EmailMessage]) -> list[SendResult]:
    return [_send_one(message) for message in messages]


def _send_one(message: EmailMessage) -> SendResult:
    """A refused recipient or a 5xx answer is permanent (a bounce); connection trouble and 4xx
    answers are retried."""
    for _attempt in range(2):
        try:
            connection, reused = _kept.get()
        except (OSError, smtplib.SMTPException) as exc:
            return SendResult(ok=False, error=f"SMTP: {exc}")
        try:
            sent = connection.send_messages([message])
        except smtplib.SMTPServerDisconnected as exc:
            _kept.drop()
            if reused:
                continue
            return SendResult(ok=False, error=f"SMTP: {exc}")
        except smtplib.SMTPRecipientsRefused as exc:
            return SendResult(ok=False, error=f"refused: {exc.recipients}", retry=False)
        except smtplib.SMTPResponseException as exc:
            if exc.smtp_code == 421:  # the server is closing the connection
                _kept.drop()
            return SendResult(ok=False, error=f"SMTP {exc.smtp_code}: {exc.smtp_error!r}", retry=exc.smtp_code < 500)
        except (OSError, smtplib.SMTPException) as exc:
            _kept.drop()
            return SendResult(ok=False, error=f"SMTP: {exc}")
        return SendResult(ok=True) if sent else SendResult(ok=False, error="SMTP: not sent")
    return SendResult(ok=False, error="SMTP: connection closed by the server")
