"""Playwright against Debian's Chromium and pytest-django's live server.

Fixtures for every browser test: `browser_type_launch_args` (the system Chromium),
`browser_context_args` (a Vietnamese-language browser), `login`
(signs a user in by session cookie) and `visit` (opens a path on the live server).
"""

import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from tests.conftest import skip_or_fail

# Playwright's sync API runs an event loop in this thread; Django refuses ORM calls from a thread
# with a running loop unless told this is deliberate (test bodies create data synchronously).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

# The layout walk (every page of every role at two sizes) runs in a process of its own, after the
# suite (`make test`): collected in one process with tests/live/test_stream.py, its module-wide
# fixtures change pytest's order so that Playwright's session-wide event loop is still open in
# this thread when those tests call async_to_sync, which refuses.
if os.environ.get("PRESSCENTER_LAYOUT") != "1":
    collect_ignore = ["test_layout.py"]

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    if not CHROMIUM.exists():
        skip_or_fail(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    """A Vietnamese reader in Hanoi, as most visitors are (pages are Vietnamese unless the reader switches)."""
    return {**browser_context_args, "locale": "vi-VN", "timezone_id": "Asia/Ho_Chi_Minh"}


@pytest.fixture
def visit(live_server: Any, page: Any) -> Callable[[str], Any]:
    """Open a path on the live server and return the response."""

    def _visit(path: str) -> Any:
        response = page.goto(live_server.url + path)
        assert response is not None
        return response

    return _visit


@pytest.fixture
def login(live_server: Any, context: Any) -> Callable[[Any], None]:
    """Sign a user in for the browser context without going through the login form."""

    def _login(user: Any) -> None:
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])

    return _login


# The journeys' walk: every step at a phone's size and a laptop's, fitting the screen, without a
# script breaking the Content-Security-Policy, a full-page screenshot of each kept for review.
SIZES = {"375": {"width": 375, "height": 812}, "1366": {"width": 1366, "height": 768}}
TOO_WIDE = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.fixture(scope="session")
def shots() -> Path:
    folder = os.environ.get("PRESSCENTER_SCREENSHOTS")
    path = Path(folder) if folder else Path(tempfile.mkdtemp(prefix="presscenter-journeys-"))
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture
def walk(page: Any, live_server: Any, shots: Path) -> Iterator[Callable[[str, str], None]]:
    """Open a path, or look at the page as it stands (path ""), at both sizes: it must fit, and
    its screenshots are kept as <role>-<step>-<width>.png."""
    violations: list[str] = []
    page.on(
        "console",
        lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None,
    )
    page.on("pageerror", lambda error: violations.append(str(error)))
    print(f"screenshots: {shots}")

    def step(name: str, path: str = "") -> None:
        if path:
            response = page.goto(live_server.url + path)
            assert response is not None and response.ok, f"{name}: HTTP {response and response.status}"
        for width, size in SIZES.items():
            page.set_viewport_size(size)
            page.wait_for_load_state("networkidle")
            assert page.evaluate(TOO_WIDE) <= 0, f"{name} is wider than {width} px"
            page.screenshot(path=str(shots / f"{name}-{width}.png"), full_page=True)

    yield step
    assert violations == []
