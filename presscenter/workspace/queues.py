"""The work lists: each is a filter over the items the user may see in the workspace."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from presscenter.releases.access import workspace_items
from presscenter.releases.models import Item, State


@dataclass(frozen=True)
class Queue:
    slug: str
    title: Promise
    empty: Promise
    select: Callable[[Any, QuerySet[Item]], QuerySet[Item]]
    order: tuple[str, ...] = ("-updated_at", "-id")

    def items(self, user: Any) -> QuerySet[Item]:
        return self.select(user, workspace_items(user)).order_by(*self.order)


QUEUES = {
    queue.slug: queue
    for queue in (
        Queue(
            "drafts",
            _("Bản nháp của tôi"),
            _("Bạn không có bản nháp nào."),
            lambda user, items: items.filter(author=user, state=State.DRAFT),
        ),
        Queue(
            "review",
            _("Chờ duyệt"),
            _("Không có tin nào chờ duyệt."),
            lambda user, items: items.filter(state=State.IN_REVIEW),
            ("updated_at", "id"),
        ),
        Queue(
            "changes_requested",
            _("Cần chỉnh sửa"),
            _("Không có tin nào bị yêu cầu chỉnh sửa."),
            lambda user, items: items.filter(state=State.CHANGES_REQUESTED),
        ),
        Queue(
            "scheduled",
            _("Đã hẹn giờ"),
            _("Không có tin nào được hẹn giờ công bố."),
            lambda user, items: items.filter(state=State.SCHEDULED),
            ("scheduled_at", "id"),
        ),
        Queue(
            "published",
            _("Đã công bố"),
            _("Chưa có tin nào được công bố."),
            lambda user, items: items.filter(current_version__isnull=False, withdrawn_at__isnull=True),
            ("-last_published_at", "-id"),
        ),
    )
}
