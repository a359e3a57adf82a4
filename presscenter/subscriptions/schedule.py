"""When a subscription's digest is due: daily or weekly, at its hour, in the centre's time zone."""

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from presscenter.subscriptions.models import Cadence


def next_digest_at(subscription: Any, now: dt.datetime) -> dt.datetime:
    """The next digest hour (local time) after `now`; weekly: on the subscription's weekday."""
    zone = ZoneInfo(settings.TIME_ZONE)
    local = timezone.localtime(now, zone)
    at = local.replace(hour=subscription.digest_hour % 24, minute=0, second=0, microsecond=0)
    if subscription.cadence == Cadence.WEEKLY:
        at += dt.timedelta(days=(subscription.digest_weekday - at.weekday()) % 7)
        if at <= local:
            at += dt.timedelta(days=7)
    elif at <= local:
        at += dt.timedelta(days=1)
    return at.astimezone(dt.UTC)
