"""The reason an organiser gives for a postponement, a cancellation, a rejection or a revocation:
required, and of a length a notice can carry. One rule for the event's domain and the
registrations' (which the domain imports, so it cannot live in either)."""

from django.utils.translation import gettext_lazy as _

from presscenter.core.errors import DomainError

MAX_REASON = 2_000


def required(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Hãy nêu lý do."), field="reason")
    if len(reason) > MAX_REASON:
        raise DomainError(_("Lý do dài quá %(limit)s ký tự.") % {"limit": MAX_REASON}, field="reason")
    return reason
