"""Keys of Open311 client applications: issued and revoked here, each audited."""

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from presscenter.audit.domain import record
from presscenter.core.errors import DomainError, PermissionDenied
from presscenter.open311.access import can_manage_keys
from presscenter.open311.models import ClientKey, hash_key

LAST_USED_PRECISION = dt.timedelta(minutes=1)


def _snapshot(key: ClientKey) -> dict[str, Any]:
    return {
        "name": key.name,
        "contact": key.contact,
        "hint": key.hint,
        "revoked_at": key.revoked_at.isoformat() if key.revoked_at else None,
    }


@transaction.atomic
def issue_key(actor: Any, name: str, contact: str = "") -> tuple[ClientKey, str]:
    """A new key for a client application; the secret is returned once and never stored."""
    if not can_manage_keys(actor):
        raise PermissionDenied(_("Chỉ cán bộ Trung tâm mới cấp được khóa Open311."))
    name, contact = (name or "").strip(), (contact or "").strip()
    if not name:
        raise DomainError(_("Hãy nhập tên ứng dụng."), field="name")
    if len(name) > 100:
        raise DomainError(_("Tên ứng dụng quá dài (tối đa 100 ký tự)."), field="name")
    if len(contact) > 200:
        raise DomainError(_("Thông tin liên hệ quá dài (tối đa 200 ký tự)."), field="contact")
    raw = ClientKey.new_secret()
    key = ClientKey.objects.create(name=name, contact=contact, digest=hash_key(raw), hint=raw[:10], created_by=actor)
    record(actor, "open311_key.issue", key, summary=key.name, after=_snapshot(key))
    return key, raw


@transaction.atomic
def revoke_key(actor: Any, key: ClientKey) -> ClientKey:
    if not can_manage_keys(actor):
        raise PermissionDenied(_("Chỉ cán bộ Trung tâm mới thu hồi được khóa Open311."))
    key = ClientKey.objects.select_for_update().get(pk=key.pk)
    if key.revoked_at is not None:
        raise DomainError(_("Khóa này đã bị thu hồi trước đó."))
    before = _snapshot(key)
    key.revoked_at = timezone.now()
    key.save(update_fields=["revoked_at"])
    record(actor, "open311_key.revoke", key, summary=key.name, before=before, after=_snapshot(key))
    return key


def key_for_secret(raw: str) -> ClientKey | None:
    """The live key with this secret, or None."""
    raw = (raw or "").strip()
    if not raw.startswith(ClientKey.PREFIX) or len(raw) > 100:
        return None
    key = ClientKey.objects.filter(digest=hash_key(raw), revoked_at__isnull=True).first()
    if key is None:
        return None
    now = timezone.now()
    if key.last_used_at is None or now - key.last_used_at > LAST_USED_PRECISION:
        ClientKey.objects.filter(pk=key.pk).update(last_used_at=now)
        key.last_used_at = now
    return key
