"""One signed POST to a webhook: vetted address, short timeout, no redirects, never raises."""

import http.client
from dataclasses import dataclass

from django.conf import settings

from presscenter.core.errors import DomainError
from presscenter.webhooks import signing, ssrf

DEFAULT_TIMEOUT = 5.0  # seconds, for connecting and for each read: a slow receiver must not hold a worker


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


def post_signed(url: str, *, allow_private: bool, secret: str, body: bytes, event: str, delivery: str) -> Outcome:
    try:
        target = ssrf.check_url(url, allow_private=allow_private)
    except DomainError as error:
        return Outcome(None, str(error.message)[:500], refused=True)
    headers = signing.headers(secret, body, event=event, delivery=delivery)
    try:
        answer = ssrf.request(target, "POST", body=body, headers=headers, timeout=timeout())
    except (OSError, http.client.HTTPException) as error:
        return Outcome(None, f"{type(error).__name__}: {error}"[:500])
    problem = "" if 200 <= answer.status < 300 else f"HTTP {answer.status}"
    return Outcome(answer.status, problem, answer.duration_ms)
