from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InquiriesConfig(AppConfig):
    name = "presscenter.inquiries"
    label = "inquiries"
    verbose_name = _("Hỏi đáp, phản ánh")

    def ready(self) -> None:
        from presscenter.audit import labels  # noqa: PLC0415 ready
        from presscenter.inquiries import audit_labels, domain, notices, tasks  # noqa: PLC0415 ready

        labels.register(actions=audit_labels.ACTIONS, object_types=audit_labels.OBJECT_TYPES)
        notices.on_queued(tasks.wake_sender)
        domain.on_asked(tasks.enqueue_auto_route)
