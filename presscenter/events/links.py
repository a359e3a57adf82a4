"""Where an event lives on the public site, and the identifiers the exports share.

The public event page (/su-kien/<slug>/) belongs to the public calendar pages; every export
(iCal, ninjs, frab) names it through `event_page_url` only, so the path is written once."""

from urllib.parse import urlsplit

from django.conf import settings

from presscenter.events.models import Event, Session


def site_host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def event_page_url(slug: str) -> str:
    """The absolute address of the public page of the event with this slug."""
    return f"{settings.SITE_URL}/su-kien/{slug}/"


def ical_uid(thing: Event | Session) -> str:
    """The iCal UID: the object's own UUID at this site's host, stable whatever changes."""
    return f"{thing.uid}@{site_host()}"
