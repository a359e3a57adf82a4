from django.db import models
from django.utils import timezone


class SigningKey(models.Model):
    """An Ed25519 key. Retired keys stay listed so that old signatures still verify."""

    key_id = models.CharField(max_length=32, unique=True)
    public_key = models.CharField(max_length=64)  # raw 32 bytes, hex
    # Raw private key, hex. Kept in the database so every web process and worker signs with the
    # same key; protect database backups accordingly (docs/operations.md).
    private_key = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.key_id
