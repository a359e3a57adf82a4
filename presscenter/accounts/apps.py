from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "presscenter.accounts"
    label = "accounts"
    verbose_name = _("Tài khoản")

    def ready(self) -> None:
        from presscenter.accounts import middleware  # noqa: F401, PLC0415 ready - connects the sign-in signal
