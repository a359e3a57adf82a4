"""The shapes of questions and feedback in the API: what an asker sends and reads, and what the
centre and the agencies read and send while handling them."""

import datetime as dt
from typing import Annotated

from ninja import Schema
from pydantic import Field, StringConstraints

from presscenter.core.api_schemas import Slug, Text
from presscenter.inquiries.models import AnswerState, Channel, Kind, Priority, State
from presscenter.orgs.api import OrganisationRef

# "HD-7KQ2-M9XP": what a tracking code looks like (lower case is read as upper case).
Code = Annotated[str, StringConstraints(pattern=r"^[A-Za-z]{2}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}$")]
AccessKey = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{0,40}$")]


class CategoryRef(Schema):
    code: str
    name: str


class EventOut(Schema):
    kind: str
    label: str
    at: dt.datetime
    text: str
    from_organisation: OrganisationRef | None
    to_organisation: OrganisationRef | None


class WorkEventOut(EventOut):
    actor: str | None
    public: bool = Field(description="Whether the asker sees this step on the status page")


class AnswerOut(Schema):
    body: str
    sent_at: dt.datetime | None


class WorkAnswerOut(AnswerOut):
    state: AnswerState
    state_label: str
    review_comment: str
    contributors: list[str]
    approved_by: str | None
    updated_at: dt.datetime


class InquiryCore(Schema):
    code: str
    kind: Kind
    kind_label: str
    state: State
    state_label: str
    subject: str
    category: CategoryRef | None
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
    answer: AnswerOut | None
    answer_url: str | None
    timeline: list[EventOut]


class InquiryCreated(InquiryStatus):
    access_key: str = Field(description="The secret of the status link for this inquiry: keep it")


class WorkSummary(InquiryCore):
    priority: Priority
    channel: Channel
    assignee: str | None
    overdue: bool


class AskerOut(Schema):
    name: str
    email: str
    phone: str
    address: str
    outlet: str
    accredited: bool
    has_account: bool


class Member(Schema):
    id: int
    name: str


class WorkDetail(WorkSummary):
    text: str
    asker: AskerOut | None = Field(description="Only for the centre and the responsible agency")
    area: OrganisationRef | None
    location: str
    latitude: float | None
    longitude: float | None
    publish_allowed: bool
    rejection_reason: str
    merged_into: str | None
    answer: WorkAnswerOut | None
    assignable: list[Member]
    timeline: list[WorkEventOut]


# Input -----------------------------------------------------------------------------------------


class AskIn(Schema):
    kind: Kind
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


class TextIn(Schema):
    text: Text = Field(max_length=10_000)


class RatingIn(Schema):
    rating: int = Field(ge=1, le=5)
    comment: Text = Field("", max_length=2_000)


class ReasonIn(Schema):
    reason: Text = Field(max_length=2_000)


class MessageIn(Schema):
    message: Text = Field(max_length=2_000)


class NoteIn(Schema):
    text: Text = Field(max_length=2_000)


class CommentIn(Schema):
    comment: Text = Field(max_length=2_000)


class TriageIn(Schema):
    category: Slug | None = None
    priority: Priority = Priority.NORMAL
    kind: Kind | None = None


class RouteIn(Schema):
    organisation: Slug


class TransferIn(Schema):
    organisation: Slug
    reason: Text = Field(max_length=2_000)


class AssignIn(Schema):
    assignee: int = Field(ge=1, le=2**31 - 1, description="The id of a member of the responsible agency")


class AnswerIn(Schema):
    body: Text = Field(max_length=50_000, description="HTML; sanitised")


class MergeIn(Schema):
    into: Code


class StatusQuery(Schema):
    key: AccessKey = ""


class WorkFilters(Schema):
    state: State | None = None
    kind: Kind | None = None
    organisation: Slug | None = None
    category: Slug | None = None
    overdue: bool | None = None
