"""Live events for server-sent event streams, across processes.

The choice, and why:
- One `Hub` per server process (per event loop) waits on behalf of all of its open streams.
  When woken it reads the new Notification rows with ONE query (id greater than the last it
  saw) and hands each stream its own rows, so 5,000 open streams cost one query per wake-up,
  not 5,000. Payloads always come from the database: a wake-up message carries nothing that
  could be lost or trusted.
- With settings.REDIS_URL the sender publishes a wake-up on a Redis pub/sub channel after
  commit and the hub wakes at once; because pub/sub is fire-and-forget, the hub also polls
  every LIVE_SAFETY_POLL_SECONDS (default 5 s).
- Without Redis the hub polls the table every LIVE_POLL_SECONDS (default 0.25 s). That works with SQLite and across processes (web and
  worker) with nothing else installed, and one indexed query per quarter-second per process is
  cheap.
- Every LIVE_ACCESS_SECONDS (default 5 s), and for every user who receives an event, the hub
  re-checks that the user may still listen; a revoked or deactivated user's streams end.
- Each event is encoded to its SSE bytes once per user (the unread count in it is the user's)
  and the same bytes go to every tab of that user; the hub also puts the heartbeat on every
  queue, so a stream is nothing but a wait on its queue (no timer per stream).

Notification ids are assumed to become visible in increasing order. That holds on SQLite
(writers are serialised); on PostgreSQL two concurrent bulk inserts can commit out of order,
so there use Redis (the wake-up then coincides with the commit) and rely on the browser's
reconnect replay (Last-Event-ID) for the rare straggler.
"""

import asyncio
import contextlib
import json
import logging
import time
import weakref
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from asgiref.sync import sync_to_async
from django.conf import settings
from django.db import transaction
from django.db.models import Count, Max, Q
from django.urls import reverse

from presscenter.accounts.models import User
from presscenter.live import access
from presscenter.live.models import Notification
from presscenter.releases.models import Item

logger = logging.getLogger("presscenter.live")

CHANNEL = "presscenter:live"
FETCH_LIMIT = 20_000  # rows per wake-up; more are read on an immediate next round
COUNT_CHUNK = 2500  # user ids per query (SQLite >= 3.32 allows 32,766 parameters)


def _setting(name: str, default: float) -> float:
    return float(getattr(settings, name, default))


@dataclass(frozen=True)
class Frame:
    """What a stream writes: `id` is the notification (SSE event) id, 0 for control frames."""

    id: int
    data: bytes


def unread_frame(count: int) -> Frame:
    return Frame(0, f"event: unread\ndata: {json.dumps({'unread_count': count})}\n\n".encode())


RETRY = Frame(0, b"retry: 3000\n\n")  # how long a browser waits before reconnecting
HEARTBEAT = Frame(0, b": heartbeat\n\n")  # keeps proxies from closing an idle stream
CLOSE = Frame(-1, b"")  # put on a stream's queue: the user may no longer listen


# ---------------------------------------------------------------- publishing (sync side)

_redis_client: Any = None


def _publish_now(user_ids: list[int]) -> None:
    global _redis_client
    if not settings.REDIS_URL:
        return  # hubs poll the table
    try:
        if _redis_client is None:
            import redis  # noqa: PLC0415 optional

            _redis_client = redis.Redis.from_url(settings.REDIS_URL)
        _redis_client.publish(CHANNEL, json.dumps(user_ids))
    except Exception:
        logger.warning("live: could not publish a wake-up to Redis", exc_info=True)


def publish(user_ids: list[int]) -> None:
    """Wake every process's hub once the notifications for these users are committed."""
    if user_ids:
        transaction.on_commit(lambda: _publish_now(user_ids))


# ---------------------------------------------------------------- reading (database side)


class _Encoder:
    """Encodes notification rows to frames. A publication notifies thousands of users of one
    item version, so the part of the JSON they share (title, URL, kind, version) is encoded once
    per round; each row adds only its id, time and the user's unread count."""

    def __init__(self, rows: list[dict[str, Any]]) -> None:
        item_ids = {row["item_id"] for row in rows if row["item_id"] is not None}
        uids = dict(Item.objects.filter(id__in=item_ids).values_list("id", "uid")) if item_ids else {}
        self.urls = {item_id: reverse("portal:item", args=[uid]) for item_id, uid in uids.items()}
        self.shared: dict[tuple[int | None, int | None, str, str, str], str] = {}

    def frame(self, row: dict[str, Any], unread: int) -> Frame:
        # A personal notification (no item) carries its own link.
        key = (row["item_id"], row["version"], row["kind"], row["title"], row["link"])
        if key not in self.shared:
            url = self.urls.get(row["item_id"], "") if row["item_id"] is not None else row["link"]
            common = {"title": row["title"], "url": url, "kind": row["kind"]}
            self.shared[key] = json.dumps({**common, "version": row["version"]}, ensure_ascii=False)[1:-1]
        event_id = row["id"]
        data = (
            f'{{"id": {event_id}, {self.shared[key]}, "created_at": "{row["created_at"].isoformat()}", '
            f'"unread_count": {int(unread)}}}'
        )
        return Frame(event_id, f"id: {event_id}\nevent: notification\ndata: {data}\n\n".encode())


_FIELDS = ("id", "user_id", "title", "item_id", "kind", "version", "link", "created_at")


def latest_id() -> int:
    return Notification.objects.aggregate(top=Max("id"))["top"] or 0


def replay(user_id: int, after: int, limit: int = 100) -> list[Frame]:
    """The user's notifications after `after` (a reconnect's Last-Event-ID), oldest first,
    without embargoed titles the user may no longer read."""
    missed = Notification.objects.filter(user_id=user_id, id__gt=after)
    missed = access.readable(missed, User.objects.filter(pk=user_id).first())
    rows = list(missed.order_by("-id").values(*_FIELDS)[:limit])
    unread = unread_of(user_id)
    encoder = _Encoder(rows)
    return [encoder.frame(row, unread) for row in reversed(rows)]


def unread_of(user_id: int) -> int:
    return Notification.objects.filter(user_id=user_id, read_at__isnull=True).count()


def _allowed_with_unread(user_ids: list[int]) -> dict[int, int]:
    """Unread count of each user who may still listen (a user missing from the answer may not)."""
    counts: dict[int, int] = {}
    for start in range(0, len(user_ids), COUNT_CHUNK):
        chunk = user_ids[start : start + COUNT_CHUNK]
        rows = (
            access.listeners(chunk)
            .annotate(unread=Count("notifications", filter=Q(notifications__read_at__isnull=True)))
            .values_list("id", "unread")
        )
        counts.update(rows)
    return counts


def fetch_after(after: int, listening: set[int]) -> tuple[int, dict[int, list[Frame]], set[int]]:
    """New notifications after `after` for the listening users: (new high-water mark, events
    per user, listening users who may no longer listen)."""
    rows = list(Notification.objects.filter(id__gt=after).order_by("id").values(*_FIELDS)[:FETCH_LIMIT])
    if not rows:
        return after, {}, set()
    wanted = sorted({row["user_id"] for row in rows} & listening)
    unread = _allowed_with_unread(wanted)
    frames: dict[int, list[Frame]] = defaultdict(list)
    encoder = _Encoder([row for row in rows if row["user_id"] in unread])
    for row in rows:
        if row["user_id"] in unread:
            frames[row["user_id"]].append(encoder.frame(row, unread[row["user_id"]]))
    return rows[-1]["id"], frames, set(wanted) - set(unread)


def refused(user_ids: set[int]) -> set[int]:
    ids = sorted(user_ids)
    allowed: set[int] = set()
    for start in range(0, len(ids), COUNT_CHUNK):
        allowed.update(access.listeners(ids[start : start + COUNT_CHUNK]).values_list("id", flat=True))
    return user_ids - allowed


# ---------------------------------------------------------------- the hub (async side)


class Hub:
    """Waits for new notifications on behalf of every stream of this process."""

    def __init__(self) -> None:
        self.queues: dict[int, set[asyncio.Queue[Frame]]] = defaultdict(set)
        self.last_id: int | None = None
        self.wake = asyncio.Event()
        self.task: asyncio.Task[None] | None = None
        self.redis_task: asyncio.Task[None] | None = None
        self.starting = asyncio.Lock()  # a burst of connects reads the high-water mark once

    async def subscribe(self, user_id: int) -> "asyncio.Queue[Frame]":
        async with self.starting:
            if self.last_id is None:
                self.last_id = await sync_to_async(latest_id)()
        queue: asyncio.Queue[Frame] = asyncio.Queue()
        self.queues[user_id].add(queue)
        if self.task is None:
            self.task = asyncio.create_task(self._run())
            if settings.REDIS_URL:
                self.redis_task = asyncio.create_task(self._listen_redis())
        return queue

    def unsubscribe(self, user_id: int, queue: "asyncio.Queue[Frame]") -> None:
        listeners = self.queues.get(user_id)
        if listeners is not None:
            listeners.discard(queue)
            if not listeners:
                del self.queues[user_id]
        if not self.queues:  # nobody left: stop waiting, start afresh on the next stream
            for task in (self.task, self.redis_task):
                if task is not None:
                    task.cancel()
            self.task = self.redis_task = None
            self.last_id = None

    def _put(self, user_ids: Iterable[int], frame: Frame) -> None:
        for user_id in user_ids:
            for queue in self.queues.get(user_id, ()):
                queue.put_nowait(frame)

    async def _run(self) -> None:
        interval = (
            _setting("LIVE_SAFETY_POLL_SECONDS", 5) if settings.REDIS_URL else _setting("LIVE_POLL_SECONDS", 0.25)
        )
        access_every = _setting("LIVE_ACCESS_SECONDS", 5)
        heartbeat_every = _setting("LIVE_HEARTBEAT_SECONDS", 15)
        next_access_check = time.monotonic() + access_every
        next_heartbeat = time.monotonic() + heartbeat_every
        me = asyncio.current_task()
        # Not `while True`: on Python 3.11 asyncio.wait_for can swallow a cancellation, so the
        # loop also ends as soon as the hub has dropped this task (unsubscribe of the last stream).
        while self.task is me and me is not None and not me.cancelling():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.wake.wait(), min(interval, heartbeat_every))
            self.wake.clear()
            try:
                await self._deliver()
                if time.monotonic() >= next_access_check:
                    self._put(await sync_to_async(refused)(set(self.queues)), CLOSE)
                    next_access_check = time.monotonic() + access_every
            except Exception:  # a database hiccup must not end every stream of the process
                logger.exception("live: hub round failed")
            if time.monotonic() >= next_heartbeat:
                self._put(list(self.queues), HEARTBEAT)
                next_heartbeat = time.monotonic() + heartbeat_every

    async def _deliver(self) -> None:
        after = self.last_id or 0
        last, frames, denied = await sync_to_async(fetch_after)(after, set(self.queues))
        self.last_id = last
        for user_id, user_frames in frames.items():
            for queue in self.queues.get(user_id, ()):
                for frame in user_frames:
                    queue.put_nowait(frame)
        self._put(denied, CLOSE)
        if last - after >= FETCH_LIMIT:
            self.wake.set()  # more rows are waiting

    async def _listen_redis(self) -> None:
        """Wakes the hub on every publish. Polls with a timeout and checks that it is still the
        hub's listener, so it ends within a second of being replaced even if the Redis client
        swallows a cancellation (seen with redis-py's pub/sub at event-loop shutdown)."""
        import redis.asyncio as redis  # noqa: PLC0415 optional

        me = asyncio.current_task()
        while self.redis_task is me and me is not None and not me.cancelling():
            client = redis.Redis.from_url(settings.REDIS_URL)
            pubsub = client.pubsub()
            try:
                await pubsub.subscribe(CHANNEL)
                while self.redis_task is me and me is not None and not me.cancelling():
                    message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=1.0)
                    if message is not None and message["type"] == "message":
                        self.wake.set()
            except asyncio.CancelledError:
                raise
            except Exception:  # Redis away: the safety poll carries on; try again shortly
                logger.warning("live: Redis pub/sub lost, retrying", exc_info=True)
                await asyncio.sleep(1)
            finally:
                with contextlib.suppress(Exception):
                    await pubsub.aclose()
                    await client.aclose()


_hubs: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, Hub]" = weakref.WeakKeyDictionary()


def hub() -> Hub:
    """This event loop's hub (one per server process; tests get one per loop)."""
    loop = asyncio.get_running_loop()
    if loop not in _hubs:
        _hubs[loop] = Hub()
    return _hubs[loop]
