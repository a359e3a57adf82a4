import getpass
import os
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from presscenter.accounts.domain import bootstrap_admin
from presscenter.core.errors import DomainError


class Command(BaseCommand):
    help = "Create the first center admin (password from PRESSCENTER_ADMIN_PASSWORD or asked twice)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username", required=True)
        parser.add_argument("--email", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        password = os.environ.get("PRESSCENTER_ADMIN_PASSWORD") or self._ask_password()
        try:
            account = bootstrap_admin(username=options["username"], email=options["email"], password=password)
        except DomainError as error:
            raise CommandError(str(error.message)) from None
        self.stdout.write(f"OK: {account.username}")

    def _ask_password(self) -> str:
        first = getpass.getpass("Mật khẩu: ")
        if first != getpass.getpass("Nhập lại mật khẩu: "):
            raise CommandError("Hai lần nhập mật khẩu không khớp.")
        return first
