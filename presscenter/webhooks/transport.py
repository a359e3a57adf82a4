"""Signed POSTs to webhooks: vetted addresses, short timeouts, no redirects, never raises.

Sent with libcurl (pycurl): `post_many` runs a whole batch concurrently from the calling thread
through one multi handle, which keeps connections alive between batches, so a fan-out of
thousands of POSTs to newsroom systems costs tens of microseconds of Python each (http.client
in a thread pool cost ten times that, and a slow receiver still held a thread). Each URL is
vetted once per batch (presscenter.webhooks.ssrf) and the connection is pinned to the vetted
address (CURLOPT_CONNECT_TO), so DNS rebinding cannot move it.

A POST that gets no HTTP answer carries a translated message for the webhook's owner (delivery
log, "send test"); libcurl's own English text goes only to the server log, where each batch's
failures are summed up in one line per batch (count per receiver and kind of failure).
"""

import logging
import ssl
import threading
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

import pycurl
from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from presscenter.core.errors import DomainError
from presscenter.webhooks import signing, ssrf

DEFAULT_TIMEOUT = 5.0  # seconds for the whole exchange: a slow receiver must not hold the batch
MAX_CONCURRENT = 64  # POSTs in flight at once
KEPT_CONNECTIONS = 64  # open connections kept between batches (per thread)

log = logging.getLogger(__name__)

_CURL_MESSAGES = {
    pycurl.E_COULDNT_CONNECT: _("Không kết nối được tới máy nhận (máy nhận tắt hoặc từ chối kết nối)."),
    pycurl.E_OPERATION_TIMEDOUT: _("Máy nhận không trả lời trong thời gian cho phép."),
    pycurl.E_COULDNT_RESOLVE_HOST: _("Không tìm thấy tên miền của máy nhận (lỗi DNS)."),
    pycurl.E_TOO_MANY_REDIRECTS: _("Máy nhận chuyển hướng quá nhiều lần."),
    pycurl.E_FILESIZE_EXCEEDED: _("Câu trả lời của máy nhận quá lớn."),
    **dict.fromkeys(
        (pycurl.E_GOT_NOTHING, pycurl.E_SEND_ERROR, pycurl.E_RECV_ERROR),
        _("Máy nhận ngắt kết nối trước khi trả lời."),
    ),
    **dict.fromkeys(
        (
            pycurl.E_SSL_CONNECT_ERROR,
            pycurl.E_PEER_FAILED_VERIFICATION,
            pycurl.E_SSL_CERTPROBLEM,
            pycurl.E_SSL_CIPHER,
            pycurl.E_SSL_CACERT_BADFILE,
            pycurl.E_SSL_ISSUER_ERROR,
            pycurl.E_SSL_PINNEDPUBKEYNOTMATCH,
            pycurl.E_SSL_INVALIDCERTSTATUS,
            pycurl.E_USE_SSL_FAILED,
        ),
        _("Lỗi kết nối bảo mật (TLS): chứng chỉ của máy nhận không hợp lệ hoặc không bắt tay được."),
    ),
}


def curl_error(code: int) -> str:
    """What the webhook's owner reads when a POST got no HTTP answer, in the active language."""
    message = _CURL_MESSAGES.get(code)
    if message is None:
        return gettext("Gửi không thành công (mã lỗi curl %(code)s).") % {"code": code}
    return str(message)


def timeout() -> float:
    return float(getattr(settings, "WEBHOOK_TIMEOUT", DEFAULT_TIMEOUT))


@dataclass(frozen=True)
class Outcome:
    status: int | None  # None: no HTTP answer (refused address, connection error, timeout)
    error: str = ""
    duration_ms: int = 0
    refused: bool = False  # the address is not allowed (SSRF): retrying will not help
    curl_code: int = 0  # libcurl's error code when there was no HTTP answer
    detail: str = ""  # libcurl's own (English) words: for the server log, never shown to the owner

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300

    @property
    def gone(self) -> bool:
        """410 Gone: the receiver says this endpoint is retired for good."""
        return self.status == 410


@dataclass(frozen=True)
class SignedPost:
    url: str
    allow_private: bool
    secret: str
    body: bytes
    event: str
    delivery: str


class _Curl(threading.local):
    """Per thread: libcurl handles are not shared between threads."""

    def __init__(self) -> None:
        self.multi = pycurl.CurlMulti()
        self.multi.setopt(pycurl.M_MAXCONNECTS, KEPT_CONNECTIONS)
        self.spare: list[pycurl.Curl] = []


_curl = _Curl()
_CA = ssl.get_default_verify_paths()


def post_signed(url: str, *, allow_private: bool, secret: str, body: bytes, event: str, delivery: str) -> Outcome:
    return post_many([SignedPost(url, allow_private, secret, body, event, delivery)])[0]


def post_many(posts: Sequence[SignedPost]) -> list[Outcome]:
    """One outcome per post, in order."""
    outcomes: list[Outcome | None] = [None] * len(posts)
    vetted: dict[tuple[str, bool], ssrf.Target | Outcome] = {}
    ready: list[tuple[int, ssrf.Target]] = []
    for index, post in enumerate(posts):
        key = (post.url, post.allow_private)
        if key not in vetted:
            vetted[key] = _vet(post.url, post.allow_private)
        target = vetted[key]
        if isinstance(target, Outcome):
            outcomes[index] = target
        else:
            ready.append((index, target))
    for index, outcome in _exchange_all(posts, ready, timeout()):
        outcomes[index] = outcome
    done = [outcome for outcome in outcomes if outcome is not None]
    _log_failures(posts, done)
    return done


def _receiver(url: str) -> str:
    """host:port of a webhook URL; its path and query stay out of the log (they may hold a token)."""
    try:
        parts = urlsplit(url)
        return f"{parts.hostname}:{parts.port}" if parts.port else str(parts.hostname)
    except ValueError:
        return "?"


def _log_failures(posts: Sequence[SignedPost], outcomes: list[Outcome]) -> None:
    """One log line for a batch's failures: how many per receiver and kind, with libcurl's text."""
    counts: Counter[tuple[str, str]] = Counter()
    details: dict[tuple[str, str], str] = {}
    for post, outcome in zip(posts, outcomes, strict=True):
        if outcome.ok:
            continue
        if outcome.refused:
            kind = "refused"
        elif outcome.status is not None:
            kind = f"HTTP {outcome.status}"
        else:
            kind = f"curl {outcome.curl_code}"
        key = (_receiver(post.url), kind)
        counts[key] += 1
        details.setdefault(key, outcome.detail)
    if counts:
        groups = "; ".join(
            f"{receiver} {kind} x{count}" + (f" ({details[receiver, kind]})" if details[receiver, kind] else "")
            for (receiver, kind), count in counts.most_common()
        )
        log.warning("webhooks: %s of %s POSTs failed: %s", counts.total(), len(posts), groups)


def _vet(url: str, allow_private: bool) -> ssrf.Target | Outcome:
    try:
        return ssrf.check_url(url, allow_private=allow_private)
    except DomainError as error:
        return Outcome(None, str(error.message)[:500], refused=True)


def _exchange_all(
    posts: Sequence[SignedPost], ready: list[tuple[int, ssrf.Target]], seconds: float
) -> list[tuple[int, Outcome]]:
    multi, spare = _curl.multi, _curl.spare
    waiting = list(reversed(ready))
    running: dict[pycurl.Curl, int] = {}
    done: list[tuple[int, Outcome]] = []
    try:
        while waiting or running:
            while waiting and len(running) < MAX_CONCURRENT:
                index, target = waiting.pop()
                handle = spare.pop() if spare else pycurl.Curl()
                _prepare(handle, target, posts[index], seconds)
                multi.add_handle(handle)
                running[handle] = index
            while multi.perform()[0] == pycurl.E_CALL_MULTI_PERFORM:
                pass
            left, finished, failed = multi.info_read()
            for handle in finished:
                done.append((running.pop(handle), _answered(handle)))
            for handle, code, message in failed:
                done.append((running.pop(handle), Outcome(None, curl_error(code), curl_code=code, detail=message)))
            for handle in [*finished, *(f[0] for f in failed)]:
                multi.remove_handle(handle)
                spare.append(handle)
            if running and not left:
                multi.select(0.05)
    finally:
        for handle in running:  # only if something above raised: leave the multi handle clean
            multi.remove_handle(handle)
            spare.append(handle)
    return done


def _prepare(handle: pycurl.Curl, target: ssrf.Target, post: SignedPost, seconds: float) -> None:
    host = f"[{target.host}]" if ":" in target.host else target.host
    address = f"[{target.address}]" if ":" in target.address else target.address
    handle.setopt(pycurl.URL, f"{target.scheme}://{host}:{target.port}{target.path}")
    handle.setopt(pycurl.CONNECT_TO, [f"{host}:{target.port}:{address}:{target.port}"])
    handle.setopt(pycurl.PROTOCOLS, pycurl.PROTO_HTTP | pycurl.PROTO_HTTPS)
    handle.setopt(pycurl.FOLLOWLOCATION, 0)
    handle.setopt(pycurl.NOSIGNAL, 1)
    handle.setopt(pycurl.TIMEOUT_MS, int(seconds * 1000))
    if _CA.cafile:
        handle.setopt(pycurl.CAINFO, _CA.cafile)
    if _CA.capath:
        handle.setopt(pycurl.CAPATH, _CA.capath)
    headers = signing.headers(post.secret, post.body, event=post.event, delivery=post.delivery)
    # "Expect:" empty: no 100-continue round trip before the body.
    handle.setopt(pycurl.HTTPHEADER, [f"{name}: {value}" for name, value in headers.items()] + ["Expect:"])
    handle.setopt(pycurl.POSTFIELDS, post.body)
    handle.setopt(pycurl.WRITEFUNCTION, _discard)


def _discard(chunk: bytes) -> None:
    """Only the status of an answer is used; its body is read and dropped."""


def _answered(handle: pycurl.Curl) -> Outcome:
    status = int(handle.getinfo(pycurl.RESPONSE_CODE))
    duration_ms = int(handle.getinfo(pycurl.TOTAL_TIME) * 1000)
    problem = "" if 200 <= status < 300 else f"HTTP {status}"
    return Outcome(status, problem, duration_ms)
