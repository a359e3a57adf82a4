"""The "webhook" delivery channel: signed JSON POSTs to newsrooms' systems, many at once.

A batch is sent concurrently with a short timeout, so a slow or unreachable receiver never holds
up the others. Database work stays in the calling thread; the worker threads only talk HTTP.
"""

import json
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch

from presscenter.delivery.channels import ChannelSender, SendResult
from presscenter.delivery.models import Delivery
from presscenter.releases.models import Attachment, Item, Version
from presscenter.syndication.ninjs import to_ninjs
from presscenter.webhooks import domain
from presscenter.webhooks.models import Webhook
from presscenter.webhooks.transport import Outcome, post_signed

MAX_WORKERS = 16
CHANNEL = "webhook"


@dataclass(frozen=True)
class _Job:
    webhook: Webhook
    body: bytes
    event: str
    delivery_key: str


def targets(user: Any) -> list[str]:
    return [str(pk) for pk in Webhook.objects.filter(owner=user, active=True).values_list("pk", flat=True)]


def payload(delivery: Delivery, document: dict[str, Any]) -> bytes:
    return json.dumps({"event": delivery.kind, "delivery": delivery.key, "item": document}, ensure_ascii=False).encode()


def _documents(batch: list[Delivery]) -> dict[tuple[int, int], dict[str, Any]]:
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
            documents[key] = to_ninjs(by_id[version.item_id], version)
    return documents


def _post(job: _Job) -> Outcome:
    return post_signed(
        job.webhook.url,
        allow_private=job.webhook.allow_private_network,
        secret=job.webhook.secret,
        body=job.body,
        event=job.event,
        delivery=job.delivery_key,
    )


def send(batch: list[Delivery]) -> list[SendResult]:
    webhooks = Webhook.objects.select_related("owner").in_bulk([int(d.target) for d in batch if d.target.isdigit()])
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
        with ThreadPoolExecutor(max_workers=min(MAX_WORKERS, len(jobs))) as pool:
            outcomes = dict(zip(jobs, pool.map(_post, jobs.values()), strict=True))
        for index, outcome in outcomes.items():
            job = jobs[index]
            disabled = domain.record_outcome(job.webhook, outcome, delivery_id=batch[index].pk)
            retry = not (outcome.gone or outcome.refused or disabled)
            results[index] = SendResult(ok=outcome.ok, error=outcome.error, retry=retry)
    return [result for result in results if result is not None]


SENDER = ChannelSender(name=CHANNEL, targets=targets, send=send)
