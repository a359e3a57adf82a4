"""The audit log over HTTP, for the centre's operators. Mounted by presscenter/api.py at /operator."""

import datetime as dt
from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from presscenter.accounts.api_auth import caller_of, token_auth
from presscenter.audit.domain import entry_fields
from presscenter.audit.models import AuditEntry
from presscenter.core.api_schemas import Day, Page, PageQuery, Text, paginate

router = Router(tags=["operator"], auth=token_auth)


class AuditFilters(Schema):
    action: Text | None = Field(None, max_length=60)
    object_type: Text | None = Field(None, max_length=60)
    object_id: Text | None = Field(None, max_length=64)
    actor: Text | None = Field(None, max_length=150)
    date_from: Day | None = None
    date_to: Day | None = None


class AuditEntryOut(Schema):
    id: int
    at: dt.datetime
    actor: str
    action: str
    object_type: str
    object_id: str
    summary: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    hash: str
    prev_hash: str


def entry_out(entry: AuditEntry) -> dict[str, Any]:
    """The chained fields (audit.domain.entry_fields, the one list of them) with the entry's place in the chain."""
    return {
        **entry_fields(entry),
        "id": entry.pk,
        "at": entry.at,
        "actor": entry.actor_label,
        "hash": entry.hash,
        "prev_hash": entry.prev_hash,
    }


# The operation id from before the endpoint moved here: clients generate code from it.
@router.get("/audit", response=Page[AuditEntryOut], operation_id="presscenter_releases_api_list_audit")
def list_audit(request: HttpRequest, paging: PageQuery, filters: Query[AuditFilters]) -> dict[str, Any]:
    caller_of(request).check_operator()
    lookups = {
        "action": filters.action,
        "object_type": filters.object_type,
        "object_id": filters.object_id,
        "at__date__gte": filters.date_from,
        "at__date__lte": filters.date_to,
    }
    entries = AuditEntry.objects.filter(**{k: v for k, v in lookups.items() if v is not None})
    if filters.actor:
        entries = entries.filter(Q(actor__username=filters.actor) | Q(actor_label=filters.actor))
    return paginate(request, entries, paging, entry_out)
