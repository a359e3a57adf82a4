"""Retire the active signing key and start signing with a new one. Old keys stay published."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from presscenter.audit.domain import record
from presscenter.authenticity import keys
from presscenter.authenticity.models import SigningKey


class Command(BaseCommand):
    help = "Rotate the Ed25519 signing key (the old key is retired, not deleted)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--reason", default="", help="Why the key is rotated (kept in the audit log).")

    def handle(self, *args: Any, reason: str, **options: Any) -> None:
        with transaction.atomic():
            retired = list(SigningKey.objects.filter(retired_at__isnull=True).values_list("key_id", flat=True))
            key = keys.rotate()
            record(
                None,
                "signing_key.rotate",
                key,
                summary=reason or key.key_id,
                after={"key_id": key.key_id, "public_key": key.public_key, "retired": retired},
            )
        self.stdout.write(f"New signing key {key.key_id}; retired: {', '.join(retired) or '-'}")
