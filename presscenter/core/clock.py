"""The clock: one process that enqueues periodic tasks; workers run them.

Run exactly one clock per installation. Every periodic task must be idempotent (publishing due
items is: each item is claimed under a row lock), so a tick that overlaps a slow worker is harmless.
"""

import logging
import math
import time
from collections.abc import Callable

from django.conf import settings
from django.db import connections
from django.utils.module_loading import import_string

logger = logging.getLogger("presscenter.clock")

# Dotted paths of the periodic tasks, and how often each is enqueued: 0 on every tick, else at
# most once in that many seconds (and on the first tick after the clock starts).
PERIODIC_TASKS: dict[str, int] = {
    "presscenter.releases.tasks.publish_due_task": 0,
    "presscenter.press.tasks.card_expiry_task": 3600,  # reminders are counted in days
    "presscenter.delivery.tasks.dispatch_due_task": 0,  # retries, quiet hours ended, stale claims
    "presscenter.delivery.tasks.lift_embargoes_task": 0,  # EMBARGO_LIFTED events
    "presscenter.mail.tasks.send_digests_task": 0,  # daily and weekly email digests
    "presscenter.delivery.tasks.recover_outbox_task": 0,  # events never fanned out, or with a dead claim
    "presscenter.core.tasks.recover_tasks_task": 0,  # tasks left RUNNING by a worker that died
    "presscenter.audit.tasks.checkpoint_task": 300,  # signed checkpoint of the audit chain's head
    "presscenter.inquiries.tasks.send_notices_task": 0,  # inquiry notices: retries, claims of dead workers
    "presscenter.inquiries.tasks.deadlines_task": 60,  # reminders before the deadline, escalation after it
    "presscenter.inquiries.tasks.close_expired_task": 3600,  # answered, past the reopening period
    "presscenter.inquiries.tasks.retrain_routing_task": 86400,  # the routing model, from the history
    "presscenter.inquiries.tasks.rollup_stats_task": 300,
    "presscenter.events.tasks.send_notices_task": 0,  # event notices: retries, claims of dead workers
    "presscenter.events.tasks.reminders_task": 600,  # reminders the day before an event  # the dashboard's daily roll-up: changed days, yesterday
}


def _drop_broken_connections() -> None:
    """What Django does between requests: a database restart must not stop the clock for good.
    Never inside a transaction (the caller's, or a test's)."""
    for connection in connections.all(initialized_only=True):
        if not connection.in_atomic_block:
            connection.close_if_unusable_or_obsolete()


def tick(last_run: dict[str, float] | None = None) -> int:
    """Enqueue every periodic task that is due (all of them without `last_run`, the times each
    was last enqueued, which this updates). A failing task is logged and the others still run.
    Returns how many were enqueued."""
    enqueued = 0
    now = time.time()
    for path, period in PERIODIC_TASKS.items():
        if last_run is not None and period and now - last_run.get(path, -math.inf) < period:
            continue
        _drop_broken_connections()
        try:
            import_string(path).enqueue()
        except Exception:  # not remembered as run: tried again on the next tick
            logger.exception("clock: could not enqueue %s", path)
            continue
        enqueued += 1
        if last_run is not None:
            last_run[path] = now
    return enqueued


def run(
    interval: float | None = None,
    *,
    ticks: int | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> None:
    """Tick every `interval` seconds, aligned to multiples of the interval so a slot scheduled
    for 08:00:00 is picked up right after it. `ticks` bounds the loop (None: forever)."""
    interval = float(interval or settings.CLOCK_INTERVAL_SECONDS)
    logger.info("clock: every %s s, tasks: %s", interval, ", ".join(PERIODIC_TASKS))
    done = 0
    last_run: dict[str, float] = {}
    while ticks is None or done < ticks:
        tick(last_run)
        done += 1
        if ticks is not None and done >= ticks:
            break
        sleep(interval - time.time() % interval)
