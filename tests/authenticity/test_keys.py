"""Anyone can check our signatures without our code: the public key JSON plus any Ed25519 library."""

import base64
import io
import json

import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from django.core.management import call_command
from django.urls import reverse

from presscenter.audit.domain import verify as verify_audit_chain
from presscenter.audit.models import AuditEntry
from presscenter.authenticity.models import SigningKey
from presscenter.releases.models import Version


def published_keys(client) -> dict[str, dict]:
    response = client.get(reverse("authenticity:keys_json"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return {key["key_id"]: key for key in response.json()}


def independent_check(version: Version, key: dict, payload: bytes | None = None) -> bool:
    public = Ed25519PublicKey.from_public_bytes(bytes.fromhex(key["public_key"]))
    try:
        public.verify(bytes.fromhex(version.signature), payload or bytes(version.signed_bytes))
    except InvalidSignature:
        return False
    return True


def test_signature_verifies_with_published_key_and_tampering_fails(client, published):
    version = published.current_version
    key = published_keys(client)[version.key_id]
    assert key["algorithm"] == "Ed25519"
    assert independent_check(version, key)
    document = json.loads(bytes(version.signed_bytes))
    assert document["title"] == published.title
    assert document["verification_code"] == published.verification_code
    tampered = bytes(version.signed_bytes).replace("Trần Hưng Đạo".encode(), "Long Biên".encode())
    assert tampered != bytes(version.signed_bytes)
    assert not independent_check(version, key, tampered)


def test_base64url_and_hex_forms_are_the_same_key(client, published):
    [key] = published_keys(client).values()
    padded = key["public_key_base64url"] + "=" * (-len(key["public_key_base64url"]) % 4)
    assert base64.urlsafe_b64decode(padded).hex() == key["public_key"]
    assert key["retired_at"] is None and key["created_at"].endswith("Z")


def test_rotation_keeps_old_signatures_verifiable_and_old_keys_listed(client, newsroom, published):
    old_version = published.current_version
    call_command("rotate_signing_key", "--reason", "Định kỳ hằng năm", stdout=io.StringIO())
    newer = newsroom.publish(title="Hà Nội mở thêm tuyến buýt điện")
    assert newer.current_version.key_id != old_version.key_id

    keys = published_keys(client)
    assert keys[old_version.key_id]["retired_at"] is not None
    assert keys[newer.current_version.key_id]["retired_at"] is None
    assert independent_check(old_version, keys[old_version.key_id])
    assert independent_check(newer.current_version, keys[newer.current_version.key_id])
    assert not independent_check(old_version, keys[newer.current_version.key_id])

    new_key = SigningKey.objects.get(key_id=newer.current_version.key_id)
    entry = AuditEntry.objects.get(action="signing_key.rotate")
    assert entry.object_id == str(new_key.pk)
    assert entry.summary == "Định kỳ hằng năm"
    assert entry.after["retired"] == [old_version.key_id]
    assert list(verify_audit_chain()) == []


def test_private_keys_never_leave(client, published):
    private = SigningKey.objects.get().private_key
    assert private not in client.get(reverse("authenticity:keys_json")).content.decode()
    assert private not in client.get(reverse("authenticity:keys")).content.decode()


@pytest.mark.django_db
def test_keys_page_lists_every_key_in_few_queries(client, django_assert_max_num_queries):
    for _ in range(3):
        call_command("rotate_signing_key", stdout=io.StringIO())
    with django_assert_max_num_queries(3):
        response = client.get(reverse("authenticity:keys"))
    assert response.status_code == 200
    html = response.content.decode()
    for key in SigningKey.objects.all():
        assert key.key_id in html and key.public_key in html
    assert html.count("Đã ngừng dùng") == 2
    assert "Ed25519PublicKey" in html  # the independent check snippet
