"""The email channel: HTML + plain text, Vietnamese first (English when the reader prefers it),
sent over kept SMTP connections (presscenter.mail.smtp). The Message-ID is derived from the delivery key, so a message
re-sent after a crash carries the same Message-ID and the receiving side can drop the copy."""

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from presscenter.delivery.channels import ChannelSender, SendResult
from presscenter.delivery.models import Delivery, EventKind
from presscenter.mail.smtp import close_kept, send_messages
from presscenter.releases.models import Item, Version
from presscenter.subscriptions import emails
from presscenter.subscriptions.emails import list_unsubscribe_headers


def targets(user: Any) -> list[str]:
    return [user.email] if user.email else []


def message_id(seed: str) -> str:
    domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip("> ") or "presscenter.local"
    return f"<{hashlib.sha256(seed.encode()).hexdigest()[:40]}@{domain}>"


def reader_of(delivery: Delivery) -> Any:
    return delivery.email_subscriber or delivery.recipient


def reader_language(delivery: Delivery) -> str:
    return "en" if getattr(reader_of(delivery), "language", "vi") == "en" else "vi"


def unsubscribe_headers(reader: Any) -> dict[str, str]:
    """RFC 2369 / RFC 8058 one-click unsubscribe, for public subscribers and accounts alike."""
    return list_unsubscribe_headers(reader)


def unsubscribe_url(reader: Any) -> str:
    return emails.unsubscribe_url(reader)


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


# Stands for the reader's own unsubscribe link in a body rendered once for many readers; made of
# characters HTML escaping leaves alone, so it survives both templates unchanged.
UNSUBSCRIBE_PLACEHOLDER = "__presscenter_unsubscribe_url__"


@dataclass(frozen=True)
class Rendered:
    """Subject and bodies shared by every reader of one (item, version, kind, priority,
    language): only the To and unsubscribe parts differ per reader."""

    subject: str
    text: str
    html: str


def render(delivery: Delivery, version: Version) -> Rendered:
    item = delivery.item
    with translation.override(reader_language(delivery)):
        context = {
            "item": item,
            "version": version,
            "agency": item.organisation.display_name,
            "link": item_link(item),
            "corrected": delivery.kind == EventKind.CORRECTED,
            "withdrawn": delivery.kind == EventKind.WITHDRAWN,
            "unsubscribe_url": UNSUBSCRIBE_PLACEHOLDER,
        }
        return Rendered(
            subject=subject_for(delivery, version.title),
            text=render_to_string("mail/item.txt", context),
            html=render_to_string("mail/item.html", context),
        )


def rendering_key(delivery: Delivery) -> tuple[Any, ...]:
    return (delivery.item_id, delivery.version, delivery.kind, delivery.priority, reader_language(delivery))


@dataclass(frozen=True)
class _ReaderValues:
    to: str
    message_id: str
    key: str
    unsubscribe_url: str
    list_headers: dict[str, str]


def _reader_values(delivery: Delivery) -> _ReaderValues:
    reader = reader_of(delivery)
    return _ReaderValues(
        to=delivery.target,
        message_id=message_id(delivery.key),
        key=delivery.key,
        unsubscribe_url=unsubscribe_url(reader),
        list_headers=unsubscribe_headers(reader),
    )


def _compose(rendered: Rendered, reader: _ReaderValues, connection: Any = None) -> EmailMultiAlternatives:
    headers = {"Message-ID": reader.message_id, "X-Presscenter-Delivery": reader.key} | reader.list_headers
    message = EmailMultiAlternatives(
        subject=rendered.subject,
        body=rendered.text.replace(UNSUBSCRIBE_PLACEHOLDER, reader.unsubscribe_url),
        to=[reader.to],
        headers=headers,
        connection=connection,
    )
    html = rendered.html.replace(UNSUBSCRIBE_PLACEHOLDER, escape(reader.unsubscribe_url))
    message.attach_alternative(html, "text/html")
    return message


class _Serialised:
    def __init__(self, raw: bytes) -> None:
        self.raw = raw

    def as_bytes(self, unixfrom: bool = False, linesep: str = "\r\n") -> bytes:
        return self.raw if linesep == "\r\n" else self.raw.replace(b"\r\n", linesep.encode())


class _PreparedMessage(EmailMultiAlternatives):
    """A message whose MIME form was serialised once for its whole group (see Prototype):
    MIME encoding and header folding cost more than the SMTP exchange itself."""

    serialised: bytes = b""

    def message(self, *, policy: Any = None) -> Any:
        return _Serialised(self.serialised)


class Prototype:
    """One group's message serialised once with stand-ins for the reader's values, which are
    then put in per reader as bytes. Used only where that is exact: ASCII values (no header
    encoding) and every stand-in found where it was put (a body Django chose to encode as
    quoted-printable could split one); otherwise messages are serialised one by one."""

    STAND_INS = _ReaderValues(
        to="reader@stand-in.invalid",
        message_id="<message-id@stand-in.invalid>",
        key="stand-in-delivery-key",
        unsubscribe_url=UNSUBSCRIBE_PLACEHOLDER,
        list_headers={},
    )

    def __init__(self, rendered: Rendered, sample: Delivery) -> None:
        self.rendered = rendered
        sample_values = _reader_values(sample)
        link = sample_values.unsubscribe_url
        self.stand_ins = _ReaderValues(
            **{**self.STAND_INS.__dict__, "list_headers": _with_stand_in(sample_values.list_headers, link)}
        )
        self.raw = _compose(rendered, self.stand_ins).message().as_bytes(linesep="\r\n")  # type: ignore[call-arg]  # Django's MIME classes take it
        links = rendered.text.count(UNSUBSCRIBE_PLACEHOLDER) + rendered.html.count(UNSUBSCRIBE_PLACEHOLDER)
        links += sum(value.count(UNSUBSCRIBE_PLACEHOLDER) for value in self.stand_ins.list_headers.values())
        self.usable = (
            all(self.raw.count(value.encode()) == 1 for value in self._singles(self.stand_ins))
            and self.raw.count(UNSUBSCRIBE_PLACEHOLDER.encode()) == links
        )

    @staticmethod
    def _singles(values: _ReaderValues) -> tuple[str, str, str]:
        return (values.to, values.message_id, values.key)

    def message(self, delivery: Delivery) -> EmailMultiAlternatives:
        reader = _reader_values(delivery)
        if _with_stand_in(reader.list_headers, reader.unsubscribe_url) != self.stand_ins.list_headers:
            return _compose(self.rendered, reader)  # unsubscribe headers of another shape
        values = (*self._singles(reader), reader.unsubscribe_url)
        if (
            not self.usable
            or not all(v.isascii() for v in values)
            or escape(reader.unsubscribe_url) != (reader.unsubscribe_url)
        ):
            return _compose(self.rendered, reader)
        raw = self.raw
        for stand_in, value in zip((*self._singles(self.stand_ins), UNSUBSCRIBE_PLACEHOLDER), values, strict=True):
            raw = raw.replace(stand_in.encode(), value.encode())
        message = _compose(self.rendered, reader)  # cheap: what tests and local backends read
        prepared = _PreparedMessage()
        prepared.__dict__.update(message.__dict__)
        prepared.serialised = raw
        return prepared


def _with_stand_in(headers: dict[str, str], link: str) -> dict[str, str]:
    return {name: value.replace(link, UNSUBSCRIBE_PLACEHOLDER) for name, value in headers.items()}


def versions_of(deliveries: Iterable[Delivery]) -> dict[tuple[int, int], Version]:
    """The frozen versions the deliveries announce, in one query."""
    wanted = {(d.item_id, d.version) for d in deliveries}
    found = Version.objects.filter(item_id__in={item for item, _n in wanted}, number__in={n for _i, n in wanted})
    return {(v.item_id, v.number): v for v in found if (v.item_id, v.number) in wanted}


def send(batch: list[Delivery]) -> list[SendResult]:
    versions = versions_of(batch)
    prototypes: dict[tuple[Any, ...], Prototype] = {}
    messages = []
    for delivery in batch:
        key = rendering_key(delivery)
        if key not in prototypes:
            prototypes[key] = Prototype(render(delivery, versions[(delivery.item_id, delivery.version)]), delivery)
        messages.append(prototypes[key].message(delivery))
    return send_messages(messages)


SENDER = ChannelSender(name="email", targets=targets, send=send, close=close_kept)
