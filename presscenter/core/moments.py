"""How a moment is written for people: in Vietnam's time, the day first, as the pages write it
(`{{ moment|date:"d/m/Y H:i" }}`). Texts made outside a template (e-mails, timeline entries) use
this, so a deadline reads the same in a notice as on the page it links to."""

import datetime as dt

from django.utils import timezone
from django.utils.formats import date_format

DATETIME_FORMAT = "d/m/Y H:i"


def local_datetime(moment: dt.datetime | None) -> str:
    """ "08/12/2026 17:00" (Vietnam's time); "" for no moment."""
    return date_format(timezone.localtime(moment), DATETIME_FORMAT) if moment is not None else ""
