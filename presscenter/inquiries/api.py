"""API for questions and feedback: everything the asking and handling screens do.

/api/inquiries: an asker asks, lists their own, reads one (by account, or by code and the status
link's key), adds what the agency asked for, rates, reopens, closes. /api/agency/inquiries: the
centre and the agencies list and read what is theirs and handle it, from triage to the approved
answer (two people), merging and rejecting. Every write is a domain function; its refusals are the
API's error shape (403 not allowed, 409 not in this state, 422 a refused value)."""

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja import Query, Router, Status
from ninja.security import APIKeyCookie

from presscenter.accounts import roles
from presscenter.accounts.api_auth import Caller, caller_of, meter, session_or_anonymous, token_auth
from presscenter.accounts.models import User
from presscenter.core.api_errors import documented
from presscenter.core.api_schemas import Page, PageQuery, paginate
from presscenter.core.errors import DomainError, NotFound, PermissionDenied
from presscenter.inquiries import access, asking, domain, superior
from presscenter.inquiries.models import (
    OPEN_STATES,
    PRESS_KINDS,
    PUBLIC_EVENT_KINDS,
    Answer,
    AnswerState,
    Category,
    Event,
    Inquiry,
    State,
)
from presscenter.inquiries.schemas_api import (
    Code,
    InquiryAnswerIn,
    InquiryAskerIn,
    InquiryAskIn,
    InquiryAssignIn,
    InquiryCommentIn,
    InquiryDetail,
    InquiryExtendIn,
    InquiryFilters,
    InquiryInfoIn,
    InquiryMergeIn,
    InquiryMessageIn,
    InquiryNoteIn,
    InquiryRatingIn,
    InquiryReasonIn,
    InquiryReopenIn,
    InquiryRouteIn,
    InquiryStatus,
    InquiryStatusQuery,
    InquirySummary,
    InquiryTransferIn,
    InquiryTriageIn,
    InquiryWorkAnswerOut,
)
from presscenter.orgs.api import organisation_ref
from presscenter.orgs.models import AREA_KINDS, Organisation

NOT_FOUND = _("Không tìm thấy câu hỏi, phản ánh này.")


class SessionAuth(APIKeyCookie):
    """A signed-in browser. Writes also need Django's CSRF token (X-CSRFToken), like a form."""

    param_name = settings.SESSION_COOKIE_NAME

    def _get_key(self, request: HttpRequest) -> str | None:
        if self.param_name not in request.COOKIES:
            return None  # no session: 401, not a CSRF failure
        return super()._get_key(request)

    def authenticate(self, request: HttpRequest, key: str | None) -> Caller | None:
        user = getattr(request, "user", None)
        if not roles.is_active(user):
            return None
        caller = Caller(user=user)
        meter(request, caller)
        return caller


# Reading one's own needs an account (token or session); writing too, with CSRF for a session.
READ_AUTH = [token_auth, SessionAuth(csrf=False)]
WRITE_AUTH = [token_auth, SessionAuth(csrf=True)]
# The status of one inquiry is also for who holds its link (code and key), without an account.
STATUS_AUTH = [token_auth, session_or_anonymous]


def anonymous(request: HttpRequest) -> Caller:
    """After the session's check: an asker without an account, known by the key they send."""
    caller = Caller(user=AnonymousUser())
    meter(request, caller)
    return caller


# An asker's follow-up: their account, or no account and the key (a session still needs CSRF).
ASKER_AUTH = [token_auth, SessionAuth(csrf=True), anonymous]

router = Router(tags=["inquiries"])
work_router = Router(tags=["inquiry handling"])

# An action on one inquiry: it may not exist for this caller (404), may not be theirs to do (403),
# its state may not allow it (409) or a rule may refuse a value (422).
ACTION = documented(403, 404, 409, 422)


# Serialisation ---------------------------------------------------------------------------------


def _category(inquiry: Inquiry) -> dict[str, str] | None:
    category = inquiry.category
    return {"code": category.code, "name": category.display_name} if category else None


def _user_name(user: Any) -> str | None:
    return (user.full_name or user.get_username()) if user is not None else None


def _core(inquiry: Inquiry) -> dict[str, Any]:
    return {
        "code": inquiry.code,
        "kind": inquiry.kind,
        "kind_label": str(inquiry.get_kind_display()),  # type: ignore[attr-defined]
        "state": inquiry.state,
        "state_label": str(inquiry.get_state_display()),  # type: ignore[attr-defined]
        "subject": inquiry.subject,
        "category": _category(inquiry),
        "organisation": organisation_ref(inquiry.organisation),
        "received_at": inquiry.received_at,
        "due_at": inquiry.due_at,
        "answered_at": inquiry.answered_at,
    }


def _event(event: Event) -> dict[str, Any]:
    return {
        "kind": event.kind,
        "label": str(event.get_kind_display()),  # type: ignore[attr-defined]
        "at": event.at,
        "text": event.text,
        "from_organisation": organisation_ref(event.from_organisation),
        "to_organisation": organisation_ref(event.to_organisation),
    }


def _events(inquiry: Inquiry) -> QuerySet[Event]:
    return inquiry.events.select_related("from_organisation", "to_organisation", "actor")


def about_event_out(inquiry: Inquiry) -> dict[str, Any] | None:
    event = inquiry.about_event
    if event is None:
        return None
    return {
        "slug": event.slug,
        "title": event.title,
        "starts_at": event.starts_at,
        "organiser": organisation_ref(event.organiser),
    }


def status_out(inquiry: Inquiry) -> dict[str, Any]:
    """The asker's view: public steps only, the answer once sent, never an official's name."""
    sent = inquiry.answers.filter(state=AnswerState.SENT).order_by("-sent_at", "-id").first()
    item = inquiry.answer_item
    return {
        **_core(inquiry),
        "text": inquiry.text,
        "closed_at": inquiry.closed_at,
        "merged_into": inquiry.merged_into.code if inquiry.merged_into else None,
        "rating": inquiry.rating,
        "rating_comment": inquiry.rating_comment,
        "answer": {"body": sent.body, "sent_at": sent.sent_at} if sent else None,
        "answer_url": item.get_absolute_url() if item and item.current_version_id else None,
        "about_event": about_event_out(inquiry),
        "timeline": [_event(e) for e in _events(inquiry).filter(kind__in=PUBLIC_EVENT_KINDS)],
    }


def summary_out(inquiry: Inquiry) -> dict[str, Any]:
    return {
        **_core(inquiry),
        "priority": inquiry.priority,
        "channel": inquiry.channel,
        "assignee": _user_name(inquiry.assignee),
        "overdue": inquiry.is_overdue(),
    }


def sees_asker(user: Any, inquiry: Inquiry) -> bool:
    """Personal data of the asker: the centre, and the agency responsible for the inquiry."""
    if access.can_route(user):
        return True
    return inquiry.organisation_id is not None and roles.is_member_of(user, inquiry.organisation_id)


def _answer_out(answer: Answer | None) -> dict[str, Any] | None:
    if answer is None:
        return None
    return {
        "body": answer.body,
        "sent_at": answer.sent_at,
        "state": answer.state,
        "state_label": str(answer.get_state_display()),  # type: ignore[attr-defined]
        "review_comment": answer.review_comment,
        "contributors": [_user_name(user) or "" for user in answer.contributors.all()],
        "approved_by": _user_name(answer.approved_by),
        "updated_at": answer.updated_at,
    }


def detail_out(user: Any, inquiry: Inquiry) -> dict[str, Any]:
    asker = None
    if sees_asker(user, inquiry):
        asker = {
            "name": inquiry.asker_name,
            "email": inquiry.asker_email,
            "phone": inquiry.asker_phone,
            "address": inquiry.asker_address,
            "outlet": inquiry.asker_outlet,
            "accredited": inquiry.asker_accredited,
            "has_account": inquiry.asker_id is not None,
        }
    answer = domain.current_answer(inquiry) or inquiry.answers.order_by("-id").first()
    members = (
        roles.agency_members(inquiry.organisation_id).order_by("full_name", "pk")
        if inquiry.organisation_id is not None and access.can_assign(user, inquiry)
        else User.objects.none()
    )
    timeline = [
        {**_event(e), "actor": _user_name(e.actor), "public": e.kind in PUBLIC_EVENT_KINDS} for e in _events(inquiry)
    ]
    return {
        **summary_out(inquiry),
        "text": inquiry.text,
        "asker": asker,
        "area": organisation_ref(inquiry.area),
        "location": inquiry.location,
        "latitude": float(inquiry.latitude) if inquiry.latitude is not None else None,
        "longitude": float(inquiry.longitude) if inquiry.longitude is not None else None,
        "publish_allowed": inquiry.publish_allowed,
        "rejection_reason": inquiry.rejection_reason,
        "merged_into": inquiry.merged_into.code if inquiry.merged_into else None,
        "about_event": about_event_out(inquiry),
        "answer": _answer_out(answer),
        "assignable": [{"id": member.pk, "name": _user_name(member)} for member in members],
        "timeline": timeline,
    }


def _related(inquiries: QuerySet[Inquiry]) -> QuerySet[Inquiry]:
    return inquiries.select_related(
        "category", "organisation", "assignee", "area", "merged_into", "answer_item", "about_event__organiser"
    )


# Lookups ---------------------------------------------------------------------------------------


def _category_by_code(code: str | None) -> Category | None:
    if code is None:
        return None
    category = Category.objects.filter(code=code, active=True).first()
    if category is None:
        raise DomainError(_("Không có lĩnh vực này."), field="category")
    return category


def _organisation(slug: str, field: str = "organisation") -> Organisation:
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None:
        raise DomainError(_("Không tìm thấy cơ quan này."), field=field)
    return organisation


def _coordinate(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.000001"))


def own(caller: Caller, code: str, key: str = "") -> Inquiry:
    """An inquiry the caller may read: their own (by account, or by the status link's key when
    asked without one), or their workspace's; others do not exist."""
    inquiry = _related(Inquiry.objects.filter(code=code.upper())).first()
    if inquiry is None:
        raise NotFound(NOT_FOUND)
    if not access.is_asker(caller.user, inquiry, key) and not access.can_view(caller.user, inquiry):
        raise NotFound(NOT_FOUND)
    return inquiry


def _fresh_status(inquiry: Inquiry) -> dict[str, Any]:
    return status_out(_related(Inquiry.objects.filter(pk=inquiry.pk)).get())


# Askers ----------------------------------------------------------------------------------------


@router.post("", response={201: InquiryStatus, **documented(403, 409, 422)}, auth=WRITE_AUTH)
def ask(request: HttpRequest, payload: InquiryAskIn) -> Status[dict[str, Any]]:
    """A journalist's question (kind question or info_request) or a citizen's feedback or petition."""
    caller = caller_of(request)
    about_event = asking.event_to_ask_about(caller.user, payload.about_event) if payload.about_event else None
    if about_event is not None and payload.kind not in PRESS_KINDS:
        raise DomainError(_("Chỉ câu hỏi của báo chí mới hỏi về một sự kiện."), field="about_event")
    area = _organisation(payload.area, "area") if payload.area else None
    if area is not None and area.kind not in AREA_KINDS:
        raise DomainError(_("Hãy chọn một phường hoặc xã."), field="area")
    inquiry = domain.ask(
        caller.user,
        kind=payload.kind,
        subject=payload.subject,
        text=payload.text,
        channel="api",
        category=_category_by_code(payload.category),
        area=area,
        location=payload.location.strip(),
        latitude=_coordinate(payload.latitude),
        longitude=_coordinate(payload.longitude),
        publish_allowed=payload.publish_allowed,
        asker_phone=payload.asker_phone.strip(),
        asker_address=payload.asker_address.strip(),
        asker_outlet=payload.asker_outlet.strip(),
        about_event=about_event,
    )
    return Status(201, _fresh_status(inquiry))


@router.get("/mine", response=Page[InquirySummary], auth=READ_AUTH)
def my_inquiries(request: HttpRequest, paging: PageQuery) -> dict[str, Any]:
    inquiries = _related(access.own_inquiries(caller_of(request).user)).order_by("-received_at", "-id")
    return paginate(request, inquiries, paging, summary_out)


@router.get("/{code}", response={200: InquiryStatus, **documented(404)}, auth=STATUS_AUTH)
def inquiry_status(request: HttpRequest, code: Code, query: Query[InquiryStatusQuery]) -> dict[str, Any]:
    """The asker's status page as data: for the asker's account, or for anyone with the link's key."""
    return status_out(own(caller_of(request), code, query.key))


def _asker_step(request: HttpRequest, code: str, key: str, step: Callable[[Any, Inquiry], Inquiry]) -> dict[str, Any]:
    """The asker's follow-up on their own inquiry (by account, or by the status link's key)."""
    caller = caller_of(request)
    return _fresh_status(step(caller.user, own(caller, code, key)))


@router.post("/{code}/info", response={200: InquiryStatus, **ACTION}, auth=ASKER_AUTH)
def add_info(request: HttpRequest, code: Code, payload: InquiryInfoIn) -> dict[str, Any]:
    return _asker_step(
        request, code, payload.key, lambda user, inquiry: domain.add_info(user, inquiry, payload.text, key=payload.key)
    )


@router.post("/{code}/rating", response={200: InquiryStatus, **ACTION}, auth=ASKER_AUTH)
def rate(request: HttpRequest, code: Code, payload: InquiryRatingIn) -> dict[str, Any]:
    return _asker_step(
        request,
        code,
        payload.key,
        lambda user, inquiry: domain.rate(user, inquiry, payload.rating, payload.comment, key=payload.key),
    )


@router.post("/{code}/reopen", response={200: InquiryStatus, **ACTION}, auth=ASKER_AUTH)
def reopen(request: HttpRequest, code: Code, payload: InquiryReopenIn) -> dict[str, Any]:
    return _asker_step(
        request, code, payload.key, lambda user, inquiry: domain.reopen(user, inquiry, payload.reason, key=payload.key)
    )


@router.post("/{code}/close", response={200: InquiryStatus, **ACTION}, auth=ASKER_AUTH)
def close(request: HttpRequest, code: Code, payload: InquiryAskerIn) -> dict[str, Any]:
    """The body is an object, `{}` for an asker signed in (a JSON null is not one)."""
    return _asker_step(request, code, payload.key, lambda user, inquiry: domain.close(user, inquiry, key=payload.key))


# The centre and the agencies -------------------------------------------------------------------


def workspace(caller: Caller) -> QuerySet[Inquiry]:
    """What the caller handles; a token scoped to one agency sees only that agency's."""
    if not access.can_route(caller.user) and roles.agency_of(caller.user) is None:
        raise PermissionDenied(_("Chỉ Trung tâm và các cơ quan mới xử lý câu hỏi, phản ánh."))
    inquiries = access.workspace_inquiries(caller.user)
    scope = caller.organisation_id
    if scope is not None:
        inquiries = inquiries.filter(
            Q(organisation_id=scope) | Q(organisation__parent_id=scope, escalated_at__isnull=False)
        )
    return inquiries


def work_on(caller: Caller, code: str) -> Inquiry:
    inquiry = _related(workspace(caller).filter(code=code.upper())).first()
    if inquiry is None:
        raise NotFound(NOT_FOUND)
    return inquiry


def _detail(caller: Caller, inquiry: Inquiry) -> dict[str, Any]:
    return detail_out(caller.user, _related(Inquiry.objects.filter(pk=inquiry.pk)).get())


def _answer_in_progress(inquiry: Inquiry) -> Answer:
    answer = domain.current_answer(inquiry)
    if answer is None:
        raise DomainError(_("Câu hỏi này chưa có câu trả lời đang soạn."))
    return answer


def _work_step(request: HttpRequest, code: str, step: Callable[[Any, Inquiry], object]) -> dict[str, Any]:
    """A handling step on one of the caller's inquiries; the answer is the inquiry as it is now."""
    caller = caller_of(request)
    inquiry = work_on(caller, code)
    step(caller.user, inquiry)
    return _detail(caller, inquiry)


@work_router.get("", response={200: Page[InquirySummary], **documented(403)}, auth=READ_AUTH)
def list_inquiries(request: HttpRequest, paging: PageQuery, filters: Query[InquiryFilters]) -> dict[str, Any]:
    inquiries = workspace(caller_of(request))
    lookups = {
        "state": filters.state,
        "kind": filters.kind,
        "organisation__slug": filters.organisation,
        "category__code": filters.category,
    }
    inquiries = inquiries.filter(**{lookup: value for lookup, value in lookups.items() if value is not None})
    late = Q(due_at__lt=timezone.now(), state__in=[s for s in OPEN_STATES if s != State.WAITING])
    if filters.overdue is True:
        inquiries = inquiries.filter(late)
    elif filters.overdue is False:
        inquiries = inquiries.exclude(late)
    return paginate(request, _related(inquiries).order_by("-received_at", "-id"), paging, summary_out)


@work_router.get("/{code}", response={200: InquiryDetail, **documented(403, 404)}, auth=READ_AUTH)
def inquiry_detail(request: HttpRequest, code: Code) -> dict[str, Any]:
    caller = caller_of(request)
    return detail_out(caller.user, work_on(caller, code))


@work_router.post("/{code}/triage", response={200: InquiryDetail, **ACTION}, auth=WRITE_AUTH)
def triage(request: HttpRequest, code: Code, payload: InquiryTriageIn) -> dict[str, Any]:
    category = _category_by_code(payload.category)
    return _work_step(
        request,
        code,
        lambda user, inquiry: domain.triage(
            user, inquiry, category=category, priority=payload.priority, kind=payload.kind
        ),
    )


@work_router.post("/{code}/route", response={200: InquiryDetail, **ACTION}, auth=WRITE_AUTH)
def route(request: HttpRequest, code: Code, payload: InquiryRouteIn) -> dict[str, Any]:
    organisation = _organisation(payload.organisation)
    return _work_step(request, code, lambda user, inquiry: domain.route(user, inquiry, organisation))


@work_router.post("/{code}/transfer", response={200: InquiryDetail, **ACTION}, auth=WRITE_AUTH)
def transfer(request: HttpRequest, code: Code, payload: InquiryTransferIn) -> dict[str, Any]:
    return _transfer_step(request, code, payload, domain.transfer)


def _transfer_step(
    request: HttpRequest, code: str, payload: InquiryTransferIn, transfer: Callable[..., Inquiry]
) -> dict[str, Any]:
    """A transfer (the handler's or the superior's). After it the inquiry may no longer be the
    caller's to read: then it is answered without personal data."""
    caller = caller_of(request)
    inquiry = work_on(caller, code)
    transfer(caller.user, inquiry, _organisation(payload.organisation), payload.reason)
    if not workspace(caller).filter(pk=inquiry.pk).exists():
        return detail_out(None, _related(Inquiry.objects.filter(pk=inquiry.pk)).get())
    return _detail(caller, inquiry)


@work_router.post("/{code}/assign", response={200: InquiryDetail, **ACTION}, auth=WRITE_AUTH)
def assign(request: HttpRequest, code: Code, payload: InquiryAssignIn) -> dict[str, Any]:
    assignee = User.objects.filter(pk=payload.assignee, is_active=True).first()
    if assignee is None:
        raise DomainError(_("Người được giao phải là cán bộ của cơ quan xử lý."), field="assignee")
    return _work_step(request, code, lambda user, inquiry: domain.assign(user, inquiry, assignee))


@work_router.post("/{code}/request-info", response={200: InquiryDetail, **ACTION}, auth=WRITE_AUTH)
def request_info(request: HttpRequest, code: Code, payload: InquiryMessageIn) -> dict[str, Any]:
    return _work_step(request, code, lambda user, inquiry: domain.request_info(user, inquiry, payload.message))


@work_router.post("/{code}/notes", response={201: InquiryDetail, **ACTION}, auth=WRITE_AUTH)
def add_note(request: HttpRequest, code: Code, payload: InquiryNoteIn) -> Status[dict[str, Any]]:
    return Status(201, _work_step(request, code, lambda user, inquiry: domain.add_note(user, inquiry, payload.text)))


@work_router.put("/{code}/answer", response={200: InquiryWorkAnswerOut, **ACTION}, auth=WRITE_AUTH)
def save_answer(request: HttpRequest, code: Code, payload: InquiryAnswerIn) -> dict[str, Any]:
    """Write or rewrite the draft answer (a draft, or one the reviewer returned)."""
    caller = caller_of(request)
    answer = domain.save_answer(caller.user, work_on(caller, code), payload.body)
    return _answer_out(Answer.objects.get(pk=answer.pk))  # type: ignore[return-value]


def _answer_step(request: HttpRequest, code: str, step: Callable[[Any, Answer], Answer]) -> dict[str, Any]:
    """A step of the answer being prepared (submit, return, approve), by the caller, on their inquiry."""
    caller = caller_of(request)
    answer = step(caller.user, _answer_in_progress(work_on(caller, code)))
    return _answer_out(Answer.objects.get(pk=answer.pk))  # type: ignore[return-value]


@work_router.post("/{code}/answer/submit", response={200: InquiryWorkAnswerOut, **ACTION}, auth=WRITE_AUTH)
def submit_answer(request: HttpRequest, code: Code) -> dict[str, Any]:
    return _answer_step(request, code, domain.submit_answer)


@work_router.post("/{code}/answer/return", response={200: InquiryWorkAnswerOut, **ACTION}, auth=WRITE_AUTH)
def return_answer(request: HttpRequest, code: Code, payload: InquiryCommentIn) -> dict[str, Any]:
    return _answer_step(request, code, lambda user, answer: domain.return_answer(user, answer, payload.comment))


@work_router.post("/{code}/answer/approve", response={200: InquiryWorkAnswerOut, **ACTION}, auth=WRITE_AUTH)
def approve_answer(request: HttpRequest, code: Code) -> dict[str, Any]:
    """The second person approves: the answer goes to the asker (two-person rule: never its writer)."""
    return _answer_step(request, code, domain.approve_answer)


@work_router.post("/{code}/merge", response={200: InquiryDetail, **ACTION}, auth=WRITE_AUTH)
def merge(request: HttpRequest, code: Code, payload: InquiryMergeIn) -> dict[str, Any]:
    caller = caller_of(request)
    duplicate = work_on(caller, code)
    into = Inquiry.objects.filter(code=payload.into.upper()).first()
    if into is None:
        if not access.can_route(caller.user):
            raise PermissionDenied(_("Chỉ Trung tâm mới gộp câu hỏi trùng."))
        raise DomainError(NOT_FOUND, field="into")
    domain.merge(caller.user, duplicate, into)
    return _detail(caller, duplicate)


@work_router.post("/{code}/reject", response={200: InquiryDetail, **ACTION}, auth=WRITE_AUTH)
def reject(request: HttpRequest, code: Code, payload: InquiryReasonIn) -> dict[str, Any]:
    return _work_step(request, code, lambda user, inquiry: domain.reject(user, inquiry, payload.reason))


# The superior organisation, once the question is escalated to it (and the centre) -------------


@work_router.post("/{code}/directive", response={201: InquiryDetail, **ACTION}, auth=WRITE_AUTH)
def give_directive(request: HttpRequest, code: Code, payload: InquiryNoteIn) -> Status[dict[str, Any]]:
    """A directive (chỉ đạo) to the handling agency: its spokespersons and the assignee are told."""
    return Status(201, _work_step(request, code, lambda user, inquiry: superior.direct(user, inquiry, payload.text)))


@work_router.post("/{code}/superior-transfer", response={200: InquiryDetail, **ACTION}, auth=WRITE_AUTH)
def superior_transfer(request: HttpRequest, code: Code, payload: InquiryTransferIn) -> dict[str, Any]:
    """Transfer to another agency under the superior organisation (the centre: any agency)."""
    return _transfer_step(request, code, payload, superior.transfer)


@work_router.post("/{code}/extend", response={200: InquiryDetail, **ACTION}, auth=WRITE_AUTH)
def extend_deadline(request: HttpRequest, code: Code, payload: InquiryExtendIn) -> dict[str, Any]:
    """Extend the deadline once, with a reason the asker sees."""
    return _work_step(request, code, lambda user, inquiry: superior.extend(user, inquiry, payload.days, payload.reason))
