"""The event stream as the server runs it: presscenter.asgi.application called directly with an
ASGI scope, receive and send (the lean stream app in front of Django), against the test
database. One test checks the Django view that serves the same URL through Django."""

import asyncio
import json
from typing import Any

from asgiref.sync import async_to_sync, sync_to_async
from django.conf import settings
from django.test import AsyncClient, Client
from django.urls import reverse

from presscenter.asgi import application
from presscenter.live import events
from presscenter.live.models import Notification
from tests import factories
from tests.accounts.conftest import current_code, enrolled, password_login
from tests.live.conftest import deliver_live, journalist, revoke


def parse(chunk: str) -> dict[str, Any]:
    """One SSE frame as {field: value}; comment lines under ":"."""
    fields: dict[str, Any] = {}
    for line in chunk.strip("\n").split("\n"):
        name, _, value = line.partition(":")
        fields[name or ":"] = value.strip()
    return fields


def session_cookie(user: Any) -> str:
    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


class Tab:
    """One browser tab's request to the stream, served by the ASGI application as uvicorn would."""

    def __init__(self, cookie: str = "", method: str = "GET", query: str = "", **headers: str):
        pairs = [(b"cookie", cookie.encode())] + [
            (name.replace("_", "-").lower().encode(), value.encode()) for name, value in headers.items()
        ]
        self.scope = {
            "type": "http",
            "method": method,
            "path": reverse("live:stream"),
            "query_string": query.encode(),
            "headers": pairs,
        }
        self.messages: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self.left = asyncio.Event()
        self.requested = False
        self.buffer = ""
        self.seen: list[dict[str, Any]] = []
        self.task: asyncio.Task[None] | None = None

    async def _receive(self) -> dict[str, Any]:
        if not self.requested:
            self.requested = True
            return {"type": "http.request", "body": b"", "more_body": False}
        await self.left.wait()
        return {"type": "http.disconnect"}

    async def open(self) -> dict[str, Any]:
        """Starts the request; returns the response start (status and headers)."""
        self.task = asyncio.create_task(application(self.scope, self._receive, self.messages.put))
        return await self.messages.get()

    async def body(self) -> str:
        message = await self.messages.get()
        return message["body"].decode()

    async def until(self, wanted: int, event: str | None = None) -> list[dict[str, Any]]:
        """All frames so far, once `wanted` notification or unread frames (or frames of type
        `event`) have arrived, or the response ended."""
        kinds = {event} if event else {"notification", "unread"}
        while sum(1 for f in self.seen if f.get("event", f.get(":") and "heartbeat") in kinds) < wanted:
            message = await self.messages.get()
            self.buffer += message["body"].decode()
            while "\n\n" in self.buffer:
                chunk, self.buffer = self.buffer.split("\n\n", 1)
                self.seen.append(parse(chunk))
            if not message.get("more_body"):
                break
        return self.seen

    async def close(self) -> None:
        self.left.set()
        assert self.task is not None
        await self.task


def status_of(tab: Tab) -> tuple[int, str]:
    async def scenario() -> tuple[int, str]:
        start = await tab.open()
        body = await tab.body()
        await tab.close()
        return start["status"], body

    return async_to_sync(scenario)()


def test_anonymous_unknown_and_revoked_are_refused(reporter):
    assert status_of(Tab()) == (401, "Vui lòng đăng nhập để nhận thông báo.")
    assert status_of(Tab(f"{settings.SESSION_COOKIE_NAME}=not-a-session"))[0] == 401
    cookie = session_cookie(reporter)
    revoke(reporter)
    assert status_of(Tab(cookie)) == (403, "Tài khoản này không được nhận thông báo.")


def test_only_get_is_allowed(reporter):
    assert status_of(Tab(session_cookie(reporter), method="POST"))[0] == 405


def test_refusal_follows_the_language_switch(db):
    english = Tab(f"{settings.LANGUAGE_COOKIE_NAME}=en")
    status, body = status_of(english)
    assert status == 401 and body  # translated by the lead later; never empty, never a 500


def test_fresh_stream_sends_retry_and_unread_count(newsroom, reporter):
    deliver_live(newsroom.publish(), reporter)
    tab = Tab(session_cookie(reporter))

    async def scenario() -> tuple[dict[str, Any], list[dict[str, Any]]]:
        start = await tab.open()
        try:
            return start, await tab.until(1)
        finally:
            await tab.close()

    start, seen = async_to_sync(scenario)()
    headers = dict(start["headers"])
    assert start["status"] == 200
    assert headers[b"content-type"].startswith(b"text/event-stream")
    assert headers[b"cache-control"] == b"no-cache, no-store"
    assert seen[0] == {"retry": "3000"}
    assert seen[1]["event"] == "unread"
    assert json.loads(seen[1]["data"]) == {"unread_count": 1}


def test_new_notification_reaches_every_tab_of_the_user(newsroom, reporter):
    item = newsroom.publish(title="Phân luồng giao thông dịp Quốc khánh")
    other = journalist()
    cookie = session_cookie(reporter)
    tabs = [Tab(cookie), Tab(cookie)]

    async def scenario() -> list[list[dict[str, Any]]]:
        for tab in tabs:
            await tab.open()
            await tab.until(1)  # the unread count: the stream is listening
        await sync_to_async(deliver_live)(item, reporter, other)
        try:
            return [await tab.until(2) for tab in tabs]
        finally:
            for tab in tabs:
                await tab.close()

    tabs_seen = async_to_sync(scenario)()
    mine = Notification.objects.get(user=reporter)
    for seen in tabs_seen:
        notifications = [f for f in seen if f.get("event") == "notification"]
        assert len(notifications) == 1
        data = json.loads(notifications[0]["data"])
        assert notifications[0]["id"] == str(mine.pk)
        assert data["title"] == "Phân luồng giao thông dịp Quốc khánh"
        assert data["url"] == item.get_absolute_url()
        assert (data["kind"], data["version"], data["unread_count"]) == ("published", 1, 1)


def test_last_event_id_replays_only_what_was_missed(newsroom, reporter):
    first, second, third = (newsroom.publish(title=f"Tin số {n}") for n in (1, 2, 3))
    for item in (first, second, third):
        deliver_live(item, reporter)
    seen_id = Notification.objects.get(user=reporter, item=first).pk
    cookie = session_cookie(reporter)

    async def scenario(tab: Tab) -> list[dict[str, Any]]:
        await tab.open()
        try:
            return await tab.until(2)
        finally:
            await tab.close()

    by_header = async_to_sync(scenario)(Tab(cookie, last_event_id=str(seen_id)))
    titles = [json.loads(f["data"])["title"] for f in by_header if f.get("event") == "notification"]
    assert titles == ["Tin số 2", "Tin số 3"]
    by_query = async_to_sync(scenario)(Tab(cookie, query=f"last_event_id={seen_id}"))
    ids = [int(f["id"]) for f in by_query if f.get("event") == "notification"]
    assert ids == sorted(ids) and len(ids) == 2 and min(ids) > seen_id


def test_malformed_last_event_id_is_a_fresh_start(reporter):
    tab = Tab(session_cookie(reporter), last_event_id="abc'--")

    async def scenario() -> list[dict[str, Any]]:
        assert (await tab.open())["status"] == 200
        try:
            return await tab.until(1)
        finally:
            await tab.close()

    assert async_to_sync(scenario)()[1]["event"] == "unread"


def test_heartbeats_keep_an_idle_stream_open(settings, reporter):
    settings.LIVE_HEARTBEAT_SECONDS = 0.05
    tab = Tab(session_cookie(reporter))

    async def scenario() -> list[dict[str, Any]]:
        await tab.open()
        try:
            return await tab.until(2, event="heartbeat")
        finally:
            await tab.close()

    assert sum(1 for f in async_to_sync(scenario)() if f.get(":") == "heartbeat") >= 2


def test_stream_ends_when_the_journalist_is_revoked(settings, reporter):
    settings.LIVE_ACCESS_SECONDS = 0  # re-check on every hub round
    tab = Tab(session_cookie(reporter))

    async def scenario() -> list[dict[str, Any]]:
        await tab.open()
        await tab.until(1)
        await sync_to_async(revoke)(reporter)
        seen = await tab.until(99)  # returns only because the response ends
        assert tab.task is not None
        await tab.task  # the app returned by itself
        return seen

    assert not any(f.get("event") == "notification" for f in async_to_sync(scenario)())


def test_a_closed_tab_leaves_the_hub(reporter):
    tab = Tab(session_cookie(reporter))

    async def scenario() -> tuple[set[int], set[int]]:
        await tab.open()
        await tab.until(1)
        listening = set(events.hub().queues)
        await tab.close()
        return listening, set(events.hub().queues)

    assert async_to_sync(scenario)() == ({reporter.pk}, set())


def test_public_user_sees_only_own_notifications(newsroom, reporter):
    deliver_live(newsroom.publish(), reporter)
    tab = Tab(session_cookie(factories.user()), last_event_id="0")

    async def scenario() -> list[dict[str, Any]]:
        await tab.open()
        await tab.until(0)
        await tab.close()
        return tab.seen

    assert not any(f.get("event") == "notification" for f in async_to_sync(scenario)())


def test_the_django_view_serves_the_same_stream(newsroom, reporter):
    """Under Django's own handler (test client, a server not started on presscenter.asgi)."""
    deliver_live(newsroom.publish(), reporter)
    assert async_to_sync(AsyncClient().get)(reverse("live:stream")).status_code == 401

    async def scenario() -> str:
        client = AsyncClient()
        await client.aforce_login(reporter)
        response = await client.get(reverse("live:stream"))
        content = response.streaming_content
        try:
            return (await anext(content)).decode() + (await anext(content)).decode()
        finally:
            await content.aclose()

    assert async_to_sync(scenario)() == 'retry: 3000\n\nevent: unread\ndata: {"unread_count": 1}\n\n'


def test_a_wsgi_server_is_told_not_to_stream(reporter):
    """Under WSGI (runserver, the browser tests' live_server) Django would drain the endless
    stream in a thread that outlives the request, its hub polling a database that is gone."""
    client = Client()
    client.force_login(reporter)
    response = client.get(reverse("live:stream"))
    assert (response.status_code, response.streaming, response.content) == (204, False, b"")
    assert Client().get(reverse("live:stream")).status_code == 401  # refusals still explain themselves


def test_a_session_signed_with_a_retired_secret_moves_to_a_new_cookie(settings, reporter):
    """Auth verifies the session hash with SECRET_KEY_FALLBACKS and moves the session to a new
    key: the stream must hand the browser that key, or the reader would be signed out."""
    cookie = session_cookie(reporter)
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-new-secret-for-this-test-only-0123456789-abcdefghijklmnop"
    tab = Tab(cookie)

    async def scenario() -> dict[str, Any]:
        start = await tab.open()
        await tab.until(1)
        await tab.close()
        return start

    start = async_to_sync(scenario)()
    assert start["status"] == 200
    set_cookie = dict(start["headers"])[b"set-cookie"].decode()
    assert set_cookie.startswith(f"{settings.SESSION_COOKIE_NAME}=") and "HttpOnly" in set_cookie
    renewed = set_cookie.split(";")[0]
    assert renewed != cookie
    assert status_of(Tab(cookie))[0] == 401  # the old key is gone
    again = Tab(renewed)

    async def with_new_cookie() -> int:
        status = (await again.open())["status"]
        await again.until(1)
        await again.close()
        return status

    assert async_to_sync(with_new_cookie)() == 200


def test_a_session_that_still_owes_its_second_factor_is_anonymous(settings, newsroom):
    """Password given, code not yet: the stream treats the session as signed out, as the API
    does; once the code is given the same kind of session listens."""
    settings.PRESSCENTER_REQUIRE_STAFF_OTP = True
    deliver_live(newsroom.publish(), newsroom.spokesperson)
    device, _codes = enrolled(newsroom.spokesperson)
    client = Client()
    assert password_login(client, newsroom.spokesperson).status_code == 302
    half_signed_in = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    assert status_of(Tab(half_signed_in)) == (401, "Vui lòng đăng nhập để nhận thông báo.")
    assert client.get(reverse("live:stream")).status_code == 302  # through Django: to the code page
    client.post(reverse("accounts:otp_verify"), {"code": current_code(device, steps_ahead=1)})
    verified = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    assert status_of(Tab(verified))[0] == 200


def test_an_optional_second_factor_once_enabled_is_owed_too(newsroom):
    """A journalist's authenticator is optional, but once enabled the code is owed like staff's."""
    reporter = journalist()
    enrolled(reporter)
    client = Client()
    password_login(client, reporter)
    half_signed_in = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    assert status_of(Tab(half_signed_in))[0] == 401
