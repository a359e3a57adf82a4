"""The email channel: HTML + plain text, Vietnamese first (English when the reader prefers it),
one SMTP connection per batch. The Message-ID is derived from the delivery key, so a message
re-sent after a crash carries the same Message-ID and the receiving side can drop the copy."""

import hashlib
import math
import smtplib
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from presscenter.delivery.channels import ChannelSender, SendResult
from presscenter.delivery.models import Delivery, EventKind
from presscenter.releases.models import Item, Version

PARALLEL_CONNECTIONS = 4


def targets(user: Any) -> list[str]:
    return [user.email] if user.email else []


def message_id(seed: str) -> str:
    domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip("> ") or "presscenter.local"
    return f"<{hashlib.sha256(seed.encode()).hexdigest()[:40]}@{domain}>"


def reader_language(delivery: Delivery) -> str:
    reader = delivery.email_subscriber or delivery.recipient
    return "en" if getattr(reader, "language", "vi") == "en" else "vi"


def unsubscribe_headers(subscriber: Any) -> dict[str, str]:
    """RFC 2369 / RFC 8058 one-click unsubscribe for public subscribers."""
    from presscenter.subscriptions.emails import list_unsubscribe_headers

    return list_unsubscribe_headers(subscriber)


def unsubscribe_url(subscriber: Any) -> str:
    from presscenter.subscriptions import emails

    return emails.unsubscribe_url(subscriber)


def item_link(item: Item) -> str:
    return settings.SITE_URL + item.get_absolute_url()


def subject_for(delivery: Delivery, title: str) -> str:
    if delivery.kind == EventKind.CORRECTED:
        subject = _("[ĐÍNH CHÍNH] %(title)s") % {"title": title}
    elif delivery.kind == EventKind.WITHDRAWN:
        subject = _("[THU HỒI] %(title)s") % {"title": title}
    else:
        subject = title
    if delivery.priority == 0:
        return pgettext("email subject", "[HỎA TỐC] %(subject)s") % {"subject": subject}
    if delivery.priority == 1:
        return pgettext("email subject", "[KHẨN] %(subject)s") % {"subject": subject}
    return subject


def build_message(delivery: Delivery, version: Version, connection: Any = None) -> EmailMultiAlternatives:
    item = delivery.item
    with translation.override(reader_language(delivery)):
        context = {
            "delivery": delivery,
            "item": item,
            "version": version,
            "agency": item.organisation.display_name,
            "link": item_link(item),
            "corrected": delivery.kind == EventKind.CORRECTED,
            "withdrawn": delivery.kind == EventKind.WITHDRAWN,
            "unsubscribe_url": unsubscribe_url(delivery.email_subscriber) if delivery.email_subscriber else "",
        }
        message = EmailMultiAlternatives(
            subject=subject_for(delivery, version.title),
            body=render_to_string("delivery/email/item.txt", context),
            to=[delivery.target],
            headers=_headers(delivery.key, delivery),
            connection=connection,
        )
        message.attach_alternative(render_to_string("delivery/email/item.html", context), "text/html")
    return message


def _headers(seed: str, delivery: Delivery) -> dict[str, str]:
    headers = {"Message-ID": message_id(seed), "X-Presscenter-Delivery": seed}
    if delivery.email_subscriber is not None:
        headers |= unsubscribe_headers(delivery.email_subscriber)
    return headers


def versions_of(deliveries: Iterable[Delivery]) -> dict[tuple[int, int], Version]:
    """The frozen versions the deliveries announce, in one query."""
    wanted = {(d.item_id, d.version) for d in deliveries}
    found = Version.objects.filter(item_id__in={item for item, _n in wanted}, number__in={n for _i, n in wanted})
    return {(v.item_id, v.number): v for v in found if (v.item_id, v.number) in wanted}


def send_messages(messages: list[EmailMultiAlternatives]) -> list[SendResult]:
    """One result per message, in order. The batch is cut into at most PARALLEL_CONNECTIONS
    slices sent at once, each over one SMTP connection: the round trips of one slice overlap
    the others' (messages are built beforehand; the threads only talk SMTP)."""
    size = max(math.ceil(len(messages) / PARALLEL_CONNECTIONS), 1)
    slices = [messages[start : start + size] for start in range(0, len(messages), size)]
    if len(slices) <= 1:
        return _send_over_one_connection(messages)
    with ThreadPoolExecutor(max_workers=len(slices)) as pool:
        return [result for done in pool.map(_send_over_one_connection, slices) for result in done]


def _send_over_one_connection(messages: list[EmailMultiAlternatives]) -> list[SendResult]:
    """A refused recipient or a 5xx answer is permanent (a bounce); connection trouble and 4xx
    answers are retried."""
    connection = get_connection()
    try:
        connection.open()
    except (OSError, smtplib.SMTPException) as exc:
        return [SendResult(ok=False, error=f"SMTP: {exc}")] * len(messages)
    try:
        return [_send_one(connection, message) for message in messages]
    finally:
        connection.close()


def _send_one(connection: Any, message: EmailMultiAlternatives) -> SendResult:
    try:
        sent = connection.send_messages([message])
    except smtplib.SMTPRecipientsRefused as exc:
        return SendResult(ok=False, error=f"refused: {exc.recipients}", retry=False)
    except smtplib.SMTPResponseException as exc:
        return SendResult(ok=False, error=f"SMTP {exc.smtp_code}: {exc.smtp_error!r}", retry=exc.smtp_code < 500)
    except (OSError, smtplib.SMTPException) as exc:
        connection.close()  # the next message reconnects
        return SendResult(ok=False, error=f"SMTP: {exc}")
    return SendResult(ok=True) if sent else SendResult(ok=False, error="SMTP: not sent")


def send(batch: list[Delivery]) -> list[SendResult]:
    versions = versions_of(batch)
    return send_messages([build_message(d, versions[(d.item_id, d.version)]) for d in batch])


SENDER = ChannelSender(name="email", targets=targets, send=send)
