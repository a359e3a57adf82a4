"""Signing webhook payloads, and checking a signature (what a receiver does).

Signature: HMAC-SHA256 with the webhook's secret over ``f"{timestamp}.{body}"`` (timestamp in
Unix seconds, body the exact bytes sent), sent as ``X-Presscenter-Signature: v1=<hex>``.
Receivers reject timestamps older than a few minutes (replay) and ignore a delivery id they have
already processed (``X-Presscenter-Delivery``: the same id is sent again on every retry).
"""

import hashlib
import hmac
import time

SIGNATURE_VERSION = "v1"
TIMESTAMP_HEADER = "X-Presscenter-Timestamp"
SIGNATURE_HEADER = "X-Presscenter-Signature"
DELIVERY_HEADER = "X-Presscenter-Delivery"
EVENT_HEADER = "X-Presscenter-Event"


def signature(secret: str, timestamp: int | str, body: bytes) -> str:
    message = str(timestamp).encode() + b"." + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def headers(secret: str, body: bytes, *, event: str, delivery: str, timestamp: int | None = None) -> dict[str, str]:
    """The headers of a signed POST (Content-Type included)."""
    stamp = int(time.time()) if timestamp is None else timestamp
    return {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": "presscenter-webhook/1",
        TIMESTAMP_HEADER: str(stamp),
        SIGNATURE_HEADER: f"{SIGNATURE_VERSION}={signature(secret, stamp, body)}",
        DELIVERY_HEADER: delivery,
        EVENT_HEADER: event,
    }


def verify(
    secret: str, timestamp: str, body: bytes, signature_header: str, tolerance: int = 300, now: float | None = None
) -> bool:
    """True when the signature matches and the timestamp is within `tolerance` seconds of now.

    `signature_header` may list several signatures separated by commas (``v1=...,v1=...``).
    """
    try:
        stamp = int(timestamp)
    except (TypeError, ValueError):
        return False
    if abs((time.time() if now is None else now) - stamp) > tolerance:
        return False
    expected = signature(secret, stamp, body)
    for candidate in signature_header.split(","):
        version, _sep, value = candidate.strip().partition("=")
        if version == SIGNATURE_VERSION and hmac.compare_digest(value, expected):
            return True
    return False
