from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkdaysConfig(AppConfig):
    name = "presscenter.workdays"
    label = "workdays"
    verbose_name = _("Lịch làm việc")

    def ready(self) -> None:
        from presscenter.workdays.loader import configured_hours  # noqa: PLC0415 ready

        configured_hours()  # a malformed WORKING_HOURS stops the start-up, with the reason
