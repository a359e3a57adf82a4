"""The "webhook" delivery channel: signed JSON POSTs to newsrooms' systems, many at once.

A batch is sent concurrently with a short timeout (presscenter.webhooks.transport), so a slow or
unreachable receiver never holds up the others.
"""

import json
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.db.models import Prefetch

from presscenter.delivery.bulk import insert_records
from presscenter.delivery.channels import ChannelSender, SendResult
from presscenter.delivery.models import Delivery
from presscenter.releases.models import Attachment, Item, Version
from presscenter.syndication.ninjs import to_ninjs
from presscenter.webhooks import domain
from presscenter.webhooks.models import Webhook, WebhookAttempt
from presscenter.webhooks.transport import Outcome, SignedPost, post_many

TARGETS_CHUNK = 2000  # user ids per query (SQLite bounds the number of query parameters)
CHANNEL = "webhook"


@dataclass(frozen=True)
class _Job:
    webhook: Webhook
    body: bytes
    event: str
    delivery_key: str


class _Success(NamedTuple):
    """A WebhookAttempt row for a successful POST (the other fields take their defaults)."""

    webhook_id: int
    delivery_id: int
    status_code: int | None
    duration_ms: int


def targets(user: Any) -> list[str]:
    return [str(pk) for pk in Webhook.objects.filter(owner=user, active=True).values_list("pk", flat=True)]


def targets_for(users: Collection[Any]) -> dict[int, list[str]]:
    """The active webhooks of many users, a query per TARGETS_CHUNK users (fan-out)."""
    ids = [user.pk for user in users]
    found: dict[int, list[str]] = defaultdict(list)
    for start in range(0, len(ids), TARGETS_CHUNK):
        rows = Webhook.objects.filter(owner_id__in=ids[start : start + TARGETS_CHUNK], active=True)
        for owner_id, pk in rows.order_by("pk").values_list("owner_id", "pk"):
            found[owner_id].append(str(pk))
    return dict(found)


def payload(delivery: Delivery, document: str) -> bytes:
    """`document` is the item's ninjs already serialised: one serialisation per batch, not per receiver."""
    head = json.dumps({"event": delivery.kind, "delivery": delivery.key}, ensure_ascii=False)
    return f'{head[:-1]}, "item": {document}}}'.encode()


def _documents(batch: list[Delivery]) -> dict[tuple[int, int], str]:
    """The ninjs document of each (item, version) in the batch, built once however many receivers."""
    wanted = {(d.item_id, d.version) for d in batch}
    items = Item.objects.select_related("organisation", "current_version").prefetch_related(
        "topics", "areas", Prefetch("attachments", queryset=Attachment.objects.filter(published=True))
    )
    by_id = items.in_bulk({item_id for item_id, _n in wanted})
    versions = Version.objects.filter(item_id__in=by_id, number__in={n for _i, n in wanted})
    documents = {}
    for version in versions:
        key = (version.item_id, version.number)
        if key in wanted:
            documents[key] = json.dumps(to_ninjs(by_id[version.item_id], version), ensure_ascii=False)
    return documents


def _record(jobs: dict[int, _Job], outcomes: dict[int, Outcome], batch: list[Delivery]) -> dict[int, SendResult]:
    """Successes are logged in two statements for the whole batch; failures one by one through
    the domain, which counts them and may disable the webhook."""
    results: dict[int, SendResult] = {}
    succeeded = [index for index, outcome in outcomes.items() if outcome.ok]
    insert_records(
        WebhookAttempt,
        [
            _Success(jobs[index].webhook.pk, batch[index].pk, outcomes[index].status, outcomes[index].duration_ms)
            for index in succeeded
        ],
    )
    Webhook.objects.filter(pk__any={jobs[index].webhook.pk for index in succeeded}, consecutive_failures__gt=0).update(
        consecutive_failures=0
    )
    for index, outcome in outcomes.items():
        if outcome.ok:
            results[index] = SendResult(ok=True)
            continue
        disabled = domain.record_outcome(jobs[index].webhook, outcome, delivery_id=batch[index].pk)
        retry = not (outcome.gone or outcome.refused or disabled)
        results[index] = SendResult(ok=False, error=outcome.error, retry=retry)
    return results


def send(batch: list[Delivery]) -> list[SendResult]:
    wanted = {int(d.target) for d in batch if d.target.isdigit()}
    webhooks = {webhook.pk: webhook for webhook in Webhook.objects.filter(pk__any=wanted)}
    documents = _documents(batch)
    results: list[SendResult | None] = [None] * len(batch)
    jobs: dict[int, _Job] = {}
    for index, delivery in enumerate(batch):
        webhook = webhooks.get(int(delivery.target)) if delivery.target.isdigit() else None
        document = documents.get((delivery.item_id, delivery.version))
        if webhook is None or not webhook.active:
            results[index] = SendResult(ok=False, error="webhook deleted or disabled", retry=False)
        elif document is None:
            results[index] = SendResult(ok=False, error="item version not found", retry=False)
        else:
            jobs[index] = _Job(webhook, payload(delivery, document), delivery.kind, delivery.key)
    if jobs:
        posts = [
            SignedPost(
                job.webhook.url,
                job.webhook.allow_private_network,
                job.webhook.secret,
                job.body,
                job.event,
                job.delivery_key,
            )
            for job in jobs.values()
        ]
        outcomes = dict(zip(jobs, post_many(posts), strict=True))
        for index, result in _record(jobs, outcomes, batch).items():
            results[index] = result
    return [result for result in results if result is not None]


SENDER = ChannelSender(name=CHANNEL, targets=targets, send=send, targets_for=targets_for)
