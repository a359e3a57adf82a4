"""The server-sent event stream of one browser tab, as bytes ready for the socket.

Both doors to the stream use it: the lean ASGI app in front of Django (presscenter.live.asgi,
what the server runs) and the Django view (Django's test client, other servers).
"""

from collections.abc import AsyncGenerator

from asgiref.sync import sync_to_async

from presscenter.live import events


def last_event_id(header: str | None, query: str | None) -> int | None:
    """The browser's Last-Event-ID header on an automatic reconnect, or ?last_event_id= when
    the page's script reconnects by itself; anything that is not a number is ignored."""
    raw = (header or query or "").strip()
    return int(raw) if raw.isdigit() else None


def _opening(user_id: int, after: int | None) -> list[events.Frame]:
    """The first frames: the unread count of a fresh tab, or what a reconnecting tab missed."""
    if after is None:
        return [events.RETRY, events.unread_frame(events.unread_of(user_id))]
    return [events.RETRY, *events.replay(user_id, after)]


async def notifications(user_id: int, after: int | None) -> AsyncGenerator[bytes, None]:
    """Replays what the tab missed after `after`, then forwards the hub's frames (new
    notifications and heartbeats) until the hub closes the stream or the client leaves.

    Subscribing before the replay query means nothing committed in between is lost; the id
    check drops what both paths deliver.
    """
    hub = events.hub()
    queue = await hub.subscribe(user_id)
    try:
        sent = after or 0
        for frame in await sync_to_async(_opening)(user_id, after):
            yield frame.data
            sent = max(sent, frame.id)
        while True:
            frame = await queue.get()
            if frame is events.CLOSE:
                return
            if frame.id == 0 or frame.id > sent:
                yield frame.data
                sent = max(sent, frame.id)
    finally:
        hub.unsubscribe(user_id, queue)
