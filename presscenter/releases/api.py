"""API for official information items: public reading, agency writing, operator tools. Their schemas are in
releases/schemas.py; search, keys and the audit list are routers of search, authenticity and audit."""

import base64
from typing import Any
from uuid import UUID

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import File, Form, Query, Router, Status
from ninja.files import UploadedFile

from presscenter.accounts.api_auth import PUBLIC_AUTH, Caller, caller_of, token_auth
from presscenter.core.api_errors import documented
from presscenter.core.api_schemas import Page, PageQuery, paginate
from presscenter.core.errors import DomainError, NotFound, PermissionDenied
from presscenter.orgs.api import organisation_ref
from presscenter.orgs.models import Organisation
from presscenter.releases import access, domain
from presscenter.releases.attachments import add_attachment
from presscenter.releases.models import (
    Attachment,
    Item,
    LatePublication,
    State,
    Topic,
    Version,
)
from presscenter.releases.schemas import (
    ApproveIn,
    AttachmentMeta,
    AttachmentOut,
    CommentIn,
    ForcePublishIn,
    ItemCreate,
    ItemDetail,
    ItemFields,
    ItemFilters,
    ItemSummary,
    LatePublicationOut,
    ReasonIn,
    TopicOut,
    VersionDetail,
    VersionSummary,
    WorkFilters,
    WorkItem,
)
from presscenter.syndication.entries import attachment_url
from presscenter.syndication.ninjs import to_ninjs

items_router = Router(tags=["items"], auth=PUBLIC_AUTH)
topics_router = Router(tags=["items"], auth=PUBLIC_AUTH)
agency_router = Router(tags=["agency"], auth=token_auth)
operator_router = Router(tags=["operator"], auth=token_auth)

ITEM_NOT_FOUND = _("Không tìm thấy tin này.")


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
