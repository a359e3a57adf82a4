"""How django-axes counts sign-in failures here, and the page a locked-out visitor sees.

What is locked: a (username, address) pair after AXES_FAILURE_LIMIT failures, and an address,
for every username, after LOGIN_ADDRESS_FAILURE_LIMIT failures. Never a username from every
address: then anyone could lock a named staff account, again and again (docs/security.md)."""

from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from axes.utils import reset as axes_reset
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone


def attempted_username(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    """Case and spaces do not make a new username to guess against."""
    source = credentials if credentials is not None else request.POST
    return lockout_key(str(source.get("username") or ""))


def locked_out(request: HttpRequest, original_response: Any, credentials: dict[str, Any] | None) -> HttpResponse:
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "accounts/locked_out.html", {"minutes": minutes}, status=429)


def lockout_key(username: str) -> str:
    return username.strip().lower()


def _recent_failures(**match: str) -> int:
    recent = AccessAttempt.objects.filter(attempt_time__gte=timezone.now() - settings.AXES_COOLOFF_TIME, **match)
    return recent.aggregate(total=Sum("failures_since_start"))["total"] or 0


def _address_locked(address: str) -> bool:
    return _recent_failures(ip_address=address) >= settings.LOGIN_ADDRESS_FAILURE_LIMIT


class PairAndAddressHandler(AxesDatabaseHandler):
    """django-axes has one failure limit for all its lockout parameters; this handler gives the
    address its own. get_failures reports the pair's count, or at least the limit once the
    address has reached LOGIN_ADDRESS_FAILURE_LIMIT. A successful sign-in clears only its own
    pair: clearing the address too would let an attacker with an account of their own reset the
    address's count by signing in between guesses."""

    def get_failures(self, request: Any, credentials: dict[str, Any] | None = None) -> int:
        username = get_client_username(request, credentials)
        address = request.axes_ip_address
        pair = _recent_failures(username=username, ip_address=address)
        return max(pair, settings.AXES_FAILURE_LIMIT) if _address_locked(address) else pair

    def reset_user_attempts(self, request: Any, credentials: dict[str, Any] | None = None) -> int:
        username = get_client_username(request, credentials)
        return AccessAttempt.objects.filter(username=username, ip_address=request.axes_ip_address).delete()[0]


def locked_addresses(username: str) -> list[str]:
    """The addresses from which this account tried and cannot sign in now: its own failures
    from there reached the limit, or the address's did."""
    key = lockout_key(username)
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    tried = AccessAttempt.objects.filter(username=key, attempt_time__gte=since).values_list("ip_address", flat=True)
    return sorted(
        address
        for address in set(tried)
        if _recent_failures(username=key, ip_address=address) >= settings.AXES_FAILURE_LIMIT or _address_locked(address)
    )


def is_locked_out(username: str) -> bool:
    """Whether sign-in under this username is locked now from an address it tried."""
    return bool(locked_addresses(username))


def unlock(username: str) -> tuple[int, list[str]]:
    """Clear this account's failures, and every failure of an address that locks it out: (how
    many records of failures were cleared, the addresses unlocked for everyone)."""
    key = lockout_key(username)
    addresses = [address for address in locked_addresses(key) if _address_locked(address)]
    cleared = axes_reset(username=key)
    return cleared + sum(axes_reset(ip=address) for address in addresses), addresses
