import datetime as dt
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from presscenter.delivery import channels
from presscenter.delivery.dispatch import dispatch, outstanding
from presscenter.delivery.lease import LEASE


class Command(BaseCommand):
    help = "Send due deliveries (once, or in a loop as a dedicated delivery worker)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--loop", action="store_true", help="keep polling for due deliveries")
        parser.add_argument("--channel", default=None)
        parser.add_argument("--limit", type=int, default=None, help="claim size (default: the channel's)")
        parser.add_argument("--interval", type=float, default=1.0, help="seconds to wait when idle")
        parser.add_argument("--reclaim-after", type=float, default=LEASE.total_seconds())
        parser.add_argument(
            "--exit-when-idle", action="store_true", help="with --loop: stop once nothing is left to send"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            self.deliver(options)
        finally:
            channels.close_all()

    def deliver(self, options: dict[str, Any]) -> None:
        reclaim_after = dt.timedelta(seconds=options["reclaim_after"])
        while True:
            sent = dispatch(options["limit"], channel=options["channel"], reclaim_after=reclaim_after, max_rounds=1)
            if sent and options["verbosity"] >= 2:
                self.stdout.write(str(sent))
            if not options["loop"]:
                return
            if not sent:
                if options["exit_when_idle"] and not outstanding():
                    return
                time.sleep(options["interval"])
