from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "presscenter.core"
    label = "core"
