"""The working lists of inquiries: the centre's triage queue and an agency's inbox tabs, and
the count of what waits for the user (the menu's badge)."""

import operator
from collections.abc import Sequence
from dataclasses import dataclass
from functools import reduce
from typing import Any

from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    When,
    Window,
)
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


def _escalated_to(user: Any) -> Q:
    """The open inquiries escalated to the user's agency (the centre's staff: every escalated one)."""
    still_open = Q(state__in=(*HANDLING_STATES, State.WAITING))
    if roles.is_staff(user):
        return Q(still_open, escalated_at__isnull=False)
    agency = roles.agency_of(user)
    if agency is None:
        return Q(pk__in=[])
    return still_open & access.escalated_to(agency)


def _conditions(user: Any) -> dict[str, Q]:
    """Which inquiries each tab lists for this user (computed per request: "overdue" depends on now).
    An agency's "to handle" and "to approve" are its own questions; its spokesperson's "to handle"
    also holds those escalated to it that are being handled (a directive, a transfer or an extension
    is theirs to give). The centre's staff handle and approve everything."""
    running = [state for state in OPEN_STATES if state != State.WAITING]
    ours = Q() if roles.is_staff(user) else Q(organisation_id=roles.agency_of(user))
    escalated = _escalated_to(user)
    todo = Q(ours, state__in=HANDLING_STATES) & ~Q(in_review())
    if not roles.is_staff(user) and roles.is_spokesperson(user):
        todo |= Q(escalated, state__in=HANDLING_STATES)
    return {
        "can-xu-ly": todo,
        "duoc-bao-len": escalated,
        "cho-nguoi-hoi": Q(state=State.WAITING),
        "cho-duyet": Q(ours, in_review(), state__in=OPEN_STATES),
        "qua-han": Q(state__in=running, due_at__lt=timezone.now()),
        "da-tra-loi": Q(state__in=(State.ANSWERED, State.CLOSED)),
    }


ORDER = {
    "can-xu-ly": ("due_at", "id"),
    "duoc-bao-len": ("due_at", "id"),
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

    def filter(self, inquiries: QuerySet[Inquiry], user: Any) -> QuerySet[Inquiry]:
        return inquiries.filter(_conditions(user)[self.slug]).order_by(*ORDER[self.slug])


def tab_counts(inquiries: QuerySet[Inquiry], user: Any) -> dict[str, int]:
    """How many inquiries each tab holds for this user, in one query."""
    conditions = _conditions(user)
    counts = inquiries.aggregate(**{slug: Count("pk", filter=cond) for slug, cond in conditions.items()})
    return {slug: int(count or 0) for slug, count in counts.items()}


TABS = {
    tab.slug: tab
    for tab in (
        Tab("can-xu-ly", _("Cần xử lý"), _("Không có câu hỏi nào cần xử lý.")),
        Tab("duoc-bao-len", _("Được báo lên"), _("Không có câu hỏi quá hạn nào được báo lên.")),
        Tab("cho-nguoi-hoi", _("Chờ người hỏi"), _("Không có câu hỏi nào đang chờ người hỏi bổ sung.")),
        Tab("cho-duyet", _("Chờ duyệt"), _("Không có câu trả lời nào chờ duyệt.")),
        Tab("qua-han", _("Quá hạn"), _("Không có câu hỏi nào quá hạn.")),
        Tab("da-tra-loi", _("Đã trả lời"), _("Chưa có câu hỏi nào được trả lời.")),
    )
}


def needing_action(user: Any) -> int:
    """How many inquiries wait for this user, in one query: the centre's triage queue and the
    answers it may approve; an agency's inquiries to handle, and for its spokesperson those to approve
    and those escalated to the agency that are still being handled."""
    if roles.is_staff(user):
        counts = Inquiry.objects.aggregate(
            triage=Count("pk", filter=Q(state__in=TRIAGE_STATES)),
            review=Count("pk", filter=Q(in_review(), state__in=OPEN_STATES)),
        )
        return int(counts["triage"] + counts["review"])
    if roles.agency_of(user) is None:
        return 0
    conditions = _conditions(user)
    wanted = conditions["can-xu-ly"]
    if roles.is_spokesperson(user):
        wanted |= conditions["cho-duyet"]
    return access.workspace_inquiries(user).filter(wanted).count()


# The workspace overview --------------------------------------------------------------------------

OVERVIEW_SIZE = 5


@dataclass(frozen=True)
class Card:
    slug: str
    title: Promise
    query: str  # the inbox's (or the triage queue's) address query that lists them


CARDS = {
    card.slug: card
    for card in (
        Card("tiep-nhan", _("Câu hỏi, phản ánh chờ tiếp nhận"), ""),
        Card("cho-ban-duyet", _("Câu trả lời chờ bạn duyệt"), "loc=cho-duyet"),
        Card("giao-cho-ban", _("Câu hỏi giao cho bạn"), "loc=can-xu-ly&cua_toi=on"),
        Card("bao-len", _("Câu hỏi quá hạn được báo lên"), "loc=duoc-bao-len"),
    )
}


def _overview_conditions(user: Any) -> dict[str, Q]:
    """What waits for this user, by why: new questions to route (the centre), answers they may
    approve and did not write (two-person rule), questions given to them, questions escalated to
    their agency (the centre: every escalated one) still being handled."""
    wanted: dict[str, Q] = {}
    staff = roles.is_staff(user)
    if staff:
        wanted["tiep-nhan"] = Q(state__in=TRIAGE_STATES)
    if staff or roles.is_spokesperson(user):
        ours = Q() if staff else Q(organisation_id=roles.agency_of(user))
        others_answer = Answer.objects.filter(inquiry=OuterRef("pk"), state=AnswerState.IN_REVIEW).exclude(
            contributors=user
        )
        wanted["cho-ban-duyet"] = Q(ours, Exists(others_answer), state__in=OPEN_STATES)
    if not staff:
        wanted["giao-cho-ban"] = Q(assignee_id=user.pk, state__in=HANDLING_STATES) & ~Q(in_review())
    wanted["bao-len"] = Q(_escalated_to(user), state__in=HANDLING_STATES)
    return wanted


@dataclass(frozen=True)
class Overview:
    cards: list[tuple[Card, int]]
    # The first of them, soonest deadline first, each with the titles of why it waits for the user.
    rows: Sequence[tuple[Inquiry, list[Promise]]]
    total: int


def overview(user: Any) -> Overview | None:
    """The inquiries waiting for this user, for the workspace overview, in one query: the first few
    rows, each carrying the counts over all of them (window sums; no row, nothing waits). None for a
    user who handles no inquiries."""
    if not roles.is_staff(user) and roles.agency_of(user) is None:
        return None
    conditions = _overview_conditions(user)
    names = {slug: slug.replace("-", "_") for slug in conditions}
    flags = {f"why_{names[slug]}": ExpressionWrapper(cond, BooleanField()) for slug, cond in conditions.items()}
    counts = {
        f"count_{names[slug]}": Window(Sum(Case(When(cond, then=1), default=0, output_field=IntegerField())))
        for slug, cond in conditions.items()
    }
    listed = list(
        access.workspace_inquiries(user)
        .filter(reduce(operator.or_, conditions.values()))
        .annotate(**flags, **counts, count_all=Window(Count("pk")))
        .select_related("organisation")
        .order_by(F("due_at").asc(nulls_last=True), "id")[:OVERVIEW_SIZE]
    )
    first = listed[0] if listed else None
    rows = [
        (inquiry, [CARDS[slug].title for slug in conditions if getattr(inquiry, f"why_{names[slug]}")])
        for inquiry in listed
    ]
    cards = [(CARDS[slug], int(getattr(first, f"count_{names[slug]}", 0) or 0)) for slug in conditions]
    return Overview(cards=cards, rows=rows, total=int(getattr(first, "count_all", 0) or 0))
