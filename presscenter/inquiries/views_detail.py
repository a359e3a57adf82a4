"""One inquiry on the working screens: the question, who asked, the timeline, the answer, and the
actions this user may take; and the asker's attachments, served only to those who may see them."""

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.db.models import Q, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from presscenter.accounts import roles
from presscenter.core.screens import forbidden, staff_screen
from presscenter.inquiries import access, domain, hints, superior, worklists
from presscenter.inquiries.forms_workspace import (
    AnswerForm,
    AssignForm,
    CommentForm,
    DirectiveForm,
    ExtendForm,
    MergeForm,
    MessageForm,
    NoteForm,
    ReasonForm,
    RouteForm,
    SeenStateForm,
    SuperiorTransferForm,
    TransferForm,
    TriageForm,
)
from presscenter.inquiries.models import (
    FINAL_STATES,
    OPEN_STATES,
    AnswerState,
    Attachment,
    AttachmentKind,
    EventKind,
    Inquiry,
    Notice,
    State,
)
from presscenter.inquiries.views_common import clock, inquiry_for_work, sees_asker_details
from presscenter.orgs.models import Organisation
from presscenter.workspace.access import can_use_workspace

MAX_CANDIDATES = 10


def _forms(inquiry: Inquiry, answer: Any, user: Any) -> dict[str, forms.Form]:
    seen = {"state": inquiry.state}
    initial: dict[str, dict[str, Any]] = {
        "triage": {"kind": inquiry.kind, "category": inquiry.category_id, "priority": inquiry.priority},
        "draft": {"body": answer.body if answer is not None else ""},
    }
    keys = ["triage", "route", "merge", "reject", "assign", "transfer", "not_ours", "request_info", "note", "draft",
            "return"]  # fmt: skip
    if access.can_act_as_superior(user, inquiry):
        keys += ["direct", "reassign", "extend"]
    return {key: form_for(key, inquiry, initial={**seen, **initial.get(key, {})}, user=user) for key in keys}


def _reassign_choices(user: Any, inquiry: Inquiry) -> QuerySet[Organisation]:
    """Where the superior may transfer: the agencies under it (the centre: any), not the current one."""
    choices = Organisation.objects.filter(active=True).exclude(id=inquiry.organisation_id or 0)
    if user is not None and access.can_route(user):
        return choices
    agency = roles.agency_of(user) if user is not None else None
    return choices.filter(pk__in=superior.organisations_under(agency)) if agency is not None else choices.none()


def form_for(key: str, inquiry: Inquiry, data: Any = None, user: Any = None, **kwargs: Any) -> forms.Form:
    """The form of an action (`key`: the action, or "not_ours" for a transfer saying whose it is),
    with ids of its own: the page holds them all."""
    kwargs["auto_id"] = f"id_{key}_%s"
    if key == "merge":
        return MergeForm(data, inquiry=inquiry, **kwargs)
    if key == "assign":
        return AssignForm(data, inquiry=inquiry, **kwargs)
    if key in ("transfer", "not_ours"):
        return TransferForm(data, not_ours=key == "not_ours", current=inquiry.organisation_id, **kwargs)
    if key == "reassign":
        return SuperiorTransferForm(data, choices=_reassign_choices(user, inquiry), **kwargs)
    return FORMS[key](data, **kwargs)


FORMS: dict[str, type[forms.Form]] = {
    "triage": TriageForm, "route": RouteForm, "reject": ReasonForm, "request_info": MessageForm, "note": NoteForm,
    "draft": AnswerForm, "return": CommentForm, "submit": SeenStateForm, "approve": SeenStateForm,
    "direct": DirectiveForm, "extend": ExtendForm,
}  # fmt: skip


def _candidates(inquiry: Inquiry, search: str) -> list[Inquiry]:
    """Open inquiries this one could be merged into, found by code or subject."""
    search = search.strip()
    if not search:
        return []
    found = Inquiry.objects.filter(state__in=OPEN_STATES).exclude(pk=inquiry.pk)
    found = found.filter(Q(code__iexact=search) | Q(subject__icontains=search))
    return list(found.select_related("organisation").order_by("-received_at")[:MAX_CANDIDATES])


def _permissions(user: Any, inquiry: Inquiry, answer: Any) -> dict[str, bool]:
    handle = access.can_handle(user, inquiry)
    routable = access.can_route(user)
    in_review = answer is not None and answer.state == AnswerState.IN_REVIEW
    reviewer = in_review and access.may_review_answer(user, answer)
    superior_ = access.can_act_as_superior(user, inquiry)
    return {
        "triage": routable and inquiry.state in worklists.TRIAGE_STATES,
        "route": routable and inquiry.state in worklists.TRIAGE_STATES,
        "merge": routable and inquiry.state in OPEN_STATES and inquiry.state != State.ANSWERED,
        "reject": routable and inquiry.state in OPEN_STATES,
        "assign": access.can_assign(user, inquiry),
        "transfer": handle,
        "request_info": handle and inquiry.state != State.WAITING,
        "note": inquiry.state not in FINAL_STATES or routable,
        "draft": handle and inquiry.state != State.WAITING and not in_review,
        "submit": handle and answer is not None and answer.state in (AnswerState.DRAFT, AnswerState.CHANGES_REQUESTED),
        "review": reviewer and not access.wrote(user, answer),
        "two_person": reviewer and access.wrote(user, answer),
        "superior": superior_,
        "reassign": superior_ and not handle,  # the centre transfers with its own form
        "extend": superior_ and inquiry.deadline_extended_at is None and inquiry.state != State.WAITING,
    }


def detail_context(request: HttpRequest, inquiry: Inquiry, bound: tuple[str, forms.Form] | None = None) -> dict:
    user = request.user
    answer = domain.current_answer(inquiry)
    sent = inquiry.answers.filter(state=AnswerState.SENT).order_by("-sent_at").first()
    all_forms = _forms(inquiry, answer, user)
    hint = hints.routing_hint(inquiry) if inquiry.state in worklists.TRIAGE_STATES and access.can_route(user) else None
    if hint is not None and hint.organisation is not None:
        all_forms["route"].initial["organisation"] = hint.organisation.pk
    if bound is not None:
        all_forms[bound[0]] = bound[1]
    search = request.GET.get("gop", "")
    notified = []
    if sent is not None:
        notified = sorted(
            {
                str(notice.get_channel_display())
                for notice in Notice.objects.filter(inquiry=inquiry, reason=EventKind.ANSWERED)
            }
        )
    return {
        "inquiry": inquiry,
        "clock": clock(inquiry),
        "personal": sees_asker_details(user, inquiry),
        "attachments": list(inquiry.attachments.all()),
        "events": inquiry.events.select_related("actor", "from_organisation", "to_organisation"),
        "answer": answer,
        "sent": sent,
        "notified": notified,
        "hint": hint,
        "can": _permissions(user, inquiry, answer),
        "forms": all_forms,
        "open_form": bound[0] if bound else "",
        "merge_search": search,
        "candidates": _candidates(inquiry, search) if access.can_route(user) else [],
        "merged": list(inquiry.merged.only("code", "subject")),
        "two_person_rule": domain.TWO_PERSON_RULE,
    }


@staff_screen(can_use_workspace)
def inquiry_detail(request: HttpRequest, pk: int) -> HttpResponse:
    inquiry = inquiry_for_work(request.user, pk)
    return render(request, "inquiries/workspace/detail.html", detail_context(request, inquiry))


@login_required
def attachment_download(request: HttpRequest, pk: int) -> HttpResponseBase:
    """An asker's photo or document: to the asker, the responsible agency and the centre, never
    through a public address. Images show inline (as thumbnails on the detail page)."""
    attachment = Attachment.objects.select_related("inquiry").filter(pk=pk).first()
    if attachment is None:
        raise Http404
    if not access.can_view(request.user, attachment.inquiry):
        return forbidden(request, _("Bạn không có quyền xem tệp này."))
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    inline = attachment.kind == AttachmentKind.IMAGE
    response = FileResponse(
        handle, as_attachment=not inline, filename=attachment.original_name, content_type=attachment.mime_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
