"""API for questions at events (/api/event-questions): a journalist submits and lists their own; the
organiser's staff and the centre read the queue (with suggested duplicates) and moderate it.
Every write is a function of presscenter.events.questions; its refusals are the API's error shape
(403 not allowed, 404 not found, 409 not in this state, 422 a refused value)."""

import datetime as dt
import enum
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeAlias

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Query, Router, Schema, Status
from pydantic import Field, StringConstraints

from presscenter.accounts.api_auth import caller_of
from presscenter.core.api_errors import documented
from presscenter.core.api_schemas import Page, PageQuery, Text, paginate
from presscenter.core.errors import DomainError, NotFound, PermissionDenied
from presscenter.events import access, questions
from presscenter.events.models import Event, EventQuestion, QuestionState, Speaker
from presscenter.inquiries.api import READ_AUTH, WRITE_AUTH

router = Router(tags=["event questions"])
NOT_FOUND = _("Không tìm thấy câu hỏi này.")
EVENT_NOT_FOUND = _("Không tìm thấy sự kiện này.")
ACTION = documented(403, 404, 409, 422)

if TYPE_CHECKING:
    EventQuestionState: TypeAlias = QuestionState
else:
    EventQuestionState = enum.StrEnum(
        "EventQuestionState", [(member.name, member.value) for member in QuestionState]
    )  # a name of its own in OpenAPI

EventSlug = Annotated[str, StringConstraints(pattern=r"^[-a-zA-Z0-9_]+$", max_length=120)]
Id = Annotated[int, Field(ge=1, le=2**31 - 1)]


class EventQuestionOut(Schema):
    id: int
    event: str = Field(description="The event's slug")
    state: EventQuestionState
    state_label: str
    text: str
    outlet_name: str
    position: int
    speaker: str | None
    speaker_id: int | None
    merged_into: int | None
    rejection_reason: str
    answer: str
    answered_at: dt.datetime | None
    inquiry: str | None = Field(description="The tracking code of the inquiry it became, if any")
    created_at: dt.datetime


class EventQuestionDuplicateOut(Schema):
    id: int
    score: float


class EventQuestionWorkOut(EventQuestionOut):
    author: str
    duplicates: list[EventQuestionDuplicateOut]


class EventQuestionIn(Schema):
    event: EventSlug
    text: Text = Field(min_length=1, max_length=questions.MAX_TEXT)
    session: Id | None = None


class EventQuestionMineQuery(Schema):
    event: EventSlug | None = None


class EventQuestionReasonIn(Schema):
    reason: Text = Field(min_length=1, max_length=questions.MAX_REASON)


class EventQuestionMergeIn(Schema):
    kept: Id


class EventQuestionMoveIn(Schema):
    direction: Literal["up", "down"]


class EventQuestionAssignIn(Schema):
    speaker: Id | None = None


class EventQuestionAnswerIn(Schema):
    answer: Text = Field(min_length=1, max_length=questions.MAX_ANSWER)


def question_out(question: EventQuestion) -> dict[str, Any]:
    return {
        "id": question.pk,
        "event": question.event.slug,
        "state": question.state,
        "state_label": str(question.get_state_display()),  # type: ignore[attr-defined]
        "text": question.text,
        "outlet_name": question.outlet_name,
        "position": question.position,
        "speaker": question.speaker.name if question.speaker else None,
        "speaker_id": question.speaker_id,
        "merged_into": question.merged_into_id,
        "rejection_reason": question.rejection_reason,
        "answer": question.answer,
        "answered_at": question.answered_at,
        "inquiry": question.inquiry.code if question.inquiry else None,
        "created_at": question.created_at,
    }


def _fresh(question: EventQuestion) -> dict[str, Any]:
    return question_out(EventQuestion.objects.select_related("event", "speaker", "inquiry").get(pk=question.pk))


def _question(caller_user: Any, pk: int) -> EventQuestion:
    """A question of an event the caller can see; others do not exist."""
    question = EventQuestion.objects.select_related("event").filter(pk=pk).first()
    if question is None or not access.can_view(caller_user, question.event):
        raise NotFound(NOT_FOUND)
    return question


# Journalists ----------------------------------------------------------------------------------


@router.post("", response={201: EventQuestionOut, **documented(403, 404, 409, 422)}, auth=WRITE_AUTH)
def submit(request: HttpRequest, payload: EventQuestionIn) -> Status[dict[str, Any]]:
    """A journalist's question for an event's speakers (it waits for the moderator)."""
    user = caller_of(request).user
    event = access.visible_events(user).filter(slug=payload.event).first()
    if event is None:
        raise NotFound(EVENT_NOT_FOUND)
    session = None
    if payload.session is not None:
        session = event.sessions.filter(pk=payload.session).first()
        if session is None:
            raise DomainError(_("Phiên này không thuộc sự kiện."), field="session")
    question = questions.submit(user, event, payload.text, session=session)
    return Status(201, _fresh(question))


@router.get("/mine", response=Page[EventQuestionOut], auth=READ_AUTH)
def mine(request: HttpRequest, paging: PageQuery, query: Query[EventQuestionMineQuery]) -> dict[str, Any]:
    """The caller's own questions, newest first (of one event, when named)."""
    found = EventQuestion.objects.filter(author_id=caller_of(request).user.pk)
    if query.event:
        found = found.filter(event__slug=query.event)
    found = found.select_related("event", "speaker", "inquiry").order_by("-created_at", "-id")
    return paginate(request, found, paging, question_out)


@router.post("/{question_id}/to-inquiry", response={200: EventQuestionOut, **ACTION}, auth=WRITE_AUTH)
def to_inquiry(request: HttpRequest, question_id: Id) -> dict[str, Any]:
    """An approved, unanswered question becomes a tracked question (the author or a moderator)."""
    user = caller_of(request).user
    question = _question(user, question_id)
    questions.to_inquiry(user, question)
    return _fresh(question)


# Moderators -----------------------------------------------------------------------------------


@router.get(
    "/events/{event_id}/queue", response={200: list[EventQuestionWorkOut], **documented(403, 404)}, auth=READ_AUTH
)
def queue(request: HttpRequest, event_id: Id) -> list[dict[str, Any]]:
    """The moderation queue (waiting and approved, in order) with each waiting question's likely
    duplicates."""
    user = caller_of(request).user
    event = Event.objects.filter(pk=event_id).first()
    if event is None or not access.can_view(user, event):
        raise NotFound(EVENT_NOT_FOUND)
    if not questions.can_moderate(user, event):
        raise PermissionDenied(_("Bạn không điều hành câu hỏi của sự kiện này."))
    rows = list(questions.queue(event))
    for row in rows:
        row.event = event
    duplicates = questions.suggested_duplicates(rows)
    return [
        {
            **question_out(row),
            "author": row.author.full_name or row.author.get_username(),
            "duplicates": [{"id": d.question.pk, "score": d.score} for d in duplicates.get(row.pk, [])],
        }
        for row in rows
    ]


@router.post("/{question_id}/approve", response={200: EventQuestionOut, **ACTION}, auth=WRITE_AUTH)
def approve(request: HttpRequest, question_id: Id) -> dict[str, Any]:
    user = caller_of(request).user
    return _fresh(questions.approve(user, _question(user, question_id)))


@router.post("/{question_id}/reject", response={200: EventQuestionOut, **ACTION}, auth=WRITE_AUTH)
def reject(request: HttpRequest, question_id: Id, payload: EventQuestionReasonIn) -> dict[str, Any]:
    user = caller_of(request).user
    return _fresh(questions.reject(user, _question(user, question_id), payload.reason))


@router.post("/{question_id}/merge", response={200: EventQuestionOut, **ACTION}, auth=WRITE_AUTH)
def merge(request: HttpRequest, question_id: Id, payload: EventQuestionMergeIn) -> dict[str, Any]:
    user = caller_of(request).user
    duplicate = _question(user, question_id)
    kept = EventQuestion.objects.filter(pk=payload.kept, event_id=duplicate.event_id).first()
    if kept is None:
        raise DomainError(_("Không tìm thấy câu hỏi được giữ lại."), field="kept")
    return _fresh(questions.merge(user, duplicate, kept))


@router.post("/{question_id}/move", response={200: EventQuestionOut, **ACTION}, auth=WRITE_AUTH)
def move(request: HttpRequest, question_id: Id, payload: EventQuestionMoveIn) -> dict[str, Any]:
    user = caller_of(request).user
    return _fresh(questions.move(user, _question(user, question_id), payload.direction))


@router.post("/{question_id}/assign", response={200: EventQuestionOut, **ACTION}, auth=WRITE_AUTH)
def assign(request: HttpRequest, question_id: Id, payload: EventQuestionAssignIn) -> dict[str, Any]:
    user = caller_of(request).user
    question = _question(user, question_id)
    speaker = None
    if payload.speaker is not None:
        speaker = Speaker.objects.filter(pk=payload.speaker, event_id=question.event_id).first()
        if speaker is None:
            raise DomainError(_("Người trả lời này không phát biểu tại sự kiện."), field="speaker")
    return _fresh(questions.assign(user, question, speaker))


@router.post("/{question_id}/answer", response={200: EventQuestionOut, **ACTION}, auth=WRITE_AUTH)
def answer(request: HttpRequest, question_id: Id, payload: EventQuestionAnswerIn) -> dict[str, Any]:
    user = caller_of(request).user
    return _fresh(questions.mark_answered(user, _question(user, question_id), payload.answer))
