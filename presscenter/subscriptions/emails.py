"""The double opt-in email, and the unsubscribe links every message to a subscriber carries."""

import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from presscenter.subscriptions.models import EmailSubscriber

logger = logging.getLogger(__name__)


def confirm_url(subscriber: EmailSubscriber) -> str:
    return settings.SITE_URL + reverse("subscriptions:confirm", args=[subscriber.token])


def unsubscribe_url(subscriber: EmailSubscriber) -> str:
    """Absolute one-click unsubscribe address (GET shows a button, POST unsubscribes: RFC 8058)."""
    return settings.SITE_URL + reverse("subscriptions:unsubscribe", args=[subscriber.token])


def list_unsubscribe_headers(subscriber: EmailSubscriber) -> dict[str, str]:
    """Headers for every message to a subscriber, so mail clients offer one-click unsubscribe."""
    return {
        "List-Unsubscribe": f"<{unsubscribe_url(subscriber)}>",
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
