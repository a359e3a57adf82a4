"""Writing and checking the audit chain. `record` must run inside the caller's transaction."""

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from presscenter.audit import checkpoints
from presscenter.audit.chain import GENESIS, Break, link
from presscenter.audit.checkpoints import Checkpoint
from presscenter.audit.models import AuditEntry

# PostgreSQL: serialise appenders so two transactions never chain onto the same predecessor.
# SQLite transactions are IMMEDIATE (settings), which already serialises writers.
CHAIN_LOCK_KEY = 7_300_001


def entry_fields(entry: AuditEntry) -> dict[str, Any]:
    return {
        "at": entry.at.isoformat(),
        "actor_id": entry.actor_id,
        "actor_label": entry.actor_label,
        "action": entry.action,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "summary": entry.summary,
        "before": entry.before,
        "after": entry.after,
    }


def record(
    actor: Any,
    action: str,
    obj: Any,
    *,
    summary: str = "",
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEntry:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit.record must run inside the transaction of the change it records")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK_KEY])
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    entry = AuditEntry(
        at=timezone.now(),
        actor=actor if authenticated else None,
        actor_label=(actor.get_username() if authenticated else "system"),
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        summary=summary[:300],
        before=before,
        after=after,
    )
    last = AuditEntry.objects.order_by("-id").values_list("hash", flat=True).first()
    entry.prev_hash = last or GENESIS
    entry.hash = link(entry.prev_hash, entry_fields(entry))
    entry.save()
    if entry.pk % settings.AUDIT_CHECKPOINT_EVERY == 0:
        transaction.on_commit(checkpoints.write, robust=True)
    return entry


def save_recorded(
    actor: Any, action: str, obj: Any, snapshot: Callable[[Any], dict[str, Any]], summary: str, **changes: Any
) -> None:
    """The usual write of a domain function, on a row the caller has locked and checked: set
    `changes`, save only those fields, and record the change with snapshots before and after."""
    before = snapshot(obj)
    for name, value in changes.items():
        setattr(obj, name, value)
    obj.save(update_fields=list(changes))
    record(actor, action, obj, summary=summary, before=before, after=snapshot(obj))


def verify(checkpoint_file: Path | None = None) -> Iterator[Break]:
    """Yield every place where the stored chain no longer matches its contents, or the signed
    checkpoints of `checkpoint_file` (default: the installation's own file)."""
    anchors: dict[int, Checkpoint] = {}
    checkpoint_file = checkpoint_file or checkpoints.path()
    if checkpoint_file.exists():
        for number, checkpoint in checkpoints.read(checkpoint_file):
            if checkpoint is None:
                yield Break(None, _("dòng %(line)d của tệp mốc không đọc được") % {"line": number})
            elif not checkpoint.signed():
                yield Break(
                    checkpoint.entry_id,
                    _("dòng %(line)d của tệp mốc: chữ ký của mốc không hợp lệ (tệp mốc bị sửa)") % {"line": number},
                )
            else:
                anchors[checkpoint.entry_id] = checkpoint
    prev = GENESIS
    for entry in AuditEntry.objects.order_by("id").iterator(chunk_size=2000):
        if entry.prev_hash != prev:
            yield Break(entry.id, _("mã băm của mục trước không khớp (có mục bị xóa hoặc đổi thứ tự)"))
        if link(entry.prev_hash, entry_fields(entry)) != entry.hash:
            yield Break(entry.id, _("nội dung không khớp với mã băm đã lưu (mục bị sửa)"))
        anchor = anchors.pop(entry.id, None)
        if anchor is not None and anchor.hash != entry.hash:
            yield Break(entry.id, _("mã băm khác với mốc đã ký lúc %(at)s (nhật ký bị viết lại)") % {"at": anchor.at})
        prev = entry.hash
    for entry_id in sorted(anchors):
        yield Break(entry_id, _("mục có trong mốc đã ký nhưng không còn trong cơ sở dữ liệu (bị xóa)"))
