"""The working lists of inquiries: the centre's triage queue and an agency's inbox tabs, and
the count of what waits for the user (the menu's badge)."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from presscenter.accounts import roles
from presscenter.inquiries import access
from presscenter.inquiries.models import HANDLING_STATES, OPEN_STATES, Answer, AnswerState, Inquiry, State

TRIAGE_STATES = (State.NEW, State.TRIAGED)


def in_review() -> Exists:
    return Exists(Answer.objects.filter(inquiry=OuterRef("pk"), state=AnswerState.IN_REVIEW))


def triage_queue() -> QuerySet[Inquiry]:
    """New and triaged inquiries, oldest first: the centre routes them."""
    return Inquiry.objects.filter(state__in=TRIAGE_STATES).order_by("received_at", "id")


def _conditions() -> dict[str, Q]:
    """Which inquiries each tab lists (computed per request: "overdue" depends on now)."""
    running = [state for state in OPEN_STATES if state != State.WAITING]
    return {
        "can-xu-ly": Q(state__in=HANDLING_STATES) & ~Q(in_review()),
        "cho-nguoi-hoi": Q(state=State.WAITING),
        "cho-duyet": Q(in_review(), state__in=OPEN_STATES),
        "qua-han": Q(state__in=running, due_at__lt=timezone.now()),
        "da-tra-loi": Q(state__in=(State.ANSWERED, State.CLOSED)),
    }


ORDER = {
    "can-xu-ly": ("due_at", "id"),
    "cho-nguoi-hoi": ("paused_at", "id"),
    "cho-duyet": ("due_at", "id"),
    "qua-han": ("due_at", "id"),
    "da-tra-loi": ("-answered_at", "-id"),
}


@dataclass(frozen=True)
class Tab:
    slug: str
    title: Promise
    empty: Promise

    def filter(self, inquiries: QuerySet[Inquiry]) -> QuerySet[Inquiry]:
        return inquiries.filter(_conditions()[self.slug]).order_by(*ORDER[self.slug])


def tab_counts(inquiries: QuerySet[Inquiry]) -> dict[str, int]:
    """How many inquiries each tab holds, in one query."""
    counts = inquiries.aggregate(**{slug: Count("pk", filter=cond) for slug, cond in _conditions().items()})
    return {slug: int(count or 0) for slug, count in counts.items()}


TABS = {
    tab.slug: tab
    for tab in (
        Tab("can-xu-ly", _("Cần xử lý"), _("Không có câu hỏi nào cần xử lý.")),
        Tab("cho-nguoi-hoi", _("Chờ người hỏi"), _("Không có câu hỏi nào đang chờ người hỏi bổ sung.")),
        Tab("cho-duyet", _("Chờ duyệt"), _("Không có câu trả lời nào chờ duyệt.")),
        Tab("qua-han", _("Quá hạn"), _("Không có câu hỏi nào quá hạn.")),
        Tab("da-tra-loi", _("Đã trả lời"), _("Chưa có câu hỏi nào được trả lời.")),
    )
}


def needing_action(user: Any) -> int:
    """How many inquiries wait for this user, in one query: the centre's triage queue and the
    answers it may approve; an agency's inquiries to handle, and (for its spokesperson) to approve."""
    if roles.is_staff(user):
        counts = Inquiry.objects.aggregate(
            triage=Count("pk", filter=Q(state__in=TRIAGE_STATES)),
            review=Count("pk", filter=Q(in_review(), state__in=OPEN_STATES)),
        )
        return int(counts["triage"] + counts["review"])
    if roles.agency_of(user) is None:
        return 0
    agency = roles.agency_of(user)
    mine = Q(organisation_id=agency)
    todo = Q(mine, state__in=HANDLING_STATES) & ~Q(in_review())
    review = Q(mine, in_review(), state__in=OPEN_STATES)
    wanted = todo | review if roles.is_spokesperson(user) else todo
    return access.workspace_inquiries(user).filter(wanted).count()
