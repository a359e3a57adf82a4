import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from presscenter.releases.models import ItemType, Priority


class Cadence(models.TextChoices):
    IMMEDIATE = "immediate", _("Ngay lập tức")
    DAILY = "daily", _("Bản tin hằng ngày")
    WEEKLY = "weekly", _("Bản tin hằng tuần")


class Channel(models.TextChoices):
    EMAIL = "email", _("Thư điện tử")
    WEBHOOK = "webhook", _("Webhook")
    LIVE = "live", _("Thông báo trên trình duyệt")


def new_token() -> str:
    return secrets.token_urlsafe(24)


class EmailSubscriber(models.Model):
    """A member of the public subscribed by email (double opt-in); public items only."""

    email = models.EmailField(_("thư điện tử"), unique=True)
    language = models.CharField(max_length=5, default="vi")
    token = models.CharField(max_length=64, unique=True, default=new_token)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.email


class Subscription(models.Model):
    """What a subscriber asked for: every non-empty criterion must match (AND); within one
    criterion any value matches (OR). The saved query matches like search."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="subscriptions"
    )
    email_subscriber = models.ForeignKey(
        EmailSubscriber, null=True, blank=True, on_delete=models.CASCADE, related_name="subscriptions"
    )
    name = models.CharField(_("tên"), max_length=200, blank=True)
    organisations = models.ManyToManyField("orgs.Organisation", verbose_name=_("cơ quan"), blank=True, related_name="+")
    topics = models.ManyToManyField("releases.Topic", verbose_name=_("chủ đề"), blank=True, related_name="+")
    areas = models.ManyToManyField("orgs.Organisation", verbose_name=_("địa bàn"), blank=True, related_name="+")
    types = models.JSONField(_("loại tin"), default=list, blank=True)
    priorities = models.JSONField(_("độ khẩn"), default=list, blank=True)
    query = models.CharField(_("từ khóa"), max_length=300, blank=True)
    cadence = models.CharField(_("tần suất"), max_length=10, choices=Cadence.choices, default=Cadence.IMMEDIATE)
    digest_hour = models.PositiveSmallIntegerField(_("giờ gửi bản tin"), default=7)
    digest_weekday = models.PositiveSmallIntegerField(_("ngày gửi bản tin tuần"), default=0)  # Monday
    channels = models.JSONField(_("kênh nhận"), default=list)
    active = models.BooleanField(default=True)
    # How many criterion groups an item must satisfy (each query word counts as one group), and
    # whether the saved query has phrases to verify on the candidates: kept by domain.rebuild_terms.
    required = models.PositiveSmallIntegerField(default=1)
    has_phrases = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(owner__isnull=False) ^ models.Q(email_subscriber__isnull=False),
                name="subscription_has_one_subscriber",
            )
        ]

    def __str__(self) -> str:
        return self.title if self.pk else self.name  # an unsaved one has no relations to describe

    @property
    def title(self) -> str:
        """The name the subscriber gave, else what it follows (lists prefetch the relations)."""
        return self.name or self.describe()

    def describe(self) -> str:
        parts = [str(related) for name in ("organisations", "topics", "areas") for related in getattr(self, name).all()]
        parts += [str(ItemType(value).label) for value in self.types if value in ItemType.values]
        parts += [str(Priority(value).label) for value in self.priorities if value in Priority.values]
        if self.query:
            parts.append(_("từ khóa “%(query)s”") % {"query": self.query})
        return " · ".join(parts) or str(_("Mọi tin"))

    @property
    def channel_labels(self) -> list[str]:
        return [str(Channel(name).label) if name in Channel.values else name for name in self.channels]


class SubscriptionTerm(models.Model):
    """The reverse index: one row per (criterion, value) of an active subscription, so a new item
    is matched by looking up its own terms, never by querying every subscription in turn."""

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="terms")
    field = models.CharField(max_length=20)
    value = models.CharField(max_length=120)

    class Meta:
        indexes = [models.Index(fields=["field", "value"])]

    def __str__(self) -> str:
        return f"{self.field}={self.value}"


class MatchingVersion(models.Model):
    """A single counter row: every subscription write takes the next number while holding this
    row's lock, so numbers commit in order and a matcher reading `MatchingChange` never skips one."""

    value = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"v{self.value}"


class MatchingChange(models.Model):
    """One row per subscription write (create, update, pause, confirm, delete), read by each
    process's in-memory matcher to reload only what changed. `subscription_pk` is not a foreign key
    so a deletion stays recorded; `token` tells a rolled-back number from a later reuse of it."""

    version = models.PositiveBigIntegerField(unique=True)
    subscription_pk = models.PositiveIntegerField()
    token = models.CharField(max_length=16)

    def __str__(self) -> str:
        return f"v{self.version}: #{self.subscription_pk}"
