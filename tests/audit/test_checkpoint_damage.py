"""A damaged or unsigned line in the checkpoint file is reported by `audit verify` with its line
number, and skipped when the next checkpoint is written: it neither crashes the check nor stops
the writing."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from presscenter.audit import checkpoints
from presscenter.audit.domain import record, verify

FIELDS = '"hash": "ab", "at": "2026-12-02T00:00:00Z", "key_id": "k", "signature": "00"'
DAMAGED = {
    "infinity": '{"entry_id": Infinity, ' + FIELDS + "}",
    "1e400": '{"entry_id": 1e400, ' + FIELDS + "}",
    "nan": '{"entry_id": NaN, ' + FIELDS + "}",
    "float": '{"entry_id": 41.5, ' + FIELDS + "}",
    "text id": '{"entry_id": "41", ' + FIELDS + "}",
    "boolean id": '{"entry_id": true, ' + FIELDS + "}",
    "null id": '{"entry_id": null, ' + FIELDS + "}",
    "list id": '{"entry_id": [41], ' + FIELDS + "}",
    "huge id": '{"entry_id": 1' + "0" * 30 + ", " + FIELDS + "}",
    "5,000 digits": '{"entry_id": 1' + "0" * 5000 + ", " + FIELDS + "}",
    "number hash": '{"entry_id": 41, "hash": 5, "at": "x", "key_id": "k", "signature": "00"}',
    "missing signature": '{"entry_id": 41, "hash": "ab", "at": "x", "key_id": "k"}',
    "array": "[41, 42]",
    "number": "42",
    "deep nesting": "[" * 3000,
    "truncated": '{"entry_id": 41, "hash": "ab',
    "empty": "",
}


def _append(text: str) -> None:
    with open(checkpoints.path(), "a", encoding="utf-8") as file:
        file.write(text)


def _writes_on(log) -> None:
    with transaction.atomic():
        newer = record(None, "org.update", log[0], summary="Sau dòng hỏng")
    written = checkpoints.write()
    assert written is not None and written.entry_id == newer.pk
    last = checkpoints.parse(checkpoints.path().read_text().splitlines()[-1])
    assert last == written and last.signed()


@pytest.mark.parametrize("line", DAMAGED.values(), ids=DAMAGED.keys())
def test_a_damaged_line_is_reported_with_its_number(log, line):
    _append(line + "\n")
    breaks = list(verify())
    assert [(found.entry_id, found.reason) for found in breaks] == [(None, "dòng 2 của tệp mốc không đọc được")]
    with pytest.raises(CommandError, match="bị phá vỡ tại 1 chỗ"):
        call_command("audit_verify")


@pytest.mark.parametrize("line", DAMAGED.values(), ids=DAMAGED.keys())
def test_writing_goes_on_after_a_damaged_last_line(log, line):
    _append(line + "\n")
    _writes_on(log)


def test_a_line_cut_short_does_not_swallow_the_next_checkpoint(log):
    _append(DAMAGED["truncated"])  # no end of line: a write that was interrupted
    _writes_on(log)
    assert [number for number, checkpoint in checkpoints.read(checkpoints.path()) if checkpoint is None] == [2]


def test_an_unsigned_last_line_is_reported_and_not_trusted(log):
    """A line with a far entry id and no valid signature would otherwise pass as the last
    checkpoint, and no checkpoint would ever be written again."""
    forged = {"entry_id": log[-1].pk + 1000, "hash": "ab", "at": "x", "key_id": "k", "signature": "00" * 64}
    _append(json.dumps(forged) + "\n")
    breaks = list(verify())
    assert [found.entry_id for found in breaks] == [log[-1].pk + 1000]
    assert breaks[0].reason == "dòng 2 của tệp mốc: chữ ký của mốc không hợp lệ (tệp mốc bị sửa)"
    _writes_on(log)
