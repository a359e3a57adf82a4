"""The actions on an inquiry's working page. Each checks who may (a 403 page otherwise, nothing
changed), that the page was not stale (the state it showed is still the state), then runs the
domain function; bad input comes back on the page, beside its field and in the error summary."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from presscenter.core.errors import DomainError, PermissionDenied
from presscenter.core.forms import add_domain_error
from presscenter.core.screens import forbidden, staff_screen
from presscenter.inquiries import access, domain, hints, superior
from presscenter.inquiries.models import Answer, DecisionSource, Inquiry
from presscenter.inquiries.views_common import inquiry_for_work
from presscenter.inquiries.views_detail import detail_context, form_for
from presscenter.workspace.access import can_use_workspace

Run = Callable[[Any, Inquiry, Answer | None, dict[str, Any]], Any]
Check = Callable[[Any, Inquiry, Answer | None], bool]


def _route(user: Any, inquiry: Inquiry, answer: Answer | None, data: dict[str, Any]) -> Any:
    """Confirming the suggestion keeps its source (rule or model); choosing another is the operator's."""
    hint = hints.routing_hint(inquiry)
    chosen = data["organisation"]
    source = hint.source if hint.organisation is not None and chosen == hint.organisation else DecisionSource.OPERATOR
    return domain.route(user, inquiry, chosen, source=source, suggested=hint.organisation, confidence=hint.confidence)


def _transfer(user: Any, inquiry: Inquiry, answer: Answer | None, data: dict[str, Any]) -> Any:
    reason = data["reason"]
    if data.get("not_ours"):
        reason = str(_("Không thuộc thẩm quyền: %(reason)s") % {"reason": reason})
    return domain.transfer(user, inquiry, data["organisation"], reason)


def _draft(user: Any, inquiry: Inquiry, answer: Answer | None, data: dict[str, Any]) -> Any:
    saved = domain.save_answer(user, inquiry, data["body"])
    if data.get("and_submit"):
        domain.submit_answer(user, saved)
    return saved


def _answer(answer: Answer | None) -> Answer:
    if answer is None:
        raise DomainError(_("Chưa có câu trả lời nào đang soạn."))
    return answer


def _routes(user: Any, inquiry: Inquiry, answer: Answer | None) -> bool:
    return access.can_route(user)


def _handles(user: Any, inquiry: Inquiry, answer: Answer | None) -> bool:
    return access.can_handle(user, inquiry)


def _reviews(user: Any, inquiry: Inquiry, answer: Answer | None) -> bool:
    return answer is not None and access.may_review_answer(user, answer)


@dataclass(frozen=True)
class Action:
    allowed: Check
    run: Run
    success: Promise


ACTIONS: dict[str, Action] = {
    "triage": Action(
        _routes,
        lambda user, inquiry, answer, data: domain.triage(
            user, inquiry, category=data["category"], priority=data["priority"], kind=data["kind"]
        ),
        _("Đã phân loại câu hỏi."),
    ),
    "route": Action(_routes, _route, _("Đã giao cơ quan xử lý.")),
    "merge": Action(
        _routes,
        lambda user, inquiry, answer, data: domain.merge(user, inquiry, data["into"]),
        _("Đã gộp câu hỏi."),
    ),
    "reject": Action(
        _routes,
        lambda user, inquiry, answer, data: domain.reject(user, inquiry, data["reason"]),
        _("Đã từ chối câu hỏi."),
    ),
    "assign": Action(
        lambda user, inquiry, answer: access.can_assign(user, inquiry),
        lambda user, inquiry, answer, data: domain.assign(user, inquiry, data["assignee"]),
        _("Đã giao người xử lý."),
    ),
    "transfer": Action(_handles, _transfer, _("Đã chuyển xử lý.")),
    "request_info": Action(
        _handles,
        lambda user, inquiry, answer, data: domain.request_info(user, inquiry, data["message"]),
        _("Đã đề nghị người hỏi bổ sung thông tin; thời hạn tạm dừng."),
    ),
    "note": Action(
        lambda user, inquiry, answer: True,
        lambda user, inquiry, answer, data: domain.add_note(user, inquiry, data["text"]),
        _("Đã thêm ghi chú nội bộ."),
    ),
    "draft": Action(_handles, _draft, _("Đã lưu câu trả lời.")),
    "submit": Action(
        _handles,
        lambda user, inquiry, answer, data: domain.submit_answer(user, _answer(answer)),
        _("Đã trình duyệt câu trả lời."),
    ),
    "approve": Action(
        _reviews,
        lambda user, inquiry, answer, data: domain.approve_answer(user, _answer(answer)),
        _("Đã duyệt câu trả lời: câu trả lời đã được gửi người hỏi."),
    ),
    "return": Action(
        _reviews,
        lambda user, inquiry, answer, data: domain.return_answer(user, _answer(answer), data["comment"]),
        _("Đã trả lại câu trả lời để sửa."),
    ),
}


def _superior(user: Any, inquiry: Inquiry, answer: Answer | None) -> bool:
    return access.can_act_as_superior(user, inquiry)


ACTIONS.update(
    {
        "direct": Action(
            _superior,
            lambda user, inquiry, answer, data: superior.direct(user, inquiry, data["text"]),
            _("Đã gửi ý kiến chỉ đạo đến cơ quan xử lý."),
        ),
        "reassign": Action(
            _superior,
            lambda user, inquiry, answer, data: superior.transfer(user, inquiry, data["organisation"], data["reason"]),
            _("Đã chuyển xử lý."),
        ),
        "extend": Action(
            _superior,
            lambda user, inquiry, answer, data: superior.extend(user, inquiry, data["days"], data["reason"]),
            _("Đã gia hạn trả lời; người hỏi và cơ quan xử lý được thông báo hạn mới."),
        ),
    }
)

STALE = _(
    "Câu hỏi đã thay đổi trong lúc bạn thao tác (nay: %(state)s), nên thao tác chưa được thực hiện. "
    "Hãy xem lại trang rồi làm tiếp."
)


def _form_key(action: str, request: HttpRequest) -> str:
    if action == "transfer" and request.POST.get("not_ours") in ("True", "true", "1", "on"):
        return "not_ours"
    return action


def _after(request: HttpRequest, inquiry: Inquiry) -> HttpResponse:
    if request.POST.get("next") == "queue":
        return redirect("inquiry_work:triage")
    if not access.workspace_inquiries(request.user).filter(pk=inquiry.pk).exists():
        return redirect("inquiry_work:inbox")  # transferred away: no longer this agency's
    return redirect("inquiry_work:detail", pk=inquiry.pk)


@require_POST
@staff_screen(can_use_workspace)
def inquiry_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    spec = ACTIONS.get(action)
    if spec is None:
        raise Http404
    user = request.user
    inquiry = inquiry_for_work(user, pk)
    seen = request.POST.get("state", "")
    if seen and seen != inquiry.state:
        messages.error(request, str(STALE % {"state": inquiry.get_state_display()}))
        return redirect("inquiry_work:detail", pk=inquiry.pk)
    answer = domain.current_answer(inquiry)
    if not spec.allowed(user, inquiry, answer):
        return forbidden(request)
    key = _form_key(action, request)
    form = form_for(key, inquiry, request.POST, user=user)
    if form.is_valid():
        data = dict(form.cleaned_data)
        data["and_submit"] = "and_submit" in request.POST
        try:
            spec.run(user, inquiry, answer, data)
        except PermissionDenied:
            raise  # the 403 page, with the reason
        except DomainError as error:
            if error.field is None or error.field not in form.fields:
                messages.error(request, str(error.message))
                return redirect("inquiry_work:detail", pk=inquiry.pk)
            add_domain_error(form, error)
        else:
            messages.success(request, str(spec.success))
            return _after(request, inquiry)
    context = detail_context(request, inquiry, bound=(key, form))
    return render(request, "inquiries/workspace/detail.html", context, status=400)
