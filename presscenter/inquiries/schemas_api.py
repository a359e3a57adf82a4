"""The shapes of questions and feedback in the API: what an asker sends and reads, and what the
centre and the agencies read and send while handling them."""

import datetime as dt
import enum
from typing import TYPE_CHECKING, Annotated, TypeAlias

from ninja import Schema
from pydantic import Field, StringConstraints

from presscenter.core.api_schemas import Slug, Text
from presscenter.inquiries.models import AnswerState, Channel, Kind, Priority, State
from presscenter.orgs.api import OrganisationRef


def _named(name: str, choices: type[enum.Enum]) -> type[enum.StrEnum]:
    """The model's choices under a name of their own: OpenAPI names enums by class, and other apps
    have a Kind, a State and a Priority of their own."""
    return enum.StrEnum(name, [(member.name, member.value) for member in choices])  # type: ignore[return-value]  # the functional API makes a class


if TYPE_CHECKING:
    InquiryKind: TypeAlias = Kind
    InquiryState: TypeAlias = State
    InquiryPriority: TypeAlias = Priority
    InquiryChannel: TypeAlias = Channel
    InquiryAnswerState: TypeAlias = AnswerState
else:
    InquiryKind = _named("InquiryKind", Kind)
    InquiryState = _named("InquiryState", State)
    InquiryPriority = _named("InquiryPriority", Priority)
    InquiryChannel = _named("InquiryChannel", Channel)
    InquiryAnswerState = _named("InquiryAnswerState", AnswerState)

# "HD-7KQ2-M9XP": what a tracking code looks like (lower case is read as upper case).
Code = Annotated[str, StringConstraints(pattern=r"^[A-Za-z]{2}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}$")]
EventSlug = Annotated[str, StringConstraints(pattern=r"^[-a-zA-Z0-9_]+$", max_length=120)]
AccessKey = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{0,40}$")]


class InquiryCategoryRef(Schema):
    code: str
    name: str


class InquiryEventOut(Schema):
    kind: str
    label: str
    at: dt.datetime
    text: str
    from_organisation: OrganisationRef | None
    to_organisation: OrganisationRef | None


class InquiryWorkEventOut(InquiryEventOut):
    actor: str | None
    public: bool = Field(description="Whether the asker sees this step on the status page")


class InquiryAnswerOut(Schema):
    body: str
    sent_at: dt.datetime | None


class InquiryWorkAnswerOut(InquiryAnswerOut):
    state: InquiryAnswerState
    state_label: str
    review_comment: str
    contributors: list[str]
    approved_by: str | None
    updated_at: dt.datetime


class InquiryAboutEventRef(Schema):
    """The press event a question is about."""

    slug: str
    title: str
    starts_at: dt.datetime
    organiser: OrganisationRef | None


class InquiryCore(Schema):
    code: str
    kind: InquiryKind
    kind_label: str
    state: InquiryState
    state_label: str
    subject: str
    category: InquiryCategoryRef | None
    organisation: OrganisationRef | None
    received_at: dt.datetime
    due_at: dt.datetime | None
    answered_at: dt.datetime | None


class InquiryStatus(InquiryCore):
    """What the asker reads (and who holds the status link): the public steps and the sent answer."""

    text: str
    closed_at: dt.datetime | None
    merged_into: str | None
    rating: int | None
    rating_comment: str
    answer: InquiryAnswerOut | None
    answer_url: str | None
    about_event: InquiryAboutEventRef | None
    timeline: list[InquiryEventOut]


class InquirySummary(InquiryCore):
    priority: InquiryPriority
    channel: InquiryChannel
    assignee: str | None
    overdue: bool


class InquiryAskerOut(Schema):
    name: str
    email: str
    phone: str
    address: str
    outlet: str
    accredited: bool
    has_account: bool


class InquiryMember(Schema):
    id: int
    name: str


class InquiryDetail(InquirySummary):
    text: str
    asker: InquiryAskerOut | None = Field(description="Only for the centre and the responsible agency")
    area: OrganisationRef | None
    location: str
    latitude: float | None
    longitude: float | None
    publish_allowed: bool
    rejection_reason: str
    merged_into: str | None
    about_event: InquiryAboutEventRef | None
    answer: InquiryWorkAnswerOut | None
    assignable: list[InquiryMember]
    timeline: list[InquiryWorkEventOut]


# Input -----------------------------------------------------------------------------------------


class InquiryAskIn(Schema):
    kind: InquiryKind
    subject: Text = Field(min_length=1, max_length=300)
    text: Text = Field(min_length=1, max_length=10_000)
    category: Slug | None = None
    area: Slug | None = None
    location: Text = Field("", max_length=300)
    latitude: float | None = Field(None, ge=-90, le=90)
    longitude: float | None = Field(None, ge=-180, le=180)
    publish_allowed: bool = False
    asker_phone: Text = Field("", max_length=40)
    asker_address: Text = Field("", max_length=300)
    asker_outlet: Text = Field("", max_length=200)
    about_event: EventSlug | None = Field(
        None, description="A press event the journalist asks about (its slug): visible to them and not over"
    )


class InquiryAskerIn(Schema):
    key: AccessKey = Field("", description="The status link's key, for an asker without an account")


class InquiryInfoIn(InquiryAskerIn):
    text: Text = Field(max_length=10_000)


class InquiryRatingIn(InquiryAskerIn):
    rating: int = Field(ge=1, le=5)
    comment: Text = Field("", max_length=2_000)


class InquiryReasonIn(Schema):
    reason: Text = Field(max_length=2_000)


class InquiryReopenIn(InquiryAskerIn):
    reason: Text = Field(max_length=2_000)


class InquiryMessageIn(Schema):
    message: Text = Field(max_length=2_000)


class InquiryNoteIn(Schema):
    text: Text = Field(max_length=2_000)


class InquiryCommentIn(Schema):
    comment: Text = Field(max_length=2_000)


class InquiryTriageIn(Schema):
    category: Slug | None = None
    priority: InquiryPriority = InquiryPriority.NORMAL
    kind: InquiryKind | None = None


class InquiryRouteIn(Schema):
    organisation: Slug


class InquiryTransferIn(Schema):
    organisation: Slug
    reason: Text = Field(max_length=2_000)


class InquiryExtendIn(Schema):
    days: int = Field(
        ge=1, le=365, description="Working days added to the deadline (at most INQUIRY_MAX_EXTENSION_DAYS)"
    )
    reason: Text = Field(max_length=2_000)


class InquiryAssignIn(Schema):
    assignee: int = Field(ge=1, le=2**31 - 1, description="The id of a member of the responsible agency")


class InquiryAnswerIn(Schema):
    body: Text = Field(max_length=50_000, description="HTML; sanitised")


class InquiryMergeIn(Schema):
    into: Code


class InquiryStatusQuery(Schema):
    key: AccessKey = Field("", description="The status link's key, for an asker without an account")


class InquiryFilters(Schema):
    state: InquiryState | None = None
    kind: InquiryKind | None = None
    organisation: Slug | None = None
    category: Slug | None = None
    overdue: bool | None = None
