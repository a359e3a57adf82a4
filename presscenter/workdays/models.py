"""The days the centre configures on top of the public holidays, and the stamp that tells every process
when its cached calendar is out of date."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DayKind(models.TextChoices):
    MAKE_UP = "make_up", _("Ngày làm bù")
    DAY_OFF = "day_off", _("Ngày nghỉ thêm")


class DayException(models.Model):
    """A make-up working day (usually a Saturday) or an extra day off, as the government announces them."""

    date = models.DateField(_("ngày"), unique=True)
    kind = models.CharField(_("loại"), max_length=10, choices=DayKind.choices)
    name = models.CharField(_("tên"), max_length=200)
    note = models.TextField(_("ghi chú"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tạo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("lúc tạo"), auto_now_add=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("ngày làm việc đặc biệt")
        verbose_name_plural = _("ngày làm việc đặc biệt")

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.name}"


class CalendarStamp(models.Model):
    """One row: a new random token on every change of the configured days, in the same transaction.
    A process rebuilds its cached calendar when the token it built from is no longer the stored one.
    In the database rather than the cache so that a rolled-back change never leaves a token behind."""

    token = models.CharField(max_length=32)

    class Meta:
        verbose_name = _("phiên bản lịch làm việc")

    def __str__(self) -> str:
        return self.token
