"""At the lift, the public notification: an EMBARGO_LIFTED outbox event for every published
item whose embargo has passed and that has not been announced as lifted yet."""

import datetime as dt

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from presscenter.delivery.models import EventKind, OutboxEvent
from presscenter.delivery.outbox import announce
from presscenter.releases.models import Item


def lift_due_embargoes(now: dt.datetime | None = None) -> int:
    """Announce every lifted embargo once. Returns how many were announced."""
    now = now or timezone.now()
    lifted = OutboxEvent.objects.filter(item=OuterRef("pk"), kind=EventKind.EMBARGO_LIFTED)
    due = Item.objects.filter(embargo_until__lte=now, current_version__isnull=False, withdrawn_at__isnull=True).exclude(
        Exists(lifted)
    )
    announced = 0
    for item_id in due.values_list("pk", flat=True):
        with transaction.atomic():
            # Re-checked under the transaction: two overlapping clock ticks announce once.
            item = Item.objects.select_for_update(of=("self",)).select_related("current_version").get(pk=item_id)
            if OutboxEvent.objects.filter(item=item, kind=EventKind.EMBARGO_LIFTED).exists():
                continue
            announce(item, EventKind.EMBARGO_LIFTED)
            announced += 1
    return announced
