from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LiveConfig(AppConfig):
    name = "presscenter.live"
    label = "live"
    verbose_name = _("Thông báo trực tiếp")

    def ready(self) -> None:
        from presscenter.delivery import channels  # noqa: PLC0415 ready
        from presscenter.live.sender import SENDER  # noqa: PLC0415 ready

        channels.register(SENDER)
