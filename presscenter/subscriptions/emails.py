"""The double opt-in email, and the unsubscribe links every message to a subscriber or an
account carries."""

import logging
import smtplib
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from presscenter.subscriptions.models import EmailSubscriber

logger = logging.getLogger(__name__)


def confirm_url(subscriber: EmailSubscriber) -> str:
    return settings.SITE_URL + reverse("subscriptions:confirm", args=[subscriber.token])


STOP_EMAIL_SALT = "presscenter.subscriptions.stop_email"


def account_token(user: Any) -> str:
    """A signed account id: the link in an alert email stops that account's email without a login."""
    return signing.Signer(salt=STOP_EMAIL_SALT).sign(str(user.pk))


def account_of(token: str) -> Any:
    """The account a stop-email token was signed for; None when the signature does not hold."""
    try:
        pk = signing.Signer(salt=STOP_EMAIL_SALT).unsign(token)
    except signing.BadSignature:
        return None
    return get_user_model().objects.filter(pk=pk).first()


def unsubscribe_url(reader: Any) -> str:
    """Absolute one-click unsubscribe address of a public subscriber or an account (GET shows a
    button, POST unsubscribes: RFC 8058)."""
    if isinstance(reader, EmailSubscriber):
        return settings.SITE_URL + reverse("subscriptions:unsubscribe", args=[reader.token])
    return settings.SITE_URL + reverse("subscriptions:stop_email", args=[account_token(reader)])


def list_unsubscribe_headers(reader: Any) -> dict[str, str]:
    """Headers for every message to a reader, so mail clients offer one-click unsubscribe."""
    return {
        "List-Unsubscribe": f"<{unsubscribe_url(reader)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def confirmation_message(subscriber: EmailSubscriber) -> EmailMultiAlternatives:
    with translation.override(subscriber.language or "vi"):
        context = {
            "site_name": settings.SITE_NAME,
            "confirm_url": confirm_url(subscriber),
            "unsubscribe_url": unsubscribe_url(subscriber),
            "email": subscriber.email,
        }
        message = EmailMultiAlternatives(
            subject=gettext("Xác nhận đăng ký nhận tin từ %(site)s") % {"site": settings.SITE_NAME},
            body=render_to_string("subscriptions/email/confirm.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[subscriber.email],
            headers=list_unsubscribe_headers(subscriber),
        )
        message.attach_alternative(render_to_string("subscriptions/email/confirm.html", context), "text/html")
    return message


def send_confirmation(subscriber: EmailSubscriber) -> bool:
    """Send after commit; a mail server that is down must not undo the subscription (the visitor
    can submit the form again to get a new email)."""
    try:
        confirmation_message(subscriber).send()
    except (OSError, smtplib.SMTPException):
        logger.exception("confirmation email to subscriber %s failed", subscriber.pk)
        return False
    return True
