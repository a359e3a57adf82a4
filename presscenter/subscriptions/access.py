"""Who may subscribe, on which channels, and to which subscriptions."""

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from presscenter.accounts.roles import is_accredited_journalist, is_staff
from presscenter.core.errors import NotFound
from presscenter.subscriptions.models import Channel, Subscription


def can_subscribe(user: Any) -> bool:
    """Any signed-in, active account may follow items by email."""
    return user is not None and user.is_authenticated and user.is_active


def allowed_channels(user: Any) -> list[str]:
    """Email for everyone; webhooks and browser notifications for accredited journalists (and staff)."""
    if not can_subscribe(user):
        return []
    if is_accredited_journalist(user) or is_staff(user):
        return [Channel.EMAIL, Channel.WEBHOOK, Channel.LIVE]
    return [Channel.EMAIL]


def subscriptions_of(user: Any) -> QuerySet[Subscription]:
    if not can_subscribe(user):
        return Subscription.objects.none()
    return Subscription.objects.filter(owner=user)


def subscription_for_owner(user: Any, pk: Any) -> Subscription:
    subscription = subscriptions_of(user).filter(pk=pk).first()
    if subscription is None:
        raise NotFound(_("Không tìm thấy đăng ký nhận tin này."))
    return subscription
