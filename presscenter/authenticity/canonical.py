"""The canonical form of a published version: the exact bytes that are signed.

Canonical JSON (RFC 8785 subset): UTF-8, keys sorted, no insignificant whitespace, strings in
Unicode NFC, times in UTC as ISO 8601 with a trailing "Z". Documented in docs/authenticity.md.
"""

import datetime as dt
import hashlib
import json
import re
import unicodedata
from typing import Any

CANONICAL_FORMAT = "presscenter-version/1"
SPACE_RE = re.compile(r"\s+")


def nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value)


def utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical_bytes(document: dict[str, Any]) -> bytes:
    def clean(value: Any) -> Any:
        if isinstance(value, str):
            return nfc(value)
        if isinstance(value, dict):
            return {nfc(k): clean(v) for k, v in value.items()}
        if isinstance(value, list):
            return [clean(v) for v in value]
        return value

    return json.dumps(clean(document), sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def normalised_text(text: str) -> str:
    """What 'the same text' means for verification: NFC, whitespace collapsed, case kept."""
    return SPACE_RE.sub(" ", nfc(text)).strip()


def text_digest(text: str) -> str:
    return hashlib.sha256(normalised_text(text).encode()).hexdigest()
