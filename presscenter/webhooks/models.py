import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_secret() -> str:
    return secrets.token_urlsafe(32)


class Webhook(models.Model):
    """A newsroom system's endpoint. Payloads are signed with HMAC-SHA256 using `secret`."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="webhooks")
    name = models.CharField(_("tên"), max_length=100)
    url = models.URLField(_("địa chỉ nhận"), max_length=500)
    secret = models.CharField(max_length=64, default=new_secret)
    active = models.BooleanField(default=True)
    # Operators may allow an address inside a private network (otherwise refused: SSRF).
    allow_private_network = models.BooleanField(default=False)
    consecutive_failures = models.PositiveIntegerField(default=0)
    disabled_at = models.DateTimeField(null=True, blank=True)
    disabled_reason = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.name


class WebhookAttempt(models.Model):
    """The delivery log the subscriber sees: every POST, its answer and how long it took."""

    webhook = models.ForeignKey(Webhook, on_delete=models.CASCADE, related_name="attempts")
    delivery = models.ForeignKey("delivery.Delivery", null=True, blank=True, on_delete=models.SET_NULL)
    is_test = models.BooleanField(default=False)
    at = models.DateTimeField(default=timezone.now)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.CharField(max_length=500, blank=True)
    duration_ms = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.webhook_id} {self.at:%Y-%m-%d %H:%M:%S} {self.status_code}"


class WebSubSubscription(models.Model):
    """A subscriber of our WebSub hub (W3C WebSub): verified intent, lease, optional secret."""

    topic = models.URLField(max_length=500)
    callback = models.URLField(max_length=500)
    secret = models.CharField(max_length=200, blank=True)
    lease_seconds = models.PositiveIntegerField(default=864000)
    expires_at = models.DateTimeField(null=True, blank=True)
    verified_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["topic", "callback"], name="unique_websub_subscription")]

    def __str__(self) -> str:
        return f"{self.callback} <- {self.topic}"
