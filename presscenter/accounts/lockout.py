"""How django-axes counts sign-in failures here, and the page a locked-out visitor sees."""

from typing import Any

from axes.models import AccessAttempt
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


def is_locked_out(username: str) -> bool:
    """Whether sign-in under this username is locked now (failures within the cool-off period)."""
    recent = AccessAttempt.objects.filter(
        username=lockout_key(username), attempt_time__gte=timezone.now() - settings.AXES_COOLOFF_TIME
    )
    failures = recent.aggregate(total=Sum("failures_since_start"))["total"] or 0
    return failures >= settings.AXES_FAILURE_LIMIT
