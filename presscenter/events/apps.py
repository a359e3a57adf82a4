from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "presscenter.events"
    label = "events"
    verbose_name = _("Sự kiện báo chí")

    def ready(self) -> None:
        from presscenter.audit import labels  # noqa: PLC0415 ready
        from presscenter.events import (  # noqa: PLC0415 ready
            audit_labels,
            domain,
            notices,
            tasks,
        )

        labels.register(actions=audit_labels.ACTIONS, object_types=audit_labels.OBJECT_TYPES)
        notices.on_queued(tasks.wake_sender)
        domain.on_change(notices.on_event_change)  # changes, postponements, cancellations reach registrants
