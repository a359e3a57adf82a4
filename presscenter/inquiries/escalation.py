"""Reminders before the deadline and escalation after it (issue 11 §3). The clock runs `run`
(presscenter.inquiries.tasks.deadlines_task); every function takes `now` so tests control time.

- A reminder goes out once per deadline, `remind_before_hours` working hours before it (the
  inquiry's DeadlinePolicy), to the assignee (else the agency's editors and spokespersons) and
  the agency's spokespersons. A new deadline (reopened, resumed after the asker added
  information, transferred) clears `reminded_at`, which allows a new reminder.
- Escalation: once the deadline has passed and the inquiry is still with the agency (not
  waiting for the asker, not answered), level 1 tells the parent organisation's members and the
  centre's staff; still open INQUIRY_ESCALATE_AGAIN_DAYS working days after the deadline, level
  2 tells the grandparent's members and the centre again. `escalation_level` records how far it
  went, so no level is ever repeated; a transfer or a reopening starts over.

Each step is one transaction: the inquiry locked and checked again, the timeline entry, the
audit entry and the notices (sent by presscenter.inquiries.notices)."""

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone, translation
from django.utils.translation import gettext

from presscenter.accounts import roles
from presscenter.inquiries import deadlines, domain
from presscenter.inquiries.models import (
    HANDLING_STATES,
    DeadlinePolicy,
    DeadlineUnit,
    EventKind,
    Inquiry,
)
from presscenter.orgs.models import Organisation

# The levels of escalation: 1 the parent organisation (and the centre), 2 the grandparent.
ESCALATION_LEVELS = 2
BATCH = 500  # inquiries per run and step; the next run takes the rest
# With the agency and its clock running: not waiting for the asker (WAITING), not answered,
# closed, merged or rejected; a question still at the centre (NEW, TRIAGED) has no deadline yet.
RUNNING_STATES = HANDLING_STATES


def _now(now: dt.datetime | None) -> dt.datetime:
    return now or timezone.now()


def _names(users: list[Any]) -> str:
    return ", ".join(user.full_name or user.get_username() for user in users)


def _distinct(*groups: Any) -> list[Any]:
    seen: dict[int, Any] = {}
    for group in groups:
        for user in group:
            if user is not None and roles.is_active(user):
                seen.setdefault(user.pk, user)
    return list(seen.values())


# Reminders ------------------------------------------------------------------------------------


def reminder_recipients(inquiry: Inquiry) -> list[Any]:
    """The assignee (or, without one, the agency's editors and spokespersons) and the agency's
    spokespersons, each once."""
    assert inquiry.organisation_id is not None
    spokespersons = roles.agency_members(inquiry.organisation_id, spokespersons_only=True)
    assignee = inquiry.assignee if inquiry.assignee_id is not None else None
    if assignee is not None and roles.is_member_of(assignee, inquiry.organisation_id):
        return _distinct([assignee], spokespersons)
    return _distinct(roles.agency_members(inquiry.organisation_id), spokespersons)


def reminder_due(inquiry: Inquiry, policy: DeadlinePolicy, now: dt.datetime) -> bool:
    """Whether the reminder for the current deadline should go out now."""
    if inquiry.state not in RUNNING_STATES or inquiry.due_at is None or inquiry.reminded_at is not None:
        return False
    if inquiry.organisation_id is None or not policy.remind_before_hours or now >= inquiry.due_at:
        return False  # past the deadline: escalation speaks instead
    return deadlines.working_seconds_between(now, inquiry.due_at) <= policy.remind_before_hours * 3600


@transaction.atomic
def remind(inquiry: Inquiry, *, now: dt.datetime | None = None) -> bool:
    """Remind the agency of one inquiry's deadline, if it is due; True when it was sent."""
    now = _now(now)
    inquiry = domain._locked(inquiry)
    if not reminder_due(inquiry, deadlines.policy_for(inquiry.category, inquiry.priority), now):
        return False
    recipients = reminder_recipients(inquiry)
    event = domain._event(inquiry, EventKind.REMINDED, None, _names(recipients))
    domain._change(None, inquiry, "inquiry.remind", event, reminded_at=now)
    domain._notify_users(inquiry, event, recipients)
    return True


def _largest_reminder_hours() -> int:
    default = DeadlinePolicy._meta.get_field("remind_before_hours").get_default()
    saved = DeadlinePolicy.objects.aggregate(top=Max("remind_before_hours"))["top"] or 0
    return max(int(default), int(saved))


def remind_due(now: dt.datetime | None = None) -> int:
    """Send every reminder that is due; returns how many inquiries were reminded."""
    now = _now(now)
    # No policy reminds earlier than the largest `remind_before_hours`: a deadline further
    # away than that many working hours needs no look.
    horizon = deadlines.add_working_seconds(now, _largest_reminder_hours() * 3600)
    candidates = Inquiry.objects.filter(
        state__in=RUNNING_STATES, reminded_at__isnull=True, due_at__gt=now, due_at__lte=horizon
    ).select_related("category")
    policies: dict[tuple[int | None, str], DeadlinePolicy] = {}
    reminded = 0
    for inquiry in candidates.order_by("due_at", "id")[:BATCH]:
        key = (inquiry.category_id, inquiry.priority)
        if key not in policies:
            policies[key] = deadlines.policy_for(inquiry.category, inquiry.priority)
        if reminder_due(inquiry, policies[key], now) and remind(inquiry, now=now):
            reminded += 1
    return reminded


# Escalation -----------------------------------------------------------------------------------


def level_of(inquiry: Inquiry) -> int:
    """How far the breach was reported (an escalation recorded before the level was kept counts as 1)."""
    return max(inquiry.escalation_level, 1 if inquiry.escalated_at is not None else 0)


def level_due_at(inquiry: Inquiry, level: int) -> dt.datetime | None:
    """When escalation `level` falls due: the deadline itself for level 1, then
    INQUIRY_ESCALATE_AGAIN_DAYS more working days for each further level."""
    if inquiry.due_at is None:
        return None
    if level <= 1:
        return inquiry.due_at
    days = settings.INQUIRY_ESCALATE_AGAIN_DAYS * (level - 1)
    return deadlines.due_from(inquiry.due_at, DeadlinePolicy(amount=days, unit=DeadlineUnit.WORKING_DAYS))


def next_level_due(inquiry: Inquiry, now: dt.datetime) -> int | None:
    """The level to escalate to now, or None."""
    if inquiry.state not in RUNNING_STATES or inquiry.organisation_id is None:
        return None
    level = level_of(inquiry) + 1
    if level > ESCALATION_LEVELS:
        return None
    due = level_due_at(inquiry, level)
    return level if due is not None and due < now else None


def ancestor(organisation: Organisation | None, steps: int) -> Organisation | None:
    """The organisation `steps` levels above (1: the parent), or None past the top."""
    for _step in range(steps):
        if organisation is None or organisation.parent_id is None:
            return None
        organisation = Organisation.objects.filter(pk=organisation.parent_id).first()
    return organisation


def _escalation_text(above: Organisation | None, told_above: list[Any], told_centre: list[Any]) -> str:
    """Who was told, for the timeline (written in the site's language, like the audit log)."""
    with translation.override(settings.LANGUAGE_CODE):
        parts = []
        if above is not None:
            parts.append(
                gettext("%(organisation)s: %(people)s")
                % {"organisation": above.name, "people": _names(told_above) or gettext("chưa có tài khoản nào")}
            )
        parts.append(
            gettext("Trung tâm: %(people)s") % {"people": _names(told_centre) or gettext("chưa có tài khoản nào")}
        )
        return gettext("Đã báo: %(who)s.") % {"who": "; ".join(parts)}


@transaction.atomic
def escalate(inquiry: Inquiry, *, now: dt.datetime | None = None) -> int | None:
    """Report one overdue inquiry one level up, if that is due; returns the level reached."""
    now = _now(now)
    inquiry = domain._locked(inquiry)
    level = next_level_due(inquiry, now)
    if level is None:
        return None
    above = ancestor(inquiry.organisation, level)
    told_above = _distinct(roles.agency_members(above.pk)) if above is not None else []
    told_centre = _distinct(roles.centre_staff())
    event = domain._event(
        inquiry, EventKind.ESCALATED, None, _escalation_text(above, told_above, told_centre),
        from_organisation=inquiry.organisation, to_organisation=above,
    )  # fmt: skip
    changes: dict[str, Any] = {"escalation_level": level}
    if inquiry.escalated_at is None:
        changes["escalated_at"] = now
    domain._change(None, inquiry, "inquiry.escalate", event, **changes)
    domain._notify_users(inquiry, event, _distinct(told_above, told_centre))
    return level


def escalate_due(now: dt.datetime | None = None) -> int:
    """Escalate every overdue inquiry as far as is due; returns how many escalations were made.

    Fresh breaches are looked at first, so a backlog waiting for a further level never holds
    them back. A further level falls due INQUIRY_ESCALATE_AGAIN_DAYS working days after the
    deadline, never sooner than as many calendar days: older deadlines only are looked at."""
    now = _now(now)
    running = Inquiry.objects.filter(state__in=RUNNING_STATES, due_at__lt=now).order_by("due_at", "id")
    fresh = running.filter(escalation_level=0, escalated_at__isnull=True)
    again = now - dt.timedelta(days=settings.INQUIRY_ESCALATE_AGAIN_DAYS)
    further = running.filter(
        Q(escalation_level__gte=1) | Q(escalated_at__isnull=False),
        escalation_level__lt=ESCALATION_LEVELS,
        due_at__lt=again,
    )
    escalated = 0
    for candidates in (fresh, further):
        for inquiry in candidates[:BATCH]:
            # A worker away for days catches up at once, level after level.
            while next_level_due(inquiry, now) is not None:
                if escalate(inquiry, now=now) is None:
                    break  # answered or moved meanwhile
                escalated += 1
                inquiry.refresh_from_db(fields=["escalation_level", "escalated_at", "state", "due_at"])
    return escalated


def run(now: dt.datetime | None = None) -> tuple[int, int]:
    """One round of the clock: (reminders sent, escalations made)."""
    now = _now(now)
    return remind_due(now), escalate_due(now)
