from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from presscenter.audit.domain import verify
from presscenter.audit.models import AuditEntry


class Command(BaseCommand):
    help = "Check the audit hash chain; exit code 1 when an entry was altered, removed or reordered."

    def handle(self, *args: Any, **options: Any) -> None:
        breaks = list(verify())
        if breaks:
            for found in breaks:
                self.stderr.write(_("Mục #%(id)s: %(reason)s") % {"id": found.entry_id, "reason": found.reason})
            raise CommandError(_("Chuỗi nhật ký bị phá vỡ tại %(count)d chỗ.") % {"count": len(breaks)})
        count = AuditEntry.objects.count()
        self.stdout.write(_("Chuỗi nhật ký nguyên vẹn: %(count)d mục") % {"count": count})
