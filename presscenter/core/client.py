"""The address of the client that made a request: what every rate limit and the sign-in lockout count.

Behind a reverse proxy every request comes from the proxy's address. The proxy appends the address
it saw to X-Forwarded-For (nginx: `$proxy_add_x_forwarded_for`), but whoever sends the request can
write anything into that header before it. So the header is believed only when the direct peer
(REMOTE_ADDR) is one of TRUSTED_PROXIES, and then read from the right: the right-most address that
is not itself a trusted proxy is the client (the one the outermost trusted proxy saw). Addresses
left of it were written by the client and are ignored. With TRUSTED_PROXIES empty (the default)
the header is never read.
"""

import ipaddress
from collections.abc import Iterable
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Address = ipaddress.IPv4Address | ipaddress.IPv6Address

UNKNOWN = "unknown"
MAX_HOPS = 20  # a longer header is not walked further: the rest was written by the client


def parse_networks(entries: Iterable[str]) -> tuple[Network, ...]:
    """Addresses and CIDR blocks ("10.0.0.5", "10.0.0.0/8", "::1"); a bad entry fails loudly."""
    networks = []
    for entry in entries:
        try:
            networks.append(ipaddress.ip_network(entry.strip(), strict=False))
        except ValueError as exc:
            raise ImproperlyConfigured(f"TRUSTED_PROXIES: {entry!r} is not an address or a CIDR block") from exc
    return tuple(networks)


@lru_cache(maxsize=8)
def _trusted(entries: tuple[str, ...]) -> tuple[Network, ...]:
    return parse_networks(entries)


def _address(text: str) -> Address | None:
    text = text.strip()
    if text.startswith("[") and "]" in text:  # "[2001:db8::1]:443"
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:  # "203.0.113.7:51000"
        text = text.partition(":")[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def _is_trusted(address: Address, networks: tuple[Network, ...]) -> bool:
    return any(address.version == network.version and address in network for network in networks)


def client_address(request: HttpRequest) -> str:
    """The client's address as text ("unknown" when even the peer's is missing or malformed)."""
    peer = _address(str(request.META.get("REMOTE_ADDR") or ""))
    if peer is None:
        return UNKNOWN
    networks = _trusted(tuple(getattr(settings, "TRUSTED_PROXIES", ())))
    if not networks or not _is_trusted(peer, networks):
        return str(peer)
    client = peer
    hops = [part for part in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",") if part.strip()]
    for hop in reversed(hops[-MAX_HOPS:]):
        address = _address(hop)
        if address is None:  # garbage: whatever stands left of it is not believed either
            break
        client = address
        if not _is_trusted(address, networks):
            break
    return str(client)


def address_or_none(request: HttpRequest) -> str | None:
    """For django-axes, which stores the address in an IP column (PostgreSQL's inet refuses
    "unknown"): None when the peer's address is missing or malformed (a test client's fake
    request, a broken front server)."""
    address = client_address(request)
    return None if address == UNKNOWN else address
