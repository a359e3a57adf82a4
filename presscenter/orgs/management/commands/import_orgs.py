from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from presscenter.orgs.importing import ImportRejected, import_organisations


class Command(BaseCommand):
    help = "Import the organisation tree from a CSV file (docs/organisations-csv.md)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="CSV file, UTF-8")
        parser.add_argument("--replace", action="store_true", help="deactivate organisations missing from the file")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(
                _("Không đọc được tệp %(path)s: %(error)s") % {"path": path, "error": exc.strerror}
            ) from exc
        try:
            report = import_organisations(None, data, replace=options["replace"])
        except ImportRejected as rejected:
            for error in rejected.errors:
                self.stderr.write(str(error))
            raise CommandError(str(rejected.message)) from rejected
        self.stdout.write(report.summary())
