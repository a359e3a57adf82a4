"""The server-sent event stream of one browser tab (text/event-stream framing)."""

import asyncio
import json
from collections.abc import AsyncIterator

from asgiref.sync import sync_to_async
from django.conf import settings

from presscenter.live import events

RETRY_MS = 3000  # how long a browser waits before reconnecting


def _setting(name: str, default: float) -> float:
    return float(getattr(settings, name, default))


def frame(event: events.Event) -> str:
    data = json.dumps(event.data, ensure_ascii=False)
    return f"id: {event.id}\nevent: notification\ndata: {data}\n\n"


def unread_frame(count: int) -> str:
    return f"event: unread\ndata: {json.dumps({'unread_count': count})}\n\n"


async def notifications(user_id: int, last_event_id: int | None) -> AsyncIterator[str]:
    """Replays what the tab missed after `last_event_id`, then forwards new notifications,
    with a comment line as heartbeat so proxies keep the connection open.

    Subscribing before the replay query means nothing committed in between is lost; the id
    check drops what both paths deliver.
    """
    hub = events.hub()
    queue = await hub.subscribe(user_id)
    heartbeat = _setting("LIVE_HEARTBEAT_SECONDS", 15)
    try:
        yield f"retry: {RETRY_MS}\n\n"
        sent = last_event_id or 0
        if last_event_id is None:
            yield unread_frame(await sync_to_async(events.unread_of)(user_id))
        else:
            for event in await sync_to_async(events.replay)(user_id, last_event_id):
                yield frame(event)
                sent = event.id
        while True:
            try:
                event = await asyncio.wait_for(queue.get(), heartbeat)
            except TimeoutError:
                yield ": heartbeat\n\n"
                continue
            if event is events.CLOSE:
                return
            if event.id > sent:
                yield frame(event)
                sent = event.id
    finally:
        hub.unsubscribe(user_id, queue)
