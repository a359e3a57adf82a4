"""Who may receive a delivery, and who may look at delivery data."""

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from presscenter.accounts.roles import is_staff
from presscenter.delivery.models import Delivery
from presscenter.press.eligibility import may_receive as user_may_receive
from presscenter.releases.access import can_see_embargoed
from presscenter.releases.models import Item


def subscriber_may_receive(subscriber: Any, item: Item) -> bool:
    """Public email subscribers: confirmed, still subscribed, public items only (never before
    the embargo lifts; withdrawal notices of items they received are public too)."""
    if subscriber is None or subscriber.confirmed_at is None or subscriber.unsubscribed_at is not None:
        return False
    if item.withdrawn_at is not None:
        return True
    return item.current_version_id is not None and not item.under_embargo(timezone.now())


def may_receive(delivery: Delivery) -> bool:
    """Checked at fan-out and again right before sending: a revocation stops queued deliveries."""
    if delivery.email_subscriber_id is not None:
        return subscriber_may_receive(delivery.email_subscriber, delivery.item)
    return user_may_receive(delivery.recipient, delivery.item)


def title_withheld(user: Any, item: Item) -> bool:
    """Lists of what a person was sent (notification centre, delivery log) follow the embargo
    rule as it stands now: after a suspension or a lapsed card an embargoed item's title is
    hidden from them until the lift."""
    return item.under_embargo() and not can_see_embargoed(user, item)


def can_view_health(user: Any) -> bool:
    return is_staff(user)


def deliveries_of(user: Any) -> QuerySet[Delivery]:
    if not (user.is_authenticated and user.is_active):
        return Delivery.objects.none()
    return Delivery.objects.filter(recipient=user)
