"""Fixed-window request counters in Django's cache (Redis when configured, shared by every process)."""

import time
from dataclasses import dataclass

from django.core.cache import cache


@dataclass(frozen=True)
class Window:
    limit: int
    count: int
    reset_in: int  # seconds until the window closes

    @property
    def allowed(self) -> bool:
        return self.count <= self.limit

    @property
    def remaining(self) -> int:
        return max(0, self.limit - self.count)


def hit(key: str, limit: int, period: int = 60) -> Window:
    """Count one request for `key` in the current window of `period` seconds."""
    now = int(time.time())
    start = now - now % period
    cache_key = f"ratelimit:{key}:{start}"
    # add() creates the counter atomically only if absent; incr() is atomic on Redis and locmem.
    cache.add(cache_key, 0, timeout=period + 1)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # the counter expired between add() and incr()
        cache.set(cache_key, 1, timeout=period + 1)
        count = 1
    return Window(limit=limit, count=count, reset_in=start + period - now)
