"""Thin tasks: take ids and plain values, delegate to the hub."""

from django_tasks import task

from presscenter.releases.models import Item
from presscenter.webhooks.websub import Request, push_updates, verify_intent


@task()
def verify_intent_task(*, mode: str, topic: str, callback: str, lease_seconds: int, secret: str) -> bool:
    return verify_intent(Request(mode, topic, callback, lease_seconds, secret))


@task()
def websub_push_task(*, item_id: int) -> int:
    """Enqueued after commit of every publication, correction or withdrawal (enqueue_websub_push)."""
    item = Item.objects.filter(pk=item_id).first()
    return push_updates(item) if item is not None else 0


def enqueue_websub_push(event_id: int, item_id: int) -> None:
    """Registered with presscenter.delivery.wake: every outbox event tells the hub's subscribers."""
    websub_push_task.enqueue(item_id=item_id)
