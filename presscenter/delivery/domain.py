"""Operator actions on deliveries."""

from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from presscenter.audit.domain import record
from presscenter.core.errors import DomainError, PermissionDenied
from presscenter.delivery import wake
from presscenter.delivery.access import can_view_health, may_receive
from presscenter.delivery.models import Delivery, Status

RESENDABLE = {Status.FAILED, Status.DEAD, Status.CANCELLED, Status.SENT}
QUEUED = [Status.PENDING, Status.HELD, Status.FAILED]


@transaction.atomic
def resend(actor: Any, delivery: Delivery) -> Delivery:
    """Put a delivery back in the queue, due now. The key is unchanged: the receiver sees the
    same Message-ID / delivery id and knows it is the same notice."""
    if not can_view_health(actor):
        raise PermissionDenied(_("Bạn không có quyền gửi lại."))
    delivery = Delivery.objects.select_for_update().get(pk=delivery.pk)
    if delivery.status not in RESENDABLE:
        raise DomainError(_("Lần gửi này đang chờ hoặc đang gửi, không cần gửi lại."))
    before = {"status": delivery.status, "attempts": delivery.attempts}
    delivery.status = Status.PENDING
    delivery.due_at = timezone.now()
    delivery.attempts = 0
    delivery.claimed_by = ""
    delivery.save(update_fields=["status", "due_at", "attempts", "claimed_by"])
    record(actor, "delivery.resend", delivery, summary=delivery.key, before=before, after={"status": delivery.status})
    transaction.on_commit(lambda: wake.dispatch([delivery.channel], urgent=False))
    return delivery


def cancel_queued(recipient: Any, channel: str, reason: str) -> int:
    """What is still queued for an account on one channel never goes out (it unsubscribed); call
    inside the caller's transaction, which writes the audit entry."""
    return _cancel(Delivery.objects.filter(recipient=recipient, channel=channel), reason)


def cancel_undeliverable(recipient: Any, reason: str) -> int:
    """What is still queued for an account and that it may no longer receive (suspended,
    revoked, card lapsed, new card awaiting approval) never goes out: the send-time rule, item
    by item, applied at once. Call inside the caller's transaction, after its change is saved;
    the caller writes the audit entry. Returns how many deliveries were cancelled."""
    queued = Delivery.objects.filter(recipient=recipient, status__in=QUEUED).select_related(
        "item", "recipient__journalist"
    )
    dropped = [delivery.pk for delivery in queued if not may_receive(delivery)]
    return _cancel(Delivery.objects.filter(pk__any=dropped), reason)


def cancel_all_queued(recipient: Any, reason: str) -> int:
    """`cancel_queued` on every channel (the account was cut off); inside the caller's transaction."""
    return _cancel(Delivery.objects.filter(recipient=recipient), reason)


def _cancel(deliveries: QuerySet[Delivery], reason: str) -> int:
    return deliveries.filter(status__in=QUEUED).update(status=Status.CANCELLED, last_error=reason[:500])
