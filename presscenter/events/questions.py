"""Journalists' questions at an event, and their moderation.

Accredited journalists send questions before and while the event runs (for an event of invited
guests only: those invited or registered). The organiser's staff and the centre moderate them:
approve, leave out with a reason, merge a near-duplicate into the question kept (the moderator is
shown the likely duplicates, found by the same Vietamese-aware similarity as the inquiries app's),
order the queue, give a question to a speaker, and record the answer given in the room. An
approved question left unanswered can become a tracked question of the inquiries app, with the
routing and the working-day deadline of any other.

Every function here is one transaction: the change, its audit entry (and, for the conversion, the
inquiry with its own notices to the journalist)."""

import hashlib
import re
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from presscenter.accounts import roles
from presscenter.audit.domain import record
from presscenter.core.errors import DomainError, PermissionDenied
from presscenter.core.html import sanitize, to_text
from presscenter.events import access
from presscenter.events.models import (
    LIVE_REGISTRATION_STATES,
    Event,
    EventQuestion,
    EventStatus,
    QuestionState,
    Session,
    Speaker,
    Visibility,
)
from presscenter.inquiries import asking, similar
from presscenter.inquiries.models import Channel, Inquiry, Kind
from presscenter.press.models import JournalistProfile

MIN_TEXT = 10
MAX_TEXT = 1_000
MAX_ANSWER = 10_000
MAX_REASON = 1_000
# Questions of one journalist still waiting for the moderator at one event: a flood is refused.
MAX_WAITING = 10
# The queue: what a moderator still works on (the rest is history).
QUEUE_STATES = (QuestionState.SUBMITTED, QuestionState.APPROVED)
SUGGESTIONS = 3
SUGGESTIONS_CACHE_SECONDS = 600
ORDER = ("position", "created_at", "id")
CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def snapshot(question: EventQuestion) -> dict[str, Any]:
    return {
        "state": question.state,
        "position": question.position,
        "speaker": question.speaker_id,
        "merged_into": question.merged_into_id,
        "inquiry": question.inquiry_id,
        "answered_at": question.answered_at.isoformat() if question.answered_at else None,
    }


# Who may --------------------------------------------------------------------------------------


def can_moderate(user: Any, event: Event) -> bool:
    """The organiser's staff and the centre moderate an event's questions."""
    return access.can_manage(user, event)


def is_on_guest_list(user: Any, event: Event) -> bool:
    return (
        event.invitations.filter(journalist=user).exists()
        or event.registrations.filter(journalist=user, status__in=LIVE_REGISTRATION_STATES).exists()
    )


def who_refusal(user: Any, event: Event) -> Any:
    """Why this user may never ask at this event (a translated sentence), or None."""
    if not roles.is_journalist(user):
        return _("Chỉ nhà báo mới gửi câu hỏi cho sự kiện.")
    if not roles.is_accredited_journalist(user):
        return _("Chỉ nhà báo đã được Trung tâm cấp thẻ tác nghiệp mới gửi câu hỏi cho sự kiện.")
    if event.visibility == Visibility.INVITED and not is_on_guest_list(user, event):
        return _("Sự kiện này dành cho khách mời: chỉ nhà báo được mời hoặc đã đăng ký mới gửi câu hỏi.")
    return None


def when_refusal(event: Event) -> Any:
    """Why the event takes no questions now, or None."""
    if event.status == EventStatus.CANCELLED:
        return _("Sự kiện đã hủy: không nhận câu hỏi.")
    if event.ends_at <= timezone.now():
        return _("Sự kiện đã kết thúc: không nhận câu hỏi nữa.")
    return None


def refusal(user: Any, event: Event) -> Any:
    return who_refusal(user, event) or when_refusal(event)


def can_ask(user: Any, event: Event) -> bool:
    return refusal(user, event) is None


# Checks ---------------------------------------------------------------------------------------


def clean_text(raw: str, *, field: str = "text", minimum: int = MIN_TEXT, limit: int = MAX_TEXT) -> str:
    """Plain text: markup dropped (sanitised, then its text), control characters removed."""
    text = CONTROL_RE.sub("", to_text(sanitize(raw or ""))).strip()
    if len(text) < minimum:
        raise DomainError(
            _("Nội dung quá ngắn (tối thiểu %(minimum)s ký tự).") % {"minimum": minimum}
            if minimum > 1
            else _("Hãy nhập nội dung."),
            field=field,
        )
    if len(text) > limit:
        raise DomainError(_("Nội dung quá dài (tối đa %(limit)s ký tự).") % {"limit": f"{limit:,}"}, field=field)
    return text


def _locked(question: EventQuestion) -> EventQuestion:
    return EventQuestion.objects.select_for_update(of=("self",)).select_related("event").get(pk=question.pk)


def _moderated(actor: Any, question: EventQuestion, allowed: tuple[str, ...]) -> tuple[EventQuestion, dict[str, Any]]:
    question = _locked(question)
    if not can_moderate(actor, question.event):
        raise PermissionDenied(_("Bạn không điều hành câu hỏi của sự kiện này."))
    if question.state not in allowed:
        raise DomainError(
            _("Câu hỏi đang ở trạng thái “%(state)s”: không thể làm việc này.")
            % {"state": question.get_state_display()}  # type: ignore[attr-defined]
        )
    return question, snapshot(question)


def _save(actor: Any, question: EventQuestion, action: str, before: dict[str, Any], *fields: str) -> EventQuestion:
    question.moderated_by, question.moderated_at = actor, timezone.now()
    question.save(update_fields=[*fields, "moderated_by", "moderated_at"])
    record(actor, action, question, summary=question.text[:200], before=before, after=snapshot(question))
    return question


# Asking ---------------------------------------------------------------------------------------


@transaction.atomic
def submit(author: Any, event: Event, text: str, *, session: Session | None = None) -> EventQuestion:
    """A journalist's question, waiting for the moderator, at the end of the queue."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if not access.can_view(author, event):
        raise PermissionDenied(_("Không tìm thấy sự kiện này."))
    who = who_refusal(author, event)
    if who is not None:
        raise PermissionDenied(who)
    when = when_refusal(event)
    if when is not None:
        raise DomainError(when)
    text = clean_text(text)
    if session is not None and session.event_id != event.pk:
        raise DomainError(_("Phiên này không thuộc sự kiện."), field="session")
    waiting = EventQuestion.objects.filter(event=event, author=author, state=QuestionState.SUBMITTED).count()
    if waiting >= MAX_WAITING:
        raise DomainError(
            _("Bạn đã có %(count)s câu hỏi đang chờ duyệt ở sự kiện này; hãy đợi ban tổ chức xem xét.")
            % {"count": waiting}
        )
    if EventQuestion.objects.filter(event=event, author=author, text=text).exists():
        raise DomainError(_("Bạn đã gửi câu hỏi này rồi."), field="text")
    profile = JournalistProfile.objects.select_related("outlet").filter(user=author).first()
    last = EventQuestion.objects.filter(event=event).aggregate(last=Max("position"))["last"] or 0
    question = EventQuestion.objects.create(
        event=event,
        session=session,
        author=author,
        outlet_name=profile.outlet.name if profile is not None else "",
        text=text,
        position=last + 1,
        created_at=timezone.now(),
    )
    record(author, "event_question.submit", question, summary=text[:200], after=snapshot(question))
    return question


# Moderation -----------------------------------------------------------------------------------


@transaction.atomic
def approve(actor: Any, question: EventQuestion) -> EventQuestion:
    question, before = _moderated(actor, question, (QuestionState.SUBMITTED, QuestionState.REJECTED))
    question.state, question.rejection_reason = QuestionState.APPROVED, ""
    return _save(actor, question, "event_question.approve", before, "state", "rejection_reason")


@transaction.atomic
def reject(actor: Any, question: EventQuestion, reason: str) -> EventQuestion:
    question, before = _moderated(actor, question, QUEUE_STATES)
    question.state = QuestionState.REJECTED
    question.rejection_reason = clean_text(reason, field="reason", minimum=1, limit=MAX_REASON)
    return _save(actor, question, "event_question.reject", before, "state", "rejection_reason")


@transaction.atomic
def merge(actor: Any, duplicate: EventQuestion, kept: EventQuestion) -> EventQuestion:
    """`duplicate` asks what `kept` asks: it leaves the queue and points to `kept` (and so do the
    questions merged into it before)."""
    if duplicate.pk == kept.pk:
        raise DomainError(_("Không gộp được một câu hỏi vào chính nó."), field="kept")
    locked = EventQuestion.objects.select_for_update().filter(pk__in=[duplicate.pk, kept.pk]).order_by("pk")
    rows = {row.pk: row for row in locked}
    if kept.pk not in rows:
        raise DomainError(_("Không tìm thấy câu hỏi được giữ lại."), field="kept")
    duplicate, before = _moderated(actor, duplicate, QUEUE_STATES)
    kept = rows[kept.pk]
    if kept.event_id != duplicate.event_id:
        raise DomainError(_("Chỉ gộp được các câu hỏi của cùng một sự kiện."), field="kept")
    if kept.state not in (*QUEUE_STATES, QuestionState.ANSWERED):
        raise DomainError(_("Câu hỏi được giữ lại đã bị gộp hoặc không được đưa vào."), field="kept")
    duplicate.state, duplicate.merged_into = QuestionState.MERGED, kept
    EventQuestion.objects.filter(merged_into=duplicate).update(merged_into=kept)
    return _save(actor, duplicate, "event_question.merge", before, "state", "merged_into")


@transaction.atomic
def move(actor: Any, question: EventQuestion, direction: str) -> EventQuestion:
    """One place up or down the queue (the order the presenter takes them); the queue is numbered
    1, 2, 3… again each time, so positions stay distinct."""
    if direction not in ("up", "down"):
        raise DomainError(_("Hướng di chuyển không hợp lệ."), field="direction")
    question, before = _moderated(actor, question, QUEUE_STATES)
    Event.objects.select_for_update().filter(pk=question.event_id).first()  # one reorder at a time
    queue = list(EventQuestion.objects.filter(event_id=question.event_id, state__in=QUEUE_STATES).order_by(*ORDER))
    index = next(i for i, row in enumerate(queue) if row.pk == question.pk)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(queue):
        queue[index], queue[other] = queue[other], queue[index]
    for number, row in enumerate(queue, start=1):
        if row.position != number:
            EventQuestion.objects.filter(pk=row.pk).update(position=number)
        if row.pk == question.pk:
            question.position = number
    record(actor, "event_question.move", question, summary=question.text[:200], before=before, after=snapshot(question))
    return question


@transaction.atomic
def assign(actor: Any, question: EventQuestion, speaker: Speaker | None) -> EventQuestion:
    """Give the question to the speaker who will answer it (None: to nobody in particular)."""
    question, before = _moderated(actor, question, QUEUE_STATES)
    if speaker is not None and speaker.event_id != question.event_id:
        raise DomainError(_("Người trả lời này không phát biểu tại sự kiện."), field="speaker")
    question.speaker = speaker
    return _save(actor, question, "event_question.assign", before, "speaker")


@transaction.atomic
def mark_answered(actor: Any, question: EventQuestion, answer: str) -> EventQuestion:
    """Answered in the room: the answer as given is recorded, with the time."""
    question, before = _moderated(actor, question, (QuestionState.APPROVED,))
    question.answer = clean_text(answer, field="answer", minimum=1, limit=MAX_ANSWER)
    question.state, question.answered_at = QuestionState.ANSWERED, timezone.now()
    return _save(actor, question, "event_question.answer", before, "state", "answer", "answered_at")


@transaction.atomic
def to_inquiry(actor: Any, question: EventQuestion) -> Inquiry:
    """An approved question the speakers did not answer becomes a tracked question of its author,
    about the event: routed (the organiser is the hint), on a working-day clock, answered and
    notified by the inquiries app. The moderator or the author may ask for it."""
    question = _locked(question)
    if not (can_moderate(actor, question.event) or (roles.is_active(actor) and actor.pk == question.author_id)):
        raise PermissionDenied(_("Bạn không thể chuyển câu hỏi này thành câu hỏi cần trả lời."))
    if question.state != QuestionState.APPROVED:
        raise DomainError(_("Chỉ câu hỏi đã duyệt và chưa được trả lời mới chuyển được."))
    if question.inquiry_id is not None:
        raise DomainError(_("Câu hỏi này đã được chuyển thành câu hỏi cần trả lời."))
    before = snapshot(question)
    event = question.event
    subject = str(_("Câu hỏi tại sự kiện: %(title)s") % {"title": event.title})[:300]
    inquiry = asking.submit(
        question.author,
        kind=Kind.QUESTION,
        subject=subject,
        text=question.text,
        channel=Channel.EVENT,
        about_event=event,
        asker_outlet=question.outlet_name,
    )
    question.inquiry = inquiry
    question.save(update_fields=["inquiry"])
    record(actor, "event_question.to_inquiry", question, summary=inquiry.code, before=before, after=snapshot(question))
    return inquiry


# Reading --------------------------------------------------------------------------------------


def queue(event: Event) -> QuerySet[EventQuestion]:
    """The moderator's queue: waiting and approved questions, in the presenter's order."""
    return (
        EventQuestion.objects.filter(event=event, state__in=QUEUE_STATES)
        .select_related("author", "speaker", "session", "inquiry")
        .order_by(*ORDER)
    )


def on_screen(event: Event) -> list[EventQuestion]:
    """What the room's screen shows: the approved questions not yet answered (nor sent on to the
    inquiries app), the current one first."""
    return list(
        EventQuestion.objects.filter(event=event, state=QuestionState.APPROVED, inquiry__isnull=True)
        .select_related("speaker")
        .order_by(*ORDER)
    )


def mine(author: Any, event: Event) -> QuerySet[EventQuestion]:
    return (
        EventQuestion.objects.filter(event=event, author=author)
        .select_related("merged_into", "speaker", "inquiry")
        .order_by("-created_at", "-id")
    )


@dataclass(frozen=True)
class Duplicate:
    question: EventQuestion
    score: float


def suggested_duplicates(questions: list[EventQuestion]) -> dict[int, list[Duplicate]]:
    """For each question waiting for the moderator, the others that ask nearly the same (best
    first), by the inquiries app's text similarity: folded Vietnamese, teencode spelled out, typos
    tolerated. Candidates: every question given (the queue, and the answered ones to merge into)."""
    by_pk = {question.pk: question for question in questions}
    waiting = [question.pk for question in questions if question.state == QuestionState.SUBMITTED]
    # A question's text never changes: the same questions in the same states give the same
    # suggestions, so the queue's refreshes (every few seconds) reuse them.
    signature = ",".join(f"{q.pk}:{q.state}" for q in sorted(questions, key=lambda q: q.pk))
    key = f"events:question-duplicates:{hashlib.sha256(signature.encode()).hexdigest()}"
    ranked = cache.get(key)
    if ranked is None:
        ranked = similar.rank_among([(q.pk, q.text) for q in questions], waiting, limit=SUGGESTIONS)
        cache.set(key, ranked, SUGGESTIONS_CACHE_SECONDS)
    return {pk: [Duplicate(by_pk[other], score) for other, score in found] for pk, found in ranked.items()}
