"""What the inquiry working screens share: finding an inquiry for its user, who sees the asker's
personal data, and the answering clock in words."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from presscenter.accounts import roles
from presscenter.core.errors import PermissionDenied
from presscenter.inquiries import access, deadlines
from presscenter.inquiries.models import OPEN_STATES, Inquiry, State
from presscenter.workdays.calendar import WorkCalendar
from presscenter.workdays.loader import load_calendar

# Under this much working time left, the list marks the inquiry as close to its deadline.
NEAR_SECONDS = 8 * 3600


def inquiry_for_work(user: Any, pk: Any) -> Inquiry:
    """The inquiry if the user's working screens list it; otherwise a 403 page."""
    inquiry = (
        access.workspace_inquiries(user)
        .select_related(
            "category",
            "organisation",
            "assignee",
            "area",
            "about_item",
            "about_event__organiser",
            "merged_into",
            "answer_item",
        )
        .filter(pk=pk)
        .first()
    )
    if inquiry is None:
        raise PermissionDenied(_("Bạn không có quyền với câu hỏi này."))
    return inquiry


def sees_asker_details(user: Any, inquiry: Inquiry) -> bool:
    """The asker's contact details: the centre and the responsible agency only (not the parent
    organisation an overdue question was escalated to, nor anyone else)."""
    if roles.is_staff(user):
        return True
    return inquiry.organisation_id is not None and roles.is_member_of(user, inquiry.organisation_id)


@dataclass
class Clock:
    text: str
    level: str  # overdue | near | ok | paused | none


def _working(seconds: int, overdue: bool, calendar: WorkCalendar) -> str:
    """Working time in words: whole days (and the hours beyond them), or hours, or under an hour."""
    days, rest = divmod(seconds, deadlines.working_day_seconds(calendar))
    hours = rest // 3600
    values = {"days": days, "hours": hours}
    text: object
    if days and hours:
        text = (
            _("quá hạn %(days)s ngày %(hours)s giờ làm việc")
            if overdue
            else _("còn %(days)s ngày %(hours)s giờ làm việc")
        )
    elif days:
        text = (
            ngettext("quá hạn %(days)s ngày làm việc", "quá hạn %(days)s ngày làm việc", days)
            if overdue
            else ngettext("còn %(days)s ngày làm việc", "còn %(days)s ngày làm việc", days)
        )
    elif hours:
        text = (
            ngettext("quá hạn %(hours)s giờ làm việc", "quá hạn %(hours)s giờ làm việc", hours)
            if overdue
            else ngettext("còn %(hours)s giờ làm việc", "còn %(hours)s giờ làm việc", hours)
        )
    else:
        text = _("quá hạn dưới 1 giờ làm việc") if overdue else _("còn dưới 1 giờ làm việc")
    return str(text) % values


def clock(inquiry: Inquiry, now: dt.datetime | None = None, calendar: WorkCalendar | None = None) -> Clock:
    """How much working time the agency has left (or how late it is), in words. Lists pass the
    calendar they loaded once."""
    now = now or timezone.now()
    calendar = calendar or load_calendar()
    if inquiry.state == State.WAITING:
        kept = _working(inquiry.remaining_seconds or 0, overdue=False, calendar=calendar)
        return Clock(str(_("tạm dừng, chờ người hỏi (%(left)s)") % {"left": kept}), "paused")
    if inquiry.state not in OPEN_STATES or inquiry.due_at is None:
        return Clock("", "none")
    if inquiry.due_at < now:
        late = deadlines.working_seconds_between(inquiry.due_at, now, calendar)
        return Clock(_working(late, overdue=True, calendar=calendar) if late else str(_("vừa quá hạn")), "overdue")
    left = deadlines.working_seconds_between(now, inquiry.due_at, calendar)
    return Clock(_working(left, overdue=False, calendar=calendar), "near" if left < NEAR_SECONDS else "ok")
