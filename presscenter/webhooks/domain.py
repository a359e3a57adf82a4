"""Every write to webhooks: the owner's changes, the operators' permission, and the sending log.

Network calls never run inside a transaction: we POST first, then record the answer.
"""

import json
import logging
import uuid
from typing import Any

from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from presscenter.audit.domain import record, save_recorded
from presscenter.core.errors import DomainError, PermissionDenied
from presscenter.webhooks import access, ssrf
from presscenter.webhooks.models import Webhook, WebhookAttempt, new_secret
from presscenter.webhooks.transport import Outcome, post_signed

log = logging.getLogger(__name__)

FAILURES_BEFORE_DISABLE = 10
TEST_EVENT = "test"


def _snapshot(webhook: Webhook) -> dict[str, Any]:
    return {
        "name": webhook.name,
        "url": webhook.url,
        "active": webhook.active,
        "allow_private_network": webhook.allow_private_network,
    }


def _clean(name: str, url: str, allow_private: bool) -> tuple[str, str]:
    name = name.strip()
    if not name:
        raise DomainError(_("Hãy đặt tên cho webhook."), field="name")
    url = url.strip()
    if len(url) > 500:
        raise DomainError(_("Địa chỉ quá dài (tối đa 500 ký tự)."), field="url")
    ssrf.check_url(url, allow_private=allow_private)
    return name[:100], url


def _require_manager(actor: Any) -> None:
    if not access.can_manage_webhooks(actor):
        raise PermissionDenied(_("Chỉ nhà báo đã được cấp thẻ tác nghiệp mới dùng được webhook."))


def _require_owner(actor: Any, webhook: Webhook) -> None:
    _require_manager(actor)
    if webhook.owner_id != actor.pk:
        raise PermissionDenied(_("Đây không phải webhook của bạn."))


@transaction.atomic
def create_webhook(actor: Any, *, name: str, url: str) -> Webhook:
    _require_manager(actor)
    name, url = _clean(name, url, allow_private=False)
    webhook = Webhook.objects.create(owner=actor, name=name, url=url)
    record(actor, "webhook.create", webhook, summary=name, after=_snapshot(webhook))
    return webhook


@transaction.atomic
def update_webhook(actor: Any, webhook: Webhook, *, name: str, url: str) -> Webhook:
    _require_owner(actor, webhook)
    webhook = Webhook.objects.select_for_update().get(pk=webhook.pk)
    name, url = _clean(name, url, allow_private=webhook.allow_private_network)
    save_recorded(actor, "webhook.update", webhook, _snapshot, name, name=name, url=url)
    return webhook


@transaction.atomic
def delete_webhook(actor: Any, webhook: Webhook) -> None:
    _require_owner(actor, webhook)
    record(actor, "webhook.delete", webhook, summary=webhook.name, before=_snapshot(webhook))
    webhook.delete()


@transaction.atomic
def rotate_secret(actor: Any, webhook: Webhook) -> str:
    """A new signing secret, returned to be shown once; the old one stops working at once."""
    _require_owner(actor, webhook)
    secret = new_secret()
    Webhook.objects.filter(pk=webhook.pk).update(secret=secret)
    webhook.secret = secret
    record(actor, "webhook.rotate_secret", webhook, summary=webhook.name)
    return secret


@transaction.atomic
def reenable_webhook(actor: Any, webhook: Webhook) -> Webhook:
    _require_owner(actor, webhook)
    webhook = Webhook.objects.select_for_update().get(pk=webhook.pk)
    if webhook.active:
        raise DomainError(_("Webhook này đang hoạt động."))
    ssrf.check_url(webhook.url, allow_private=webhook.allow_private_network)
    changes = {"active": True, "consecutive_failures": 0, "disabled_at": None, "disabled_reason": ""}
    save_recorded(actor, "webhook.reenable", webhook, _snapshot, webhook.name, **changes)
    return webhook


@transaction.atomic
def set_allow_private_network(actor: Any, webhook: Webhook, allowed: bool) -> Webhook:
    """Operators only: let this webhook use an address inside a private network (e.g. a newsroom's LAN)."""
    if not access.can_administer_webhooks(actor):
        raise PermissionDenied(_("Chỉ cán bộ Trung tâm mới cho phép được địa chỉ mạng nội bộ."))
    webhook = Webhook.objects.select_for_update().get(pk=webhook.pk)
    action = "webhook.allow_private_network"
    save_recorded(actor, action, webhook, _snapshot, webhook.name, allow_private_network=allowed)
    return webhook


def send_test(actor: Any, webhook: Webhook) -> WebhookAttempt:
    """POST a signed test payload now and log the answer (a test never counts as a failure)."""
    _require_owner(actor, webhook)
    key = f"test:{uuid.uuid4()}"
    body = json.dumps(
        {"event": TEST_EVENT, "delivery": key, "item": None, "message": "presscenter webhook test"},
        ensure_ascii=False,
    ).encode()
    outcome = post_signed(
        webhook.url,
        allow_private=webhook.allow_private_network,
        secret=webhook.secret,
        body=body,
        event=TEST_EVENT,
        delivery=key,
    )
    with transaction.atomic():
        attempt = WebhookAttempt.objects.create(
            webhook=webhook,
            is_test=True,
            status_code=outcome.status,
            error=outcome.error,
            duration_ms=outcome.duration_ms,
        )
        record(actor, "webhook.test", webhook, summary=f"{webhook.name}: {outcome.status or outcome.error}"[:300])
    return attempt


def record_outcome(webhook: Webhook, outcome: Outcome, *, delivery_id: int | None = None) -> bool:
    """Log a failed delivery POST (successes are logged in bulk by the sender); count failures;
    disable the webhook after too many or on 410 Gone.

    Returns True when this call disabled the webhook (its owner is told by email).
    """
    with transaction.atomic():
        WebhookAttempt.objects.create(
            webhook=webhook,
            delivery_id=delivery_id,
            status_code=outcome.status,
            error=outcome.error,
            duration_ms=outcome.duration_ms,
        )
        rows = Webhook.objects.filter(pk=webhook.pk)
        rows.update(consecutive_failures=F("consecutive_failures") + 1)
        failures = rows.values_list("consecutive_failures", flat=True).first() or 0
        if outcome.gone:
            reason = _g("Máy nhận trả lời 410 (Gone): địa chỉ đã ngừng nhận tin.")
        elif failures >= FAILURES_BEFORE_DISABLE:
            reason = _g("Gửi lỗi %(count)s lần liên tiếp; lỗi cuối: %(error)s") % {
                "count": failures,
                "error": outcome.error,
            }
        else:
            return False
        disabled = _disable(webhook, reason)
    if disabled:
        _tell_owner(webhook, reason)
    return disabled


def disable_all_of(owner: Any, reason: str) -> int:
    """Stop every active webhook of an account that was cut off, in the caller's transaction (the
    caller's audit entry records the decision). The owner re-enables them once reinstated."""
    return Webhook.objects.filter(owner=owner, active=True).update(
        active=False, disabled_at=timezone.now(), disabled_reason=reason[:300]
    )


def _disable(webhook: Webhook, reason: str) -> bool:
    changed = Webhook.objects.filter(pk=webhook.pk, active=True).update(
        active=False, disabled_at=timezone.now(), disabled_reason=reason[:300]
    )
    if changed:
        record(None, "webhook.auto_disable", webhook, summary=reason, after={"active": False})
    return bool(changed)


def _tell_owner(webhook: Webhook, reason: str) -> None:
    owner = webhook.owner
    if not owner.email:
        return
    with translation.override(owner.language or "vi"):
        subject = _g("Webhook “%(name)s” đã bị tạm dừng") % {"name": webhook.name}
        message = _g(
            "Hệ thống đã tạm dừng gửi tin tới webhook “%(name)s” (%(url)s).\n"
            "Lý do: %(reason)s\n\n"
            "Khi máy nhận đã hoạt động trở lại, hãy đăng nhập và bật lại webhook trong mục Webhook."
        ) % {"name": webhook.name, "url": webhook.url, "reason": reason}
    try:
        send_mail(subject, message, None, [owner.email])
    except OSError:  # the webhook stays disabled; the owner also sees the reason on the webhook's page
        log.exception("could not email the owner of webhook %s", webhook.pk)
