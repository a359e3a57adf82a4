"""Events for the after-the-event tests: one that has taken place."""

import datetime as dt

from django.utils import timezone

from presscenter.accounts.models import User
from presscenter.events.models import Event
from tests.events.factories import event


def held_event(editor: User, **fields: object) -> Event:
    """An event of the editor's agency that started three hours ago and is over."""
    created = event(editor, **fields)
    now = timezone.now()
    Event.objects.filter(pk=created.pk).update(
        starts_at=now - dt.timedelta(hours=3), ends_at=now - dt.timedelta(hours=1)
    )
    created.refresh_from_db()
    return created
