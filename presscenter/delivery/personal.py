"""Outboxes of personal notices: one row per message to one person on one channel (e-mail, or the
live notification centre), written by an app's domain in the transaction of the change it
reports, and sent by a worker. Shared by the apps that keep such an outbox (inquiries, events);
each app keeps its own table, its rendering and its rules of who may still be told.

- Waking: `queued()` in the writing transaction registers one after-commit wake-up per
  transaction (the app's sending task); the clock also runs the sender on every tick, so a lost
  wake-up only delays a notice.
- Claiming: one conditional UPDATE (unsent, not failed, due, not claimed or its claim older than
  the lease → a fresh token, the attempt counted); only the holder of the token records the
  outcome. A worker killed while sending leaves its claim to run out: the notice goes out again
  after the lease (e-mail with the same Message-ID, live with the same key, so a copy is dropped).
- Outcome: a temporary failure is retried with backoff (attempts, last_error); a refusal or the
  last attempt marks the notice failed (failed_at).

The table inherits ClaimedNotice's fields and has `channel` ("email" or "live") and `key` (for
the logs).
"""

import datetime as dt
import logging
import uuid
from collections.abc import Callable, Sequence
from typing import Any

from django.core.mail import EmailMessage
from django.db import models, transaction
from django.db.models import F, Q
from django.utils import timezone

from presscenter.delivery.channels import SendResult
from presscenter.mail.smtp import send_messages

logger = logging.getLogger("presscenter.delivery")

EMAIL, LIVE = "email", "live"


class ClaimedNotice(models.Model):
    """The fields an outbox's table needs for claiming, retrying and recording (abstract)."""

    # A fresh token per claim; a claim not finished within the lease belongs to a dead worker
    # and is taken over.
    claim_token = models.CharField(max_length=32, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)  # after a failure: the backoff
    sent_at = models.DateTimeField(null=True, blank=True, db_index=True)
    failed_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    class Meta:
        abstract = True


class Wake:
    """The after-commit callback of one outbox; knows whether it has run (Django's test helpers
    run captured callbacks without clearing them, so "registered" alone would not mean "still to
    come")."""

    def __init__(self, outbox: "PersonalOutbox") -> None:
        self.outbox = outbox
        self.done = False
        self.__qualname__ = f"{outbox.name}.wake"  # Django's on_commit logs it

    def __call__(self) -> None:
        self.done = True
        for hook in self.outbox.hooks:
            hook()


class PersonalOutbox:
    def __init__(
        self,
        model: type[models.Model],
        *,
        name: str,
        related: Sequence[str] = (),
        lease: dt.timedelta = dt.timedelta(minutes=2),
        batch_size: int = 50,
        max_rounds: int = 20,
        max_attempts: int = 6,
        backoff_base_seconds: int = 60,
    ) -> None:
        self.model = model
        self.name = name
        self.related = tuple(related)
        self.lease = lease
        self.batch_size = batch_size
        self.max_rounds = max_rounds
        self.max_attempts = max_attempts
        self.backoff_base_seconds = backoff_base_seconds
        self.hooks: list[Callable[[], None]] = []

    def backoff(self, attempts: int) -> dt.timedelta:
        return dt.timedelta(seconds=self.backoff_base_seconds * 2 ** max(attempts - 1, 0))

    # Waking a sender ----------------------------------------------------------------------------

    def on_queued(self, hook: Callable[[], None]) -> None:
        """What wakes a sender (registered by the app's ready(): enqueue the sending task)."""
        self.hooks[:] = [hook]

    def queued(self) -> None:
        """Called in the transaction that wrote a notice: wake a sender once it commits, once per
        transaction however many notices it wrote. (A rolled-back savepoint takes its callbacks
        with it, so a later notice registers a new one.)"""
        pending = transaction.get_connection().run_on_commit
        for _savepoints, callback, _robust in pending:
            if isinstance(callback, Wake) and callback.outbox is self and not callback.done:
                return
        transaction.on_commit(Wake(self), robust=True)  # a broker away must not fail the change

    # Claiming -----------------------------------------------------------------------------------

    def due(self, now: dt.datetime) -> Q:
        unsent = Q(sent_at__isnull=True, failed_at__isnull=True)
        waited = Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
        free = Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - self.lease)
        return unsent & waited & free

    def claim(self, limit: int | None = None, *, now: dt.datetime | None = None) -> tuple[str, list[Any]]:
        """Claim up to `limit` due notices under a fresh token: (token, the notices)."""
        now = now or timezone.now()
        token = uuid.uuid4().hex
        manager = self.model._default_manager
        candidates = manager.filter(self.due(now))
        if not candidates.exists():  # an idle sender takes no write lock
            return token, []
        with transaction.atomic():
            locked = candidates.select_for_update(skip_locked=True).order_by("id")
            ids = list(locked.values_list("pk", flat=True)[: limit or self.batch_size])
            manager.filter(self.due(now), pk__in=ids).update(
                claim_token=token, claimed_at=now, attempts=F("attempts") + 1
            )
        claimed = manager.filter(pk__in=ids, claim_token=token).select_related(*self.related)
        return token, list(claimed.order_by("id"))

    def record(self, notice: Any, token: str, result: SendResult, now: dt.datetime) -> None:
        mine = self.model._default_manager.filter(pk=notice.pk, claim_token=token)
        if result.ok:
            mine.update(sent_at=now, claimed_at=None, last_error="")
        elif not result.retry or notice.attempts >= self.max_attempts:
            mine.update(failed_at=now, claimed_at=None, last_error=result.error[:2000])
            logger.warning("%s: notice %s failed for good: %s", self.name, notice.key, result.error)
        else:
            mine.update(
                next_attempt_at=now + self.backoff(notice.attempts), claimed_at=None, last_error=result.error[:2000]
            )

    # Sending ------------------------------------------------------------------------------------

    def send_batch(
        self,
        batch: list[Any],
        token: str,
        now: dt.datetime,
        *,
        refusal: Callable[[Any], str],
        email: Callable[[Any], EmailMessage],
        live: Callable[[Any], None],
    ) -> int:
        """Send one claimed batch: `refusal` says why a notice must not go out (permanently, or
        ""); `email` builds its message; `live` writes it to the notification centre. E-mails go
        over the kept SMTP connections, one result per message. Returns how many went out."""
        results: dict[int, SendResult] = {}
        emails: list[tuple[Any, EmailMessage]] = []
        for notice in batch:
            refused = refusal(notice)
            if refused:
                results[notice.pk] = SendResult(ok=False, error=refused, retry=False)
                continue
            try:
                if notice.channel == EMAIL:
                    emails.append((notice, email(notice)))
                elif notice.channel == LIVE:
                    live(notice)
                    results[notice.pk] = SendResult(ok=True)
                else:
                    results[notice.pk] = SendResult(ok=False, error=f"unknown channel {notice.channel}", retry=False)
            except Exception as exc:  # one broken notice must not hold up the others
                logger.exception("%s: could not prepare notice %s", self.name, notice.key)
                results[notice.pk] = SendResult(ok=False, error=f"{type(exc).__name__}: {exc}")
        if emails:
            for (notice, _message), result in zip(emails, send_messages([m for _n, m in emails]), strict=True):
                results[notice.pk] = result
        for notice in batch:
            self.record(notice, token, results[notice.pk], now)
        return sum(1 for result in results.values() if result.ok)

    def send_due(self, send_batch: Callable[[list[Any], str, dt.datetime], int], now: dt.datetime | None = None) -> int:
        """Claim and send what is due, batch after batch; returns how many notices went out."""
        sent = 0
        for _round in range(self.max_rounds):
            moment = now or timezone.now()
            token, batch = self.claim(self.batch_size, now=moment)
            if not batch:
                break
            sent += send_batch(batch, token, moment)
        return sent
