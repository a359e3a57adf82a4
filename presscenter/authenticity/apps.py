from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuthenticityConfig(AppConfig):
    name = "presscenter.authenticity"
    label = "authenticity"
    verbose_name = _("Xác thực")
