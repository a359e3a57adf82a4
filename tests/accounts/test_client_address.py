"""The address django-axes counts is the one uvicorn puts in REMOTE_ADDR: with the serve command's
settings (uvicorn's default trusted proxy, 127.0.0.1), a client cannot choose it with
X-Forwarded-For, directly or through the documented nginx proxy."""

import asyncio
from concurrent.futures import ThreadPoolExecutor

import pytest
from uvicorn.config import Config
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from presscenter.cli import _web_command


def seen_address(client: str, forwarded_for: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.delenv("FORWARDED_ALLOW_IPS", raising=False)
    trusted = Config(app="presscenter.asgi:application").forwarded_allow_ips  # what `serve` runs with
    seen = {}

    async def app(scope, receive, send):
        seen["client"] = scope["client"][0]

    scope = {"type": "http", "client": (client, 50000), "headers": [(b"x-forwarded-for", forwarded_for.encode())]}
    # In a thread of its own: another test on this worker may have left an event loop running here.
    with ThreadPoolExecutor(1) as thread:
        thread.submit(asyncio.run, ProxyHeadersMiddleware(app, trusted_hosts=trusted)(scope, None, None)).result()
    return seen["client"]


def test_the_serve_command_keeps_uvicorns_trusted_proxy():
    assert not any(part.startswith("--forwarded-allow-ips") for part in _web_command("127.0.0.1", 8000))


def test_a_direct_client_cannot_write_its_address(monkeypatch):
    assert seen_address("203.0.113.9", "10.0.0.2", monkeypatch) == "203.0.113.9"


def test_through_the_proxy_the_address_nginx_appends_counts(monkeypatch):
    # nginx's $proxy_add_x_forwarded_for: what the client sent, then the address it came from.
    assert seen_address("127.0.0.1", "10.0.0.2, 203.0.113.9", monkeypatch) == "203.0.113.9"
