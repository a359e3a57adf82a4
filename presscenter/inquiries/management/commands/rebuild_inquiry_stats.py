"""Rebuild the dashboard's daily roll-up of questions and feedback from the questions."""

import time
from typing import Any

from django.core.management.base import BaseCommand

from presscenter.inquiries import rollup


class Command(BaseCommand):
    help = "Tính lại toàn bộ số liệu tổng hợp theo ngày của bảng theo dõi hỏi đáp, phản ánh."

    def handle(self, *args: Any, **options: Any) -> None:
        start = time.perf_counter()
        days = rollup.rebuild()
        self.stdout.write(f"{days} months rebuilt in {time.perf_counter() - start:.1f} s")
