import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CENTER_ADMIN = "center_admin", _("Quản trị Trung tâm")
    CENTER_OPERATOR = "center_operator", _("Điều hành viên Trung tâm")
    SPOKESPERSON = "spokesperson", _("Người phát ngôn")
    EDITOR = "editor", _("Biên tập viên cơ quan")
    JOURNALIST = "journalist", _("Nhà báo")
    PUBLIC = "public", _("Người dân")


STAFF_ROLES = {Role.CENTER_ADMIN, Role.CENTER_OPERATOR}
AGENCY_ROLES = {Role.SPOKESPERSON, Role.EDITOR}


class User(AbstractUser):
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices, default=Role.PUBLIC)
    organisation = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("cơ quan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
    )
    full_name = models.CharField(_("họ và tên"), max_length=200, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=40, blank=True)
    accredited = models.BooleanField(_("đã được cấp thẻ tác nghiệp"), default=False)
    language = models.CharField(_("ngôn ngữ"), max_length=5, default="vi")

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def is_center_staff(self) -> bool:
        return self.is_active and self.role in STAFF_ROLES

    @property
    def is_agency_member(self) -> bool:
        return self.is_active and self.role in AGENCY_ROLES and self.organisation_id is not None


class ApiToken(models.Model):
    """A secret for machine clients, scoped to one organisation and acting with its owner's role."""

    PREFIX = "pc_"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    organisation = models.ForeignKey("orgs.Organisation", null=True, blank=True, on_delete=models.CASCADE)
    name = models.CharField(_("tên"), max_length=100)
    digest = models.CharField(max_length=64, unique=True)
    hint = models.CharField(max_length=12)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.hint}…)"

    @classmethod
    def new_secret(cls) -> str:
        return cls.PREFIX + secrets.token_urlsafe(32)
