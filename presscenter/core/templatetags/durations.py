"""Durations in the active language: `{{ moment|time_left }}` reads "19 giờ 36 phút".

Not Django's timeuntil: under Vietnamese it comes out in English ("19 hours, 36 minutes"),
since Django's Vietnamese catalog still has the old msgids ("%d hour") and misses its strings."""

import datetime as dt

from django import template
from django.utils import timezone
from django.utils.translation import ngettext, pgettext

register = template.Library()


@register.filter
def time_left(moment: dt.datetime, now: dt.datetime | None = None) -> str:
    """Like timeuntil: the largest unit that is not zero and the next one unless it is zero
    ("2 ngày 3 giờ", "5 phút"); a moment already past reads "0 phút"."""
    minutes = max(int((moment - (now or timezone.now())).total_seconds() // 60), 0)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    parts = [
        (days, ngettext("%(num)d ngày", "%(num)d ngày", days)),
        (hours, ngettext("%(num)d giờ", "%(num)d giờ", hours)),
        (minutes, ngettext("%(num)d phút", "%(num)d phút", minutes)),
    ]
    start = next((index for index, (count, _text) in enumerate(parts) if count), len(parts) - 1)
    shown = [
        text % {"num": count} for offset, (count, text) in enumerate(parts[start : start + 2]) if count or not offset
    ]
    return pgettext("giữa hai phần của một khoảng thời gian, như 19 giờ 36 phút", " ").join(shown)
