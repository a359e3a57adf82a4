from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebhooksConfig(AppConfig):
    name = "presscenter.webhooks"
    label = "webhooks"
    verbose_name = _("Webhook và WebSub")

    def ready(self) -> None:
        from presscenter.delivery import channels
        from presscenter.webhooks.sender import SENDER

        channels.register(SENDER)
