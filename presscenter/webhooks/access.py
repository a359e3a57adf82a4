"""Who may keep webhooks (accredited journalists) and who may allow private addresses (center staff)."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from presscenter.accounts.models import Role
from presscenter.core.errors import NotFound
from presscenter.releases.access import is_staff
from presscenter.webhooks.models import Webhook


def can_manage_webhooks(user: Any) -> bool:
    return (
        user is not None
        and user.is_authenticated
        and user.is_active
        and user.role == Role.JOURNALIST
        and bool(user.accredited)
    )


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
