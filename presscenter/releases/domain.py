"""Every write to official information items. Each function runs in one transaction that also
writes the audit entry and the search index."""

import copy
import datetime as dt
import hashlib
from typing import Any, cast

from django.conf import settings
from django.db import transaction
from django.db.models import Field, Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from presscenter.audit.domain import record, save_recorded
from presscenter.authenticity.canonical import CANONICAL_FORMAT, canonical_bytes, text_digest, utc
from presscenter.authenticity.keys import sign
from presscenter.core.errors import DomainError, PermissionDenied
from presscenter.core.html import sanitize, to_text
from presscenter.delivery.models import EventKind
from presscenter.delivery.outbox import announce
from presscenter.releases import access
from presscenter.releases.models import Contribution, Item, LatePublication, ReviewComment, State, Version
from presscenter.search import index

EDITABLE_FIELDS = (
    "type", "priority", "language", "title", "lead", "body", "change_note", "minor_edit",
    "contact_name", "contact_phone", "contact_email", "embargo_until", "translation_of", "corrects",
)  # fmt: skip
RELATION_FIELDS = ("topics", "areas", "related")
# The working copy's attribute for each field that has a public counterpart of its own.
WORKING_ATTRIBUTES = {"embargo_until": "working_embargo_until"}
# Fields readers see on the item itself: once it is published, changes wait in
# `Item.pending_fields` until the next version is published. Relations wait there as id lists.
PUBLISHED_FIELDS = (
    "type", "priority", "language", "contact_name", "contact_phone", "contact_email", "translation_of", "corrects",
)  # fmt: skip
# How far ahead an embargo or a schedule may lie: further is a typing mistake (and year 9999
# overflows when shown in local time).
HORIZON = dt.timedelta(days=5 * 365 + 2)
TWO_PERSON_RULE = _(
    "Bạn đã soạn hoặc sửa nội dung bản này nên không thể duyệt nó (nguyên tắc hai người): một người khác phải duyệt."
)


def snapshot(item: Item) -> dict[str, Any]:
    """The audited view of an item's workflow fields (JSON-safe)."""
    return {
        "state": item.state,
        "title": item.title,
        "priority": item.priority,
        "scheduled_at": item.scheduled_at.isoformat() if item.scheduled_at else None,
        "embargo_until": item.embargo_until.isoformat() if item.embargo_until else None,
        "working_embargo_until": item.working_embargo_until.isoformat() if item.working_embargo_until else None,
        "pending_fields": item.pending_fields,
        "current_version": item.current_version.number if item.current_version else None,
        "withdrawn_at": item.withdrawn_at.isoformat() if item.withdrawn_at else None,
    }


def plain_text(title: str, lead: str, body_html: str) -> str:
    """The text that verification compares: title, lead and body as plain text."""
    return "\n".join(part for part in (title, lead, to_text(body_html)) if part)


def _clean(fields: dict[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - set(EDITABLE_FIELDS) - set(RELATION_FIELDS)
    if unknown:
        raise DomainError(_("Trường không hợp lệ: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    cleaned = dict(fields)
    if "body" in cleaned:
        cleaned["body"] = sanitize(cleaned["body"])
    for name in ("title", "lead", "change_note"):
        if name in cleaned:
            cleaned[name] = (cleaned[name] or "").strip()
    if "title" in cleaned and not cleaned["title"]:
        raise DomainError(_("Tiêu đề không được để trống."), field="title")
    return cleaned


def _working(fields: dict[str, Any]) -> dict[str, Any]:
    """Field names as callers write them, turned into the working copy's attributes."""
    return {WORKING_ATTRIBUTES.get(name, name): value for name, value in fields.items()}


def _within_horizon(moment: dt.datetime, field: str) -> dt.datetime:
    """`moment` in UTC, or a field error when it is further ahead than HORIZON or cannot be
    turned into UTC at all (year 1 or 9999 with an offset)."""
    try:
        instant = moment.astimezone(dt.UTC)
    except (OverflowError, ValueError):
        instant = None
    if instant is None or instant - timezone.now() > HORIZON:
        raise DomainError(_("Thời điểm quá xa: hãy chọn một thời điểm trong vòng 5 năm tới."), field=field)
    return instant


def _check_embargo(item: Item | None, fields: dict[str, Any]) -> None:
    """A new embargo must lie ahead; one already on the item (published or in the working copy)
    may have lifted since."""
    embargo = fields.get("embargo_until")
    if embargo is None:
        return
    fields["embargo_until"] = embargo = _within_horizon(embargo, "embargo_until")
    if item is not None and embargo in (item.embargo_until, item.working_embargo_until):
        return
    if embargo <= timezone.now():
        raise DomainError(
            _("Thời điểm hết cấm đăng đã qua; hãy chọn một thời điểm trong tương lai hoặc bỏ cấm đăng."),
            field="embargo_until",
        )


def _check_publish_at(publish_at: dt.datetime | None) -> None:
    """A schedule lies ahead: a time already past is refused, not quietly published now."""
    if publish_at is not None and _within_horizon(publish_at, "publish_at") <= timezone.now():
        raise DomainError(
            _("Thời điểm hẹn giờ đã qua; hãy chọn một thời điểm trong tương lai, hoặc để trống để công bố ngay."),
            field="publish_at",
        )


def note_contribution(actor: Any, item: Item) -> None:
    """`actor` changed the text awaiting publication, so may not approve it (two-person rule)."""
    Contribution.objects.get_or_create(item=item, user=actor)


def _attname(name: str) -> str:
    return cast(Field, Item._meta.get_field(name)).attname


def with_pending(item: Item) -> Item:
    """The item as its working copy reads (unsaved): changes to published fields applied.
    Relations: see `working_relation`."""
    if not item.pending_fields:
        return item
    working = copy.copy(item)
    for name, value in item.pending_fields.items():
        if name not in RELATION_FIELDS:
            setattr(working, _attname(name), value)
    return working


def working_relation(item: Item, name: str) -> Any:
    """The topics, areas or related items of the working copy: held ones, or the published ones."""
    manager = getattr(item, name)
    held = (item.pending_fields or {}).get(name)
    return manager.all() if held is None else manager.model.objects.filter(pk__in=held)


def _relation_ids(item: Item, name: str, values: Any) -> list[int]:
    ids = {getattr(value, "pk", value) for value in values}
    if name == "areas" and item.organisation.is_area:  # the issuing ward stays among them (see _apply)
        ids.add(item.organisation_id)
    return sorted(ids)


def _hold_published_fields(item: Item, fields: dict[str, Any]) -> None:
    """Take changes to PUBLISHED_FIELDS and relations out of `fields` into `item.pending_fields`."""
    pending = dict(item.pending_fields or {})
    for name in (*PUBLISHED_FIELDS, *RELATION_FIELDS):
        if name not in fields:
            continue
        value = fields.pop(name)
        if name in RELATION_FIELDS:
            value, published = (
                _relation_ids(item, name, value),
                sorted(getattr(item, name).values_list("pk", flat=True)),
            )
        else:
            value, published = getattr(value, "pk", value), getattr(item, _attname(name))  # a form gives items
        if value == published:
            pending.pop(name, None)
        else:
            pending[name] = value
    item.pending_fields = pending or None


def _release_pending(item: Item) -> None:
    """Publishing: the held changes become what readers see (anything deleted since left out)."""
    for name, value in (item.pending_fields or {}).items():
        if name in RELATION_FIELDS:
            getattr(item, name).set(getattr(item, name).model.objects.filter(pk__in=value))
            continue
        if name in ("translation_of", "corrects") and not Item.objects.filter(pk=value).exists():
            value = None
        setattr(item, _attname(name), value)
    item.pending_fields = None


def _release_pending_meta(item: Item) -> None:
    """Publishing: the held descriptions of the item's files become what readers see."""
    for attachment in item.attachments.filter(pending_meta__isnull=False):
        for name, value in (attachment.pending_meta or {}).items():
            setattr(attachment, name, value)
        attachment.pending_meta = None
        attachment.save(update_fields=["caption", "credit", "alt_text", "pending_meta"])


def working_copy(item: Item) -> dict[str, Any]:
    """Every field an editor changes: what the next version will publish."""
    working, values = with_pending(item), {}
    for name in EDITABLE_FIELDS:
        value = getattr(working, _attname(WORKING_ATTRIBUTES.get(name, name)))
        # Browsers send textareas with CRLF line ends: re-saving an unchanged body changes nothing.
        values[name] = value.replace("\r\n", "\n") if isinstance(value, str) else value
    for name in RELATION_FIELDS:
        values[name] = sorted(working_relation(item, name).values_list("pk", flat=True))
    return values


def content_version(item: Item) -> str:
    """A token that changes whenever the working copy or its files change (every such write sets
    `updated_at`; so do workflow steps, which errs on the side of a second look). An approver's
    page carries it, and approving refuses when it no longer matches."""
    return hashlib.sha256(f"{item.pk}:{item.updated_at.isoformat()}".encode()).hexdigest()[:16]


def _check_content_version(item: Item, seen: str | None) -> None:
    if seen and seen != content_version(item):
        raise DomainError(
            _("Tin đã được sửa hoặc gửi lại kể từ khi bạn mở trang duyệt; hãy xem lại bản mới nhất rồi duyệt lại.")
        )


def _apply(item: Item, fields: dict[str, Any]) -> None:
    relations = {name: fields.pop(name) for name in RELATION_FIELDS if name in fields}
    creating = item.pk is None
    for name, value in fields.items():
        setattr(item, name, value)
    item.updated_at = timezone.now()
    item.save()
    # The rule, stated here only: an item is about an area when it is tagged with it or was
    # issued by that ward or commune. Keeping the issuer among the item's areas makes every
    # reader of `Item.areas` (area pages, feeds and WebSub, API, search, subscriptions) agree.
    if (creating or "areas" in relations) and item.organisation.is_area:
        relations["areas"] = [*relations.get("areas", ()), item.organisation_id]
    for name, values in relations.items():
        getattr(item, name).set(values)


@transaction.atomic
def create_item(actor: Any, organisation: Any, **fields: Any) -> Item:
    if not access.can_draft_for(actor, organisation.pk):
        raise PermissionDenied(_("Bạn không thể soạn tin cho cơ quan này."))
    cleaned = _clean(fields)
    if not cleaned.get("title"):
        raise DomainError(_("Tiêu đề không được để trống."), field="title")
    _check_embargo(None, cleaned)
    item = Item(organisation=organisation, author=actor, state=State.DRAFT)
    _apply(item, _working(cleaned))
    note_contribution(actor, item)
    record(actor, "item.create", item, summary=item.title, after=snapshot(item))
    return item


@transaction.atomic
def update_item(actor: Any, item: Item, **fields: Any) -> Item:
    """Edit the working copy. Editing a published item starts a revision; the public keeps
    seeing the current version (and its embargo) until the revision is approved. Changing any
    field makes the actor a contributor, who may not approve it (two-person rule)."""
    item = Item.objects.select_for_update().get(pk=item.pk)
    if not access.can_edit(actor, item):
        raise PermissionDenied(_("Bạn không có quyền sửa tin này."))
    if item.state in (State.IN_REVIEW, State.SCHEDULED):
        raise DomainError(_("Tin đang chờ duyệt hoặc đã hẹn giờ; hãy rút về bản nháp trước khi sửa."))
    before, earlier = snapshot(item), working_copy(item)
    cleaned = _clean(fields)
    _check_embargo(item, cleaned)
    cleaned = _working(cleaned)
    if item.current_version_id is not None:
        _hold_published_fields(item, cleaned)
    _apply(item, cleaned)
    if working_copy(item) != earlier:
        note_contribution(actor, item)
    if item.state in (State.PUBLISHED, State.CHANGES_REQUESTED):
        item.state = State.DRAFT
        item.save(update_fields=["state"])
    record(actor, "item.update", item, summary=item.title, before=before, after=snapshot(item))
    return item


def _transition(actor: Any, item: Item, action: str, state: str, **extra: Any) -> Item:
    before = snapshot(item)
    item.state = state
    item.updated_at = timezone.now()
    for name, value in extra.items():
        setattr(item, name, value)
    item.save(update_fields=["state", "updated_at", *extra])
    record(actor, action, item, summary=item.title, before=before, after=snapshot(item))
    return item


def _locked(item: Item) -> Item:
    return Item.objects.select_for_update(of=("self",)).select_related("current_version").get(pk=item.pk)


@transaction.atomic
def submit(actor: Any, item: Item) -> Item:
    item = _locked(item)
    if not access.can_edit(actor, item):
        raise PermissionDenied(_("Bạn không có quyền gửi duyệt tin này."))
    if item.state not in (State.DRAFT, State.CHANGES_REQUESTED):
        raise DomainError(_("Chỉ bản nháp mới gửi duyệt được."))
    if item.current_version_id and not item.minor_edit and not item.change_note:
        raise DomainError(
            _("Bản sửa của tin đã công bố cần ghi chú thay đổi công khai (hoặc đánh dấu là chỉnh sửa nhỏ)."),
            field="change_note",
        )
    return _transition(actor, item, "item.submit", State.IN_REVIEW)


@transaction.atomic
def recall(actor: Any, item: Item) -> Item:
    """Take an item back from review or from its schedule, to edit it again."""
    item = _locked(item)
    if not access.can_edit(actor, item):
        raise PermissionDenied(_("Bạn không có quyền với tin này."))
    if item.state not in (State.IN_REVIEW, State.SCHEDULED):
        raise DomainError(_("Tin không ở trạng thái chờ duyệt hay hẹn giờ."))
    return _transition(actor, item, "item.recall", State.DRAFT, scheduled_at=None, scheduled_by=None)


def _check_reviewer(actor: Any, item: Item) -> None:
    """Approving and requesting changes are the second person's: say so to a contributor."""
    if access.can_draft_for(actor, item.organisation_id) and item.changed_by(actor):
        raise PermissionDenied(TWO_PERSON_RULE)
    if not access.can_approve(actor, item):
        raise PermissionDenied(_("Bạn không có quyền duyệt tin này."))


@transaction.atomic
def request_changes(actor: Any, item: Item, comment: str) -> Item:
    item = _locked(item)
    _check_reviewer(actor, item)
    if item.state != State.IN_REVIEW:
        raise DomainError(_("Tin không ở trạng thái chờ duyệt."))
    if not comment.strip():
        raise DomainError(_("Hãy ghi rõ nội dung cần chỉnh sửa."), field="comment")
    ReviewComment.objects.create(item=item, author=actor, body=comment.strip())
    return _transition(actor, item, "item.request_changes", State.CHANGES_REQUESTED)


def check_approval(actor: Any, item: Item, publish_at: dt.datetime | None = None, seen: str | None = None) -> None:
    """Everything `approve` refuses, without writing: the confirmation step asks first. `seen` is
    the `content_version` the approver's page showed, when it says."""
    _check_reviewer(actor, item)
    if item.state != State.IN_REVIEW:
        raise DomainError(_("Tin không ở trạng thái chờ duyệt."))
    _check_content_version(item, seen)
    _check_publish_at(publish_at)


@transaction.atomic
def approve(actor: Any, item: Item, *, publish_at: dt.datetime | None = None, seen: str | None = None) -> Item:
    """Approve an item in review: publish it now, or schedule it for `publish_at`."""
    item = _locked(item)
    check_approval(actor, item, publish_at, seen)
    if publish_at is not None:
        return _transition(actor, item, "item.schedule", State.SCHEDULED, scheduled_at=publish_at, scheduled_by=actor)
    return _publish(item, publisher=actor)


def check_force_publish(actor: Any, item: Item, reason: str, seen: str | None = None) -> None:
    """Everything `force_publish` refuses, without writing: the confirmation step asks first."""
    if not access.can_force_publish(actor):
        raise PermissionDenied(_("Chỉ điều hành viên Trung tâm mới được công bố không qua duyệt."))
    if not reason.strip():
        raise DomainError(_("Cần ghi lý do khi công bố không qua duyệt."), field="reason")
    if item.state not in (State.DRAFT, State.CHANGES_REQUESTED, State.IN_REVIEW, State.SCHEDULED):
        raise DomainError(_("Tin này không có bản nào chờ công bố."))
    _check_content_version(item, seen)


@transaction.atomic
def force_publish(actor: Any, item: Item, reason: str, seen: str | None = None) -> Item:
    """Operators publish on behalf of the city without a second approver: the reason is public,
    on the version and its history, and the audit entry is an `item.force_publish`."""
    item = _locked(item)
    check_force_publish(actor, item, reason, seen)
    return _publish(item, publisher=actor, forced_reason=reason.strip())


def acknowledge_late(actor: Any, late: LatePublication) -> LatePublication:
    """An operator has looked into a late publication: it leaves the count of unseen ones. Once
    is enough; acknowledging again changes nothing."""
    if not access.can_acknowledge_late(actor):
        raise PermissionDenied(_("Chỉ điều hành viên Trung tâm mới xác nhận được tin công bố trễ."))
    with transaction.atomic():
        # With its item and agency, which every caller shows: one query, the row alone locked.
        late = (
            LatePublication.objects.select_for_update(of=("self",))
            .select_related("item__organisation", "acknowledged_by")
            .get(pk=late.pk)
        )
        if late.acknowledged_at is None:
            save_recorded(
                actor,
                "late_publication.acknowledged",
                late,
                _late_snapshot,
                f"{late.item_id} @ {late.scheduled_at.isoformat()}",
                acknowledged_by=actor,
                acknowledged_at=timezone.now(),
            )
    return late


def _late_snapshot(late: LatePublication) -> dict[str, Any]:
    return {
        "acknowledged_by": late.acknowledged_by_id,
        "acknowledged_at": late.acknowledged_at.isoformat() if late.acknowledged_at else None,
    }


def _publish(item: Item, *, publisher: Any, forced_reason: str = "", now: dt.datetime | None = None) -> Item:
    now = now or timezone.now()
    before = snapshot(item)
    item.embargo_until = item.working_embargo_until  # the approved embargo goes public with the text
    _release_pending(item)
    _release_pending_meta(item)
    number = (item.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    attachments = list(item.attachments.all())
    text = plain_text(item.title, item.lead, item.body)
    document = {
        "format": CANONICAL_FORMAT,
        "item": str(item.uid),
        "version": number,
        "type": item.type,
        "language": item.language,
        "agency": {"slug": item.organisation.slug, "name": item.organisation.name},
        "title": item.title,
        "lead": item.lead,
        "body": item.body,
        "change_note": item.change_note,
        "published_at": utc(now),
        "embargo_until": utc(item.embargo_until) if item.embargo_until else None,
        "attachments": [{"name": a.original_name, "sha256": a.sha256, "size": a.size} for a in attachments],
        "verification_code": item.verification_code,
    }
    payload = canonical_bytes(document)
    key_id, signature = sign(payload)
    version = Version.objects.create(
        item=item,
        number=number,
        title=item.title,
        lead=item.lead,
        body=item.body,
        change_note=item.change_note,
        minor_edit=item.minor_edit and number > 1,
        published_at=now,
        published_by=publisher,
        author=item.author,
        forced_reason=forced_reason,
        signed_bytes=payload,
        signature=signature,
        key_id=key_id,
        text_digest=text_digest(text),
    )
    item.attachments.filter(published=False).update(published=True)
    item.contributions.all().delete()  # the next version starts with no contributors
    item.current_version = version
    item.state = State.PUBLISHED
    item.first_published_at = item.first_published_at or now
    item.last_published_at = now
    item.scheduled_at = None
    item.scheduled_by = None
    item.change_note = ""
    item.minor_edit = False
    item.updated_at = now
    item.save()
    index.index_item(item)
    announce(item, EventKind.PUBLISHED if number == 1 else EventKind.CORRECTED)
    action = "item.force_publish" if forced_reason else "item.publish"
    record(publisher, action, item, summary=forced_reason or item.title, before=before, after=snapshot(item))
    return item


def publish_due(now: dt.datetime | None = None) -> list[Item]:
    """Publish every scheduled item whose time has come. A slot missed while workers were down
    publishes now and is recorded as late, for operators to see."""
    now = now or timezone.now()
    published = []
    due_ids = list(
        Item.objects.filter(state=State.SCHEDULED, scheduled_at__lte=now)
        .order_by("scheduled_at")
        .values_list("pk", flat=True)
    )
    for pk in due_ids:
        with transaction.atomic():
            item = Item.objects.select_for_update().filter(pk=pk, state=State.SCHEDULED).first()
            if item is None:  # another worker got there first
                continue
            slot = item.scheduled_at
            item = _publish(item, publisher=item.scheduled_by or item.author, now=now)
            assert slot is not None
            if (
                item.last_published_at
                and (item.last_published_at - slot).total_seconds() > settings.SCHEDULE_GRACE_SECONDS
            ):
                LatePublication.objects.create(item=item, scheduled_at=slot, published_at=item.last_published_at)
            published.append(item)
    return published


@transaction.atomic
def withdraw(actor: Any, item: Item, reason: str) -> Item:
    """The page stays with a public withdrawal notice; the item leaves search and feeds."""
    item = _locked(item)
    if not access.can_withdraw(actor, item):
        raise PermissionDenied(_("Bạn không có quyền thu hồi tin này."))
    if item.current_version_id is None or item.withdrawn_at is not None:
        raise DomainError(_("Chỉ thu hồi được tin đã công bố."))
    if not reason.strip():
        raise DomainError(_("Cần ghi lý do thu hồi (sẽ được công khai)."), field="reason")
    index.remove_item(item)
    announce(item, EventKind.WITHDRAWN)
    return _transition(
        actor, item, "item.withdraw", State.WITHDRAWN, withdrawn_at=timezone.now(), withdrawal_reason=reason.strip()
    )
