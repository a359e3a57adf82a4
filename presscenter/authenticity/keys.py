"""Ed25519 signing with the active key; keys are created on first use and rotated by operators."""

import base64
import secrets
from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat
from django.db import transaction
from django.utils import timezone

from presscenter.authenticity.canonical import utc
from presscenter.authenticity.models import SigningKey

ALGORITHM = "Ed25519"


def _new_key() -> SigningKey:
    private = Ed25519PrivateKey.generate()
    return SigningKey.objects.create(
        key_id=f"ed25519-{timezone.now():%Y%m%d}-{secrets.token_hex(3)}",
        public_key=private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw).hex(),
        private_key=private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption()).hex(),
    )


def active_key() -> SigningKey:
    key = SigningKey.objects.filter(retired_at__isnull=True).order_by("-created_at").first()
    return key or _new_key()


@transaction.atomic
def rotate() -> SigningKey:
    SigningKey.objects.filter(retired_at__isnull=True).update(retired_at=timezone.now())
    return _new_key()


def sign(payload: bytes) -> tuple[str, str]:
    """Return (key_id, signature hex) for the payload."""
    key = active_key()
    private = Ed25519PrivateKey.from_private_bytes(bytes.fromhex(key.private_key))
    return key.key_id, private.sign(payload).hex()


def check(payload: bytes, signature_hex: str, key_id: str) -> bool:
    key = SigningKey.objects.filter(key_id=key_id).first()
    if key is None:
        return False
    public = Ed25519PublicKey.from_public_bytes(bytes.fromhex(key.public_key))
    try:
        public.verify(bytes.fromhex(signature_hex), payload)
    except Exception:  # InvalidSignature, or a malformed hex signature
        return False
    return True


@dataclass(frozen=True)
class PublicKey:
    """What anyone may know about a signing key: never the private half."""

    key_id: str
    public_key_hex: str
    created_at: str
    retired_at: str | None

    @property
    def algorithm(self) -> str:
        return ALGORITHM

    @property
    def public_key_base64url(self) -> str:
        return base64.urlsafe_b64encode(bytes.fromhex(self.public_key_hex)).rstrip(b"=").decode()

    @property
    def active(self) -> bool:
        return self.retired_at is None

    def as_json(self) -> dict[str, str | None]:
        return {
            "key_id": self.key_id,
            "algorithm": self.algorithm,
            "public_key": self.public_key_hex,
            "public_key_base64url": self.public_key_base64url,
            "created_at": self.created_at,
            "retired_at": self.retired_at,
        }


def public_keys() -> list[PublicKey]:
    """Every key ever used, newest first; retired keys stay so that old signatures still verify."""
    rows = SigningKey.objects.order_by("-created_at").values_list("key_id", "public_key", "created_at", "retired_at")
    return [
        PublicKey(key_id, public_hex, utc(created), utc(retired) if retired else None)
        for key_id, public_hex, created, retired in rows
    ]
