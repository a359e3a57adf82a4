from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutletType(models.TextChoices):
    NEWSPAPER = "newspaper", _("Báo in")
    MAGAZINE = "magazine", _("Tạp chí")
    RADIO = "radio", _("Phát thanh")
    TELEVISION = "television", _("Truyền hình")
    ONLINE = "online", _("Báo điện tử")
    NEWS_AGENCY = "news_agency", _("Thông tấn")


class Outlet(models.Model):
    """A media outlet (cơ quan báo chí) licensed to operate."""

    name = models.CharField(_("tên cơ quan báo chí"), max_length=255, unique=True)
    type = models.CharField(_("loại hình"), max_length=20, choices=OutletType.choices)
    licence_number = models.CharField(_("số giấy phép"), max_length=100, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=60, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    website = models.URLField(_("trang thông tin"), blank=True)
    logo = models.ImageField(_("biểu trưng"), upload_to="outlets/", blank=True)
    active = models.BooleanField(_("đang hoạt động"), default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Accreditation(models.TextChoices):
    PENDING = "pending", _("Chờ xét duyệt")
    APPROVED = "approved", _("Đã cấp")
    REJECTED = "rejected", _("Bị từ chối")
    SUSPENDED = "suspended", _("Tạm đình chỉ")
    REVOKED = "revoked", _("Đã thu hồi")


class JournalistProfile(models.Model):
    """A journalist's identity, press card and preferences. `User.accredited` mirrors
    `status == APPROVED and card not expired` and is the one flag every access check reads."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="journalist")
    outlet = models.ForeignKey(
        Outlet, verbose_name=_("cơ quan báo chí"), on_delete=models.PROTECT, related_name="journalists"
    )
    identity_number = models.CharField(_("số CCCD"), max_length=20, blank=True)
    press_card_number = models.CharField(_("số thẻ nhà báo"), max_length=50)
    press_card_expiry = models.DateField(_("thẻ hết hạn ngày"))
    photo = models.ImageField(_("ảnh chân dung"), upload_to="journalists/", blank=True)
    status = models.CharField(
        _("tình trạng"), max_length=12, choices=Accreditation.choices, default=Accreditation.PENDING
    )
    status_reason = models.TextField(_("lý do"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    beats = models.ManyToManyField("releases.Topic", verbose_name=_("lĩnh vực theo dõi"), blank=True)
    areas = models.ManyToManyField("orgs.Organisation", verbose_name=_("địa bàn theo dõi"), blank=True)
    languages = models.JSONField(_("ngôn ngữ"), default=list, blank=True)
    preferred_channels = models.JSONField(_("kênh nhận tin ưa thích"), default=list, blank=True)
    quiet_hours_start = models.TimeField(_("bắt đầu giờ yên tĩnh"), null=True, blank=True)
    quiet_hours_end = models.TimeField(_("kết thúc giờ yên tĩnh"), null=True, blank=True)
    expiry_reminder_sent_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.user} ({self.outlet})"
