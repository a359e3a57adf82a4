"""Signed checkpoints of the audit chain's head, kept outside the database.

The hash chain shows that the stored entries fit together, not that they are the ones written:
whoever can write the database can change an entry and recompute every hash after it, or cut
the tail. A checkpoint is the head's entry id and hash, signed with the site's Ed25519 key and
appended to a file outside the database (AUDIT_CHECKPOINT_DIR), which is also published, so a
rewrite of anything up to the last checkpoint no longer matches. docs/cli.md says what it can
and cannot detect.
"""

import fcntl
import json
import os
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from presscenter.audit.chain import canonical
from presscenter.audit.models import AuditEntry
from presscenter.authenticity import keys
from presscenter.authenticity.canonical import utc

FILE_NAME = "audit-checkpoints.jsonl"
# Signed with the payload, so a signature made for anything else never passes as a checkpoint.
PURPOSE = "presscenter-audit-checkpoint/1"
TAIL_BYTES = 4096  # more than one line: enough to find the last checkpoint without reading the file


@dataclass(frozen=True)
class Checkpoint:
    entry_id: int
    hash: str
    at: str
    key_id: str
    signature: str

    def payload(self) -> bytes:
        return canonical({"purpose": PURPOSE, "entry_id": self.entry_id, "hash": self.hash, "at": self.at})

    def signed(self) -> bool:
        return keys.check(self.payload(), self.signature, self.key_id)


def path() -> Path:
    return Path(settings.AUDIT_CHECKPOINT_DIR) / FILE_NAME


def parse(line: str) -> Checkpoint:
    """One line of the file; ValueError when it is not a checkpoint."""
    try:
        data = json.loads(line)
        return Checkpoint(
            entry_id=int(data["entry_id"]),
            hash=str(data["hash"]),
            at=str(data["at"]),
            key_id=str(data["key_id"]),
            signature=str(data["signature"]),
        )
    except (KeyError, TypeError, json.JSONDecodeError) as exc:
        raise ValueError(str(exc)) from exc


def read(file_name: Path) -> Iterator[tuple[int, Checkpoint | None]]:
    """(line number, checkpoint) for every line of a checkpoint file, None for a damaged line."""
    with open(file_name, encoding="utf-8", errors="replace") as file:
        for number, line in enumerate(file, start=1):
            try:
                yield number, parse(line)
            except ValueError:
                yield number, None


def _last(file_name: Path) -> Checkpoint | None:
    with open(file_name, "rb") as file:
        file.seek(max(file.seek(0, os.SEEK_END) - TAIL_BYTES, 0))
        lines = file.read().decode(errors="replace").splitlines()
    for line in reversed(lines):
        try:
            return parse(line)
        except ValueError:  # the first, partial line of the tail, or a damaged one: `verify` reports it
            continue
    return None


def write() -> Checkpoint | None:
    """Append a checkpoint of the current head, unless the last one already covers it."""
    head = AuditEntry.objects.order_by("-id").values_list("id", "hash").first()
    if head is None:
        return None
    target = path()
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "a", encoding="utf-8") as file:
        # Web processes and workers may write at once: one at a time, each seeing the last line.
        fcntl.flock(file, fcntl.LOCK_EX)
        last = _last(target)
        if last is not None and last.entry_id >= head[0]:
            return None
        unsigned = Checkpoint(entry_id=head[0], hash=head[1], at=utc(timezone.now()), key_id="", signature="")
        key_id, signature = keys.sign(unsigned.payload())
        checkpoint = Checkpoint(unsigned.entry_id, unsigned.hash, unsigned.at, key_id, signature)
        file.write(json.dumps(asdict(checkpoint), sort_keys=True) + "\n")
        file.flush()
        os.fsync(file.fileno())
    return checkpoint
