"""API tokens: issued and revoked through these functions; only the SHA-256 digest is stored."""

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from presscenter.accounts.models import ApiToken, Role, User, hash_token
from presscenter.audit.domain import record
from presscenter.core.errors import DomainError, PermissionDenied
from presscenter.orgs.models import Organisation

# Writing last_used_at on every request would turn each read into a write; a minute is precise enough.
LAST_USED_PRECISION = dt.timedelta(minutes=1)


def _manages_tokens_of(actor: Any, user: User) -> bool:
    if not (actor is not None and actor.is_authenticated and actor.is_active):
        return False
    return actor.pk == user.pk or actor.role == Role.CENTER_ADMIN


def _token_snapshot(token: ApiToken) -> dict[str, Any]:
    return {
        "user": token.user_id,
        "organisation": token.organisation_id,
        "name": token.name,
        "hint": token.hint,
        "revoked_at": token.revoked_at.isoformat() if token.revoked_at else None,
    }


@transaction.atomic
def issue_token(actor: Any, user: User, organisation: Organisation | None, name: str) -> tuple[ApiToken, str]:
    """Create a token for `user` scoped to `organisation`; return it with the secret, shown only once."""
    if not _manages_tokens_of(actor, user):
        raise PermissionDenied(_("Bạn không thể cấp mã truy cập cho tài khoản này."))
    if not user.is_active:
        raise DomainError(_("Tài khoản đã bị khóa."))
    if not name.strip():
        raise DomainError(_("Hãy đặt tên cho mã truy cập."), field="name")
    if user.role in (Role.SPOKESPERSON, Role.EDITOR) and (
        organisation is None or organisation.pk != user.organisation_id
    ):
        raise DomainError(_("Mã truy cập của cán bộ cơ quan phải gắn với cơ quan của họ."), field="organisation")
    raw = ApiToken.new_secret()
    token = ApiToken.objects.create(
        user=user, organisation=organisation, name=name.strip(), digest=hash_token(raw), hint=raw[:10]
    )
    record(actor, "token.issue", token, summary=token.name, after=_token_snapshot(token))
    return token, raw


@transaction.atomic
def revoke_token(actor: Any, token: ApiToken) -> ApiToken:
    token = ApiToken.objects.select_for_update().select_related("user").get(pk=token.pk)
    if not _manages_tokens_of(actor, token.user):
        raise PermissionDenied(_("Bạn không thể thu hồi mã truy cập này."))
    if token.revoked_at is not None:
        raise DomainError(_("Mã truy cập đã bị thu hồi trước đó."))
    before = _token_snapshot(token)
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    record(actor, "token.revoke", token, summary=token.name, before=before, after=_token_snapshot(token))
    return token


def token_for_secret(raw: str) -> ApiToken | None:
    """The live token with this secret (not revoked, active owner), or None."""
    if not raw.startswith(ApiToken.PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user", "organisation")
        .filter(digest=hash_token(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
