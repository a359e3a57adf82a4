"""The client's address behind a reverse proxy: X-Forwarded-For counts only from a trusted proxy,
read from the right, so a client cannot choose the address its rate limits and lockout count."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client, RequestFactory

from presscenter.core.client import address_or_none, client_address

PROXY = "10.0.0.5"


def address(remote: str | None, forwarded: str | None = None) -> str:
    meta = {}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    request = RequestFactory().get("/", **meta)
    if remote is None:
        del request.META["REMOTE_ADDR"]
    else:
        request.META["REMOTE_ADDR"] = remote
    return client_address(request)


def test_without_trusted_proxies_the_header_is_never_read(settings):
    settings.TRUSTED_PROXIES = []
    assert address("203.0.113.7", "198.51.100.1") == "203.0.113.7"


def test_an_untrusted_peer_cannot_spoof_its_address(settings):
    settings.TRUSTED_PROXIES = [PROXY]
    assert address("203.0.113.7", "198.51.100.1") == "203.0.113.7"
    assert address("203.0.113.7", "10.0.0.5") == "203.0.113.7"


def test_a_trusted_proxy_gives_the_address_it_appended(settings):
    settings.TRUSTED_PROXIES = [PROXY]
    assert address(PROXY, "198.51.100.1") == "198.51.100.1"


def test_addresses_the_client_wrote_left_of_the_proxys_are_ignored(settings):
    """nginx's $proxy_add_x_forwarded_for keeps what the client sent and appends the real peer."""
    settings.TRUSTED_PROXIES = [PROXY]
    assert address(PROXY, "1.2.3.4, 5.6.7.8, 198.51.100.1") == "198.51.100.1"


def test_a_chain_of_trusted_proxies_is_walked_from_the_right(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8", "2001:db8::/32"]
    assert address(PROXY, "1.2.3.4, 198.51.100.1, 10.1.2.3, 10.9.9.9") == "198.51.100.1"
    assert address("2001:db8::1", "2001:db9::2, [2001:db9:ffff::9]:443") == "2001:db9:ffff::9"
    assert address("2001:db8::1", "203.0.113.9:51000") == "203.0.113.9"


def test_garbage_in_the_header_stops_the_walk(settings):
    settings.TRUSTED_PROXIES = [PROXY]
    assert address(PROXY, "198.51.100.1, <script>, 10.0.0.5") == PROXY
    assert address(PROXY, "") == PROXY
    assert address(PROXY, " , ") == PROXY


def test_a_missing_or_malformed_peer_is_unknown(settings):
    settings.TRUSTED_PROXIES = [PROXY]
    assert address(None) == "unknown"
    assert address("not-an-address", "198.51.100.1") == "unknown"


def test_ipv4_mapped_ipv6_peers_match_ipv4_proxies(settings):
    settings.TRUSTED_PROXIES = [PROXY]
    assert address("::ffff:10.0.0.5", "198.51.100.1") == "198.51.100.1"


def test_a_bad_trusted_proxy_entry_fails_loudly(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/33"]
    with pytest.raises(ImproperlyConfigured):
        address(PROXY, "198.51.100.1")


# Every rate limit counts this address --------------------------------------------------------


@pytest.fixture
def behind_proxy(settings):
    settings.TRUSTED_PROXIES = [PROXY]
    settings.API_RATE_LIMIT_READ = 2


def test_api_budget_spoofing_a_forwarded_address_does_not_reset_it(db, behind_proxy):
    direct = Client(REMOTE_ADDR="203.0.113.7")
    statuses = [direct.get("/api/items", headers={"X-Forwarded-For": f"198.51.100.{n}"}).status_code for n in range(3)]
    assert statuses == [200, 200, 429]


def test_api_budget_behind_the_proxy_is_per_client(db, behind_proxy):
    proxy = Client(REMOTE_ADDR=PROXY)
    first = [proxy.get("/api/items", headers={"X-Forwarded-For": "198.51.100.1"}).status_code for _ in range(3)]
    assert first == [200, 200, 429]
    assert proxy.get("/api/items", headers={"X-Forwarded-For": "198.51.100.2"}).status_code == 200
    # A client behind the proxy cannot pose as another by writing the header itself.
    spoofed = proxy.get("/api/items", headers={"X-Forwarded-For": "198.51.100.2, 198.51.100.1"})
    assert spoofed.status_code == 429


def test_the_lockout_gets_none_rather_than_a_word_for_a_missing_address():
    # django-axes stores it in an IP column: PostgreSQL's inet refuses "unknown".
    request = RequestFactory().get("/")
    del request.META["REMOTE_ADDR"]
    assert address_or_none(request) is None
    request.META["REMOTE_ADDR"] = "203.0.113.7"
    assert address_or_none(request) == "203.0.113.7"
