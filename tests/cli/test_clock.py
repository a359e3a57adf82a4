import datetime as dt
import logging

from django.utils import timezone

from presscenter.cli import main
from presscenter.core import clock
from presscenter.releases import domain
from presscenter.releases.models import Item, LatePublication, State
from presscenter.releases.tasks import publish_due_task


def due_item(newsroom, minutes_ago: int = 1) -> Item:
    """A scheduled item whose slot has passed (scheduled for the near future, then moved back)."""
    item = newsroom.draft(title="Thông báo lịch cắt điện phường Hoàn Kiếm")
    domain.submit(newsroom.editor, item)
    domain.approve(newsroom.spokesperson, item, publish_at=timezone.now() + dt.timedelta(hours=1))
    Item.objects.filter(pk=item.pk).update(scheduled_at=timezone.now() - dt.timedelta(minutes=minutes_ago))
    return item


def test_task_publishes_due_items(newsroom):
    item = due_item(newsroom)
    result = publish_due_task.enqueue()
    assert result.return_value == [item.pk]
    item.refresh_from_db()
    assert item.state == State.PUBLISHED
    assert item.current_version.number == 1


def test_clock_tick_publishes_a_due_scheduled_item(newsroom):
    item = due_item(newsroom)
    later = newsroom.draft(title="Thông báo họp báo tuần sau")
    domain.submit(newsroom.editor, later)
    domain.approve(newsroom.spokesperson, later, publish_at=timezone.now() + dt.timedelta(days=7))
    assert clock.tick() == len(clock.PERIODIC_TASKS)
    item.refresh_from_db()
    later.refresh_from_db()
    assert item.state == State.PUBLISHED
    assert later.state == State.SCHEDULED


def test_a_missed_slot_is_published_and_recorded_as_late(newsroom):
    item = due_item(newsroom, minutes_ago=30)
    clock.tick()
    late = LatePublication.objects.get(item=item)
    assert late.delay_seconds >= 30 * 60


def test_clock_command_runs_one_tick(newsroom):
    item = due_item(newsroom)
    assert main(["clock", "--once"]) == 0
    item.refresh_from_db()
    assert item.state == State.PUBLISHED


def test_a_failing_task_is_logged_and_the_loop_goes_on(newsroom, monkeypatch, caplog):
    item = due_item(newsroom)
    monkeypatch.setattr(clock, "PERIODIC_TASKS", {"presscenter.khong.ton_tai": 0, **clock.PERIODIC_TASKS})
    pauses: list[float] = []
    with caplog.at_level(logging.ERROR, logger="presscenter.clock"):
        clock.run(10, ticks=3, sleep=pauses.append)
    assert len(pauses) == 2
    assert all(0 < pause <= 10 for pause in pauses)
    assert len([r for r in caplog.records if "presscenter.khong.ton_tai" in r.getMessage()]) == 3
    item.refresh_from_db()
    assert item.state == State.PUBLISHED


def test_a_task_with_a_period_is_enqueued_once_in_that_period(newsroom):
    every_tick = [path for path, period in clock.PERIODIC_TASKS.items() if not period]
    hourly = "presscenter.press.tasks.card_expiry_task"
    assert clock.PERIODIC_TASKS[hourly] == 3600
    last_run: dict[str, float] = {}
    assert [clock.tick(last_run) for _ in range(3)] == [len(clock.PERIODIC_TASKS), *[len(every_tick)] * 2]
    for path, period in clock.PERIODIC_TASKS.items():
        last_run[path] -= period  # each one period later
    assert clock.tick(last_run) == len(clock.PERIODIC_TASKS)
