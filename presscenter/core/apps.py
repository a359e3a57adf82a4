from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "presscenter.core"
    label = "core"

    def ready(self) -> None:
        from presscenter.core import collation, lookups  # noqa: F401, PLC0415 ready - register the `__any` lookup and the collation
