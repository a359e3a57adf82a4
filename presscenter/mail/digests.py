"""Daily and weekly email digests: the deliveries HELD for a digest are sent together, one email
per recipient listing every item, and marked SENT together."""

import datetime as dt
import uuid
from collections import defaultdict
from typing import Any

from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from presscenter.delivery.dispatch import backoff, drop_ineligible, record
from presscenter.delivery.models import Delivery, Status
from presscenter.mail.sender import (
    item_link,
    message_id,
    reader_language,
    reader_of,
    unsubscribe_headers,
    unsubscribe_url,
    versions_of,
)
from presscenter.mail.smtp import send_messages

DIGEST_LIMIT = 5000  # deliveries per run; the next tick takes the rest


def send_due_digests(now: dt.datetime | None = None) -> int:
    """Send every digest that is due. Returns how many emails went out."""
    now = now or timezone.now()
    # Item by item, as for an immediate delivery: a card that lapsed, a suspension or a
    # deactivation since the items were held keeps them (or the embargoed ones) out.
    held = drop_ineligible(_claim(now))
    by_target: dict[str, list[Delivery]] = defaultdict(list)
    for delivery in held:
        by_target[delivery.target].append(delivery)
    groups = list(by_target.values())
    versions = versions_of(held)
    messages = [_message(group, versions, message_id, reader_language) for group in groups]
    results = send_messages(messages)
    sent = 0
    for group, result in zip(groups, results, strict=True):
        record(group, [result] * len(group))
        if result.ok:
            sent += 1
        else:
            # Failed digests wait for the next run (held again, later), or die like any delivery.
            Delivery.objects.filter(pk__in=[d.pk for d in group], status=Status.FAILED).update(
                status=Status.HELD, due_at=now + backoff(group[0].attempts + 1)
            )
    return sent


def _claim(now: dt.datetime) -> list[Delivery]:
    token = uuid.uuid4().hex
    with transaction.atomic():
        ids = list(
            Delivery.objects.filter(status=Status.HELD, digest=True, due_at__lte=now)
            .select_for_update(skip_locked=True)
            .order_by("target", "priority", "due_at")
            .values_list("pk", flat=True)[:DIGEST_LIMIT]
        )
        Delivery.objects.filter(pk__in=ids, status=Status.HELD).update(
            status=Status.SENDING, claimed_at=now, claimed_by=token
        )
    return list(
        Delivery.objects.filter(claimed_by=token, status=Status.SENDING)
        .select_related("item__organisation", "recipient__journalist", "email_subscriber")
        .order_by("target", "item__first_published_at", "id")
    )


def _message(group: list[Delivery], versions: dict, message_id: Any, reader_language: Any) -> EmailMultiAlternatives:
    first = group[0]
    seed = "digest:" + ",".join(sorted(d.key for d in group))
    headers = {"Message-ID": message_id(seed), "X-Presscenter-Delivery": f"digest:{first.target}:{len(group)}"}
    with translation.override(reader_language(first)):
        entries = [
            {
                "delivery": d,
                "version": versions[(d.item_id, d.version)],
                "agency": d.item.organisation.display_name,
                "link": item_link(d.item),
            }
            for d in group
        ]
        context = {"entries": entries, "unsubscribe_url": unsubscribe_url(reader_of(first))}
        headers |= unsubscribe_headers(reader_of(first))
        message = EmailMultiAlternatives(
            subject=_("Bản tin tổng hợp: %(count)d tin mới") % {"count": len(group)},
            body=render_to_string("mail/digest.txt", context),
            to=[first.target],
            headers=headers,
        )
        message.attach_alternative(render_to_string("mail/digest.html", context), "text/html")
    return message
