"""Secrets issued to machine clients (the API tokens of accounts, the keys of Open311 client
applications): shown once when issued, stored only as a SHA-256 digest, revoked with an audit
entry, their last use noted to the minute. What both share; each app keeps its own rules of who
may issue and revoke, and its own model (fields digest, hint, last_used_at, revoked_at)."""

import datetime as dt
import hashlib
from collections.abc import Callable
from typing import Any, TypeVar

from django.db import models
from django.utils import timezone

from presscenter.core.errors import DomainError, PermissionDenied

# Writing last_used_at on every request would turn each read into a write; a minute is precise enough.
LAST_USED_PRECISION = dt.timedelta(minutes=1)
HINT_LENGTH = 10  # the secret's first characters, kept to tell secrets apart in lists


Secret = TypeVar("Secret", bound=models.Model)


def digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def hint(raw: str) -> str:
    return raw[:HINT_LENGTH]


def revoke(
    actor: Any,
    secret: Secret,
    *,
    allowed: Callable[[Any, Secret], bool],
    refused: Any,
    already: Any,
    record: Callable[..., object],
    snapshot: Callable[[Secret], dict[str, Any]],
    related: tuple[str, ...] = (),
) -> Secret:
    """Revoke under a row lock (call inside the caller's transaction). `allowed(actor, locked)` says
        whether the actor may; `record(locked, summary=, before=, after=)` writes the audit entry (the
    audit's `record` with the actor and the action bound) once it is revoked."""
    locked = type(secret)._default_manager.select_for_update().select_related(*related).get(pk=secret.pk)
    if not allowed(actor, locked):
        raise PermissionDenied(refused)
    if getattr(locked, "revoked_at", None) is not None:
        raise DomainError(already)
    before = snapshot(locked)
    locked.revoked_at = timezone.now()  # type: ignore[attr-defined]
    locked.save(update_fields=["revoked_at"])
    record(locked, summary=getattr(locked, "name", ""), before=before, after=snapshot(locked))
    return locked


def note_use(secret: Secret) -> Secret:
    """Note that the secret was just used: a write at most once a minute."""
    now = timezone.now()
    last = getattr(secret, "last_used_at", None)
    if last is None or now - last > LAST_USED_PRECISION:
        type(secret)._default_manager.filter(pk=secret.pk).update(last_used_at=now)
        secret.last_used_at = now  # type: ignore[attr-defined]
    return secret
