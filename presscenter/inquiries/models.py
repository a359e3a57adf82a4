"""Questions from the press and feedback from citizens (hỏi đáp, phản ánh, kiến nghị): what was
asked, who must answer it, by when, and everything that happened to it on the way."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from presscenter.core.collation import VIETNAMESE
from presscenter.delivery.personal import ClaimedNotice


class Kind(models.TextChoices):
    QUESTION = "question", _("Câu hỏi của báo chí")
    INFO_REQUEST = "info_request", _("Đề nghị cung cấp thông tin")
    FEEDBACK = "feedback", _("Phản ánh")
    PETITION = "petition", _("Kiến nghị")


PRESS_KINDS = (Kind.QUESTION, Kind.INFO_REQUEST)
PUBLIC_KINDS = (Kind.FEEDBACK, Kind.PETITION)


class State(models.TextChoices):
    NEW = "new", pgettext_lazy("hỏi đáp: trạng thái", "Mới tiếp nhận")
    TRIAGED = "triaged", pgettext_lazy("hỏi đáp: trạng thái", "Đã phân loại")
    ASSIGNED = "assigned", pgettext_lazy("hỏi đáp: trạng thái", "Đã giao xử lý")
    IN_PROGRESS = "in_progress", pgettext_lazy("hỏi đáp: trạng thái", "Đang xử lý")
    WAITING = "waiting", pgettext_lazy("hỏi đáp: trạng thái", "Chờ người hỏi bổ sung")
    ANSWERED = "answered", pgettext_lazy("hỏi đáp: trạng thái", "Đã trả lời")
    REOPENED = "reopened", pgettext_lazy("hỏi đáp: trạng thái", "Mở lại")
    CLOSED = "closed", pgettext_lazy("hỏi đáp: trạng thái", "Đã đóng")
    MERGED = "merged", pgettext_lazy("hỏi đáp: trạng thái", "Đã gộp")
    REJECTED = "rejected", pgettext_lazy("hỏi đáp: trạng thái", "Từ chối")


# Where the responsible agency is working on it: the deadline runs (except while WAITING).
OPEN_STATES = (State.NEW, State.TRIAGED, State.ASSIGNED, State.IN_PROGRESS, State.WAITING, State.REOPENED)
# With an agency: it may draft, transfer, ask the asker for more.
HANDLING_STATES = (State.ASSIGNED, State.IN_PROGRESS, State.REOPENED)
FINAL_STATES = (State.CLOSED, State.MERGED, State.REJECTED)


class Priority(models.TextChoices):
    NORMAL = "normal", pgettext_lazy("hỏi đáp: độ khẩn", "Thường")
    URGENT = "urgent", pgettext_lazy("hỏi đáp: độ khẩn", "Khẩn")


class Channel(models.TextChoices):
    """How the question reached the centre."""

    WEB = "web", _("Trang thông tin")
    API = "api", _("Giao diện lập trình (API)")
    OPEN311 = "open311", _("Open311")
    COUNTER = "counter", _("Tại Trung tâm, điện thoại")
    EVENT = "event", _("Câu hỏi tại sự kiện báo chí")


class Audience(models.TextChoices):
    PRESS = "press", _("Báo chí")
    PUBLIC = "public", _("Người dân")
    BOTH = "both", _("Báo chí và người dân")


class Category(models.Model):
    """A kind of matter (lĩnh vực): routes, sets deadlines, and is an Open311 service."""

    code = models.SlugField(_("mã"), max_length=60, unique=True)
    name = models.CharField(_("tên"), max_length=200, db_collation=VIETNAMESE)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=200, blank=True)
    description = models.TextField(_("mô tả"), blank=True)
    group = models.CharField(_("nhóm"), max_length=100, blank=True)
    keywords = models.CharField(_("từ khóa"), max_length=300, blank=True)
    audience = models.CharField(_("dành cho"), max_length=10, choices=Audience.choices, default=Audience.BOTH)
    # Citizens must give a place for feedback of this category (a pothole has a place; a tax question not).
    needs_location = models.BooleanField(_("cần địa điểm"), default=False)
    active = models.BooleanField(_("đang dùng"), default=True)
    position = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.name_en if get_language() == "en" and self.name_en else self.name


class RoutingRule(models.Model):
    """Category × area × topic → the responsible organisation. Empty means "any"; the most
    specific active rule wins, and a question whose area has no rule climbs the tree."""

    category = models.ForeignKey(
        Category, verbose_name=_("lĩnh vực"), null=True, blank=True, on_delete=models.CASCADE, related_name="rules"
    )
    area = models.ForeignKey(
        "orgs.Organisation", verbose_name=_("địa bàn"), null=True, blank=True,
        on_delete=models.CASCADE, related_name="+",
    )  # fmt: skip
    topic = models.ForeignKey(
        "releases.Topic", verbose_name=_("chủ đề"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    organisation = models.ForeignKey(
        "orgs.Organisation", verbose_name=_("cơ quan chịu trách nhiệm"), on_delete=models.CASCADE, related_name="+"
    )
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)
    active = models.BooleanField(_("đang áp dụng"), default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("quy tắc chuyển xử lý")
        verbose_name_plural = _("quy tắc chuyển xử lý")
        constraints = [
            models.UniqueConstraint(
                fields=["category", "area", "topic"],
                condition=models.Q(active=True),
                name="one_active_rule_per_key",
                nulls_distinct=False,
            )
        ]

    def __str__(self) -> str:
        return f"{self.category_id}/{self.area_id}/{self.topic_id} → {self.organisation_id}"


class DeadlineUnit(models.TextChoices):
    WORKING_DAYS = "working_days", _("ngày làm việc")
    WORKING_HOURS = "working_hours", _("giờ làm việc")


class DeadlinePolicy(models.Model):
    """How long the responsible agency has: per category (empty: any) and priority."""

    category = models.ForeignKey(
        Category, verbose_name=_("lĩnh vực"), null=True, blank=True, on_delete=models.CASCADE, related_name="policies"
    )
    priority = models.CharField(_("độ khẩn"), max_length=10, choices=Priority.choices, default=Priority.NORMAL)
    amount = models.PositiveIntegerField(_("thời hạn"))
    unit = models.CharField(_("đơn vị"), max_length=15, choices=DeadlineUnit.choices, default=DeadlineUnit.WORKING_DAYS)
    # Reminders go out this many working hours before the deadline.
    remind_before_hours = models.PositiveIntegerField(_("nhắc trước (giờ làm việc)"), default=8)

    class Meta:
        verbose_name = _("thời hạn xử lý")
        verbose_name_plural = _("thời hạn xử lý")
        constraints = [
            models.UniqueConstraint(fields=["category", "priority"], name="one_policy_per_key", nulls_distinct=False)
        ]

    def __str__(self) -> str:
        return f"{self.category_id}/{self.priority}: {self.amount} {self.unit}"


def new_tracking_code() -> str:
    """Ten characters without look-alikes, read out over the phone: "HD-7KQ2-M9XP"."""
    alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
    body = "".join(secrets.choice(alphabet) for _ in range(8))
    return f"HD-{body[:4]}-{body[4:]}"


def new_access_key() -> str:
    return secrets.token_urlsafe(18)


class Inquiry(models.Model):
    code = models.CharField(_("mã theo dõi"), max_length=20, unique=True, default=new_tracking_code)
    # The secret of the status page's link for askers without an account (and Open311's token).
    access_key = models.CharField(max_length=40, default=new_access_key, editable=False)
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices)
    category = models.ForeignKey(
        Category, verbose_name=_("lĩnh vực"), null=True, blank=True, on_delete=models.PROTECT, related_name="inquiries"
    )
    priority = models.CharField(_("độ khẩn"), max_length=10, choices=Priority.choices, default=Priority.NORMAL)
    channel = models.CharField(_("kênh tiếp nhận"), max_length=10, choices=Channel.choices, default=Channel.WEB)
    subject = models.CharField(_("tiêu đề"), max_length=300)
    text = models.TextField(_("nội dung"))

    # Who asked. A journalist or citizen with an account, or a citizen known only by contact details.
    asker = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người hỏi"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="inquiries",
    )  # fmt: skip
    # Personal data: never on public pages, in the public API, or in exports to non-staff.
    asker_name = models.CharField(_("họ và tên"), max_length=200)
    asker_email = models.EmailField(_("thư điện tử"), blank=True)
    asker_phone = models.CharField(_("điện thoại"), max_length=40, blank=True)
    asker_address = models.CharField(_("địa chỉ liên hệ"), max_length=300, blank=True)
    # For the press: the outlet, and whether the centre had accredited the journalist when asking.
    asker_outlet = models.CharField(_("cơ quan báo chí"), max_length=200, blank=True)
    asker_accredited = models.BooleanField(_("nhà báo đã được cấp thẻ tác nghiệp"), default=False)
    publish_allowed = models.BooleanField(_("đồng ý công khai câu trả lời"), default=False)

    about_item = models.ForeignKey(
        "releases.Item", verbose_name=_("về tin"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="inquiries",
    )  # fmt: skip
    # A journalist's question about an upcoming event (or one asked at it and left unanswered).
    about_event = models.ForeignKey(
        "events.Event", verbose_name=_("về sự kiện"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="inquiries",
    )  # fmt: skip
    topic = models.ForeignKey(
        "releases.Topic", verbose_name=_("chủ đề"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Where: a ward or commune of the tree, an address, and an optional map point (WGS 84).
    area = models.ForeignKey(
        "orgs.Organisation", verbose_name=_("phường, xã"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    location = models.CharField(_("địa điểm"), max_length=300, blank=True)
    latitude = models.DecimalField(_("vĩ độ"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("kinh độ"), max_digits=9, decimal_places=6, null=True, blank=True)

    state = models.CharField(_("trạng thái"), max_length=20, choices=State.choices, default=State.NEW, db_index=True)
    organisation = models.ForeignKey(
        "orgs.Organisation", verbose_name=_("cơ quan xử lý"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="inquiries",
    )  # fmt: skip
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người xử lý"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    merged_into = models.ForeignKey(
        "self", verbose_name=_("gộp vào"), null=True, blank=True, on_delete=models.PROTECT, related_name="merged"
    )
    rejection_reason = models.TextField(_("lý do từ chối"), blank=True)

    received_at = models.DateTimeField(_("tiếp nhận lúc"), default=timezone.now, db_index=True)
    routed_at = models.DateTimeField(_("giao xử lý lúc"), null=True, blank=True)
    # The clock: due_at runs from routing; while WAITING it stops and `remaining_seconds` keeps
    # the working time that was left, so resuming sets a new due_at.
    due_at = models.DateTimeField(_("hạn trả lời"), null=True, blank=True, db_index=True)
    paused_at = models.DateTimeField(_("tạm dừng lúc"), null=True, blank=True)
    remaining_seconds = models.PositiveIntegerField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    # How far up the tree the breach was reported: 0 not escalated, 1 the parent organisation
    # and the centre, 2 the grandparent (presscenter.inquiries.escalation). Never repeated.
    escalation_level = models.PositiveSmallIntegerField(default=0)
    # When the superior organisation (or the centre) extended the deadline: once per inquiry
    # (presscenter.inquiries.superior.extend).
    deadline_extended_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(_("trả lời lúc"), null=True, blank=True, db_index=True)
    answered_on_time = models.BooleanField(_("trả lời đúng hạn"), null=True, blank=True)
    # Working time from routing to the answer, without the time spent waiting for the asker: set
    # when the answer goes out, so the dashboards aggregate it in SQL (median, p90).
    answer_working_seconds = models.PositiveIntegerField(_("thời gian trả lời (giây làm việc)"), null=True, blank=True)
    closed_at = models.DateTimeField(_("đóng lúc"), null=True, blank=True)

    # The published "Trả lời báo chí" item, when the asker allowed it.
    answer_item = models.ForeignKey(
        "releases.Item", verbose_name=_("tin trả lời"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="answered_inquiries",
    )  # fmt: skip
    rating = models.PositiveSmallIntegerField(_("đánh giá"), null=True, blank=True)
    rating_comment = models.TextField(_("nhận xét"), blank=True)
    rated_at = models.DateTimeField(null=True, blank=True)
    reopen_count = models.PositiveSmallIntegerField(default=0)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("câu hỏi, phản ánh")
        verbose_name_plural = _("câu hỏi, phản ánh")
        indexes = [
            models.Index(fields=["organisation", "state"]),
            models.Index(fields=["state", "due_at"]),
            models.Index(fields=["asker", "-received_at"]),
            # The dashboards (inquiries.stats): their aggregates over a period read only these
            # index entries (index-only scans on PostgreSQL), never the questions' texts.
            models.Index(
                fields=["received_at"],
                include=[
                    "organisation",
                    "category",
                    "area",
                    "kind",
                    "state",
                    "answered_at",
                    "answered_on_time",
                    "answer_working_seconds",
                    "rating",
                ],
                name="inquiry_dashboard_received",
            ),
            models.Index(
                fields=["answered_at"],
                include=["organisation", "category", "area", "kind"],
                condition=models.Q(answered_at__isnull=False),
                name="inquiry_dashboard_answered",
            ),
            # Overdue questions: open, not waiting for the asker, past due_at.
            models.Index(
                fields=["due_at"],
                condition=models.Q(state__in=["new", "triaged", "assigned", "in_progress", "reopened"]),
                name="inquiry_overdue",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.subject}"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def is_press(self) -> bool:
        return self.kind in PRESS_KINDS

    def is_overdue(self, at=None) -> bool:  # type: ignore[no-untyped-def]
        if self.state not in OPEN_STATES or self.state == State.WAITING or self.due_at is None:
            return False
        return self.due_at < (at or timezone.now())


class EventKind(models.TextChoices):
    RECEIVED = "received", pgettext_lazy("hỏi đáp: sự kiện", "Tiếp nhận")
    TRIAGED = "triaged", pgettext_lazy("hỏi đáp: sự kiện", "Phân loại")
    ROUTED = "routed", pgettext_lazy("hỏi đáp: sự kiện", "Giao cơ quan xử lý")
    TRANSFERRED = "transferred", pgettext_lazy("hỏi đáp: sự kiện", "Chuyển xử lý")
    ASSIGNED = "assigned", pgettext_lazy("hỏi đáp: sự kiện", "Giao người xử lý")
    STARTED = "started", pgettext_lazy("hỏi đáp: sự kiện", "Bắt đầu xử lý")
    INFO_REQUESTED = "info_requested", pgettext_lazy("hỏi đáp: sự kiện", "Đề nghị người hỏi bổ sung")
    INFO_ADDED = "info_added", pgettext_lazy("hỏi đáp: sự kiện", "Người hỏi bổ sung thông tin")
    ANSWER_DRAFTED = "answer_drafted", pgettext_lazy("hỏi đáp: sự kiện", "Soạn câu trả lời")
    ANSWER_SUBMITTED = "answer_submitted", pgettext_lazy("hỏi đáp: sự kiện", "Trình duyệt câu trả lời")
    ANSWER_RETURNED = "answer_returned", pgettext_lazy("hỏi đáp: sự kiện", "Yêu cầu sửa câu trả lời")
    ANSWERED = "answered", pgettext_lazy("hỏi đáp: sự kiện", "Trả lời")
    PUBLISHED = "published", pgettext_lazy("hỏi đáp: sự kiện", "Công khai câu trả lời")
    RATED = "rated", pgettext_lazy("hỏi đáp: sự kiện", "Người hỏi đánh giá")
    REOPENED = "reopened", pgettext_lazy("hỏi đáp: sự kiện", "Mở lại")
    CLOSED = "closed", pgettext_lazy("hỏi đáp: sự kiện", "Đóng")
    MERGED = "merged", pgettext_lazy("hỏi đáp: sự kiện", "Gộp")
    REJECTED = "rejected", pgettext_lazy("hỏi đáp: sự kiện", "Từ chối")
    REMINDED = "reminded", pgettext_lazy("hỏi đáp: sự kiện", "Nhắc hạn")
    ESCALATED = "escalated", pgettext_lazy("hỏi đáp: sự kiện", "Quá hạn, báo cấp trên")
    NOTE = "note", pgettext_lazy("hỏi đáp: sự kiện", "Ghi chú nội bộ")
    DIRECTED = "directed", pgettext_lazy("hỏi đáp: sự kiện", "Cấp trên chỉ đạo")
    EXTENDED = "extended", pgettext_lazy("hỏi đáp: sự kiện", "Gia hạn trả lời")


# Timeline entries the asker sees on the status page (the rest are the agencies' own).
PUBLIC_EVENT_KINDS = (
    EventKind.RECEIVED, EventKind.ROUTED, EventKind.TRANSFERRED, EventKind.INFO_REQUESTED, EventKind.INFO_ADDED,
    EventKind.ANSWERED, EventKind.PUBLISHED, EventKind.RATED, EventKind.REOPENED, EventKind.CLOSED,
    EventKind.MERGED, EventKind.REJECTED, EventKind.EXTENDED,
)  # fmt: skip


class Event(models.Model):
    """One step of the timeline. Hops name both organisations; the text is the reason or note."""

    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=EventKind.choices)
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_organisation = models.ForeignKey(
        "orgs.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    to_organisation = models.ForeignKey(
        "orgs.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["inquiry", "at"])]

    def __str__(self) -> str:
        return f"{self.inquiry_id} {self.kind}"

    @property
    def is_public(self) -> bool:
        return self.kind in PUBLIC_EVENT_KINDS


class DecisionSource(models.TextChoices):
    RULE = "rule", _("Theo quy tắc")
    MODEL = "model", _("Theo gợi ý tự động")
    OPERATOR = "operator", _("Điều hành viên chọn")
    TRANSFER = "transfer", _("Chuyển xử lý")


class RoutingDecision(models.Model):
    """Each time someone (or the rules) decided who answers: what was suggested and what was
    chosen. The routing model learns from these."""

    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="routing_decisions")
    organisation = models.ForeignKey("orgs.Organisation", on_delete=models.CASCADE, related_name="+")
    source = models.CharField(max_length=10, choices=DecisionSource.choices)
    suggested = models.ForeignKey(
        "orgs.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confidence = models.FloatField(null=True, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.inquiry_id} → {self.organisation_id} ({self.source})"


class AnswerState(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("câu trả lời: trạng thái", "Bản nháp")
    IN_REVIEW = "in_review", pgettext_lazy("câu trả lời: trạng thái", "Chờ người phát ngôn duyệt")
    CHANGES_REQUESTED = "changes_requested", pgettext_lazy("câu trả lời: trạng thái", "Yêu cầu sửa")
    SENT = "sent", pgettext_lazy("câu trả lời: trạng thái", "Đã gửi người hỏi")


class Answer(models.Model):
    """The agency's answer: drafted by its staff, approved by a second person (its spokesperson
    or the centre), never by someone who wrote it."""

    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="answers")
    organisation = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("nội dung trả lời"))
    state = models.CharField(max_length=20, choices=AnswerState.choices, default=AnswerState.DRAFT)
    contributors = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+", blank=True)
    review_comment = models.TextField(_("ý kiến người duyệt"), blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"answer {self.pk} to {self.inquiry_id}"


class AttachmentKind(models.TextChoices):
    IMAGE = "image", _("Ảnh")
    DOCUMENT = "document", _("Tài liệu")


def attachment_path(instance: "Attachment", filename: str) -> str:
    return f"inquiries/{instance.inquiry.code}/{secrets.token_hex(8)}{instance.extension}"


class Attachment(models.Model):
    """Photos and documents the asker sent (never public: they may show people and homes)."""

    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(max_length=10, choices=AttachmentKind.choices)
    file = models.FileField(upload_to=attachment_path, max_length=300)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    extension = models.CharField(max_length=10)
    mime_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by_asker = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.original_name


class RoutingSettings(models.Model):
    """One row: how far the centre trusts the routing model. Below `auto_threshold` (or when it
    is empty) an operator confirms every suggestion."""

    auto_threshold = models.FloatField(_("ngưỡng tự động chuyển"), null=True, blank=True)
    # Whether a matching routing rule sends the inquiry on its own (otherwise it only suggests).
    auto_by_rules = models.BooleanField(_("tự động chuyển theo quy tắc"), default=False)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("cấu hình chuyển xử lý")

    def __str__(self) -> str:
        return f"auto ≥ {self.auto_threshold}"


class NoticeChannel(models.TextChoices):
    EMAIL = "email", _("Thư điện tử")
    LIVE = "live", _("Thông báo trên trang")


class Notice(ClaimedNotice):
    """A personal message about an inquiry (to the asker, to the agency, to the centre), written
    in the transaction of the change it reports and sent by a worker: nothing is lost or sent
    twice when a process dies."""

    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="notices")
    channel = models.CharField(max_length=10, choices=NoticeChannel.choices)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    email = models.EmailField(blank=True)
    # Why: an EventKind (answered, reminded, escalated...); the message is rendered when sent,
    # in the recipient's language.
    reason = models.CharField(max_length=20)
    # The timeline entry it reports (its text: the reason of a transfer, the request for more).
    event = models.ForeignKey(Event, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    key = models.CharField(max_length=200, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    # The sender's claim and outcome: ClaimedNotice's fields (presscenter.delivery.personal).

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(
                fields=["next_attempt_at", "id"],
                condition=models.Q(sent_at__isnull=True, failed_at__isnull=True),
                name="notice_unsent",
            )
        ]

    def __str__(self) -> str:
        return self.key


# Daily roll-up of the dashboard's figures (presscenter.inquiries.rollup) -------------------------


class DailyFigures(models.Model):
    """The dashboard's figures rolled up from the questions (presscenter.inquiries.rollup), one
    row per group and period: `span` m (a month, `day` its first day) or d (a day). `dim` says
    what the group is: the whole city (t), one organisation, category or area (o, c, a: `key`),
    or a pair of them (oc, oa, ca: `key` the first, `key2` the second; month rows only). Its
    questions received, answered, on time, rated, the sum of their ratings, the count per number
    of stars, the questions answered in the period (single dimensions: the series), and their
    time to answer as a histogram (`histogram`: rollup.pack). Derived data: rebuilt from the
    questions by `rollup.refresh()`; never edited."""

    day = models.DateField()
    span = models.CharField(max_length=1)
    dim = models.CharField(max_length=2)
    key = models.IntegerField(null=True)
    key2 = models.IntegerField(null=True)
    received = models.PositiveIntegerField(default=0)
    answered = models.PositiveIntegerField(default=0)
    on_time = models.PositiveIntegerField(default=0)
    rated = models.PositiveIntegerField(default=0)
    rating_sum = models.PositiveIntegerField(default=0)
    stars_1 = models.PositiveIntegerField(default=0)
    stars_2 = models.PositiveIntegerField(default=0)
    stars_3 = models.PositiveIntegerField(default=0)
    stars_4 = models.PositiveIntegerField(default=0)
    stars_5 = models.PositiveIntegerField(default=0)
    answered_that_day = models.PositiveIntegerField(default=0)
    histogram = models.BinaryField(default=b"")

    class Meta:
        indexes = [
            models.Index(fields=["span", "day", "dim"], name="daily_figures_day"),
            models.Index(fields=["dim", "key", "span", "day"], name="daily_figures_key"),
            models.Index(fields=["dim", "key2", "span", "day"], name="daily_figures_key2"),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.span} {self.dim} {self.key} {self.key2}"


class DirtyDay(models.Model):
    """A local day whose roll-up no longer matches the questions: written in the transaction of
    the change (domain._change), read and removed by `rollup.refresh()`. Until then the
    dashboard reads that day from the questions themselves. Several rows per day are fine."""

    day = models.DateField(db_index=True)

    def __str__(self) -> str:
        return str(self.day)


class RollupState(models.Model):
    """One row: the roll-up covers every local day up to `built_through` (None: not built)."""

    built_through = models.DateField(null=True)

    def __str__(self) -> str:
        return str(self.built_through)
