"""Press photo exhibitions: the call for entries of an exhibition event, the photographers'
entries with their EXIF and web derivatives, the jury and its scores, and the curation that makes
the online gallery and the printed catalogue. Rules live in domain.py."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ExhibitionState(models.TextChoices):
    CALL = "call", _("Đang nhận ảnh")
    JUDGING = "judging", _("Đang chấm, tuyển chọn")
    PUBLISHED = "published", _("Đã công bố")


class Licence(models.TextChoices):
    CC_BY_NC_ND = "cc-by-nc-nd-4.0", _("CC BY-NC-ND 4.0 (ghi công, phi thương mại, không phái sinh)")
    CC_BY_NC = "cc-by-nc-4.0", _("CC BY-NC 4.0 (ghi công, phi thương mại)")
    CC_BY = "cc-by-4.0", _("CC BY 4.0 (ghi công)")
    ALL_RIGHTS = "all-rights-reserved", _("Giữ toàn quyền — trưng bày với sự cho phép của tác giả")


LICENCE_URLS = {
    Licence.CC_BY_NC_ND: "https://creativecommons.org/licenses/by-nc-nd/4.0/deed.vi",
    Licence.CC_BY_NC: "https://creativecommons.org/licenses/by-nc/4.0/deed.vi",
    Licence.CC_BY: "https://creativecommons.org/licenses/by/4.0/deed.vi",
}


class Exhibition(models.Model):
    event = models.OneToOneField("events.Event", on_delete=models.CASCADE, related_name="exhibition")
    call_text = models.TextField(_("lời mời gửi ảnh"))
    rules = models.TextField(_("thể lệ"), blank=True)
    intro = models.TextField(_("lời giới thiệu của catalogue"), blank=True)
    opens_at = models.DateTimeField(_("bắt đầu nhận ảnh"))
    closes_at = models.DateTimeField(_("hạn gửi ảnh"))
    max_entries = models.PositiveSmallIntegerField(_("số ảnh tối đa mỗi tác giả"), default=5)
    licence = models.CharField(_("giấy phép của phòng trưng bày trực tuyến"), max_length=24, choices=Licence.choices)
    state = models.CharField(
        _("giai đoạn"), max_length=10, choices=ExhibitionState.choices, default=ExhibitionState.CALL
    )
    published_at = models.DateTimeField(_("công bố lúc"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-opens_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")), name="exhibitions_call_closes_after_opening"
            )
        ]
        verbose_name = _("triển lãm ảnh")
        verbose_name_plural = _("triển lãm ảnh")

    def __str__(self) -> str:
        return self.event.title

    @property
    def licence_url(self) -> str:
        return {str(key): url for key, url in LICENCE_URLS.items()}.get(self.licence, "")

    @property
    def is_published(self) -> bool:
        return self.state == ExhibitionState.PUBLISHED


class Juror(models.Model):
    exhibition = models.ForeignKey(Exhibition, on_delete=models.CASCADE, related_name="jurors")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["exhibition", "user"], name="exhibitions_juror_once")]

    def __str__(self) -> str:
        return self.user.get_username()


class EntryStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Đã gửi")
    WITHDRAWN = "withdrawn", _("Đã rút")
    SHORTLISTED = "shortlisted", _("Vào vòng trong")
    SELECTED = "selected", _("Được chọn trưng bày")
    REJECTED = "rejected", _("Không được chọn")


def original_path(entry: "Entry", name: str) -> str:
    return f"exhibitions/{entry.exhibition_id}/original/{name}"


def web_path(entry: "Entry", name: str) -> str:
    return f"exhibitions/{entry.exhibition_id}/web/{name}"


def thumb_path(entry: "Entry", name: str) -> str:
    return f"exhibitions/{entry.exhibition_id}/thumb/{name}"


class Entry(models.Model):
    """One photo. The original is kept for the jury only (with its metadata); the web-sized copy
    and the thumbnail are re-encoded without any metadata, so a GPS position never goes public."""

    exhibition = models.ForeignKey(Exhibition, on_delete=models.CASCADE, related_name="entries")
    photographer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    caption = models.TextField(_("chú thích"))
    credit_name = models.CharField(_("tác giả"), max_length=200)
    outlet = models.CharField(_("cơ quan báo chí"), max_length=200)
    taken_on = models.DateField(_("ngày chụp"), null=True, blank=True)
    place = models.CharField(_("nơi chụp"), max_length=200, blank=True)
    original = models.FileField(upload_to=original_path, max_length=300)
    web = models.ImageField(upload_to=web_path, max_length=300)
    thumb = models.ImageField(upload_to=thumb_path, max_length=300)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    web_width = models.PositiveIntegerField()
    web_height = models.PositiveIntegerField()
    exif = models.JSONField(default=dict, blank=True)  # camera, lens, exposure… as read (photos.exif_summary)
    had_gps = models.BooleanField(default=False)
    status = models.CharField(
        _("tình trạng"), max_length=12, choices=EntryStatus.choices, default=EntryStatus.SUBMITTED
    )
    position = models.PositiveIntegerField(_("thứ tự trưng bày"), null=True, blank=True)
    submitted_at = models.DateTimeField()

    class Meta:
        ordering = ["submitted_at", "id"]
        indexes = [models.Index(fields=["exhibition", "status", "position"], name="exhibitions_entry_gallery")]
        verbose_name = _("ảnh dự triển lãm")
        verbose_name_plural = _("ảnh dự triển lãm")

    def __str__(self) -> str:
        return self.caption[:60]

    @property
    def alt_text(self) -> str:
        return self.caption[:250]


class Score(models.Model):
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="scores")
    juror = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(_("điểm"))
    comment = models.TextField(_("nhận xét"), blank=True)
    scored_at = models.DateTimeField()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "juror"], name="exhibitions_score_once"),
            models.CheckConstraint(condition=Q(score__gte=1, score__lte=10), name="exhibitions_score_1_to_10"),
        ]

    def __str__(self) -> str:
        return str(self.score)
