from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebhooksConfig(AppConfig):
    name = "presscenter.webhooks"
    label = "webhooks"
    verbose_name = _("Webhook và WebSub")

    def ready(self) -> None:
        from presscenter.delivery import channels, wake  # noqa: PLC0415 ready
        from presscenter.webhooks.sender import SENDER  # noqa: PLC0415 ready
        from presscenter.webhooks.tasks import enqueue_websub_push  # noqa: PLC0415 ready

        channels.register(SENDER)
        wake.on_announce("websub", enqueue_websub_push)
