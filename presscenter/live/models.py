import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone

from presscenter.delivery.models import EventKind


class Notification(models.Model):
    """An entry of a user's notification centre; its id is the server-sent event id, so a
    reconnecting browser resumes after Last-Event-ID.

    Two shapes: a published item's version (from a delivery: `item`, `version`), or a personal
    message another app sends through `live.domain.notify_user` (no item: a `link` to a page of
    the site and a `key` that makes it once)."""

    # The (user, read_at) index serves lookups by user: no single-column index (fan-out inserts).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications", db_index=False
    )
    item = models.ForeignKey("releases.Item", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    version = models.PositiveIntegerField(null=True, blank=True)
    kind = models.CharField(max_length=20)
    title = models.CharField(max_length=300)
    link = models.CharField(max_length=500, blank=True)  # a path on this site, for notifications without an item
    key = models.CharField(max_length=200, null=True, blank=True, unique=True)  # once per message
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        indexes = [models.Index(fields=["user", "read_at"]), models.Index(fields=["user", "id"])]
        # A retried delivery must not notify twice.
        constraints = [
            models.UniqueConstraint(fields=["user", "item", "version", "kind"], name="notification_once_per_version")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def kind_label(self) -> str:
        """What happened to the item; a personal message says it in its title."""
        if self.item_id is None:
            return ""
        return str(EventKind(self.kind).label) if self.kind in EventKind.values else self.kind


class FeedToken(models.Model):
    """The secret in a journalist's private feed URL; rotating it makes the old URL stop working."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feed_token")
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"feed token of {self.user_id}"

    @staticmethod
    def hash(raw: str) -> str:
        return hashlib.sha256(raw.encode()).hexdigest()
