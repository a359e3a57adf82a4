from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from presscenter.search.index import rebuild_index


class Command(BaseCommand):
    help = "Rebuild the full-text search index from every public item."

    def handle(self, *args: Any, **options: Any) -> None:
        count = rebuild_index()
        self.stdout.write(self.style.SUCCESS(_("Đã lập chỉ mục tìm kiếm cho %(count)d tin.") % {"count": count}))
