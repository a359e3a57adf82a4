from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebhooksConfig(AppConfig):
    name = "presscenter.webhooks"
    label = "webhooks"
    verbose_name = _("Webhook và WebSub")

    def ready(self) -> None:
        from presscenter.delivery import channels, wake
        from presscenter.webhooks.sender import SENDER
        from presscenter.webhooks.tasks import enqueue_websub_push

        channels.register(SENDER)
        wake.on_announce("websub", enqueue_websub_push)
