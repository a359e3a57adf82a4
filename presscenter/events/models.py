"""Press conferences, dialogues, forums, seminars and photo exhibitions: the events themselves,
the centre's rooms and their bookings, sessions and speakers, registrations with tickets for
each person who comes in, check-ins, and the journalists' questions. Rules live in domain
modules; these classes hold data and thin helpers only."""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from presscenter.delivery.personal import ClaimedNotice


class EventType(models.TextChoices):
    PRESS_CONFERENCE = "press_conference", _("Họp báo")
    DIALOGUE = "dialogue", _("Tọa đàm")
    FORUM = "forum", _("Diễn đàn")
    SEMINAR = "seminar", _("Hội thảo")
    EXHIBITION = "exhibition", _("Triển lãm ảnh báo chí")


class EventStatus(models.TextChoices):
    PLANNED = "planned", _("Dự kiến")
    CONFIRMED = "confirmed", _("Đã xác nhận")
    POSTPONED = "postponed", _("Hoãn, dời lịch")
    CANCELLED = "cancelled", _("Đã hủy")


class EventMode(models.TextChoices):
    IN_PERSON = "in_person", _("Trực tiếp")
    ONLINE = "online", _("Trực tuyến")
    HYBRID = "hybrid", _("Trực tiếp và trực tuyến")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Công khai trên lịch")
    INVITED = "invited", _("Chỉ khách mời")


class Venue(models.Model):
    """A place events happen: the centre's own building (its rooms are booked here, never twice
    at once) or an outside address."""

    name = models.CharField(_("tên địa điểm"), max_length=200)
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    is_centre = models.BooleanField(_("thuộc Trung tâm"), default=False)
    active = models.BooleanField(_("đang sử dụng"), default=True)

    class Meta:
        ordering = ["-is_centre", "name"]
        verbose_name = _("địa điểm")
        verbose_name_plural = _("địa điểm")

    def __str__(self) -> str:
        return self.name


class Room(models.Model):
    venue = models.ForeignKey(Venue, on_delete=models.PROTECT, related_name="rooms", verbose_name=_("địa điểm"))
    name = models.CharField(_("tên phòng"), max_length=120)
    capacity = models.PositiveIntegerField(_("sức chứa"))
    active = models.BooleanField(_("đang sử dụng"), default=True)

    class Meta:
        ordering = ["venue_id", "name"]
        constraints = [models.UniqueConstraint(fields=["venue", "name"], name="events_room_unique_name")]
        verbose_name = _("phòng")
        verbose_name_plural = _("phòng")

    def __str__(self) -> str:
        return f"{self.name} — {self.venue.name}"


class Event(models.Model):
    # The iCal UID and the ninjs uri: stable for the event's whole life, whatever changes.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    slug = models.SlugField(_("định danh"), max_length=120, unique=True)
    type = models.CharField(_("loại sự kiện"), max_length=20, choices=EventType.choices)
    title = models.CharField(_("tiêu đề"), max_length=300)
    summary = models.TextField(_("tóm tắt"), blank=True)
    agenda = models.TextField(_("chương trình"), blank=True)  # sanitised HTML
    organiser = models.ForeignKey(
        "orgs.Organisation", on_delete=models.PROTECT, related_name="events", verbose_name=_("cơ quan tổ chức")
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    topics = models.ManyToManyField("releases.Topic", blank=True, related_name="events", verbose_name=_("chủ đề"))
    starts_at = models.DateTimeField(_("bắt đầu"), db_index=True)
    ends_at = models.DateTimeField(_("kết thúc"))
    mode = models.CharField(_("hình thức"), max_length=10, choices=EventMode.choices, default=EventMode.IN_PERSON)
    # Where: one of the centre's rooms (booked), or an outside venue, or only online.
    room = models.ForeignKey(
        Room, null=True, blank=True, on_delete=models.PROTECT, related_name="events", verbose_name=_("phòng")
    )
    venue = models.ForeignKey(
        Venue, null=True, blank=True, on_delete=models.PROTECT, related_name="events", verbose_name=_("địa điểm")
    )
    livestream_url = models.URLField(_("đường dẫn phát trực tuyến"), blank=True)
    visibility = models.CharField(_("hiển thị"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC)
    status = models.CharField(_("trạng thái"), max_length=10, choices=EventStatus.choices, default=EventStatus.PLANNED)
    status_reason = models.TextField(_("lý do"), blank=True)  # of a postponement or a cancellation
    postponed_from = models.DateTimeField(_("thời gian dự kiến ban đầu"), null=True, blank=True)
    # Registration: seats for the press (0: no registration), who may register, until when.
    capacity = models.PositiveIntegerField(_("số chỗ cho báo chí"), default=0)
    accredited_only = models.BooleanField(_("chỉ nhà báo đã được cấp thẻ tác nghiệp"), default=True)
    needs_approval = models.BooleanField(_("đăng ký cần duyệt"), default=False)
    registration_closes_at = models.DateTimeField(_("hạn đăng ký"), null=True, blank=True)
    max_crew = models.PositiveSmallIntegerField(_("số người đi cùng tối đa"), default=2)
    # Materials under embargo until the event starts (or their own embargo).
    materials = models.ManyToManyField(
        "releases.Item", blank=True, related_name="events", verbose_name=_("tài liệu của sự kiện")
    )
    # After the event: the official items made from it (minutes or transcript with the answers,
    # photos and documents as their attachments), drafted by presscenter.events.after and
    # published through the releases workflow like any item.
    outcome_items = models.ManyToManyField(
        "releases.Item", blank=True, related_name="outcome_of_events", verbose_name=_("nội dung đã công bố sau sự kiện")
    )
    # iCal SEQUENCE: raised on every change a calendar must show (time, place, status, title).
    sequence = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="events_event_ends_after_start")
        ]
        verbose_name = _("sự kiện")
        verbose_name_plural = _("sự kiện")

    def __str__(self) -> str:
        return self.title

    @property
    def is_cancelled(self) -> bool:
        return self.status == EventStatus.CANCELLED

    @property
    def takes_registrations(self) -> bool:
        return self.capacity > 0


class Session(models.Model):
    """A part of a multi-session forum or seminar (a frab "event"); a press conference has none."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("tên phiên"), max_length=300)
    abstract = models.TextField(_("nội dung"), blank=True)
    track = models.CharField(_("chuyên đề"), max_length=120, blank=True)
    starts_at = models.DateTimeField(_("bắt đầu"))
    ends_at = models.DateTimeField(_("kết thúc"))
    room = models.ForeignKey(
        Room, null=True, blank=True, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("phòng")
    )

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="events_session_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.title


class Speaker(models.Model):
    """An official who speaks (chủ trì, phát biểu, trả lời): by name, title and organisation."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="speakers")
    session = models.ForeignKey(Session, null=True, blank=True, on_delete=models.SET_NULL, related_name="speakers")
    name = models.CharField(_("họ và tên"), max_length=200)
    position_title = models.CharField(_("chức vụ"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        "orgs.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("cơ quan"),
    )  # fmt: skip
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def role_line(self) -> str:
        """Title and organisation as one phrase: "Phó Giám đốc Sở" of "Sở Y tế" reads "Phó Giám
        đốc Sở Y tế" (the title's last word begins the organisation's name), otherwise they are
        joined with a comma ("Trưởng phòng Nghiệp vụ Y, Sở Y tế")."""
        title = self.position_title.strip()
        organisation = self.organisation.display_name if self.organisation_id and self.organisation else ""
        if not title or not organisation:
            return title or organisation
        last = title.split()[-1]
        if organisation.split()[0].casefold() == last.casefold():
            return f"{title[: -len(last)]}{organisation}"
        return f"{title}, {organisation}"


class RoomBooking(models.Model):
    """A room held from start to end for an event (or one of its sessions). Domain code locks the
    room's row before checking for overlaps, so two bookings can never hold it at once."""

    room = models.ForeignKey(Room, on_delete=models.PROTECT, related_name="bookings")
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="bookings")
    session = models.ForeignKey(Session, null=True, blank=True, on_delete=models.CASCADE, related_name="bookings")
    starts_at = models.DateTimeField(db_index=True)
    ends_at = models.DateTimeField()

    class Meta:
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["room", "starts_at", "ends_at"], name="events_booking_room_time")]

    def __str__(self) -> str:
        return f"{self.room_id}: {self.starts_at:%Y-%m-%d %H:%M}–{self.ends_at:%H:%M}"


class Invitation(models.Model):
    """A journalist asked to come (chosen by beat, outlet or from a list): the event shows on their
    calendar and they may register even when it is for invited guests only."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="invitations")
    journalist = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_invitations")
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("mời theo"), max_length=200, blank=True)  # "lĩnh vực Giao thông", "Báo Hà Nội Mới"
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "journalist"], name="events_one_invitation_per_journalist")
        ]

    def __str__(self) -> str:
        return f"{self.journalist} — {self.event}"


class RegistrationStatus(models.TextChoices):
    PENDING = "pending", _("Chờ duyệt")
    APPROVED = "approved", _("Đã được chấp nhận")
    WAITLISTED = "waitlisted", _("Trong danh sách chờ")
    REJECTED = "rejected", _("Bị từ chối")
    REVOKED = "revoked", _("Bị thu hồi")
    CANCELLED = "cancelled", pgettext_lazy("đăng ký", "Đã hủy")


# The registrations that hold (or wait for) a seat; at most one per journalist and event.
LIVE_REGISTRATION_STATES = [RegistrationStatus.PENDING, RegistrationStatus.APPROVED, RegistrationStatus.WAITLISTED]


class Registration(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    journalist = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_registrations"
    )
    # The outlet at the time of registering (attendance is counted per outlet).
    outlet = models.ForeignKey("press.Outlet", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    outlet_name = models.CharField(_("cơ quan báo chí"), max_length=255, blank=True)
    status = models.CharField(_("trạng thái"), max_length=10, choices=RegistrationStatus.choices)
    status_reason = models.TextField(_("lý do"), blank=True)
    # Seats it holds or waits for: the journalist and each crew member.
    seats = models.PositiveSmallIntegerField(_("số chỗ"), default=1)
    invited = models.BooleanField(_("được mời"), default=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)  # the waitlist's order
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "journalist"],
                condition=Q(status__in=["pending", "approved", "waitlisted"]),
                name="events_one_live_registration",
            )
        ]
        indexes = [models.Index(fields=["event", "status"], name="events_registration_status")]

    def __str__(self) -> str:
        return f"{self.journalist} — {self.event}"


class NoticeReason(models.TextChoices):
    """Why a journalist is told something about an event (presscenter.events.notices)."""

    INVITED = "invited", _("Lời mời")
    REGISTERED = "registered", _("Đăng ký thành công")
    PENDING = "pending", _("Đăng ký chờ duyệt")
    WAITLISTED = "waitlisted", _("Vào danh sách chờ")
    APPROVED = "approved", _("Đăng ký được chấp nhận")
    PROMOTED = "promoted", _("Được chuyển từ danh sách chờ")
    REJECTED = "rejected", _("Đăng ký bị từ chối")
    REVOKED = "revoked", _("Đăng ký bị thu hồi")
    CANCELLED_BY_YOU = "withdrawn", _("Đã hủy đăng ký")
    UPDATED = "updated", _("Sự kiện thay đổi")
    CONFIRMED = "confirmed", _("Sự kiện được xác nhận")
    POSTPONED = "postponed", _("Sự kiện hoãn, dời lịch")
    CANCELLED = "cancelled", _("Sự kiện bị hủy")
    REMINDER = "reminder", _("Nhắc lịch")


class EventNotice(ClaimedNotice):
    """A personal message to a journalist about an event (an invitation, a decision on their
    registration, a change of the event, a reminder) on one channel, written in the transaction
    of what it reports and sent by a worker (presscenter.events.notices)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="notices")
    registration = models.ForeignKey(
        Registration, null=True, blank=True, on_delete=models.CASCADE, related_name="notices"
    )
    channel = models.CharField(max_length=10)  # "email" or "live" (presscenter.delivery.personal)
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=12, choices=NoticeReason.choices)
    text = models.TextField(blank=True)  # the organiser's reason (rejection, revocation, cancellation)
    key = models.CharField(max_length=200, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    # The sender's claim and outcome: ClaimedNotice's fields (presscenter.delivery.personal).

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(
                fields=["next_attempt_at", "id"],
                condition=Q(sent_at__isnull=True, failed_at__isnull=True),
                name="events_notice_unsent",
            )
        ]

    def __str__(self) -> str:
        return self.key


class CrewRole(models.TextChoices):
    CAMERA = "camera", _("Quay phim")
    PHOTO = "photo", _("Chụp ảnh")
    SOUND = "sound", _("Thu âm")
    TECHNICIAN = "technician", _("Kỹ thuật")
    OTHER = "other", _("Khác")


class CrewMember(models.Model):
    """A person coming with the journalist (camera, sound...): a seat and a ticket of their own."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="crew")
    full_name = models.CharField(_("họ và tên"), max_length=200)
    role = models.CharField(_("nhiệm vụ"), max_length=12, choices=CrewRole.choices)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.full_name


def new_ticket_code() -> str:
    return secrets.token_urlsafe(18)


class Ticket(models.Model):
    """One admission: the journalist's, or one crew member's. The QR code carries `code` signed
    (presscenter.events.tickets); admission is a conditional UPDATE on `checked_in_at IS NULL`,
    so a ticket gets in once however many scanners read it."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="tickets")
    crew_member = models.OneToOneField(
        CrewMember, null=True, blank=True, on_delete=models.CASCADE, related_name="ticket"
    )
    holder_name = models.CharField(_("người sử dụng"), max_length=200)
    code = models.CharField(max_length=40, unique=True, default=new_ticket_code)
    checked_in_at = models.DateTimeField(_("vào cửa lúc"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.holder_name


class ScanResult(models.TextChoices):
    ADMITTED = "admitted", _("Mời vào")
    ALREADY = "already", _("Vé đã được dùng")
    WRONG_EVENT = "wrong_event", _("Vé của sự kiện khác")
    NOT_VALID = "not_valid", _("Vé không hợp lệ")
    NOT_APPROVED = "not_approved", _("Đăng ký chưa được chấp nhận hoặc đã bị thu hồi")


class Scan(models.Model):
    """Every read of a ticket at the door, admitted or not: the attendance record and the trail of
    refused attempts. `scan_id` is the scanner's own id for the read, so a read replayed after a
    lost connection is recorded once."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="scans")
    ticket = models.ForeignKey(Ticket, null=True, blank=True, on_delete=models.SET_NULL, related_name="scans")
    result = models.CharField(max_length=12, choices=ScanResult.choices)
    scanner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    scan_id = models.CharField(max_length=64, unique=True)
    scanned_at = models.DateTimeField()  # on the scanner's clock (it may have been offline)
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-scanned_at"]

    def __str__(self) -> str:
        return f"{self.scan_id}: {self.result}"


class QuestionState(models.TextChoices):
    SUBMITTED = "submitted", _("Chờ duyệt")
    APPROVED = "approved", _("Đã duyệt")
    ANSWERED = "answered", _("Đã trả lời")
    MERGED = "merged", _("Đã gộp")
    REJECTED = "rejected", _("Không đưa vào")


class EventQuestion(models.Model):
    """A journalist's question for the speakers, before or during the event, moderated by the
    organiser; an unanswered one can become a tracked question (inquiries)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="questions")
    session = models.ForeignKey(Session, null=True, blank=True, on_delete=models.SET_NULL, related_name="questions")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_questions")
    outlet_name = models.CharField(_("cơ quan báo chí"), max_length=255, blank=True)
    text = models.TextField(_("câu hỏi"))
    state = models.CharField(
        _("trạng thái"), max_length=10, choices=QuestionState.choices, default=QuestionState.SUBMITTED
    )
    position = models.PositiveIntegerField(default=0)  # the moderator's order in the queue
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged_questions"
    )
    speaker = models.ForeignKey(
        Speaker, null=True, blank=True, on_delete=models.SET_NULL, related_name="questions",
        verbose_name=_("người trả lời"),
    )  # fmt: skip
    answer = models.TextField(_("nội dung trả lời"), blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    # Why the moderator left it out (shown to its author).
    rejection_reason = models.TextField(_("lý do không đưa vào"), blank=True)
    inquiry = models.ForeignKey(
        "inquiries.Inquiry", null=True, blank=True, on_delete=models.SET_NULL, related_name="event_questions"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["position", "created_at", "id"]
        indexes = [models.Index(fields=["event", "state"], name="events_question_state")]

    def __str__(self) -> str:
        return self.text[:80]


def new_calendar_token() -> str:
    return secrets.token_urlsafe(24)


class CalendarToken(models.Model):
    """The secret in a journalist's personal calendar address (the events they are invited to or
    registered for). Kept readable, not hashed: a calendar address is set up again on every new
    phone or computer, so its owner must be able to see it on their page at any time. Rotating
    it replaces the secret, and the old address stops working at once."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_calendar_token")
    token = models.CharField(max_length=64, unique=True, default=new_calendar_token)
    created_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"calendar token of {self.user_id}"
