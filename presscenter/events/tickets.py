"""What a ticket's QR code says: the ticket's random code, signed with the site's secret, so a
code typed up or altered by hand is refused before any database look-up, and a leaked database
alone is not enough to mint one. The door checks the signature, then admits the ticket at most
once (presscenter.events.checkin)."""

import io

import segno
from django.core import signing

from presscenter.events.models import Ticket

SALT = "presscenter.events.ticket"
PREFIX = "PCV1:"  # a version, so the format can change and old tickets still be recognised


def payload(ticket: Ticket) -> str:
    """The text inside the QR code."""
    return PREFIX + signing.Signer(salt=SALT).sign(ticket.code)


def read(text: str) -> str | None:
    """The ticket code inside a scanned text, or None when it is not one of ours or was altered."""
    text = (text or "").strip()
    if not text.startswith(PREFIX) or len(text) > 200:
        return None
    try:
        return signing.Signer(salt=SALT).unsign(text.removeprefix(PREFIX))
    except signing.BadSignature:
        return None


def qr_svg(ticket: Ticket) -> str:
    output = io.BytesIO()
    segno.make(payload(ticket), error="m").save(output, kind="svg", scale=6, border=2, xmldecl=False)
    return output.getvalue().decode()


def qr_png(ticket: Ticket) -> bytes:
    """For e-mail, where many readers show no SVG."""
    output = io.BytesIO()
    segno.make(payload(ticket), error="m").save(output, kind="png", scale=8, border=2)
    return output.getvalue()
