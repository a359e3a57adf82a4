from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExhibitionsConfig(AppConfig):
    name = "presscenter.exhibitions"
    label = "exhibitions"
    verbose_name = _("Triển lãm ảnh báo chí")

    def ready(self) -> None:
        from presscenter.audit import labels  # noqa: PLC0415 ready
        from presscenter.exhibitions import audit_labels  # noqa: PLC0415 ready

        labels.register(actions=audit_labels.ACTIONS, object_types=audit_labels.OBJECT_TYPES)
