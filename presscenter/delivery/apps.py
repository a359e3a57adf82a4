from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeliveryConfig(AppConfig):
    name = "presscenter.delivery"
    label = "delivery"
    verbose_name = _("Gửi tin")

    def ready(self) -> None:
        from presscenter.delivery import tasks, wake  # noqa: PLC0415 ready

        wake.on_announce("fan_out", tasks.enqueue_fan_out)
        wake.on_due(tasks.enqueue_dispatch)
