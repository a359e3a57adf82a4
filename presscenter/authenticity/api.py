"""Verification over HTTP, and the public signing keys. Mounted by presscenter/api.py at /verify (router)
and /keys (keys_router)."""

import base64
import datetime as dt
import uuid
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import File, Router, Schema
from ninja.files import UploadedFile
from pydantic import Field

from presscenter.accounts.api_auth import PUBLIC_AUTH
from presscenter.authenticity import links, verify
from presscenter.authenticity.models import SigningKey

router = Router(tags=["verification"])
keys_router = Router(tags=["keys"], auth=PUBLIC_AUTH)


# What the checks in verify refuse, told in the schema: nothing but whitespace or separators, or too long.
Code = Annotated[str, Field(max_length=verify.MAX_CODE_CHARS, pattern=r"[^\s\-–—_.]")]


class TextIn(Schema):
    text: str = Field(min_length=1, max_length=verify.MAX_TEXT_CHARS, pattern=r"\S")


class MatchOut(Schema):
    status: verify.Status
    message: str
    note: str
    item: uuid.UUID
    title: str
    agency: str
    version: int
    current_version: int
    published_at: dt.datetime
    withdrawn_at: dt.datetime | None
    withdrawal_reason: str
    url: str | None
    signature_valid: bool
    key_id: str
    signature: str
    signed_document: str  # base64 of the exact canonical bytes that were signed


class DiffSegmentOut(Schema):
    kind: str
    text: str


class ClosestOut(Schema):
    item: uuid.UUID
    title: str
    version: int
    similarity: float
    url: str | None
    diff: list[DiffSegmentOut]


class ResultOut(Schema):
    status: verify.Status
    authentic: bool
    message: str
    note: str
    matches: list[MatchOut]
    closest: ClosestOut | None


def _match_out(match: verify.Match) -> MatchOut:
    item, version = match.item, match.version
    assert item.current_version is not None
    return MatchOut(
        status=match.status,
        message=match.message,
        note=match.note,
        item=item.uid,
        title=version.title,
        agency=item.organisation.name,
        version=version.number,
        current_version=item.current_version.number,
        published_at=version.published_at,
        withdrawn_at=item.withdrawn_at,
        withdrawal_reason=item.withdrawal_reason,
        url=links.version_url(item, version),
        signature_valid=match.signature_valid,
        key_id=version.key_id,
        signature=version.signature,
        signed_document=base64.b64encode(bytes(version.signed_bytes)).decode(),
    )


def _closest_out(closest: verify.Closest) -> ClosestOut:
    return ClosestOut(
        item=closest.item.uid,
        title=closest.version.title,
        version=closest.version.number,
        similarity=round(closest.similarity, 4),
        url=links.version_url(closest.item, closest.version),
        diff=[DiffSegmentOut(kind=s.kind, text=s.text) for s in closest.diff],
    )


def _out(result: verify.Result) -> ResultOut:
    return ResultOut(
        status=result.status,
        authentic=result.authentic,
        message=result.message,
        note=result.note,
        matches=[_match_out(m) for m in result.matches],
        closest=_closest_out(result.closest) if result.closest else None,
    )


@router.post("/text", response=ResultOut, summary="Verify pasted text")
def verify_text(request: HttpRequest, payload: TextIn) -> ResultOut:
    """Exact match of the normalised text (NFC, whitespace collapsed) against every published version;
    otherwise the closest version with its similarity and a word diff."""
    return _out(verify.verify_text(payload.text, request.user))


@router.post("/file", response=ResultOut, summary="Verify a file")
def verify_file(request: HttpRequest, file: File[UploadedFile]) -> ResultOut:
    """SHA-256 of the uploaded file against attachments listed in signed versions."""
    return _out(verify.verify_file(file, request.user))


@router.get("/code/{code}", response=ResultOut, summary="Verify a verification code")
def verify_code(request: HttpRequest, code: Code) -> ResultOut:
    return _out(verify.verify_code(code, request.user))


class KeyOut(Schema):
    key_id: str
    algorithm: str = "Ed25519"
    public_key_hex: str
    public_key_base64: str
    created_at: dt.datetime
    retired_at: dt.datetime | None


# The operation id from before the endpoint moved here: clients generate code from it.
@keys_router.get("", response=list[KeyOut], operation_id="presscenter_releases_api_list_keys")
def list_keys(request: HttpRequest) -> list[dict[str, Any]]:
    """Every signing key, retired ones included, so that old signatures still verify."""
    return [
        {
            "key_id": key.key_id,
            "public_key_hex": key.public_key,
            "public_key_base64": base64.b64encode(bytes.fromhex(key.public_key)).decode(),
            "created_at": key.created_at,
            "retired_at": key.retired_at,
        }
        for key in SigningKey.objects.only("key_id", "public_key", "created_at", "retired_at")
    ]
