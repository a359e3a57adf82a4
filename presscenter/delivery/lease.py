"""How long a worker's claim (on deliveries, or on an outbox event to fan out) holds.

A worker renews its claim while it works (the dispatcher before each batch, fan-out before each
chunk); a claim left unrenewed for LEASE belongs to a worker that died, and is taken over: at
once by any worker that is dispatching, at the latest by the clock's next dispatch_due_task or
recover_outbox_task. So a killed worker's deliveries go out again within LEASE +
CLOCK_INTERVAL_SECONDS + a worker's poll: 10 + 15 + 1 = 26 s with the defaults
(docs/operations.md). LEASE must exceed one batch: webhooks are posted concurrently within
WEBHOOK_TIMEOUT (5 s); a batch slower than LEASE may be sent twice, each copy with its
idempotency key.
"""

import datetime as dt
from collections.abc import Callable

from django.utils import timezone

LEASE = dt.timedelta(seconds=10)


class Heartbeat:
    """Renews a claim while its holder works: call `beat()` before each batch or chunk.

    Renewing costs a write, so only once a third of the lease has passed: a claim done within a
    few seconds (the usual case) never renews, and a renewed one has two thirds of it left."""

    def __init__(
        self, renew: Callable[[dt.datetime], object], *, since: dt.datetime, lease: dt.timedelta = LEASE
    ) -> None:
        self.renew = renew
        self.last = since
        self.lease = lease

    def beat(self) -> None:
        now = timezone.now()
        if now - self.last > self.lease / 3:
            self.renew(now)
            self.last = now
