from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from presscenter.audit import checkpoints
from presscenter.audit.domain import verify
from presscenter.audit.models import AuditEntry


class Command(BaseCommand):
    help = (
        "Check the audit hash chain against its signed checkpoints; exit code 1 when an entry was "
        "altered, removed or reordered, or the log was rewritten up to a checkpoint."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--checkpoints", type=Path, default=None, help="a copy of the checkpoint file kept elsewhere"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        checkpoint_file = options["checkpoints"] or checkpoints.path()
        breaks = list(verify(checkpoint_file))
        for found in breaks:
            if found.entry_id is None:
                self.stderr.write(found.reason)
            else:
                self.stderr.write(_("Mục #%(id)s: %(reason)s") % {"id": found.entry_id, "reason": found.reason})
        if breaks:
            raise CommandError(_("Chuỗi nhật ký bị phá vỡ tại %(count)d chỗ.") % {"count": len(breaks)})
        count = AuditEntry.objects.count()
        anchored = sum(1 for _line in checkpoints.read(checkpoint_file)) if checkpoint_file.exists() else 0
        self.stdout.write(
            _("Chuỗi nhật ký nguyên vẹn: %(count)d mục, khớp %(anchored)d mốc đã ký.")
            % {"count": count, "anchored": anchored}
        )
        if not anchored:
            self.stderr.write(
                _(
                    "Cảnh báo: chưa có mốc đã ký nào trong %(file)s, nên chưa phát hiện được việc viết lại phần cuối nhật ký."
                )
                % {"file": checkpoint_file}
            )
