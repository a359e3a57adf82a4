"""Announcing a change: an outbox row written inside the caller's transaction. Workers fan it
out after commit, so a crash at any moment loses nothing and a rollback sends nothing."""

from django.db import transaction

from presscenter.delivery import wake
from presscenter.delivery.models import EventKind, OutboxEvent
from presscenter.releases.models import Item, Priority

QUEUE_ORDER = {Priority.FLASH: 0, Priority.URGENT: 1, Priority.NORMAL: 5}


def announce(item: Item, kind: EventKind) -> OutboxEvent:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("announce must run inside the transaction of the change it announces")
    assert item.current_version is not None
    event = OutboxEvent.objects.create(
        kind=kind,
        item=item,
        version=item.current_version.number,
        priority=QUEUE_ORDER.get(Priority(item.priority), 5),
    )
    transaction.on_commit(lambda: wake.announced(event.pk, item.pk))
    return event
