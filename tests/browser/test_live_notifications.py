"""Two tabs of one journalist hear a publication live and keep the unread count in step.

pytest-django's live_server is threaded WSGI, which cannot stream an async generator, so this
test serves the app with a real uvicorn (ASGI) in a thread against the same test database.
"""

import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
import uvicorn
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.live.conftest import deliver_live, journalist

pytestmark = pytest.mark.browser


@pytest.fixture
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    # wait_for_function evaluates its predicate with eval(), which the site's strict CSP forbids.
    return {**browser_context_args, "bypass_csp": True}


@pytest.fixture
def asgi_url(transactional_db: None) -> Iterator[str]:
    from presscenter.asgi import application

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(application, host="127.0.0.1", port=port, log_level="warning", timeout_graceful_shutdown=1)
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join()


def test_two_tabs_hear_publication_and_share_read_state(asgi_url: str, context: Any) -> None:
    from tests.factories import Newsroom

    newsroom = Newsroom()
    reporter = journalist()
    client = Client()
    client.force_login(reporter)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": asgi_url}])

    centre = asgi_url + reverse("live:centre")
    first, second = context.new_page(), context.new_page()
    for tab in (first, second):
        tab.goto(centre)
        tab.wait_for_function("document.querySelector('[data-live-count]').textContent === '0'")
    time.sleep(1)  # both streams subscribed (their first frame set the count)

    item = newsroom.publish(title="Thông báo khẩn về mưa lớn tại Hà Nội")
    deliver_live(item, reporter)  # the dispatcher's step for the live channel

    for tab in (first, second):
        tab.get_by_role("link", name="Thông báo khẩn về mưa lớn tại Hà Nội").wait_for()
        tab.wait_for_function("document.querySelector('[data-live-count]').textContent === '1'")

    first.reload()
    first.get_by_role("button", name="Đánh dấu đã đọc").first.click()
    first.wait_for_function("document.querySelector('[data-live-count]').textContent === '0'")
    second.wait_for_function("document.querySelector('[data-live-count]').textContent === '0'")
