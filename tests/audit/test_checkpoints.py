"""Signed checkpoints anchor the audit chain outside the database: a rewrite of the tail with
every hash recomputed, or a cut tail, no longer passes `audit verify`."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from presscenter.audit import checkpoints
from presscenter.audit.chain import link
from presscenter.audit.domain import entry_fields, record, verify
from presscenter.audit.models import AuditEntry
from presscenter.authenticity import keys
from presscenter.core import clock
from tests import factories


def rewrite_from(position: int) -> None:
    """What an intruder with write access to the database does: change one entry and recompute
    every hash after it, so the chain alone still holds together."""
    entries = list(AuditEntry.objects.order_by("id"))
    prev = entries[position - 1].prev_hash
    for number, entry in enumerate(entries[position - 1 :], start=position):
        if number == position:
            entry.summary = "Nội dung đã bị viết lại"
        entry.prev_hash = prev
        entry.hash = link(prev, entry_fields(entry))
        AuditEntry.objects.filter(pk=entry.pk).update(summary=entry.summary, prev_hash=prev, hash=entry.hash)
        prev = entry.hash


def test_an_untouched_log_passes(log, capsys):
    assert list(verify()) == []
    call_command("audit_verify")
    assert "Chuỗi nhật ký nguyên vẹn: 40 mục, khớp 1 mốc đã ký." in capsys.readouterr().out


def test_entry_29_rewritten_with_every_hash_recomputed_fails(log):
    rewrite_from(29)
    breaks = list(verify())
    assert [found.entry_id for found in breaks] == [log[-1].pk]
    assert "nhật ký bị viết lại" in breaks[0].reason
    with pytest.raises(CommandError, match="bị phá vỡ tại 1 chỗ"):
        call_command("audit_verify")


def test_the_last_five_entries_deleted_fails(log):
    AuditEntry.objects.filter(pk__in=[entry.pk for entry in log[-5:]]).delete()
    breaks = list(verify())
    assert [found.entry_id for found in breaks] == [log[-1].pk]
    assert "bị xóa" in breaks[0].reason


def test_a_forged_checkpoint_fails(log):
    line = json.loads(checkpoints.path().read_text())
    line["entry_id"] = log[-6].pk  # as if the checkpoint had been taken before the cut tail
    line["hash"] = log[-6].hash
    checkpoints.path().write_text(json.dumps(line) + "\n")
    breaks = list(verify())
    assert [found.entry_id for found in breaks] == [log[-6].pk]
    assert "chữ ký" in breaks[0].reason


def test_a_copy_kept_elsewhere_shows_a_rewritten_checkpoint_file(log, tmp_path):
    copy = tmp_path / "ban-sao.jsonl"
    copy.write_bytes(checkpoints.path().read_bytes())
    rewrite_from(29)
    checkpoints.path().unlink()  # the intruder also removes the installation's own file
    checkpoints.write()
    assert list(verify()) == []
    assert [found.entry_id for found in verify(copy)] == [log[-1].pk]


def test_changes_after_the_last_checkpoint_are_not_detected_until_the_next(log):
    """The documented limit: entries newer than the last checkpoint have only the chain."""
    with transaction.atomic():
        newer = record(None, "org.update", log[0], summary="Sau mốc")
    AuditEntry.objects.filter(pk=newer.pk).delete()
    assert list(verify()) == []


def test_a_checkpoint_is_written_once_per_head(log):
    assert checkpoints.write() is None
    assert len(checkpoints.path().read_text().splitlines()) == 1
    checkpoint = checkpoints.parse(checkpoints.path().read_text())
    assert (checkpoint.entry_id, checkpoint.hash) == (log[-1].pk, log[-1].hash)
    assert keys.check(checkpoint.payload(), checkpoint.signature, checkpoint.key_id)


def test_every_nth_entry_writes_a_checkpoint_after_commit(db, settings, django_capture_on_commit_callbacks):
    settings.AUDIT_CHECKPOINT_EVERY = 1
    organisation = factories.organisation()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        entry = record(None, "org.update", organisation)
    assert checkpoints.parse(checkpoints.path().read_text()).entry_id == entry.pk


def test_the_clock_writes_a_checkpoint_of_the_new_head(log):
    with transaction.atomic():
        newer = record(None, "org.update", log[0], summary="Sau mốc")
    clock.tick()  # tasks run at once in the tests
    assert checkpoints.parse(checkpoints.path().read_text().splitlines()[-1]).entry_id == newer.pk


def test_the_checkpoints_are_public(log, client):
    response = client.get("/xac-thuc/nhat-ky/moc.jsonl")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/jsonl")
    assert json.loads(b"".join(response.streaming_content))["entry_id"] == log[-1].pk


def test_no_checkpoint_yet_is_an_empty_file(db, client):
    response = client.get("/xac-thuc/nhat-ky/moc.jsonl")
    assert (response.status_code, response.content) == (200, b"")
