from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "presscenter.core"
    label = "core"

    def ready(self) -> None:
        from presscenter.core import lookups  # noqa: F401 - registers the `__any` lookup
