"""Keys of Open311 client applications: issued and revoked here, each audited."""

from functools import partial
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from presscenter.audit.domain import record
from presscenter.core import issued_secrets
from presscenter.core.errors import DomainError, PermissionDenied
from presscenter.open311.access import can_manage_keys
from presscenter.open311.models import ClientKey


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
    key = ClientKey.objects.create(
        name=name, contact=contact, digest=issued_secrets.digest(raw), hint=issued_secrets.hint(raw), created_by=actor
    )
    record(actor, "open311_key.issue", key, summary=key.name, after=_snapshot(key))
    return key, raw


@transaction.atomic
def revoke_key(actor: Any, key: ClientKey) -> ClientKey:
    return issued_secrets.revoke(
        actor,
        key,
        allowed=lambda actor, _key: can_manage_keys(actor),
        refused=_("Chỉ cán bộ Trung tâm mới thu hồi được khóa Open311."),
        already=_("Khóa này đã bị thu hồi trước đó."),
        snapshot=_snapshot,
        record=partial(record, actor, "open311_key.revoke"),
    )


def key_for_secret(raw: str) -> ClientKey | None:
    """The live key with this secret, or None."""
    raw = (raw or "").strip()
    if not raw.startswith(ClientKey.PREFIX) or len(raw) > 100:
        return None
    key = ClientKey.objects.filter(digest=issued_secrets.digest(raw), revoked_at__isnull=True).first()
    return issued_secrets.note_use(key) if key is not None else None
