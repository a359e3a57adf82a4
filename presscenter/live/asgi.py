"""The event stream as a lean ASGI app that the server reaches before Django.

A stream lives for hours; passing it through Django's request handler and middleware would
keep a request, a response and a thread-sensitive context alive per open tab, and serialise
every connect through the sync middleware. Here the session cookie is read ONCE, through
Django's own session engine and auth (one thread hop), and the tab then waits on its queue in
the process's hub (presscenter.live.events) with nothing else held.
"""

import asyncio
from dataclasses import dataclass
from importlib import import_module
from typing import Any
from urllib.parse import parse_qs

from asgiref.sync import sync_to_async
from django.conf import settings
from django.contrib import auth
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpRequest, HttpResponse
from django.http.cookie import parse_cookie
from django.utils import translation
from django.utils.translation import check_for_language
from django.utils.translation import gettext as _
from django_otp.middleware import OTPMiddleware

from presscenter.accounts.middleware import owes_code
from presscenter.live import access, stream

Scope = dict[str, Any]
Receive = Any
Send = Any

STREAM_HEADERS = [
    (b"content-type", b"text/event-stream; charset=utf-8"),
    (b"cache-control", b"no-cache, no-store"),
    (b"x-accel-buffering", b"no"),  # nginx: pass events through at once
    (b"x-content-type-options", b"nosniff"),
]


def _language(cookies: dict[str, str]) -> str:
    """Vietnamese unless the reader chose English with the language switch (as on the pages)."""
    chosen = cookies.get(settings.LANGUAGE_COOKIE_NAME, "")
    return chosen if chosen and check_for_language(chosen) else settings.LANGUAGE_CODE


@dataclass(frozen=True)
class Admission:
    status: int  # 200, or 401 / 403 with `reason`
    user_id: int = 0
    reason: str = ""
    cookies: tuple[tuple[bytes, bytes], ...] = ()  # Set-Cookie headers from the session engine


def _session_cookies(request: HttpRequest) -> tuple[tuple[bytes, bytes], ...]:
    """What Django's session middleware sends back: usually nothing; a new cookie when auth
    moved the session to a new key (hash verified by a SECRET_KEY_FALLBACKS key), a deleted
    one when it flushed the session."""
    response = HttpResponse()
    SessionMiddleware(lambda _request: response).process_response(request, response)
    return tuple((b"set-cookie", morsel.OutputString().encode("latin-1")) for morsel in response.cookies.values())


def authorise(cookies: dict[str, str]) -> Admission:
    """Reads the session cookie through Django's session engine and auth, as a page would."""
    with translation.override(_language(cookies)):
        session_key = cookies.get(settings.SESSION_COOKIE_NAME)
        if not session_key:
            return Admission(401, reason=_("Vui lòng đăng nhập để nhận thông báo."))
        request = HttpRequest()  # bare: only what auth and the session middleware read
        request.session = import_module(settings.SESSION_ENGINE).SessionStore(session_key)
        request.COOKIES = cookies
        request.user = auth.get_user(request)
        # django-otp's middleware, as on a page, tells whether the second factor was given.
        user = OTPMiddleware(lambda verified: verified.user)(request)
        # A session that still owes its second factor is signed out here, as in the API.
        signed_in = user.is_authenticated and not owes_code(request)
        session_cookies = _session_cookies(request)
        if not signed_in:
            return Admission(401, reason=_("Vui lòng đăng nhập để nhận thông báo."), cookies=session_cookies)
        if not access.may_listen(user):
            return Admission(403, reason=_("Tài khoản này không được nhận thông báo."), cookies=session_cookies)
        return Admission(200, user_id=user.pk, cookies=session_cookies)


async def _refuse(send: Send, status: int, message: str, *extra: tuple[bytes, bytes]) -> None:
    body = message.encode()
    headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode()), *extra]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def _stream(admission: Admission, after: int | None, receive: Receive, send: Send) -> None:
    """Forward the tab's frames until the hub ends the stream or the client disconnects."""
    await send({"type": "http.response.start", "status": 200, "headers": [*STREAM_HEADERS, *admission.cookies]})
    streaming = asyncio.current_task()
    assert streaming is not None
    client_left = False

    async def watch_disconnect() -> None:
        nonlocal client_left
        while (await receive())["type"] != "http.disconnect":
            pass
        client_left = True
        streaming.cancel()  # wakes the stream out of its queue wait; its finally unsubscribes

    watcher = asyncio.create_task(watch_disconnect())
    frames = stream.notifications(admission.user_id, after)
    try:
        async for chunk in frames:
            await send({"type": "http.response.body", "body": chunk, "more_body": True})
        await send({"type": "http.response.body", "body": b"", "more_body": False})
    except asyncio.CancelledError:
        if not client_left:
            raise
        streaming.uncancel()
    finally:
        watcher.cancel()
        await frames.aclose()


async def app(scope: Scope, receive: Receive, send: Send) -> None:
    if scope["method"] != "GET":
        await _refuse(send, 405, "", (b"allow", b"GET"))
        return
    headers = {name.decode("latin-1"): value.decode("latin-1") for name, value in scope["headers"]}
    cookies = parse_cookie(headers.get("cookie", ""))
    admission = await sync_to_async(authorise)(cookies)
    if admission.status != 200:
        await _refuse(send, admission.status, admission.reason, *admission.cookies)
        return
    query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
    after = stream.last_event_id(headers.get("last-event-id"), query.get("last_event_id", [""])[0])
    await _stream(admission, after, receive, send)
