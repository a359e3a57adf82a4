"""Ed25519 signing with the active key; keys are created on first use and rotated by operators."""

import secrets

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat
from django.db import transaction
from django.utils import timezone

from presscenter.authenticity.models import SigningKey


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
