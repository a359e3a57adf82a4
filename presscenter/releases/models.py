import datetime as dt
import secrets
import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _


class ItemType(models.TextChoices):
    PRESS_RELEASE = "press_release", _("Thông cáo báo chí")
    STATEMENT = "statement", _("Phát ngôn")
    ANNOUNCEMENT = "announcement", _("Thông báo")
    ANSWER = "answer", _("Trả lời báo chí")
    CORRECTION = "correction", _("Đính chính")
    EMERGENCY = "emergency", _("Thông tin khẩn")
    # The minutes or transcript of a press conference, forum or seminar, with the answers given
    # there (presscenter.events.after drafts it from the event).
    EVENT_RECORD = "event_record", _("Nội dung họp báo")


class Priority(models.TextChoices):
    NORMAL = "normal", pgettext_lazy("priority", "Thường")
    URGENT = "urgent", pgettext_lazy("priority", "Khẩn")
    FLASH = "flash", pgettext_lazy("priority", "Hỏa tốc")


class State(models.TextChoices):
    """State of the working copy. What the public sees is `Item.current_version`."""

    DRAFT = "draft", _("Bản nháp")
    IN_REVIEW = "in_review", _("Chờ duyệt")
    CHANGES_REQUESTED = "changes_requested", _("Yêu cầu chỉnh sửa")
    SCHEDULED = "scheduled", _("Đã hẹn giờ")
    PUBLISHED = "published", _("Đã công bố")
    WITHDRAWN = "withdrawn", _("Đã thu hồi")


class Language(models.TextChoices):
    VI = "vi", _("Tiếng Việt")
    EN = "en", _("Tiếng Anh")


class Topic(models.Model):
    """The managed taxonomy of subjects (lĩnh vực)."""

    slug = models.SlugField(_("định danh"), max_length=80, unique=True)
    name = models.CharField(_("tên"), max_length=120)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=120, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("chủ đề")
        verbose_name_plural = _("chủ đề")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.name_en if get_language() == "en" and self.name_en else self.name


def new_verification_code() -> str:
    """Eight characters without look-alikes (0/O, 1/I/L), easy to read out over the phone."""
    alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(8))


# The calendar's ends, one day inside: a time read back from here can be shown in any time zone.
EARLIEST = dt.datetime.min.replace(tzinfo=dt.UTC) + dt.timedelta(days=1)
LATEST = dt.datetime.max.replace(tzinfo=dt.UTC) - dt.timedelta(days=1)


class BoundedDateTimeField(models.DateTimeField):
    """A moment that may have been stored at the calendar's end (year 9999, before the input
    refused it): read back one day inside, so that pages showing it in local time never overflow."""

    def from_db_value(self, value: dt.datetime | None, expression: Any, connection: Any) -> dt.datetime | None:
        if value is None or value.tzinfo is None:
            return value
        return min(max(value, EARLIEST), LATEST)

    def deconstruct(self) -> Any:
        name, _path, args, kwargs = super().deconstruct()  # the column is a plain DateTimeField
        return name, "django.db.models.DateTimeField", args, kwargs


class Item(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    type = models.CharField(_("loại tin"), max_length=20, choices=ItemType.choices, default=ItemType.PRESS_RELEASE)
    organisation = models.ForeignKey(
        "orgs.Organisation", verbose_name=_("cơ quan ban hành"), on_delete=models.PROTECT, related_name="items"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người soạn"), on_delete=models.PROTECT, related_name="+"
    )
    state = models.CharField(_("trạng thái"), max_length=20, choices=State.choices, default=State.DRAFT)
    priority = models.CharField(_("độ khẩn"), max_length=10, choices=Priority.choices, default=Priority.NORMAL)
    language = models.CharField(_("ngôn ngữ"), max_length=2, choices=Language.choices, default=Language.VI)
    translation_of = models.ForeignKey(
        "self", verbose_name=_("bản dịch của"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="translations",
    )  # fmt: skip

    # The working copy, edited by the agency; published versions are frozen in Version.
    title = models.CharField(_("tiêu đề"), max_length=300)
    lead = models.TextField(_("sapo"), blank=True)
    body = models.TextField(_("nội dung"), blank=True)
    change_note = models.CharField(_("ghi chú thay đổi"), max_length=500, blank=True)
    minor_edit = models.BooleanField(_("chỉnh sửa nhỏ"), default=False)

    topics = models.ManyToManyField(Topic, verbose_name=_("chủ đề"), blank=True, related_name="items")
    areas = models.ManyToManyField(
        "orgs.Organisation", verbose_name=_("địa bàn"), blank=True, related_name="area_items"
    )
    related = models.ManyToManyField("self", verbose_name=_("tin liên quan"), blank=True, symmetrical=True)
    corrects = models.ForeignKey(
        "self", verbose_name=_("đính chính cho"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="corrections",
    )  # fmt: skip
    contact_name = models.CharField(_("người liên hệ"), max_length=200, blank=True)
    contact_phone = models.CharField(_("điện thoại liên hệ"), max_length=60, blank=True)
    contact_email = models.EmailField(_("thư liên hệ"), blank=True)

    scheduled_at = BoundedDateTimeField(_("hẹn giờ công bố"), null=True, blank=True, db_index=True)
    scheduled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The embargo readers see (portal, feeds, search, API, deliveries): it changes only when a
    # version is published. Editors change `working_embargo_until`, which publishing copies here.
    embargo_until = BoundedDateTimeField(_("cấm đăng đến"), null=True, blank=True)
    working_embargo_until = BoundedDateTimeField(_("cấm đăng đến (bản đang soạn)"), null=True, blank=True)
    # Once an item is published, changes to the other fields readers see (type, priority,
    # language, contacts, translation and correction links) wait here, by field name, until the
    # next version is published (releases.domain.PUBLISHED_FIELDS).
    pending_fields = models.JSONField(null=True, blank=True, editable=False)

    current_version = models.ForeignKey("Version", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    first_published_at = models.DateTimeField(_("công bố lần đầu"), null=True, blank=True, db_index=True)
    last_published_at = models.DateTimeField(_("cập nhật lần cuối"), null=True, blank=True, db_index=True)
    verification_code = models.CharField(_("mã xác thực"), max_length=12, unique=True, default=new_verification_code)
    withdrawn_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)
    withdrawal_reason = models.TextField(_("lý do thu hồi"), blank=True)

    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-last_published_at", "-id"]
        verbose_name = _("tin")
        verbose_name_plural = _("tin")
        indexes = [models.Index(fields=["state", "scheduled_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("portal:item", args=[self.uid])

    @property
    def is_public_record(self) -> bool:
        """Published at least once and not withdrawn: it is in search and feeds."""
        return self.current_version_id is not None and self.withdrawn_at is None

    def changed_by(self, user: object) -> bool:
        """Whether `user` changed the text awaiting publication (see Contribution)."""
        user_id = getattr(user, "pk", None)
        return user_id is not None and self.contributions.filter(user_id=user_id).exists()

    def under_embargo(self, at=None) -> bool:  # type: ignore[no-untyped-def]
        return self.embargo_until is not None and self.embargo_until > (at or timezone.now())


class Version(models.Model):
    """A published version, frozen and signed. Version 1 is the first publication."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=300)
    lead = models.TextField(blank=True)
    body = models.TextField(blank=True)
    change_note = models.CharField(max_length=500, blank=True)
    minor_edit = models.BooleanField(default=False)
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    forced_reason = models.CharField(max_length=500, blank=True)
    # Authenticity: the canonical bytes that were signed, their signature and the key that signed.
    signed_bytes = models.BinaryField()
    signature = models.CharField(max_length=128)
    key_id = models.CharField(max_length=32)
    text_digest = models.CharField(max_length=64, db_index=True)

    class Meta:
        ordering = ["item", "number"]
        constraints = [models.UniqueConstraint(fields=["item", "number"], name="unique_version_number")]

    def __str__(self) -> str:
        return f"{self.item_id} v{self.number}"


class Contribution(models.Model):
    """Someone changed the working copy (any of its fields, its files or their descriptions)
    since its last publication. Nobody listed here may approve it (two-person rule);
    publishing clears the list."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="contributions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["item", "user"], name="unique_contribution")]

    def __str__(self) -> str:
        return f"{self.item_id} ← {self.user_id}"


class AttachmentKind(models.TextChoices):
    IMAGE = "image", _("Ảnh")
    DOCUMENT = "document", _("Tài liệu")


def attachment_path(instance: "Attachment", filename: str) -> str:
    return f"attachments/{instance.item.uid}/{instance.sha256[:16]}{instance.extension}"


class Attachment(models.Model):
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(max_length=10, choices=AttachmentKind.choices)
    file = models.FileField(upload_to=attachment_path, max_length=300)
    thumbnail = models.ImageField(upload_to="thumbnails/", blank=True, max_length=300)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    extension = models.CharField(max_length=10)
    mime_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64, db_index=True)
    caption = models.CharField(_("chú thích"), max_length=500, blank=True)
    credit = models.CharField(_("nguồn ảnh"), max_length=200, blank=True)
    alt_text = models.CharField(_("mô tả thay thế"), max_length=300, blank=True)
    position = models.PositiveIntegerField(default=0)
    # Set when a version including this file is published; published files cannot be removed.
    published = models.BooleanField(default=False)
    # A published file's new caption, credit and alternative text wait here until the item's
    # next version is published (releases.attachments.update_attachment_meta).
    pending_meta = models.JSONField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def working_meta(self) -> dict[str, str]:
        """Caption, credit and alternative text as the working copy reads them."""
        published = {"caption": self.caption, "credit": self.credit, "alt_text": self.alt_text}
        return {**published, **(self.pending_meta or {})}


class ReviewComment(models.Model):
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="review_comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("nhận xét"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.body[:60]


class LatePublication(models.Model):
    """A scheduled slot that was published late (workers down): shown to operators."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="late_publications")
    scheduled_at = models.DateTimeField()
    published_at = models.DateTimeField()
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    acknowledged_at = models.DateTimeField(_("xác nhận lúc"), null=True, blank=True)

    class Meta:
        ordering = ["-published_at"]

    def __str__(self) -> str:
        return f"{self.item_id} @ {self.scheduled_at:%Y-%m-%d %H:%M}"

    @property
    def delay_seconds(self) -> int:
        return int((self.published_at - self.scheduled_at).total_seconds())
