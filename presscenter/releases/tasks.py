"""Thin tasks for official information items: they delegate to releases.domain."""

from django_tasks import task

from presscenter.releases import domain


@task()
def publish_due_task() -> list[int]:
    """Publish every scheduled item whose time has come; returns the ids published."""
    return [item.pk for item in domain.publish_due()]
