from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from presscenter.core.collation import VIETNAMESE


class Kind(models.TextChoices):
    """In the order lists group organisations: the city and its office, the agencies, the areas."""

    PEOPLES_COMMITTEE = "peoples_committee", _("Ủy ban nhân dân")
    OFFICE = "office", _("Văn phòng")
    DEPARTMENT = "department", _("Sở, ngành")
    BOARD = "board", _("Ban")
    SECTOR = "sector", _("Cơ quan ngành dọc")
    OTHER = "other", _("Đơn vị khác")
    WARD = "ward", _("Phường")
    COMMUNE = "commune", _("Xã")


AREA_KINDS = (Kind.WARD, Kind.COMMUNE)


def kind_order() -> models.Case:
    """An expression to ORDER BY that puts kinds in the order of Kind."""
    return models.Case(
        *(models.When(kind=kind, then=rank) for rank, kind in enumerate(Kind.values)),
        default=len(Kind.values),
        output_field=models.IntegerField(),
    )


class Organisation(models.Model):
    """A node of the organisation tree. The tree is data: local government changes shape."""

    kind = models.CharField(_("loại"), max_length=30, choices=Kind.choices)
    name = models.CharField(_("tên"), max_length=255, db_collation=VIETNAMESE)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=255, blank=True)
    short_name = models.CharField(_("tên viết tắt"), max_length=60, blank=True)
    slug = models.SlugField(_("định danh"), max_length=100, unique=True)
    parent = models.ForeignKey(
        "self", verbose_name=_("cơ quan cấp trên"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="children",
    )  # fmt: skip
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=60, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    website = models.URLField(_("trang thông tin"), blank=True)
    spokesperson_name = models.CharField(_("người phát ngôn"), max_length=200, blank=True)
    spokesperson_title = models.CharField(_("chức vụ người phát ngôn"), max_length=200, blank=True)
    spokesperson_phone = models.CharField(_("điện thoại người phát ngôn"), max_length=60, blank=True)
    spokesperson_email = models.EmailField(_("thư người phát ngôn"), blank=True)
    active = models.BooleanField(_("đang hoạt động"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("cơ quan")
        verbose_name_plural = _("cơ quan")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if get_language() == "en" and self.name_en:
            return self.name_en
        return self.name

    @property
    def is_area(self) -> bool:
        return self.kind in AREA_KINDS
