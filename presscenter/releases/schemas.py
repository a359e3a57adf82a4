"""The shapes of official information items in the API: what the public reads and what agencies write."""

import datetime as dt
from uuid import UUID

from ninja import Schema
from pydantic import AwareDatetime, Field

from presscenter.core.api_schemas import Day, Slug, Text
from presscenter.orgs.api import OrganisationRef
from presscenter.releases.models import ItemType, Language, Priority, State


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


class ItemFilters(Schema):
    agency: Slug | None = None
    type: ItemType | None = None
    topic: Slug | None = None
    area: Slug | None = None
    language: Language | None = None
    date_from: Day | None = None
    date_to: Day | None = None


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
