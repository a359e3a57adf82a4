from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SyndicationConfig(AppConfig):
    name = "presscenter.syndication"
    label = "syndication"
    verbose_name = _("Kênh tin và trao đổi dữ liệu")
