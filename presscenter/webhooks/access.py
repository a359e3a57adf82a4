"""Who may keep webhooks (accredited journalists) and who may allow private addresses (center staff)."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from presscenter.accounts.roles import is_accredited_journalist, is_staff
from presscenter.core.errors import NotFound
from presscenter.webhooks.models import Webhook


def can_manage_webhooks(user: Any) -> bool:
    return is_accredited_journalist(user)


def can_administer_webhooks(user: Any) -> bool:
    return is_staff(user)


def own_webhook(user: Any, pk: Any) -> Webhook:
    webhook = Webhook.objects.filter(owner_id=getattr(user, "pk", None), pk=pk).first() if str(pk).isdigit() else None
    if webhook is None:
        raise NotFound(_("Không tìm thấy webhook này."))
    return webhook


def any_webhook(pk: Any) -> Webhook:
    webhook = Webhook.objects.select_related("owner").filter(pk=pk).first() if str(pk).isdigit() else None
    if webhook is None:
        raise NotFound(_("Không tìm thấy webhook này."))
    return webhook
