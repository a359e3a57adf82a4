"""Thin tasks of the events app. The clock enqueues the periodic ones
(presscenter.core.clock.PERIODIC_TASKS); all are idempotent."""

import datetime as dt
import threading
import time

from django.utils import timezone
from django_tasks import task

from presscenter.events import notices

# A burst of registrations (hundreds a second when one opens) wakes the sender at most once per
# WAKE_WINDOW per process: the first change wakes it at once, the next ones within the window
# share one wake-up deferred to the window's end, which runs after their commits.
WAKE_WINDOW = 1.0  # seconds


@task()
def send_notices_task() -> None:
    """Event notices due: new ones (woken after commit), retries after backoff, claims of dead workers."""
    notices.send_due_notices()


@task()
def reminders_task() -> None:
    """Reminders to approved registrants of the events starting within a day."""
    if notices.queue_reminders():
        notices.send_due_notices()


class _Waker:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.last_now = -1e9  # when a sender was last woken at once (monotonic seconds)
        self.deferred_until = -1e9  # until when a deferred wake-up is already queued

    def __call__(self) -> None:
        if not send_notices_task.get_backend().supports_defer:
            send_notices_task.enqueue()
            return
        with self.lock:
            now = time.monotonic()
            if now - self.last_now > WAKE_WINDOW:
                self.last_now = now
                deferred = False
            elif now < self.deferred_until:
                return  # the queued wake-up runs after this commit and sends this notice too
            else:
                self.deferred_until = now + WAKE_WINDOW
                deferred = True
        if deferred:
            send_notices_task.using(run_after=timezone.now() + dt.timedelta(seconds=WAKE_WINDOW)).enqueue()
        else:
            send_notices_task.enqueue()


wake_sender = _Waker()
