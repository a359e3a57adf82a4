from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MailConfig(AppConfig):
    name = "presscenter.mail"
    label = "mail"
    verbose_name = _("Thư điện tử")

    def ready(self) -> None:
        from presscenter.delivery import channels  # noqa: PLC0415 ready
        from presscenter.mail.sender import SENDER  # noqa: PLC0415 ready

        channels.register(SENDER)
