"""Client applications of the Open311 GeoReport v2 endpoint: each posts feedback with its own key.
Only the key's SHA-256 digest is stored; the key itself is shown once, when issued."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ClientKey(models.Model):
    """An application (a city app, a partner's portal) allowed to send service requests."""

    PREFIX = "o311_"

    name = models.CharField(_("tên ứng dụng"), max_length=100)
    contact = models.CharField(_("đơn vị, người liên hệ"), max_length=200, blank=True)
    digest = models.CharField(max_length=64, unique=True)
    hint = models.CharField(max_length=12)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("khóa Open311")
        verbose_name_plural = _("khóa Open311")

    def __str__(self) -> str:
        return f"{self.name} ({self.hint}…)"

    @classmethod
    def new_secret(cls) -> str:
        return cls.PREFIX + secrets.token_urlsafe(24)
