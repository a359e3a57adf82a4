"""Who may receive an item through a subscription, checked at fan-out AND again at send time,
so a suspension, revocation or lapsed card stops deliveries already queued."""

from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from presscenter.accounts.roles import has_journalist_account
from presscenter.press.models import Accreditation, JournalistProfile
from presscenter.releases.access import can_see_embargoed
from presscenter.releases.models import Item

# A journalist in these states gets nothing at all, not even public items.
CUT_OFF = {Accreditation.SUSPENDED, Accreditation.REVOKED}


def _profile(user: Any) -> JournalistProfile | None:
    try:
        return user.journalist
    except JournalistProfile.DoesNotExist:
        return None


def _cut_off(user: Any) -> bool:
    """Suspended, revoked, and approved journalists whose card has lapsed (accredited is False)."""
    if not has_journalist_account(user):
        return False
    profile = _profile(user)
    if profile is None:
        return False
    return profile.status in CUT_OFF or (profile.status == Accreditation.APPROVED and not user.accredited)


def may_receive(user: Any, item: Item, *, at: datetime | None = None) -> bool:
    """Pending and rejected applicants receive public items like any member of the public;
    embargoed items before the lift go only to users who may read them (the one embargo rule,
    releases.access.can_see_embargoed: staff, accredited journalists, the issuing agency).
    Withdrawal notices go to every active recipient (the delivery helper sends them only to
    people who received the item)."""
    if user is None or not user.is_active or _cut_off(user):
        return False
    if item.withdrawn_at is not None:
        return True
    if item.current_version_id is None:
        return False
    return not item.under_embargo(at) or can_see_embargoed(user, item)


def _local(moment: date, clock: time, zone: ZoneInfo) -> datetime:
    return datetime.combine(moment, clock, tzinfo=zone)


def in_quiet_hours(user: Any, at: datetime | None = None) -> datetime | None:
    """When the user's quiet hours end if `at` falls inside them, else None. Quiet hours are
    local time (Asia/Ho_Chi_Minh) and may span midnight. Flash and urgent items ignore them:
    the caller decides that by priority."""
    profile = _profile(user) if user is not None else None
    if profile is None or profile.quiet_hours_start is None or profile.quiet_hours_end is None:
        return None
    start, end = profile.quiet_hours_start, profile.quiet_hours_end
    if start == end:
        return None
    zone = ZoneInfo(settings.TIME_ZONE)
    local = timezone.localtime(at or timezone.now(), zone)
    now, today = local.time(), local.date()
    if start < end:
        inside = start <= now < end
        ends = _local(today, end, zone)
    elif now >= start:  # spans midnight, evening part
        inside, ends = True, _local(today + timedelta(days=1), end, zone)
    else:  # spans midnight, morning part
        inside, ends = now < end, _local(today, end, zone)
    return ends.astimezone(ZoneInfo("UTC")) if inside else None
