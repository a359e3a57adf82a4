"""What the superior organisation does with an escalated question (issue 11 §3): once a question is
overdue and escalated to the handling agency's parent (its grandparent at the second level), that
organisation's spokesperson, like the centre's staff, can

- give a directive (chỉ đạo) to the handling agency: an internal timeline entry that notifies the
  handling agency's spokespersons and the question's assignee;
- transfer the question to another agency under it, with a reason (the centre: to any agency);
- extend the deadline once, by some working days, with a reason: the asker sees the new deadline
  on the status page and the extension, with its reason, in the timeline.

Each is one transaction: the inquiry locked and checked again, the timeline entry, the audit
entry and the notices. Who may: presscenter.inquiries.access.can_act_as_superior."""

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from presscenter.accounts import roles
from presscenter.core.errors import DomainError, PermissionDenied
from presscenter.core.moments import local_datetime
from presscenter.inquiries import access, deadlines, domain
from presscenter.inquiries.models import DeadlinePolicy, DeadlineUnit, Event, EventKind, Inquiry, State
from presscenter.orgs.models import Organisation

MAX_DEPTH = 10  # the organisation tree is a few levels deep; bad data must not loop forever
NOT_SUPERIOR = _(
    "Chỉ người phát ngôn của cơ quan cấp trên (khi câu hỏi đã quá hạn và được báo lên) hoặc Trung tâm "
    "mới chỉ đạo, chuyển xử lý hay gia hạn được câu hỏi này."
)


def _superior(actor: Any, inquiry: Inquiry) -> Organisation | None:
    """Check the actor may act as the superior; the organisation they act for (None: the centre)."""
    if not access.can_act_as_superior(actor, inquiry):
        raise PermissionDenied(NOT_SUPERIOR)
    agency = roles.agency_of(actor)
    return None if roles.is_staff(actor) or agency is None else Organisation.objects.get(pk=agency)


def organisations_under(organisation_id: int) -> list[int]:
    """The active organisations below this one, at any depth (itself not included)."""
    children: dict[int, list[int]] = {}
    for pk, parent_id in Organisation.objects.filter(active=True).values_list("pk", "parent_id"):
        if parent_id is not None:
            children.setdefault(parent_id, []).append(pk)
    found: list[int] = []
    frontier, depth = [organisation_id], 0
    while frontier and depth < MAX_DEPTH:
        frontier = [child for pk in frontier for child in children.get(pk, []) if child not in found]
        found += frontier
        depth += 1
    return found


def _handlers(inquiry: Inquiry) -> list[Any]:
    """Who a superior's word reaches: the handling agency's spokespersons and the assignee."""
    assert inquiry.organisation_id is not None
    people = {user.pk: user for user in roles.agency_members(inquiry.organisation_id, spokespersons_only=True)}
    if inquiry.assignee_id is not None and inquiry.assignee is not None and inquiry.assignee.is_active:
        people.setdefault(inquiry.assignee.pk, inquiry.assignee)
    return list(people.values())


@transaction.atomic
def direct(actor: Any, inquiry: Inquiry, text: str) -> Event:
    """A directive to the handling agency (internal: the asker does not see it)."""
    inquiry = domain._locked(inquiry)
    above = _superior(actor, inquiry)
    text = domain._required(text, domain.MAX_REASON, "text", _("Hãy ghi nội dung chỉ đạo."))
    event = domain._event(
        inquiry, EventKind.DIRECTED, actor, text, from_organisation=above, to_organisation=inquiry.organisation
    )
    domain._change(actor, inquiry, "inquiry.direct", event)
    domain._notify_users(inquiry, event, _handlers(inquiry))
    return event


@transaction.atomic
def transfer(actor: Any, inquiry: Inquiry, organisation: Organisation, reason: str) -> Inquiry:
    """Give the question to another agency under the superior (the centre: any agency)."""
    inquiry = domain._locked(inquiry)
    above = _superior(actor, inquiry)
    if above is not None and organisation.pk not in organisations_under(above.pk):
        raise DomainError(
            _("Chỉ chuyển được cho cơ quan trực thuộc %(organisation)s.") % {"organisation": above.display_name},
            field="organisation",
        )
    return domain.hand_over(actor, inquiry, organisation, reason)


def _when(moment: dt.datetime) -> str:
    return local_datetime(moment)


@transaction.atomic
def extend(actor: Any, inquiry: Inquiry, days: int, reason: str) -> Inquiry:
    """A new deadline, `days` working days after the current one (or after now, if it has passed):
    once per question. The asker is told, with the reason."""
    inquiry = domain._locked(inquiry)
    above = _superior(actor, inquiry)
    if inquiry.deadline_extended_at is not None:
        raise DomainError(_("Thời hạn trả lời của câu hỏi này đã được gia hạn một lần; không gia hạn thêm được."))
    if inquiry.state == State.WAITING or inquiry.due_at is None:
        raise DomainError(_("Câu hỏi đang chờ người hỏi bổ sung thông tin: thời hạn đang tạm dừng."))
    limit = settings.INQUIRY_MAX_EXTENSION_DAYS
    if not isinstance(days, int) or isinstance(days, bool) or not 1 <= days <= limit:
        raise DomainError(_("Số ngày gia hạn phải từ 1 đến %(limit)s ngày làm việc.") % {"limit": limit}, field="days")
    reason = domain._required(reason, domain.MAX_REASON, "reason", _("Hãy ghi lý do gia hạn."))
    now = timezone.now()
    due = deadlines.due_from(max(inquiry.due_at, now), DeadlinePolicy(amount=days, unit=DeadlineUnit.WORKING_DAYS))
    with translation.override(settings.LANGUAGE_CODE):  # the timeline is written in the site's language
        text = gettext("Hạn trả lời mới: %(due)s. Lý do: %(reason)s") % {"due": _when(due), "reason": reason}
    event = domain._event(
        inquiry, EventKind.EXTENDED, actor, text, from_organisation=above, to_organisation=inquiry.organisation
    )
    domain._change(
        actor, inquiry, "inquiry.extend_deadline", event, due_at=due, deadline_extended_at=now, reminded_at=None
    )
    domain._notify_users(inquiry, event, _handlers(inquiry))
    domain._notify_asker(inquiry, event)
    return inquiry
