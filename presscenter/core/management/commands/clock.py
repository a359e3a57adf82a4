import contextlib
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from presscenter.core import clock


class Command(BaseCommand):
    help = "Enqueue the periodic tasks (publishing scheduled items, …) every CLOCK_INTERVAL_SECONDS."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--interval", type=float, default=None, help="seconds between ticks")
        parser.add_argument("--once", action="store_true", help="tick once and exit")

    def handle(self, *args: Any, **options: Any) -> None:
        with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C is the normal way to stop it
            clock.run(options["interval"], ticks=1 if options["once"] else None)
