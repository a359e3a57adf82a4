"""Every write to questions and feedback. Each function runs in one transaction that changes the
inquiry, appends its timeline, writes the audit entry and queues the notices it causes."""

import datetime as dt
from collections.abc import Callable, Iterable
from functools import partial
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from presscenter.accounts import roles
from presscenter.audit.domain import record
from presscenter.core.errors import DomainError, PermissionDenied
from presscenter.core.html import sanitize, to_text
from presscenter.inquiries import access, deadlines, notices, rollup
from presscenter.inquiries.models import (
    FINAL_STATES,
    OPEN_STATES,
    PRESS_KINDS,
    Answer,
    AnswerState,
    Category,
    DecisionSource,
    Event,
    EventKind,
    Inquiry,
    Notice,
    NoticeChannel,
    RoutingDecision,
    State,
)
from presscenter.orgs.models import Organisation
from presscenter.releases import domain as releases
from presscenter.releases.models import ItemType
from presscenter.text.redact import redact

TWO_PERSON_RULE = _(
    "Bạn đã soạn hoặc sửa câu trả lời này nên không thể duyệt nó (nguyên tắc hai người): một người khác phải duyệt."
)
MAX_TEXT = 10_000
MAX_REASON = 2_000


def snapshot(inquiry: Inquiry) -> dict[str, Any]:
    """What the audit log keeps of an inquiry: its handling, never the asker's personal data."""
    return {
        "code": inquiry.code,
        "state": inquiry.state,
        "kind": inquiry.kind,
        "category": inquiry.category_id,
        "priority": inquiry.priority,
        "organisation": inquiry.organisation_id,
        "assignee": inquiry.assignee_id,
        "due_at": inquiry.due_at.isoformat() if inquiry.due_at else None,
        "escalation_level": inquiry.escalation_level,
        "merged_into": inquiry.merged_into_id,
        "answer_item": inquiry.answer_item_id,
    }


def _locked(inquiry: Inquiry) -> Inquiry:
    return Inquiry.objects.select_for_update(of=("self",)).select_related("organisation").get(pk=inquiry.pk)


def _required(text: str, limit: int, field: str, message: Any) -> str:
    text = (text or "").strip()
    if not text:
        raise DomainError(message, field=field)
    if len(text) > limit:
        raise DomainError(_("Nội dung quá dài (tối đa %(limit)s ký tự).") % {"limit": f"{limit:,}"}, field=field)
    return text


def _event(inquiry: Inquiry, kind: str, actor: Any = None, text: str = "", **organisations: Any) -> Event:
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    return Event.objects.create(
        inquiry=inquiry,
        kind=kind,
        at=timezone.now(),
        actor=actor if authenticated else None,
        text=text,
        **organisations,
    )


def _change(actor: Any, inquiry: Inquiry, action: str, event: Event, **changes: Any) -> Inquiry:
    """Set `changes`, save them, and record the change in the audit log."""
    before = snapshot(inquiry)
    figures = rollup.counted(inquiry)
    changes["updated_at"] = timezone.now()
    for name, value in changes.items():
        setattr(inquiry, name, value)
    inquiry.save(update_fields=list(changes))
    rollup.touched(inquiry, figures)  # the dashboard's roll-up: the days this change makes stale
    record(
        actor,
        action,
        inquiry,
        summary=f"{inquiry.code}: {event.get_kind_display()}",
        before=before,
        after=snapshot(inquiry),
    )
    return inquiry


# Notices -------------------------------------------------------------------------------------


def _notices(inquiry: Inquiry, event: Event, users: Iterable[Any] = (), email: str = "") -> None:
    """Queue the event's notice on each recipient's channels: live and e-mail for an account,
    e-mail for an asker known only by address. The key makes it once per event and target."""
    now = timezone.now()
    rows = []
    for user in users:
        rows.append(Notice(channel=NoticeChannel.LIVE, recipient=user, key=f"{event.pk}:live:{user.pk}"))
        if user.email:
            rows.append(
                Notice(channel=NoticeChannel.EMAIL, recipient=user, email=user.email, key=f"{event.pk}:email:{user.pk}")
            )
    if email:
        rows.append(Notice(channel=NoticeChannel.EMAIL, email=email, key=f"{event.pk}:email:{email.lower()}"))
    for row in rows:
        row.inquiry, row.event, row.reason, row.created_at = inquiry, event, event.kind, now
    Notice.objects.bulk_create(rows, ignore_conflicts=True)
    if rows:
        notices.queued()  # a sender wakes after commit


def _notify_asker(inquiry: Inquiry, event: Event) -> None:
    if inquiry.asker_id is not None and inquiry.asker is not None and inquiry.asker.is_active:
        _notices(inquiry, event, [inquiry.asker])
    elif inquiry.asker_id is None and inquiry.asker_email:
        _notices(inquiry, event, email=inquiry.asker_email)


def _notify_users(inquiry: Inquiry, event: Event, users: Iterable[Any]) -> None:
    _notices(inquiry, event, users)


def _notify_agency(inquiry: Inquiry, event: Event, organisation_id: int, *, spokespersons_only: bool = False) -> None:
    _notify_users(inquiry, event, roles.agency_members(organisation_id, spokespersons_only=spokespersons_only))


def notify_reviewers(inquiry: Inquiry, event: Event) -> None:
    """Who approves the agency's answers: its spokespersons, else the centre."""
    assert inquiry.organisation_id is not None
    spokespersons = list(roles.agency_members(inquiry.organisation_id, spokespersons_only=True))
    _notify_users(inquiry, event, spokespersons or roles.centre_staff())


# Asking --------------------------------------------------------------------------------------

# Run after an inquiry is created and committed, with its id (apps.ready registers automatic
# routing): a hook, so that the domain needs no tasks.
_asked_hooks: list[Callable[[int], None]] = []


def on_asked(hook: Callable[[int], None]) -> None:
    if hook not in _asked_hooks:
        _asked_hooks.append(hook)


@transaction.atomic
def ask(asker: Any, *, kind: str, subject: str, text: str, channel: str = "web", **fields: Any) -> Inquiry:
    """A journalist's question or a citizen's feedback arrives. Journalists ask in their own name
    (their outlet and accreditation are taken from their account); citizens give contact details."""
    if kind in PRESS_KINDS and not access.can_ask_as_press(asker):
        raise PermissionDenied(_("Chỉ nhà báo có tài khoản mới gửi được câu hỏi báo chí."))
    inquiry = Inquiry(
        kind=kind,
        channel=channel,
        subject=_required(subject, 300, "subject", _("Hãy nhập tiêu đề.")),
        text=_required(text, MAX_TEXT, "text", _("Hãy nhập nội dung câu hỏi hoặc phản ánh.")),
        received_at=timezone.now(),
        **fields,
    )
    if roles.is_active(asker):
        inquiry.asker = asker
        inquiry.asker_name = inquiry.asker_name or asker.full_name or asker.get_username()
        inquiry.asker_email = inquiry.asker_email or asker.email
        inquiry.asker_phone = inquiry.asker_phone or asker.phone
        inquiry.asker_accredited = roles.is_accredited_journalist(asker)
    if not inquiry.asker_name.strip():
        raise DomainError(_("Hãy cho biết họ và tên."), field="asker_name")
    if inquiry.asker is None and not (inquiry.asker_email or inquiry.asker_phone):
        raise DomainError(_("Hãy để lại thư điện tử hoặc số điện thoại để nhận trả lời."), field="asker_email")
    if inquiry.category is not None and not inquiry.category.active:
        raise DomainError(_("Lĩnh vực này không còn tiếp nhận."), field="category")
    inquiry.save()
    event = _event(inquiry, EventKind.RECEIVED, asker)
    record(asker, "inquiry.create", inquiry, summary=f"{inquiry.code}: {inquiry.subject}", after=snapshot(inquiry))
    _notify_asker(inquiry, event)
    for hook in _asked_hooks:
        transaction.on_commit(partial(hook, inquiry.pk), robust=True)  # a broker away must not lose the question
    return inquiry


@transaction.atomic
def add_info(actor: Any, inquiry: Inquiry, text: str, *, key: str = "") -> Inquiry:
    """The asker answers the agency's request for more: the clock runs again, with the working
    time that was left when it stopped."""
    inquiry = _locked(inquiry)
    if not access.is_asker(actor, inquiry, key) and not access.can_route(actor):
        raise PermissionDenied(_("Chỉ người hỏi mới bổ sung được thông tin."))
    if inquiry.state != State.WAITING:
        raise DomainError(_("Câu hỏi không ở trạng thái chờ bổ sung thông tin."))
    text = _required(text, MAX_TEXT, "text", _("Hãy nhập thông tin bổ sung."))
    event = _event(inquiry, EventKind.INFO_ADDED, actor, text)
    now = timezone.now()
    due = deadlines.add_working_seconds(now, inquiry.remaining_seconds or 0)
    _change(
        actor, inquiry, "inquiry.info_added", event,
        state=State.IN_PROGRESS, paused_at=None, remaining_seconds=None, due_at=due, reminded_at=None,
    )  # fmt: skip
    if inquiry.assignee_id is not None:
        _notify_users(inquiry, event, [inquiry.assignee])
    elif inquiry.organisation_id is not None:
        _notify_agency(inquiry, event, inquiry.organisation_id)
    return inquiry


# Triage and routing --------------------------------------------------------------------------


def _require_router(actor: Any) -> None:
    if not access.can_route(actor):
        raise PermissionDenied(_("Chỉ Trung tâm mới phân loại và chuyển xử lý câu hỏi."))


@transaction.atomic
def triage(
    actor: Any, inquiry: Inquiry, *, category: Category | None, priority: str, kind: str | None = None
) -> Inquiry:
    _require_router(actor)
    inquiry = _locked(inquiry)
    if inquiry.state not in (State.NEW, State.TRIAGED):
        raise DomainError(_("Chỉ phân loại được câu hỏi chưa giao xử lý."))
    event = _event(inquiry, EventKind.TRIAGED, actor)
    return _change(
        actor, inquiry, "inquiry.triage", event,
        state=State.TRIAGED, category=category, priority=priority, kind=kind or inquiry.kind,
    )  # fmt: skip


@transaction.atomic
def route(
    actor: Any,
    inquiry: Inquiry,
    organisation: Organisation,
    *,
    source: str = DecisionSource.OPERATOR,
    suggested: Organisation | None = None,
    confidence: float | None = None,
) -> Inquiry:
    """Give the inquiry to the agency that must answer it; its clock starts now. `actor` is None
    when the rules or the model routed it on their own (their thresholds allowed it)."""
    if actor is not None:
        _require_router(actor)
    inquiry = _locked(inquiry)
    if inquiry.state not in (State.NEW, State.TRIAGED):
        raise DomainError(_("Câu hỏi đã được giao xử lý; hãy dùng chức năng chuyển xử lý."))
    if not organisation.active:
        raise DomainError(_("Cơ quan này không còn hoạt động."), field="organisation")
    RoutingDecision.objects.create(
        inquiry=inquiry, organisation=organisation, source=source, suggested=suggested,
        confidence=confidence, actor=actor, at=timezone.now(),
    )  # fmt: skip
    event = _event(inquiry, EventKind.ROUTED, actor, to_organisation=organisation)
    now = timezone.now()
    due = deadlines.due_from(now, deadlines.policy_for(inquiry.category, inquiry.priority))
    _change(
        actor, inquiry, "inquiry.route", event,
        state=State.ASSIGNED, organisation=organisation, routed_at=now, due_at=due, assignee=None,
    )  # fmt: skip
    _notify_agency(inquiry, event, organisation.pk)
    _notify_asker(inquiry, event)
    return inquiry


@transaction.atomic
def transfer(actor: Any, inquiry: Inquiry, organisation: Organisation, reason: str) -> Inquiry:
    """Chuyển xử lý: to another organisation, up or down the tree, always with a reason. "Not our
    responsibility" is a transfer too: it must say whose it is. The asker's deadline stays."""
    inquiry = _locked(inquiry)
    if not access.can_handle(actor, inquiry):
        raise PermissionDenied(_("Bạn không thể chuyển xử lý câu hỏi này."))
    return hand_over(actor, inquiry, organisation, reason)


def hand_over(actor: Any, inquiry: Inquiry, organisation: Organisation, reason: str) -> Inquiry:
    """The transfer itself, on an inquiry the caller locked and whose right to transfer it checked
    (the handling agency, the centre, or the superior organisation: presscenter.inquiries.superior)."""
    reason = _required(reason, MAX_REASON, "reason", _("Hãy ghi lý do chuyển xử lý."))
    if organisation.pk == inquiry.organisation_id:
        raise DomainError(_("Câu hỏi đang ở chính cơ quan này; hãy chọn cơ quan khác."), field="organisation")
    if not organisation.active:
        raise DomainError(_("Cơ quan này không còn hoạt động."), field="organisation")
    RoutingDecision.objects.create(
        inquiry=inquiry, organisation=organisation, source=DecisionSource.TRANSFER, actor=actor, at=timezone.now()
    )
    event = _event(
        inquiry, EventKind.TRANSFERRED, actor, reason,
        from_organisation=inquiry.organisation, to_organisation=organisation,
    )  # fmt: skip
    state = State.REOPENED if inquiry.state == State.REOPENED else State.ASSIGNED
    if inquiry.state == State.WAITING:
        state = State.WAITING  # the asker still owes the information; the clock stays stopped
    _change(
        actor, inquiry, "inquiry.transfer", event,
        organisation=organisation, assignee=None, state=state, escalated_at=None, reminded_at=None,
        escalation_level=0,
    )  # fmt: skip
    _notify_agency(inquiry, event, organisation.pk)
    _notify_asker(inquiry, event)
    return inquiry


@transaction.atomic
def assign(actor: Any, inquiry: Inquiry, assignee: Any) -> Inquiry:
    inquiry = _locked(inquiry)
    if not access.can_assign(actor, inquiry):
        raise PermissionDenied(_("Bạn không thể giao người xử lý câu hỏi này."))
    assert inquiry.organisation_id is not None
    if not roles.is_member_of(assignee, inquiry.organisation_id):
        raise DomainError(_("Người được giao phải là cán bộ của cơ quan xử lý."), field="assignee")
    event = _event(inquiry, EventKind.ASSIGNED, actor, assignee.full_name or assignee.get_username())
    _change(actor, inquiry, "inquiry.assign", event, assignee=assignee)
    if assignee.pk != getattr(actor, "pk", None):
        _notify_users(inquiry, event, [assignee])
    return inquiry


@transaction.atomic
def request_info(actor: Any, inquiry: Inquiry, message: str) -> Inquiry:
    """Ask the asker for more; the clock stops, and the status page says so."""
    inquiry = _locked(inquiry)
    if not access.can_handle(actor, inquiry) or inquiry.state == State.WAITING:
        raise PermissionDenied(_("Bạn không thể đề nghị bổ sung thông tin cho câu hỏi này."))
    message = _required(message, MAX_REASON, "message", _("Hãy ghi rõ thông tin cần bổ sung."))
    now = timezone.now()
    remaining = deadlines.working_seconds_between(now, inquiry.due_at) if inquiry.due_at else 0
    event = _event(inquiry, EventKind.INFO_REQUESTED, actor, message)
    _change(
        actor, inquiry, "inquiry.request_info", event,
        state=State.WAITING, paused_at=now, remaining_seconds=remaining,
    )  # fmt: skip
    _notify_asker(inquiry, event)
    return inquiry


@transaction.atomic
def add_note(actor: Any, inquiry: Inquiry, text: str) -> Event:
    """An internal note on the timeline, for the agencies and the centre only."""
    inquiry = _locked(inquiry)
    if not access.can_route(actor) and not access.workspace_inquiries(actor).filter(pk=inquiry.pk).exists():
        raise PermissionDenied(_("Bạn không có quyền với câu hỏi này."))
    event = _event(inquiry, EventKind.NOTE, actor, _required(text, MAX_REASON, "text", _("Hãy nhập ghi chú.")))
    record(actor, "inquiry.note", inquiry, summary=f"{inquiry.code}: {event.get_kind_display()}")
    return event


# Answering -----------------------------------------------------------------------------------


def current_answer(inquiry: Inquiry) -> Answer | None:
    """The answer being prepared (not yet sent), if any."""
    return inquiry.answers.exclude(state=AnswerState.SENT).order_by("-id").first()


@transaction.atomic
def save_answer(actor: Any, inquiry: Inquiry, body: str) -> Answer:
    inquiry = _locked(inquiry)
    if not access.can_handle(actor, inquiry) or inquiry.state == State.WAITING:
        raise PermissionDenied(_("Bạn không thể soạn câu trả lời cho câu hỏi này."))
    body = sanitize(body or "")
    if not to_text(body).strip():
        raise DomainError(_("Câu trả lời không được để trống."), field="body")
    if len(body) > 5 * MAX_TEXT:
        raise DomainError(_("Câu trả lời quá dài."), field="body")
    answer = current_answer(inquiry)
    if answer is not None and answer.state == AnswerState.IN_REVIEW:
        raise DomainError(_("Câu trả lời đang chờ duyệt; người duyệt phải trả lại trước khi sửa."))
    assert inquiry.organisation_id is not None
    now = timezone.now()
    if answer is None:
        answer = Answer.objects.create(
            inquiry=inquiry, organisation_id=inquiry.organisation_id, body=body, created_at=now, updated_at=now
        )
    else:
        answer.body, answer.state, answer.updated_at = body, AnswerState.DRAFT, now
        answer.save(update_fields=["body", "state", "updated_at"])
    answer.contributors.add(actor)
    event = _event(inquiry, EventKind.ANSWER_DRAFTED, actor)
    changes: dict[str, Any] = {}
    if inquiry.state in (State.ASSIGNED, State.REOPENED):
        changes["state"] = State.IN_PROGRESS
    if inquiry.assignee_id is None and roles.is_member_of(actor, inquiry.organisation_id):
        changes["assignee"] = actor
    _change(actor, inquiry, "inquiry.answer_draft", event, **changes)
    return answer


def _answer_locked(answer: Answer) -> Answer:
    return Answer.objects.select_for_update(of=("self",)).select_related("inquiry").get(pk=answer.pk)


@transaction.atomic
def submit_answer(actor: Any, answer: Answer) -> Answer:
    answer = _answer_locked(answer)
    inquiry = _locked(answer.inquiry)
    if not access.can_handle(actor, inquiry):
        raise PermissionDenied(_("Bạn không thể trình duyệt câu trả lời này."))
    if answer.state not in (AnswerState.DRAFT, AnswerState.CHANGES_REQUESTED):
        raise DomainError(_("Chỉ bản nháp mới trình duyệt được."))
    answer.state, answer.updated_at = AnswerState.IN_REVIEW, timezone.now()
    answer.save(update_fields=["state", "updated_at"])
    event = _event(inquiry, EventKind.ANSWER_SUBMITTED, actor)
    _change(actor, inquiry, "inquiry.answer_submit", event)
    notify_reviewers(inquiry, event)
    return answer


def _check_reviewer(actor: Any, answer: Answer) -> None:
    if not access.may_review_answer(actor, answer):
        raise PermissionDenied(_("Chỉ người phát ngôn của cơ quan hoặc Trung tâm mới duyệt được câu trả lời."))
    if access.wrote(actor, answer):
        raise PermissionDenied(TWO_PERSON_RULE)
    if answer.state != AnswerState.IN_REVIEW:
        raise DomainError(_("Câu trả lời không ở trạng thái chờ duyệt."))


@transaction.atomic
def return_answer(actor: Any, answer: Answer, comment: str) -> Answer:
    answer = _answer_locked(answer)
    _check_reviewer(actor, answer)
    comment = _required(comment, MAX_REASON, "comment", _("Hãy ghi điều cần sửa."))
    answer.state, answer.review_comment, answer.updated_at = AnswerState.CHANGES_REQUESTED, comment, timezone.now()
    answer.save(update_fields=["state", "review_comment", "updated_at"])
    inquiry = _locked(answer.inquiry)
    event = _event(inquiry, EventKind.ANSWER_RETURNED, actor, comment)
    _change(actor, inquiry, "inquiry.answer_return", event)
    _notify_users(inquiry, event, answer.contributors.filter(is_active=True))
    return answer


@transaction.atomic
def approve_answer(actor: Any, answer: Answer) -> Answer:
    """The second person approves: the answer goes to the asker (and to everyone whose question
    was merged into this one) and, when the asker allowed it, is published as a "Trả lời báo
    chí" item, drafted by its writer and approved by the same reviewer (releases' own rule)."""
    answer = _answer_locked(answer)
    _check_reviewer(actor, answer)
    inquiry = _locked(answer.inquiry)
    now = timezone.now()
    answer.state, answer.approved_by, answer.sent_at, answer.updated_at = AnswerState.SENT, actor, now, now
    answer.save(update_fields=["state", "approved_by", "sent_at", "updated_at"])
    on_time = inquiry.due_at is None or now <= inquiry.due_at
    working = _answer_working_seconds(inquiry, now)
    event = _event(inquiry, EventKind.ANSWERED, actor)
    _change(
        actor, inquiry, "inquiry.answer", event,
        state=State.ANSWERED, answered_at=now, answered_on_time=on_time, paused_at=None, remaining_seconds=None,
        answer_working_seconds=working,
    )  # fmt: skip
    _notify_asker(inquiry, event)
    for duplicate in inquiry.merged.select_related("asker"):
        _notify_asker(duplicate, _event(duplicate, EventKind.ANSWERED, actor))
    if inquiry.publish_allowed and inquiry.answer_item_id is None:
        _publish_answer(actor, inquiry, answer)
    return answer


def _answer_working_seconds(inquiry: Inquiry, now: dt.datetime) -> int:
    """Working time from routing (or receipt, if never routed) to now, less the time spent
    waiting for the asker: the clock the deadline runs on."""
    start = inquiry.routed_at or inquiry.received_at
    total, paused_from = deadlines.working_seconds_between(start, now), None
    pauses = inquiry.events.filter(kind__in=(EventKind.INFO_REQUESTED, EventKind.INFO_ADDED), at__gte=start)
    for kind, at in pauses.order_by("at", "id").values_list("kind", "at"):
        if kind == EventKind.INFO_REQUESTED and paused_from is None:
            paused_from = at
        elif kind == EventKind.INFO_ADDED and paused_from is not None:
            total -= deadlines.working_seconds_between(paused_from, at)
            paused_from = None
    return max(total, 0)


def public_question_text(inquiry: Inquiry) -> str:
    """The question as the public may read it: no personal data."""
    return redact(inquiry.text)


def _publish_answer(actor: Any, inquiry: Inquiry, answer: Answer) -> None:
    # The item's author is who wrote the answer (an agency officer or the centre's staff); the
    # approver, who never wrote it, approves the item too.
    writer = answer.contributors.filter(is_active=True).order_by("pk").first() or actor
    asked_by = inquiry.asker_outlet if inquiry.is_press and inquiry.asker_outlet else ""
    lead = (
        _("Trả lời câu hỏi của %(outlet)s: %(question)s")
        % {"outlet": asked_by, "question": public_question_text(inquiry)}
        if asked_by
        else _("Trả lời câu hỏi: %(question)s") % {"question": public_question_text(inquiry)}
    )
    item = releases.create_item(
        writer, answer.organisation, type=ItemType.ANSWER, title=redact(inquiry.subject), lead=str(lead), body=answer.body,
        topics=[inquiry.topic_id] if inquiry.topic_id else [],
        areas=[inquiry.area_id] if inquiry.area_id else [],
    )  # fmt: skip
    releases.submit(writer, item)
    releases.approve(actor, item)
    event = _event(inquiry, EventKind.PUBLISHED, actor)
    _change(actor, inquiry, "inquiry.publish", event, answer_item=item)


# After the answer ----------------------------------------------------------------------------


def _within_reopen_period(inquiry: Inquiry) -> bool:
    limit = dt.timedelta(days=settings.INQUIRY_REOPEN_DAYS)
    return inquiry.answered_at is not None and timezone.now() <= inquiry.answered_at + limit


@transaction.atomic
def rate(actor: Any, inquiry: Inquiry, rating: int, comment: str = "", *, key: str = "") -> Inquiry:
    inquiry = _locked(inquiry)
    if not access.is_asker(actor, inquiry, key):
        raise PermissionDenied(_("Chỉ người hỏi mới đánh giá được câu trả lời."))
    if inquiry.state not in (State.ANSWERED, State.CLOSED) or inquiry.answered_at is None:
        raise DomainError(_("Câu hỏi chưa được trả lời."))
    if not isinstance(rating, int) or not 1 <= rating <= 5:
        raise DomainError(_("Hãy chọn mức đánh giá từ 1 đến 5."), field="rating")
    if len(comment) > MAX_REASON:
        raise DomainError(_("Nhận xét quá dài."), field="comment")
    event = _event(inquiry, EventKind.RATED, actor, comment.strip())
    return _change(
        actor, inquiry, "inquiry.rate", event, rating=rating, rating_comment=comment.strip(), rated_at=timezone.now()
    )


@transaction.atomic
def reopen(actor: Any, inquiry: Inquiry, reason: str, *, key: str = "") -> Inquiry:
    """The asker is not satisfied: back to the same agency, with a new deadline."""
    inquiry = _locked(inquiry)
    if not access.is_asker(actor, inquiry, key):
        raise PermissionDenied(_("Chỉ người hỏi mới mở lại được câu hỏi."))
    if inquiry.state != State.ANSWERED:
        raise DomainError(_("Chỉ mở lại được câu hỏi đã trả lời và chưa đóng."))
    if not _within_reopen_period(inquiry):
        raise DomainError(
            _("Đã quá %(days)s ngày kể từ khi trả lời; không mở lại được nữa.") % {"days": settings.INQUIRY_REOPEN_DAYS}
        )
    reason = _required(reason, MAX_REASON, "reason", _("Hãy cho biết lý do mở lại."))
    event = _event(inquiry, EventKind.REOPENED, actor, reason)
    due = deadlines.due_from(timezone.now(), deadlines.policy_for(inquiry.category, inquiry.priority))
    _change(
        actor, inquiry, "inquiry.reopen", event,
        state=State.REOPENED, due_at=due, reopen_count=inquiry.reopen_count + 1,
        answered_at=None, answered_on_time=None, reminded_at=None, escalated_at=None, escalation_level=0,
    )  # fmt: skip
    assert inquiry.organisation_id is not None
    _notify_agency(inquiry, event, inquiry.organisation_id)
    return inquiry


@transaction.atomic
def close(actor: Any, inquiry: Inquiry, *, key: str = "") -> Inquiry:
    """Close an answered inquiry: the centre, the asker, or the clock once the reopening period ends."""
    inquiry = _locked(inquiry)
    if actor is not None and not (access.can_route(actor) or access.is_asker(actor, inquiry, key)):
        raise PermissionDenied(_("Bạn không thể đóng câu hỏi này."))
    if inquiry.state != State.ANSWERED:
        raise DomainError(_("Chỉ đóng được câu hỏi đã trả lời."))
    event = _event(inquiry, EventKind.CLOSED, actor)
    return _change(actor, inquiry, "inquiry.close", event, state=State.CLOSED, closed_at=timezone.now())


def close_expired(now: dt.datetime | None = None) -> int:
    """Close answered inquiries whose reopening period has ended (the clock runs it)."""
    limit = (now or timezone.now()) - dt.timedelta(days=settings.INQUIRY_REOPEN_DAYS)
    closed = 0
    for inquiry in Inquiry.objects.filter(state=State.ANSWERED, answered_at__lt=limit).only("pk")[:500]:
        try:
            close(None, inquiry)
            closed += 1
        except DomainError:
            continue  # reopened meanwhile
    return closed


@transaction.atomic
def merge(actor: Any, duplicate: Inquiry, into: Inquiry) -> Inquiry:
    """A duplicate joins an open inquiry: it is not answered twice, and its asker gets the answer."""
    _require_router(actor)
    if duplicate.pk == into.pk:
        raise DomainError(_("Không gộp được một câu hỏi vào chính nó."))
    duplicate, into = _locked(duplicate), _locked(into)
    if duplicate.state in FINAL_STATES or duplicate.state == State.ANSWERED:
        raise DomainError(_("Câu hỏi này đã kết thúc xử lý, không gộp được."))
    if into.state not in OPEN_STATES:
        raise DomainError(_("Chỉ gộp được vào câu hỏi đang xử lý."), field="into")
    if duplicate.merged.exists():
        raise DomainError(_("Câu hỏi này đã có câu hỏi khác gộp vào; hãy gộp theo chiều ngược lại."))
    event = _event(duplicate, EventKind.MERGED, actor, into.code)
    _change(actor, duplicate, "inquiry.merge", event, state=State.MERGED, merged_into=into, closed_at=timezone.now())
    _event(into, EventKind.MERGED, actor, duplicate.code)
    _notify_asker(duplicate, event)
    return duplicate


@transaction.atomic
def reject(actor: Any, inquiry: Inquiry, reason: str) -> Inquiry:
    """Out of scope, abusive or spam: the centre refuses it, always saying why."""
    _require_router(actor)
    inquiry = _locked(inquiry)
    if inquiry.state not in OPEN_STATES:
        raise DomainError(_("Câu hỏi đã kết thúc xử lý."))
    reason = _required(reason, MAX_REASON, "reason", _("Hãy ghi lý do từ chối."))
    event = _event(inquiry, EventKind.REJECTED, actor, reason)
    _change(
        actor, inquiry, "inquiry.reject", event,
        state=State.REJECTED, rejection_reason=reason, closed_at=timezone.now(),
    )  # fmt: skip
    _notify_asker(inquiry, event)
    return inquiry
