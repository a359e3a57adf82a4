"""The event stream through Django's async test client: the async view and its generator run
as under an ASGI server, against the test database."""

import json
from typing import Any

from asgiref.sync import async_to_sync, sync_to_async
from django.test import AsyncClient
from django.urls import reverse

from presscenter.live.models import Notification
from tests import factories
from tests.live.conftest import deliver_live, journalist, revoke


def parse(chunk: str) -> dict[str, Any]:
    """One SSE frame as {field: value}; comment lines under ":"."""
    fields: dict[str, Any] = {}
    for line in chunk.strip("\n").split("\n"):
        name, _, value = line.partition(":")
        fields[name or ":"] = value.strip()
    return fields


class Reader:
    """Reads SSE frames from a streaming response, a few at a time."""

    def __init__(self, response: Any):
        self.stream = response.streaming_content
        self.buffer = ""
        self.seen: list[dict[str, Any]] = []

    async def until(self, wanted: int) -> list[dict[str, Any]]:
        """All frames so far, once `wanted` notification or unread frames have arrived (or the stream ended)."""
        while sum(1 for f in self.seen if f.get("event") in {"notification", "unread"}) < wanted:
            try:
                part = await anext(self.stream)
            except StopAsyncIteration:
                break
            self.buffer += part.decode()
            while "\n\n" in self.buffer:
                chunk, self.buffer = self.buffer.split("\n\n", 1)
                self.seen.append(parse(chunk))
        return self.seen

    async def close(self) -> None:
        await self.stream.aclose()


async def frames(response: Any, wanted: int) -> list[dict[str, Any]]:
    reader = Reader(response)
    try:
        return await reader.until(wanted)
    finally:
        await reader.close()


async def client_for(user: Any) -> AsyncClient:
    client = AsyncClient()
    await client.aforce_login(user)
    return client


def test_anonymous_and_revoked_are_refused(reporter):
    assert async_to_sync(AsyncClient().get)(reverse("live:stream")).status_code == 401
    client = AsyncClient()
    client.force_login(reporter)
    revoke(reporter)
    assert async_to_sync(client.get)(reverse("live:stream")).status_code == 403


def test_fresh_stream_sends_retry_and_unread_count(newsroom, reporter):
    deliver_live(newsroom.publish(), reporter)

    async def scenario() -> list[dict[str, Any]]:
        response = await (await client_for(reporter)).get(reverse("live:stream"))
        assert response["Content-Type"].startswith("text/event-stream")
        return await frames(response, 1)

    seen = async_to_sync(scenario)()
    assert seen[0] == {"retry": "3000"}
    assert seen[1]["event"] == "unread"
    assert json.loads(seen[1]["data"]) == {"unread_count": 1}


def test_new_notification_reaches_open_stream(newsroom, reporter):
    item = newsroom.publish(title="Phân luồng giao thông dịp Quốc khánh")
    other = journalist()

    async def scenario() -> list[dict[str, Any]]:
        reader = Reader(await (await client_for(reporter)).get(reverse("live:stream")))
        await reader.until(1)  # the unread count: the stream is listening
        await sync_to_async(deliver_live)(item, reporter, other)
        try:
            return await reader.until(2)
        finally:
            await reader.close()

    seen = async_to_sync(scenario)()
    notification = next(f for f in seen if f.get("event") == "notification")
    data = json.loads(notification["data"])
    mine = Notification.objects.get(user=reporter)
    assert notification["id"] == str(mine.pk)
    assert data["title"] == "Phân luồng giao thông dịp Quốc khánh"
    assert data["url"] == item.get_absolute_url()
    assert (data["kind"], data["version"], data["unread_count"]) == ("published", 1, 1)


def test_last_event_id_replays_only_what_was_missed(newsroom, reporter):
    first, second, third = (newsroom.publish(title=f"Tin số {n}") for n in (1, 2, 3))
    for item in (first, second, third):
        deliver_live(item, reporter)
    seen_id = Notification.objects.get(user=reporter, item=first).pk

    async def scenario(**headers: str) -> list[dict[str, Any]]:
        response = await (await client_for(reporter)).get(reverse("live:stream"), **headers)
        return await frames(response, 2)

    by_header = async_to_sync(scenario)(headers={"Last-Event-ID": str(seen_id)})
    titles = [json.loads(f["data"])["title"] for f in by_header if f.get("event") == "notification"]
    assert titles == ["Tin số 2", "Tin số 3"]

    async def by_query() -> list[dict[str, Any]]:
        response = await (await client_for(reporter)).get(reverse("live:stream"), {"last_event_id": str(seen_id)})
        return await frames(response, 2)

    ids = [int(f["id"]) for f in async_to_sync(by_query)() if f.get("event") == "notification"]
    assert ids == sorted(ids) and min(ids) > seen_id


def test_malformed_last_event_id_is_a_fresh_start(reporter):
    async def scenario() -> list[dict[str, Any]]:
        response = await (await client_for(reporter)).get(reverse("live:stream"), headers={"Last-Event-ID": "abc'--"})
        assert response.status_code == 200
        return await frames(response, 1)

    assert async_to_sync(scenario)()[1]["event"] == "unread"


def test_stream_ends_when_the_journalist_is_revoked(settings, reporter):
    settings.LIVE_ACCESS_SECONDS = 0  # re-check on every hub round

    async def scenario() -> list[dict[str, Any]]:
        reader = Reader(await (await client_for(reporter)).get(reverse("live:stream")))
        await reader.until(1)
        await sync_to_async(revoke)(reporter)
        return await reader.until(99)  # returns only because the stream ends

    seen = async_to_sync(scenario)()
    assert not any(f.get("event") == "notification" for f in seen)


def test_public_user_sees_only_own_notifications(newsroom, reporter):
    reader = factories.user()
    deliver_live(newsroom.publish(), reporter)

    async def scenario() -> list[dict[str, Any]]:
        response = await (await client_for(reader)).get(reverse("live:stream"), headers={"Last-Event-ID": "0"})
        return await frames(response, 0)

    assert not any(f.get("event") == "notification" for f in async_to_sync(scenario)())
