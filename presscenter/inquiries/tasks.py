"""Thin tasks of the inquiries, enqueued by the clock."""

from django_tasks import task

from presscenter.inquiries.suggest import retrain_from_history


@task()
def retrain_routing_task() -> None:
    """Daily: the routing model learns from the routing decisions (skipped while too few)."""
    retrain_from_history()
