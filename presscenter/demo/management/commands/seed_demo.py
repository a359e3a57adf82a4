from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from presscenter.demo import seed


class Command(BaseCommand):
    help = "Seed the demo content (organisations, accounts, items) into an empty database."

    def handle(self, *args: Any, **options: Any) -> None:
        if seed.is_seeded():
            self.stdout.write(_("Dữ liệu mẫu đã có sẵn; bỏ qua."))
            return
        if not seed.is_empty():
            raise CommandError(_("Cơ sở dữ liệu đã có dữ liệu; chỉ nạp dữ liệu mẫu vào cơ sở dữ liệu trống."))
        report = seed.seed()
        self.stdout.write(
            _("Đã nạp dữ liệu mẫu: %(orgs)d cơ quan, %(accounts)d tài khoản, %(items)d tin.")
            % {"orgs": report.organisations, "accounts": report.accounts, "items": report.items}
        )
