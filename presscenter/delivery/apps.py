from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeliveryConfig(AppConfig):
    name = "presscenter.delivery"
    label = "delivery"
    verbose_name = _("Gửi tin")

    def ready(self) -> None:
        from presscenter.delivery import channels
        from presscenter.delivery.email import SENDER

        channels.register(SENDER)
