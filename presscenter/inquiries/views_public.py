"""The public side of questions and feedback: citizens' feedback (anyone), journalists' questions
(signed-in journalists), the page after sending, the status page (the asker only: their account
or the secret key of their link), the look-up by code and contact, and "Câu hỏi của tôi"."""

import datetime as dt
from typing import Any
from uuid import UUID

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from presscenter.accounts import roles
from presscenter.core import ratelimit
from presscenter.core.client import client_address
from presscenter.core.errors import DomainError
from presscenter.core.forms import add_domain_error
from presscenter.core.html import sanitize
from presscenter.events.models import Event
from presscenter.inquiries import access, asking, deadlines, domain, similar
from presscenter.inquiries.forms_public import (
    AddInfoForm,
    AskingForm,
    FeedbackForm,
    LookupForm,
    QuestionForm,
    RateForm,
    ReopenForm,
)
from presscenter.inquiries.models import (
    OPEN_STATES,
    PUBLIC_EVENT_KINDS,
    AnswerState,
    DeadlineUnit,
    EventKind,
    Inquiry,
    State,
)
from presscenter.press.applicant import SEPARATORS
from presscenter.press.models import JournalistProfile
from presscenter.releases.access import public_items
from presscenter.releases.models import Item
from presscenter.text.redact import redact

PAGE_SIZE = 20
HOUR = 3600
RATE_LIMITED = _(
    "Bạn đã gửi quá nhiều lần trong thời gian ngắn. Hãy đợi khoảng %(minutes)s phút rồi gửi lại; "
    "nếu việc gấp, hãy gọi đường dây nóng của Trung tâm."
)


# Shared -----------------------------------------------------------------------------------------


def _limited(request: HttpRequest, scope: str, contact: str = "") -> int | None:
    """Count this attempt per client address (and per contact when given); the minutes to wait
    when a limit is passed, else None."""
    windows = [
        ratelimit.hit(f"inquiries:{scope}:ip:{client_address(request)}", settings.INQUIRY_RATE_PER_ADDRESS, HOUR)
    ]
    if contact:
        windows.append(ratelimit.hit(f"inquiries:{scope}:contact:{contact}", settings.INQUIRY_RATE_PER_CONTACT, HOUR))
    refused = [window for window in windows if not window.allowed]
    if not refused:
        return None
    return max(1, max(window.reset_in for window in refused) // 60)


def _private(response: HttpResponse) -> HttpResponse:
    """Pages of one asker: never cached, and their secret link never leaks to another site as a
    referrer. Not "no-referrer": the browser would then send `Origin: null` with their forms, which
    the CSRF check refuses."""
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "same-origin"
    return response


def _similar_for(form: AskingForm, exclude: list[int] | None = None) -> list[similar.Similar]:
    data = form.cleaned_data if hasattr(form, "cleaned_data") else {}
    subject = data.get("subject") or form.data.get("subject", "")
    text = data.get("text") or form.data.get("text", "")
    return similar.open_similar(str(subject)[:300], str(text), press=form.press, exclude=exclude or [])


def _join_target(form: AskingForm) -> Inquiry | None:
    code = (form.cleaned_data.get("join") or "").strip().upper()
    if not code:
        return None
    target = similar.candidates(press=form.press).filter(code=code).first()
    if target is None:
        form.add_error(None, _("Câu hỏi bạn chọn theo dõi không còn đang xử lý; hãy gửi câu hỏi của bạn riêng."))
    return target


def _status_url(inquiry: Inquiry, name: str = "inquiries_public:status") -> str:
    """The asker's page; the secret key only for an asker without an account (links.status_url
    writes the same for notices), who has no other way in."""
    url = reverse(name, args=[inquiry.code])
    return f"{url}?{urlencode({'k': inquiry.access_key})}" if inquiry.asker_id is None else url


def _send(request: HttpRequest, form: AskingForm, template: str, context: dict[str, Any]) -> HttpResponse:
    """The common path of both forms: rate limits, preview of similar questions, then ask."""
    context = {**context, "form": form}
    if request.method == "POST":
        wait = _limited(request, "ask", form.contact_key())
        if wait is not None:
            # Refused before any check (a file is not even opened): the form comes back with
            # what was typed, nothing is saved.
            typed = {name: value for name, value in request.POST.items() if not name.startswith("human_")}
            context["form"] = type(form)(initial=typed, signed_in=not form.needs_human_check)
            context["refused"] = RATE_LIMITED % {"minutes": wait}
            return _form_page(request, template, context, status=429)
        if "preview" in request.POST:
            form.is_valid()
            context["similar"] = _similar_for(form)
            context["previewed"] = True
            return _form_page(request, template, context, status=200)
        if form.is_valid():
            target = _join_target(form)
            if not form.errors and not form.spend_human_check():
                form.add_error(None, _("Câu hỏi kiểm tra đã được dùng. Hãy trả lời câu hỏi mới bên dưới."))
                form.human_passed_token = ""
            if not form.errors:
                try:
                    inquiry = asking.submit(
                        request.user,
                        files=form.checked_files,
                        join=target,
                        **form.domain_fields(),
                        **context.get("extra_fields", {}),
                    )
                except DomainError as error:
                    add_domain_error(form, error)
                else:
                    return redirect(_status_url(inquiry, "inquiries_public:sent"))
        context["similar"] = _similar_for(form) if form.data.get("subject") else []
        return _form_page(request, template, context, status=400)
    return _form_page(request, template, context, status=200)


def _form_page(request: HttpRequest, template: str, context: dict[str, Any], status: int) -> HttpResponse:
    form = context["form"]
    context["human"] = form.human_context()
    context["chosen"] = str(form.data.get("join", ""))
    return render(request, template, context, status=status)


# Asking -----------------------------------------------------------------------------------------


def index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "inquiries/public/index.html",
        {"is_journalist": access.can_ask_as_press(request.user), "lookup": LookupForm(signed_in=True)},
    )


def feedback(request: HttpRequest) -> HttpResponse:
    signed_in = roles.is_active(request.user)
    form = FeedbackForm(request.POST or None, request.FILES or None, signed_in=signed_in)
    return _send(request, form, "inquiries/public/feedback.html", {"extra_fields": {}})


def _about_item(request: HttpRequest) -> Item | None:
    uid = request.GET.get("tin") or request.POST.get("tin") or ""
    try:
        UUID(str(uid))
    except ValueError:
        return None
    return public_items(request.user).select_related("organisation", "current_version").filter(uid=uid).first()


def _about_event(request: HttpRequest) -> tuple[Event | None, str]:
    """The event asked about (`?su-kien=<slug>`), or why it cannot be (over, cancelled, unknown)."""
    slug = request.GET.get("su-kien") or request.POST.get("su-kien") or ""
    if not slug:
        return None, ""
    try:
        return asking.event_to_ask_about(request.user, slug[:120]), ""
    except DomainError as error:
        return None, str(error.message)


def question(request: HttpRequest) -> HttpResponse:
    if not access.can_ask_as_press(request.user):
        return render(request, "inquiries/public/question_denied.html", status=403)
    item = _about_item(request)
    event, event_refused = _about_event(request)
    form = QuestionForm(request.POST or None)
    profile = JournalistProfile.objects.select_related("outlet").filter(user_id=request.user.pk or 0).first()
    extra: dict[str, Any] = {"about_item": item, "about_event": event}
    if profile is not None:
        extra["asker_outlet"] = profile.outlet.name
    if item is not None and item.current_version is not None and request.method == "GET":
        form.initial["subject"] = str(_("Về tin: %(title)s") % {"title": item.current_version.title})[:300]
    elif event is not None and request.method == "GET":
        form.initial["subject"] = str(_("Về sự kiện: %(title)s") % {"title": event.title})[:300]
    asked_about = request.GET.get("tin") or request.POST.get("tin")
    context: dict[str, Any] = {
        "item": item,
        "item_missing": bool(asked_about) and item is None,
        "event": event,
        "event_refused": event_refused,
        "profile": profile,
        "extra_fields": extra,
    }
    if event_refused and request.method == "POST":
        # Asked about an event that is over (or gone): nothing is sent; the page says why.
        form.is_valid()
        form.add_error(None, event_refused)
        context["form"] = form
        return _form_page(request, "inquiries/public/question.html", {**context, "similar": []}, status=400)
    return _send(request, form, "inquiries/public/question.html", context)


@require_GET
def similar_partial(request: HttpRequest) -> HttpResponse:
    """HTMX: similar open questions as the asker types the subject."""
    press = request.GET.get("bao-chi") == "1"
    if press and not access.can_ask_as_press(request.user):
        press = False
    subject = (request.GET.get("subject") or "")[:300]
    text = (request.GET.get("text") or "")[:2000]
    wait = ratelimit.hit(f"inquiries:similar:ip:{client_address(request)}", settings.INQUIRY_RATE_SIMILAR, 60)
    found = similar.open_similar(subject, text, press=press) if wait.allowed and len(subject) >= 8 else []
    return render(request, "inquiries/public/_similar.html", {"similar": found, "chosen": request.GET.get("join", "")})


# After sending: the asker's own pages ------------------------------------------------------------


def _own(request: HttpRequest, code: str, key: str) -> Inquiry:
    """The inquiry whose asker is asking: their account, or the key of their link. Anything
    else is not found (a code alone reveals nothing)."""
    inquiry = (
        Inquiry.objects.select_related(
            "organisation", "category", "area", "about_item", "about_event", "answer_item", "merged_into"
        )
        .filter(code=code.upper())
        .first()
    )
    if inquiry is None or not access.is_asker(request.user, inquiry, key):
        raise Http404(_("Không tìm thấy câu hỏi này."))
    return inquiry


def _key(request: HttpRequest) -> str:
    """The secret of the link; a key that cannot be one (too long, not ASCII) matches nothing."""
    key = request.GET.get("k") or request.POST.get("k") or ""
    return key if len(key) <= 60 and key.isascii() else "-"


def _needs_sign_in(request: HttpRequest) -> bool:
    return not request.user.is_authenticated and not _key(request)


def _policy_words(inquiry: Inquiry) -> str:
    policy = deadlines.policy_for(inquiry.category, inquiry.priority)
    if policy.unit == DeadlineUnit.WORKING_HOURS:
        return str(_("%(amount)s giờ làm việc") % {"amount": policy.amount})
    return str(_("%(amount)s ngày làm việc") % {"amount": policy.amount})


def sent(request: HttpRequest, code: str) -> HttpResponse:
    if _needs_sign_in(request):
        return redirect(f"{reverse('accounts:login')}?{urlencode({'next': request.get_full_path()})}")
    inquiry = _own(request, code, _key(request))
    key = _key(request)
    status_path = _status_url(inquiry)
    context = {
        "inquiry": inquiry,
        "key": key,
        "status_url": request.build_absolute_uri(status_path),
        "status_path": status_path,
        "policy": _policy_words(inquiry),
        "reopen_days": settings.INQUIRY_REOPEN_DAYS,
        "similar": [] if inquiry.state == State.MERGED else _similar_for_inquiry(inquiry),
    }
    return _private(render(request, "inquiries/public/sent.html", context))


def _similar_for_inquiry(inquiry: Inquiry) -> list[similar.Similar]:
    if inquiry.state in OPEN_STATES and not inquiry.merged.exists():
        return similar.open_similar(inquiry.subject, inquiry.text, press=inquiry.is_press, exclude=[inquiry.pk])
    return []


@require_POST
def join(request: HttpRequest, code: str) -> HttpResponse:
    """After sending: the asker chooses to follow a similar open question instead."""
    key = _key(request)
    inquiry = _own(request, code, key)
    target = similar.candidates(press=inquiry.is_press).filter(code=(request.POST.get("join") or "").upper()).first()
    if target is None:
        raise Http404(_("Không tìm thấy câu hỏi này."))
    try:
        asking.join(request.user, inquiry, target, key=key)
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        message = _("Bạn đang theo dõi câu hỏi %(code)s: bạn sẽ nhận cùng câu trả lời.")
        messages.success(request, str(message % {"code": target.code}))
    return redirect(_status_url(inquiry))


def _timeline(inquiry: Inquiry) -> list[dict[str, Any]]:
    """The asker's timeline: public kinds only, agencies by name, never a person's name, and no
    other asker's code."""
    rows = []
    events = inquiry.events.filter(kind__in=PUBLIC_EVENT_KINDS).select_related("from_organisation", "to_organisation")
    for event in events:
        text: str = event.text
        label: Any
        if event.kind == EventKind.MERGED:
            text = "" if inquiry.merged_into_id is None else (inquiry.merged_into.code if inquiry.merged_into else "")
        if event.kind == EventKind.MERGED and inquiry.merged_into_id is None:
            label = _("Một câu hỏi tương tự của người khác được gộp vào câu hỏi này")
        elif event.kind == EventKind.MERGED:
            label = _("Gộp vào câu hỏi đang xử lý")
        else:
            label = event.get_kind_display()
        rows.append({"event": event, "label": label, "text": text})
    return rows


def _answer(inquiry: Inquiry) -> tuple[Any, str]:
    answer = inquiry.answers.filter(state=AnswerState.SENT).order_by("-sent_at", "-id").first()
    return answer, sanitize(answer.body) if answer else ""


def _can_reopen(inquiry: Inquiry) -> bool:
    if inquiry.state != State.ANSWERED or inquiry.answered_at is None:
        return False
    return timezone.now() <= inquiry.answered_at + dt.timedelta(days=settings.INQUIRY_REOPEN_DAYS)


def status(
    request: HttpRequest, code: str, forms: dict[str, Any] | None = None, code_status: int = 200
) -> HttpResponse:
    if _needs_sign_in(request):
        return redirect(f"{reverse('accounts:login')}?{urlencode({'next': request.get_full_path()})}")
    key = _key(request)
    inquiry = _own(request, code, key)
    answer, answer_html = _answer(inquiry)
    joined = inquiry.merged_into
    joined_answer, joined_answer_html = _answer(joined) if joined is not None else (None, "")
    forms = forms or {}
    timeline = _timeline(inquiry)
    waiting = inquiry.state == State.WAITING
    # What the agency asked for, in the panel that takes the answer (not only down the timeline).
    requests = [row["text"] for row in timeline if row["event"].kind == EventKind.INFO_REQUESTED]
    context = {
        "inquiry": inquiry,
        "key": key,
        "timeline": timeline,
        "info_request": requests[-1] if waiting and requests else "",
        "answer": answer,
        "answer_html": answer_html,
        "joined": joined,
        "joined_subject": redact(joined.subject) if joined else "",
        "joined_answer": joined_answer,
        "joined_answer_html": joined_answer_html,
        "attachments": inquiry.attachments.only("original_name", "kind", "size"),
        "overdue": inquiry.is_overdue(),
        "waiting": waiting,
        "info_form": forms.get("info") or AddInfoForm(),
        "can_rate": inquiry.state in (State.ANSWERED, State.CLOSED) and inquiry.rating is None,
        "rate_form": forms.get("rate") or RateForm(),
        "can_reopen": _can_reopen(inquiry),
        "reopen_form": forms.get("reopen") or ReopenForm(),
        "reopen_days": settings.INQUIRY_REOPEN_DAYS,
        "reopen_until": inquiry.answered_at + dt.timedelta(days=settings.INQUIRY_REOPEN_DAYS)
        if inquiry.answered_at
        else None,
        "policy": _policy_words(inquiry),
        "key_query": urlencode({"k": key}) if key else "",
    }
    return _private(render(request, "inquiries/public/status.html", context, status=code_status))


def _status_action(request: HttpRequest, code: str, name: str, form_class: Any, action: Any, done: Any) -> HttpResponse:
    key = _key(request)
    inquiry = _own(request, code, key)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            action(inquiry, form.cleaned_data, key)
        except DomainError as error:
            if error.field in form.fields:
                add_domain_error(form, error)
            else:  # the form may no longer be shown (the period ended): say it at the top
                messages.error(request, str(error.message))
        else:
            messages.success(request, str(done))
            return redirect(_status_url(inquiry))
    return status(request, code, forms={name: form}, code_status=400)


@require_POST
def add_info(request: HttpRequest, code: str) -> HttpResponse:
    return _status_action(
        request, code, "info", AddInfoForm,
        lambda inquiry, data, key: domain.add_info(request.user, inquiry, data["text"], key=key),
        _("Đã gửi thông tin bổ sung; thời hạn trả lời được tính tiếp."),
    )  # fmt: skip


@require_POST
def rate(request: HttpRequest, code: str) -> HttpResponse:
    return _status_action(
        request, code, "rate", RateForm,
        lambda inquiry, data, key: domain.rate(request.user, inquiry, data["rating"], data["comment"], key=key),
        _("Cảm ơn bạn đã đánh giá câu trả lời."),
    )  # fmt: skip


@require_POST
def reopen(request: HttpRequest, code: str) -> HttpResponse:
    return _status_action(
        request, code, "reopen", ReopenForm,
        lambda inquiry, data, key: domain.reopen(request.user, inquiry, data["reason"], key=key),
        _("Đã mở lại câu hỏi; cơ quan sẽ trả lời lại trong thời hạn mới."),
    )  # fmt: skip


def lookup(request: HttpRequest) -> HttpResponse:
    """Tra cứu: by code and the e-mail or phone given when sending; finds only a pair that
    matches, so a code alone reveals nothing."""
    signed_in = roles.is_active(request.user)
    form = LookupForm(request.POST or None, signed_in=signed_in)
    status_code = 200
    if request.method == "POST":
        wait = _limited(request, "lookup")
        if wait is not None:
            form.is_valid()
            form.errors.clear()
            form.add_error(None, RATE_LIMITED % {"minutes": wait})
            status_code = 429
        elif form.is_valid() and form.spend_human_check():
            found = _matching(form.cleaned_data["code"], form.cleaned_data["contact"])
            if found is not None:
                return redirect(_status_url(found))
            form.add_error(None, _("Không tìm thấy câu hỏi nào có mã và thông tin liên hệ này. Hãy kiểm tra lại."))
            form.human_passed_token = ""
            status_code = 404
        else:
            status_code = 400
    context = {"form": form, "human": form.human_context()}
    return _private(render(request, "inquiries/public/lookup.html", context, status=status_code))


def _matching(code: str, contact: str) -> Inquiry | None:
    contact = contact.strip()
    phone = SEPARATORS.sub("", contact)
    if phone.startswith("+84"):
        phone = "0" + phone[3:]
    condition = Q(asker_email__iexact=contact) if "@" in contact else Q(asker_phone=phone)
    if not contact or (("@" not in contact) and not phone):
        return None
    return Inquiry.objects.filter(condition, code=code).first()


# The asker's desk -------------------------------------------------------------------------------


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    rows = (
        access.own_inquiries(request.user)
        .select_related("organisation", "category", "merged_into")
        .order_by("-received_at", "-id")
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("trang"))
    now = timezone.now()
    for inquiry in page:
        inquiry.overdue_now = inquiry.is_overdue(now)  # type: ignore[attr-defined]
    return render(request, "inquiries/public/mine.html", {"page": page})
