"""API tokens: issued and revoked through these functions; only the SHA-256 digest is stored."""

from functools import partial
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from presscenter.accounts.models import ApiToken, Role, User
from presscenter.audit.domain import record
from presscenter.core import issued_secrets
from presscenter.core.errors import DomainError, PermissionDenied
from presscenter.orgs.models import Organisation


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
        user=user,
        organisation=organisation,
        name=name.strip(),
        digest=issued_secrets.digest(raw),
        hint=issued_secrets.hint(raw),
    )
    record(actor, "token.issue", token, summary=token.name, after=_token_snapshot(token))
    return token, raw


@transaction.atomic
def revoke_token(actor: Any, token: ApiToken) -> ApiToken:
    return issued_secrets.revoke(
        actor,
        token,
        allowed=lambda actor, token: _manages_tokens_of(actor, token.user),
        refused=_("Bạn không thể thu hồi mã truy cập này."),
        already=_("Mã truy cập đã bị thu hồi trước đó."),
        snapshot=_token_snapshot,
        record=partial(record, actor, "token.revoke"),
        related=("user",),
    )


def token_for_secret(raw: str) -> ApiToken | None:
    """The live token with this secret (not revoked, active owner), or None."""
    if not raw.startswith(ApiToken.PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user", "organisation")
        .filter(digest=issued_secrets.digest(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    return issued_secrets.note_use(token) if token is not None else None
