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
from typing import cast

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
    """One line of the file; ValueError when it is not a checkpoint: damaged, cut short, or with
    a value of the wrong type (`Infinity` and `1e400` are floats, not entry ids)."""
    try:
        data = json.loads(line)
    except (ValueError, RecursionError) as exc:  # JSONDecodeError is a ValueError; so is a 5,000-digit number
        raise ValueError(f"not JSON: {exc}") from None
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    entry_id = data.get("entry_id")
    if type(entry_id) is not int or not 0 < entry_id < 2**63:
        raise ValueError("entry_id is not an entry id")
    texts = [data.get(name) for name in ("hash", "at", "key_id", "signature")]
    if not all(isinstance(text, str) for text in texts):
        raise ValueError("hash, at, key_id or signature is not a string")
    return Checkpoint(entry_id, *cast(list[str], texts))


def read(file_name: Path) -> Iterator[tuple[int, Checkpoint | None]]:
    """(line number, checkpoint) for every line of a checkpoint file, None for a damaged line."""
    with open(file_name, encoding="utf-8", errors="replace") as file:
        for number, line in enumerate(file, start=1):
            try:
                yield number, parse(line)
            except ValueError:
                yield number, None


def _last(file_name: Path) -> tuple[Checkpoint | None, bool]:
    """The last signed checkpoint in the file's tail, and whether the file ends with a whole line.
    A damaged or unsigned line is skipped (`verify` reports it): it must not stop the next write."""
    with open(file_name, "rb") as file:
        file.seek(max(file.seek(0, os.SEEK_END) - TAIL_BYTES, 0))
        tail = file.read()
    whole_lines = not tail or tail.endswith(b"\n")
    for line in reversed(tail.decode(errors="replace").splitlines()):
        try:
            checkpoint = parse(line)
        except ValueError:  # the first, partial line of the tail, or a damaged one
            continue
        if checkpoint.signed():
            return checkpoint, whole_lines
    return None, whole_lines


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
        last, whole_lines = _last(target)
        if last is not None and last.entry_id >= head[0]:
            return None
        if not whole_lines:  # a write cut short: the new checkpoint starts a line of its own
            file.write("\n")
        unsigned = Checkpoint(entry_id=head[0], hash=head[1], at=utc(timezone.now()), key_id="", signature="")
        key_id, signature = keys.sign(unsigned.payload())
        checkpoint = Checkpoint(unsigned.entry_id, unsigned.hash, unsigned.at, key_id, signature)
        file.write(json.dumps(asdict(checkpoint), sort_keys=True) + "\n")
        file.flush()
        os.fsync(file.fileno())
    return checkpoint
