from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from presscenter.subscriptions.models import Channel


class EventKind(models.TextChoices):
    PUBLISHED = "published", _("Công bố")
    CORRECTED = "corrected", _("Đính chính, cập nhật")
    WITHDRAWN = "withdrawn", _("Thu hồi")
    EMBARGO_LIFTED = "embargo_lifted", _("Hết thời gian cấm đăng")


class OutboxEvent(models.Model):
    """Written in the same transaction as the change it announces; workers fan it out."""

    kind = models.CharField(max_length=20, choices=EventKind.choices)
    item = models.ForeignKey("releases.Item", on_delete=models.CASCADE, related_name="+")
    version = models.PositiveIntegerField()
    # Lower runs first: flash 0, urgent 1, normal 5.
    priority = models.PositiveSmallIntegerField(default=5)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    claimed_by = models.CharField(max_length=100, blank=True)
    processed_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["priority", "id"]

    def __str__(self) -> str:
        return f"{self.kind} {self.item_id} v{self.version}"


class Status(models.TextChoices):
    PENDING = "pending", _("Chờ gửi")
    HELD = "held", _("Tạm giữ, chờ đến giờ gửi")  # digest or quiet hours: due_at says when
    SENDING = "sending", _("Đang gửi")
    SENT = "sent", _("Đã gửi")
    FAILED = "failed", _("Lỗi, sẽ thử lại")
    DEAD = "dead", _("Không gửi được")
    CANCELLED = "cancelled", _("Đã hủy")


class Delivery(models.Model):
    """One item version to one recipient on one channel. `key` makes it unique, so a version is
    never delivered twice to the same target on the same channel, whatever retries happen."""

    event = models.ForeignKey(OutboxEvent, on_delete=models.CASCADE, related_name="deliveries")
    # No single-column indexes on item and recipient: the (item, channel) and (recipient,
    # created_at) indexes below serve those lookups, and every index slows fan-out's inserts.
    item = models.ForeignKey("releases.Item", on_delete=models.CASCADE, related_name="+", db_index=False)
    version = models.PositiveIntegerField()
    kind = models.CharField(max_length=20, choices=EventKind.choices)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="deliveries",
        db_index=False,
    )
    email_subscriber = models.ForeignKey(
        "subscriptions.EmailSubscriber", null=True, blank=True, on_delete=models.CASCADE, related_name="deliveries"
    )
    subscription = models.ForeignKey(
        "subscriptions.Subscription", null=True, blank=True, on_delete=models.SET_NULL, related_name="deliveries"
    )
    # The channel's own address: an email address, a webhook id, a user id for live notifications.
    target = models.CharField(max_length=320)
    key = models.CharField(max_length=200, unique=True)
    priority = models.PositiveSmallIntegerField(default=5)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    due_at = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveSmallIntegerField(default=0)
    claimed_at = models.DateTimeField(null=True, blank=True)
    # A fresh token per claim, so a worker updates only the rows its own UPDATE claimed.
    claimed_by = models.CharField(max_length=40, blank=True)
    # HELD for a daily/weekly email digest (else HELD only for quiet hours: sent on its own when due).
    digest = models.BooleanField(default=False)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["status", "priority", "due_at"]),
            models.Index(fields=["recipient", "-created_at"]),
            models.Index(fields=["item", "channel"]),
        ]

    def __str__(self) -> str:
        return self.key
