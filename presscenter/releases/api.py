"""API for official information items: public reading and search, agency writing, operator tools."""

import base64
import datetime as dt
import re
from typing import Annotated, Any
from uuid import UUID

from django.db.models import Q, QuerySet, prefetch_related_objects
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile
from pydantic import AwareDatetime, BeforeValidator, Field

from presscenter.accounts.api_auth import PUBLIC_AUTH, Caller, caller_of, token_auth
from presscenter.audit.models import AuditEntry
from presscenter.authenticity.models import SigningKey
from presscenter.core.api_errors import documented
from presscenter.core.api_schemas import Page, PageParams, PageQuery, Slug, Text, page_of, paginate
from presscenter.core.errors import DomainError, NotFound, PermissionDenied
from presscenter.orgs.api import OrganisationRef, organisation_ref
from presscenter.orgs.models import Organisation
from presscenter.releases import access, domain
from presscenter.releases.attachments import add_attachment
from presscenter.releases.models import (
    Attachment,
    Item,
    ItemType,
    Language,
    LatePublication,
    Priority,
    State,
    Topic,
    Version,
)
from presscenter.search.query import FIRST_DAY, LAST_DAY, SearchParams, Sort, search
from presscenter.syndication.entries import attachment_url
from presscenter.syndication.ninjs import to_ninjs

items_router = Router(tags=["items"], auth=PUBLIC_AUTH)
topics_router = Router(tags=["items"], auth=PUBLIC_AUTH)
keys_router = Router(tags=["keys"], auth=PUBLIC_AUTH)
agency_router = Router(tags=["agency"], auth=token_auth)
operator_router = Router(tags=["operator"], auth=token_auth)

ITEM_NOT_FOUND = _("Không tìm thấy tin này.")
# A date filter takes a day of the years search.query accepts (FIRST_DAY to LAST_DAY), written YYYY-MM-DD:
# pydantic alone would also take "0" as a Unix timestamp. The schema shows the same pattern.
DAY_PATTERN = re.compile("^(19|20|21)[0-9]{2}-[0-9]{2}-[0-9]{2}$")


def _day_as_written(value: Any) -> Any:
    if isinstance(value, str) and not DAY_PATTERN.fullmatch(value):
        raise ValueError(f"a day from {FIRST_DAY} to {LAST_DAY}, written YYYY-MM-DD")
    return value


Day = Annotated[dt.date, BeforeValidator(_day_as_written), Field(json_schema_extra={"pattern": DAY_PATTERN.pattern})]


# --- schemas ------------------------------------------------------------------------------------


class TopicOut(Schema):
    slug: str
    name: str


class AttachmentOut(Schema):
    kind: str
    name: str
    url: str
    mime_type: str
    size: int
    sha256: str
    caption: str
    credit: str
    alt_text: str


class ItemCore(Schema):
    """What public and working views of an item share."""

    uid: UUID
    type: ItemType
    language: Language
    priority: Priority
    organisation: OrganisationRef
    title: str
    lead: str


class ItemSummary(ItemCore):
    url: str
    topics: list[TopicOut]
    areas: list[OrganisationRef]
    version: int | None
    first_published_at: dt.datetime | None
    last_published_at: dt.datetime | None
    embargo_until: dt.datetime | None
    withdrawn: bool


class ItemDetail(ItemSummary):
    body: str
    change_note: str
    verification_code: str
    withdrawal_reason: str
    attachments: list[AttachmentOut]


class VersionSummary(Schema):
    number: int
    title: str
    change_note: str
    minor_edit: bool
    forced: bool
    published_at: dt.datetime
    key_id: str


class VersionDetail(VersionSummary):
    lead: str
    body: str
    text_digest: str
    signature: str = Field(description="Ed25519 signature of signed_bytes, hex")
    signed_bytes: str = Field(description="The canonical JSON bytes that were signed, base64")


class KeyOut(Schema):
    key_id: str
    algorithm: str = "Ed25519"
    public_key_hex: str
    public_key_base64: str
    created_at: dt.datetime
    retired_at: dt.datetime | None


class ItemFilters(Schema):
    agency: Slug | None = None
    type: ItemType | None = None
    topic: Slug | None = None
    area: Slug | None = None
    language: Language | None = None
    date_from: Day | None = None
    date_to: Day | None = None


class SearchFilters(ItemFilters):
    q: Text = Field("", max_length=200)
    sort: Sort | None = Field(None, description="relevance (the default with words) or date (newest first)")


class SearchHit(Schema):
    item: ItemSummary
    score: float
    snippet: str


class SearchPage(Page[SearchHit]):
    # Counting stops at 1,000 matches: then `total` is 1,000 and more matches exist.
    total_is_lower_bound: bool


class ReviewCommentOut(Schema):
    author: str
    body: str
    created_at: dt.datetime


class WorkItem(ItemCore):
    state: State
    body: str
    change_note: str
    minor_edit: bool
    contact_name: str
    contact_phone: str
    contact_email: str
    topics: list[TopicOut]
    areas: list[OrganisationRef]
    embargo_until: dt.datetime | None = Field(description="The working copy's embargo: public once approved")
    published_embargo_until: dt.datetime | None = Field(description="The embargo readers see now")
    scheduled_at: dt.datetime | None
    published_version: int | None
    review_comments: list[ReviewCommentOut]
    updated_at: dt.datetime
    content_version: str = Field(
        description="Fingerprint of the working copy and its files; send it back to approve only what you saw"
    )


class ItemFields(Schema):
    """Fields of the working copy an agency writes. PATCH sends any subset."""

    type: ItemType = ItemType.PRESS_RELEASE
    priority: Priority = Priority.NORMAL
    language: Language = Language.VI
    title: Text = Field("", max_length=300)
    lead: Text = ""
    body: Text = Field("", description="HTML; sanitised on save")
    change_note: Text = Field("", max_length=500)
    minor_edit: bool = False
    contact_name: Text = Field("", max_length=200)
    contact_phone: Text = Field("", max_length=60)
    contact_email: Text = Field("", max_length=254)
    embargo_until: AwareDatetime | None = None
    topics: list[Slug] = Field(default_factory=list, max_length=50)
    areas: list[Slug] = Field(default_factory=list, max_length=200)


class ItemCreate(ItemFields):
    title: Text = Field(..., max_length=300)
    organisation: Slug | None = Field(None, description="Only for tokens not bound to an organisation")


class AttachmentMeta(Schema):
    caption: Text = Field("", max_length=500)
    credit: Text = Field("", max_length=200)
    alt_text: Text = Field("", max_length=300)


CONTENT_VERSION = Field(
    None,
    max_length=64,
    description="The content_version you reviewed: refused (409) if the working copy has changed since",
)


class ApproveIn(Schema):
    publish_at: AwareDatetime | None = Field(None, description="Schedule instead of publishing now")
    content_version: Text | None = CONTENT_VERSION


class CommentIn(Schema):
    comment: Text = Field(..., max_length=5000)


class ReasonIn(Schema):
    reason: Text = Field(..., max_length=500)


class ForcePublishIn(ReasonIn):
    content_version: Text | None = CONTENT_VERSION


class WorkFilters(Schema):
    state: State | None = None


class LatePublicationOut(Schema):
    id: int
    item: UUID
    title: str
    organisation: OrganisationRef
    scheduled_at: dt.datetime
    published_at: dt.datetime
    delay_seconds: int
    acknowledged: bool


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


# --- serialisation -----------------------------------------------------------------------------


def _topics(item: Item) -> list[dict[str, str]]:
    return [{"slug": t.slug, "name": t.display_name} for t in item.topics.all()]


def _areas(item: Item) -> list[dict[str, Any] | None]:
    return [organisation_ref(area) for area in item.areas.all()]


def attachment_out(attachment: Attachment) -> dict[str, Any]:
    return {
        "kind": attachment.kind,
        "name": attachment.original_name,
        # The checked download route: it applies the embargo; MEDIA_ROOT is never served.
        "url": attachment_url(attachment),
        "mime_type": attachment.mime_type,
        "size": attachment.size,
        "sha256": attachment.sha256,
        "caption": attachment.caption,
        "credit": attachment.credit,
        "alt_text": attachment.alt_text,
    }


def item_summary(item: Item) -> dict[str, Any]:
    """What the public sees: the current published version (or, for its agency, the unpublished draft)."""
    content = item.current_version or item
    return {
        "uid": item.uid,
        "url": item.get_absolute_url(),
        "type": item.type,
        "language": item.language,
        "priority": item.priority,
        "organisation": organisation_ref(item.organisation),
        "title": content.title,
        "lead": content.lead,
        "topics": _topics(item),
        "areas": _areas(item),
        "version": item.current_version.number if item.current_version else None,
        "first_published_at": item.first_published_at,
        "last_published_at": item.last_published_at,
        "embargo_until": item.embargo_until,
        "withdrawn": item.withdrawn_at is not None,
    }


def item_detail(item: Item) -> dict[str, Any]:
    content = item.current_version or item
    attachments = [a for a in item.attachments.all() if a.published or item.current_version is None]
    return {
        **item_summary(item),
        "body": content.body,
        "change_note": content.change_note,
        "verification_code": item.verification_code if item.current_version else "",
        "withdrawal_reason": item.withdrawal_reason,
        "attachments": [attachment_out(a) for a in attachments],
    }


def version_summary(version: Version) -> dict[str, Any]:
    return {
        "number": version.number,
        "title": version.title,
        "change_note": version.change_note,
        "minor_edit": version.minor_edit,
        "forced": bool(version.forced_reason),
        "published_at": version.published_at,
        "key_id": version.key_id,
    }


def work_item(item: Item) -> dict[str, Any]:
    item = domain.with_pending(item)
    return {
        "uid": item.uid,
        "state": item.state,
        "type": item.type,
        "language": item.language,
        "priority": item.priority,
        "organisation": organisation_ref(item.organisation),
        "title": item.title,
        "lead": item.lead,
        "body": item.body,
        "change_note": item.change_note,
        "minor_edit": item.minor_edit,
        "contact_name": item.contact_name,
        "contact_phone": item.contact_phone,
        "contact_email": item.contact_email,
        "topics": [{"slug": t.slug, "name": t.display_name} for t in domain.working_relation(item, "topics")],
        "areas": [organisation_ref(area) for area in domain.working_relation(item, "areas")],
        "embargo_until": item.working_embargo_until,
        "published_embargo_until": item.embargo_until,
        "scheduled_at": item.scheduled_at,
        "published_version": item.current_version.number if item.current_version else None,
        "review_comments": [
            {"author": str(c.author), "body": c.body, "created_at": c.created_at} for c in item.review_comments.all()
        ],
        "updated_at": item.updated_at,
        "content_version": domain.content_version(item),
    }


def _with_relations(items: QuerySet[Item]) -> QuerySet[Item]:
    return items.select_related("organisation", "current_version").prefetch_related("topics", "areas")


# --- public reading ------------------------------------------------------------------------------


def _filtered(items: QuerySet[Item], filters: ItemFilters) -> QuerySet[Item]:
    lookups = {
        "organisation__slug": filters.agency,
        "type": filters.type,
        "topics__slug": filters.topic,
        "areas__slug": filters.area,
        "language": filters.language,
        "first_published_at__date__gte": filters.date_from,
        "first_published_at__date__lte": filters.date_to,
    }
    return items.filter(**{lookup: value for lookup, value in lookups.items() if value is not None})


def readable_item(caller: Caller, uid: UUID) -> Item:
    """The item as `caller` may read it; an unpublished draft only within the token's scope."""
    item = access.item_for_reading(caller.user, uid)
    if item.current_version_id is None and caller.organisation_id not in (None, item.organisation_id):
        raise NotFound(ITEM_NOT_FOUND)
    return item


@items_router.get("", response=Page[ItemSummary])
def list_items(request: HttpRequest, paging: PageQuery, filters: Query[ItemFilters]) -> dict[str, Any]:
    items = _filtered(access.public_items(caller_of(request).user), filters)
    return paginate(request, _with_relations(items), paging, item_summary)


@items_router.get("/search", response=SearchPage)
def search_items(request: HttpRequest, paging: PageQuery, filters: Query[SearchFilters]) -> dict[str, Any]:
    params = SearchParams(
        q=filters.q,
        organisation=filters.agency,
        type=filters.type,
        topic=filters.topic,
        area=filters.area,
        date_from=filters.date_from,
        date_to=filters.date_to,
        page=paging.page,
        per_page=paging.page_size,
        sort=filters.sort,
    )
    result = search(params, caller_of(request).user)
    prefetch_related_objects([hit.item for hit in result.hits], "topics", "areas")
    hits = [{"item": item_summary(h.item), "score": h.score, "snippet": h.snippet} for h in result.hits]
    page = page_of(request, result.total, PageParams(page=result.page, page_size=result.per_page), hits)
    return {**page, "total_is_lower_bound": result.total_is_lower_bound}


@items_router.get("/{uuid:uid}", response={200: ItemDetail, **documented(404)})
def item_detail_endpoint(request: HttpRequest, uid: UUID) -> dict[str, Any]:
    item = readable_item(caller_of(request), uid)
    return item_detail(item)


@items_router.get("/{uuid:uid}/versions", response={200: list[VersionSummary], **documented(404)})
def list_versions(request: HttpRequest, uid: UUID) -> list[dict[str, Any]]:
    item = readable_item(caller_of(request), uid)
    return [version_summary(v) for v in item.versions.order_by("number")]


@items_router.get("/{uuid:uid}/versions/{int:number}", response={200: VersionDetail, **documented(404)})
def version_detail(request: HttpRequest, uid: UUID, number: int) -> dict[str, Any]:
    item = readable_item(caller_of(request), uid)
    version = item.versions.filter(number=number).first()
    if version is None:
        raise NotFound(_("Không có phiên bản này."))
    return {
        **version_summary(version),
        "lead": version.lead,
        "body": version.body,
        "text_digest": version.text_digest,
        "signature": version.signature,
        "signed_bytes": base64.b64encode(bytes(version.signed_bytes)).decode(),
    }


@items_router.get("/{uuid:uid}/ninjs", response={200: dict[str, Any], **documented(404)})
def item_ninjs(request: HttpRequest, uid: UUID) -> dict[str, Any]:
    item = readable_item(caller_of(request), uid)
    if item.current_version is None:
        raise NotFound(ITEM_NOT_FOUND)
    return to_ninjs(item)


@topics_router.get("/topics", response=list[TopicOut])
def list_topics(request: HttpRequest) -> list[dict[str, str]]:
    return [{"slug": t.slug, "name": t.display_name} for t in Topic.objects.all()]


@keys_router.get("", response=list[KeyOut])
def list_keys(request: HttpRequest) -> list[dict[str, Any]]:
    """Every signing key, retired ones included, so that old signatures still verify."""
    return [
        {
            "key_id": key.key_id,
            "public_key_hex": key.public_key,
            "public_key_base64": base64.b64encode(bytes.fromhex(key.public_key)).decode(),
            "created_at": key.created_at,
            "retired_at": key.retired_at,
        }
        for key in SigningKey.objects.only("key_id", "public_key", "created_at", "retired_at")
    ]


# --- agency writing ------------------------------------------------------------------------------


# An action on one working copy: the item may not exist (404), a rule may refuse one of its fields (422)
# or its state may not allow the action (409).
WORK_ITEM_ACTION = {200: WorkItem, **documented(404, 409, 422)}


def work_on(caller: Caller, uid: UUID) -> Item:
    """The working copy, after the token scope and the workspace checks."""
    item = Item.objects.filter(uid=uid).only("pk", "organisation_id").first()
    if item is None:
        raise NotFound(ITEM_NOT_FOUND)
    caller.check_scope(item.organisation_id)
    return access.item_for_work(caller.user, item.pk)


def _work_item_response(item: Item) -> dict[str, Any]:
    fresh = _with_relations(Item.objects.filter(pk=item.pk)).prefetch_related("review_comments__author")
    return work_item(fresh.get())


def _relations(fields: dict[str, Any]) -> dict[str, Any]:
    """Turn topic and area slugs into ids; an unknown slug is an error, not silently dropped."""
    resolved = dict(fields)
    for name, model in (("topics", Topic), ("areas", Organisation)):
        if name not in fields:
            continue
        slugs = set(fields[name])
        found = dict(model.objects.filter(slug__in=slugs).values_list("slug", "pk"))  # type: ignore[attr-defined]
        missing = slugs - set(found)
        if missing:
            raise DomainError(_("Không tìm thấy: %(slugs)s") % {"slugs": ", ".join(sorted(missing))}, field=name)
        resolved[name] = list(found.values())
    return resolved


def _target_organisation(caller: Caller, slug: str | None) -> Organisation:
    if caller.token is not None and caller.token.organisation is not None:
        if slug and slug != caller.token.organisation.slug:
            raise PermissionDenied(_("Mã truy cập này không được dùng cho cơ quan khác."))
        return caller.token.organisation
    organisation = Organisation.objects.filter(slug=slug).first() if slug else None
    if organisation is None:
        raise DomainError(_("Hãy chọn cơ quan ban hành."), field="organisation")
    return organisation


@agency_router.get("/items", response=Page[WorkItem])
def list_work_items(request: HttpRequest, paging: PageQuery, filters: Query[WorkFilters]) -> dict[str, Any]:
    caller = caller_of(request)
    items = access.workspace_items(caller.user).order_by("-updated_at", "-id")
    if caller.organisation_id is not None:
        items = items.filter(organisation_id=caller.organisation_id)
    if filters.state:
        items = items.filter(state=filters.state)
    items = _with_relations(items).prefetch_related("review_comments__author")
    return paginate(request, items, paging, work_item)


@agency_router.post("/items", response={201: WorkItem})
def create_item(request: HttpRequest, payload: ItemCreate) -> Status[dict[str, Any]]:
    caller = caller_of(request)
    organisation = _target_organisation(caller, payload.organisation)
    fields = _relations(payload.model_dump(exclude={"organisation"}))
    item = domain.create_item(caller.user, organisation, **fields)
    return Status(201, _work_item_response(item))


@agency_router.get("/items/{uuid:uid}", response={200: WorkItem, **documented(404)})
def get_work_item(request: HttpRequest, uid: UUID) -> dict[str, Any]:
    return _work_item_response(work_on(caller_of(request), uid))


@agency_router.patch("/items/{uuid:uid}", response=WORK_ITEM_ACTION)
def update_item(request: HttpRequest, uid: UUID, payload: ItemFields) -> dict[str, Any]:
    caller = caller_of(request)
    item = work_on(caller, uid)
    fields = _relations(payload.model_dump(exclude_unset=True))
    return _work_item_response(domain.update_item(caller.user, item, **fields))


@agency_router.post("/items/{uuid:uid}/attachments", response={201: AttachmentOut, **documented(404, 409, 422)})
def attach_file(
    request: HttpRequest,
    uid: UUID,
    file: File[UploadedFile],
    meta: Form[AttachmentMeta],
) -> Status[dict[str, Any]]:
    caller = caller_of(request)
    item = work_on(caller, uid)
    if not access.can_edit(caller.user, item):
        raise PermissionDenied(_("Bạn không có quyền sửa tin này."))
    attachment = add_attachment(
        caller.user, item, file, caption=meta.caption, credit=meta.credit, alt_text=meta.alt_text
    )
    return Status(201, attachment_out(attachment))


@agency_router.post("/items/{uuid:uid}/submit", response=WORK_ITEM_ACTION)
def submit_item(request: HttpRequest, uid: UUID) -> dict[str, Any]:
    caller = caller_of(request)
    return _work_item_response(domain.submit(caller.user, work_on(caller, uid)))


@agency_router.post("/items/{uuid:uid}/recall", response=WORK_ITEM_ACTION)
def recall_item(request: HttpRequest, uid: UUID) -> dict[str, Any]:
    caller = caller_of(request)
    return _work_item_response(domain.recall(caller.user, work_on(caller, uid)))


@agency_router.post("/items/{uuid:uid}/approve", response=WORK_ITEM_ACTION)
def approve_item(request: HttpRequest, uid: UUID, payload: ApproveIn | None = None) -> dict[str, Any]:
    caller = caller_of(request)
    payload = payload or ApproveIn(publish_at=None)
    item = domain.approve(
        caller.user, work_on(caller, uid), publish_at=payload.publish_at, seen=payload.content_version
    )
    return _work_item_response(item)


@agency_router.post("/items/{uuid:uid}/request-changes", response=WORK_ITEM_ACTION)
def request_changes(request: HttpRequest, uid: UUID, payload: CommentIn) -> dict[str, Any]:
    caller = caller_of(request)
    item = domain.request_changes(caller.user, work_on(caller, uid), payload.comment)
    return _work_item_response(item)


@agency_router.post("/items/{uuid:uid}/withdraw", response=WORK_ITEM_ACTION)
def withdraw_item(request: HttpRequest, uid: UUID, payload: ReasonIn) -> dict[str, Any]:
    caller = caller_of(request)
    return _work_item_response(domain.withdraw(caller.user, work_on(caller, uid), payload.reason))


# --- operators -----------------------------------------------------------------------------------


def operator(request: HttpRequest) -> Caller:
    caller = caller_of(request)
    caller.check_operator()
    return caller


@operator_router.post("/items/{uuid:uid}/force-publish", response=WORK_ITEM_ACTION)
def force_publish(request: HttpRequest, uid: UUID, payload: ForcePublishIn) -> dict[str, Any]:
    caller = operator(request)
    item = domain.force_publish(caller.user, work_on(caller, uid), payload.reason, seen=payload.content_version)
    return _work_item_response(item)


@operator_router.get("/scheduled", response=Page[WorkItem])
def list_scheduled(request: HttpRequest, paging: PageQuery) -> dict[str, Any]:
    operator(request)
    items = Item.objects.filter(state=State.SCHEDULED).order_by("scheduled_at", "id")
    items = _with_relations(items).prefetch_related("review_comments__author")
    return paginate(request, items, paging, work_item)


@operator_router.get("/late-publications", response=Page[LatePublicationOut])
def list_late_publications(request: HttpRequest, paging: PageQuery) -> dict[str, Any]:
    operator(request)
    late = LatePublication.objects.select_related("item__organisation")
    return paginate(request, late, paging, late_publication)


@operator_router.post("/late-publications/{late_id}/acknowledge", response={200: LatePublicationOut, **documented(404)})
def acknowledge_late_publication(request: HttpRequest, late_id: int) -> dict[str, Any]:
    caller = operator(request)
    late = LatePublication.objects.filter(pk=late_id).first()
    if late is None:
        raise NotFound(_("Không có tin công bố trễ này."))
    return late_publication(domain.acknowledge_late(caller.user, late))


def late_publication(entry: LatePublication) -> dict[str, Any]:
    return {
        "id": entry.pk,
        "item": entry.item.uid,
        "title": entry.item.title,
        "organisation": organisation_ref(entry.item.organisation),
        "scheduled_at": entry.scheduled_at,
        "published_at": entry.published_at,
        "delay_seconds": entry.delay_seconds,
        "acknowledged": entry.acknowledged_at is not None,
    }


@operator_router.get("/audit", response=Page[AuditEntryOut])
def list_audit(request: HttpRequest, paging: PageQuery, filters: Query[AuditFilters]) -> dict[str, Any]:
    operator(request)
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

    def serialise(entry: AuditEntry) -> dict[str, Any]:
        return {
            "id": entry.pk,
            "at": entry.at,
            "actor": entry.actor_label,
            "action": entry.action,
            "object_type": entry.object_type,
            "object_id": entry.object_id,
            "summary": entry.summary,
            "before": entry.before,
            "after": entry.after,
            "hash": entry.hash,
            "prev_hash": entry.prev_hash,
        }

    return paginate(request, entries, paging, serialise)
