"""The question pages: a journalist asks and follows their questions; the organiser's staff and
the centre moderate the queue (HTMX actions, a queue that refreshes itself); the room's screen
shows the current question. Views check access and call presscenter.events.questions."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from presscenter.core.errors import DomainError
from presscenter.core.forms import add_domain_error
from presscenter.core.screens import forbidden, staff_screen
from presscenter.events import access, questions
from presscenter.events.forms_questions import (
    AnswerForm,
    AskForm,
    AssignForm,
    EmptyForm,
    MergeForm,
    MoveForm,
    RejectForm,
)
from presscenter.events.models import Event, EventQuestion, QuestionState
from presscenter.inquiries import access as inquiries_access
from presscenter.inquiries.links import status_url
from presscenter.workspace.access import can_use_workspace

HISTORY = 50
POLL_QUEUE_SECONDS = 10
POLL_SCREEN_SECONDS = 5
SENT = _("Đã gửi câu hỏi. Ban tổ chức sẽ duyệt trước khi đưa lên.")
CONVERTED = _("Câu hỏi đã được chuyển đến cơ quan có trách nhiệm trả lời, mã theo dõi %(code)s.")
DONE = _("Đã cập nhật câu hỏi.")


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _private(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "private, no-store"
    return response


# The journalist's page -----------------------------------------------------------------------


def _visible_event(request: HttpRequest, slug: str) -> Event:
    event = access.visible_events(request.user).select_related("organiser").filter(slug=slug).first()
    if event is None:
        raise Http404
    return event


@login_required
def ask(request: HttpRequest, slug: str) -> HttpResponse:
    """Ask a question for the speakers, and see what became of one's questions."""
    event = _visible_event(request, slug)
    refusal = questions.refusal(request.user, event)
    form = AskForm(request.POST or None, event=event)
    status = 200
    if request.method == "POST":
        if refusal is not None:
            form.is_valid()
            form.add_error(None, str(refusal))
            status = 403 if questions.who_refusal(request.user, event) else 400
        elif form.is_valid():
            try:
                questions.submit(
                    request.user, event, form.cleaned_data["text"], session=form.cleaned_data.get("session")
                )
            except DomainError as error:
                add_domain_error(form, error)
                status = 400
            else:
                messages.success(request, str(SENT))
                return redirect("events_questions:ask", slug=event.slug)
        else:
            status = 400
    own = list(questions.mine(request.user, event))
    for found in own:
        if found.inquiry is not None:
            setattr(found, "status_link", status_url(found.inquiry))  # noqa: B010 a template's attribute
    context = {
        "event": event,
        "form": form,
        "refusal": refusal,
        "questions": own,
        "over": questions.when_refusal(event) is not None,
        "can_ask_agency": inquiries_access.can_ask_as_press(request.user),
    }
    return _private(render(request, "events/questions/ask.html", context, status=status))


@login_required
@require_POST
def own_to_inquiry(request: HttpRequest, slug: str, question: int) -> HttpResponse:
    """The author's choice: an approved question left unanswered goes to the inquiries app."""
    event = _visible_event(request, slug)
    found = get_object_or_404(EventQuestion, pk=question, event=event, author_id=request.user.pk)
    try:
        inquiry = questions.to_inquiry(request.user, found)
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, str(CONVERTED % {"code": inquiry.code}))
    return redirect("events_questions:ask", slug=event.slug)


# The moderator's queue ------------------------------------------------------------------------


def _moderated_event(request: HttpRequest, pk: int) -> Event | None:
    event = get_object_or_404(Event.objects.select_related("organiser"), pk=pk)
    return event if questions.can_moderate(request.user, event) else None


def queue_context(event: Event) -> dict[str, Any]:
    waiting = list(questions.queue(event))
    history = list(
        EventQuestion.objects.filter(event=event)
        .exclude(state__in=questions.QUEUE_STATES)
        .select_related("author", "speaker", "merged_into", "inquiry")
        .order_by("-answered_at", "-moderated_at", "-id")[:HISTORY]
    )
    answered = [q for q in history if q.state == QuestionState.ANSWERED]
    suggestions = questions.suggested_duplicates([*waiting, *answered])
    return {
        "event": event,
        "rows": [(q, suggestions.get(q.pk, [])) for q in waiting],
        "history": history,
        "speakers": list(event.speakers.all()),
        "targets": [*waiting, *answered],
        "counts": {
            "submitted": sum(1 for q in waiting if q.state == QuestionState.SUBMITTED),
            "approved": sum(1 for q in waiting if q.state == QuestionState.APPROVED),
        },
        "poll": POLL_QUEUE_SECONDS,
        "queue_url": reverse("events_questions:queue", args=[event.pk]),
    }


def _moderator_page(template: str, build: Callable[[Event], dict[str, Any]], doc: str) -> Callable[..., HttpResponse]:
    """A page of the event's moderators (its organiser's staff, the centre): `template` rendered
    with `build(event)`."""

    def page(request: HttpRequest, pk: int) -> HttpResponse:
        event = _moderated_event(request, pk)
        if event is None:
            return forbidden(request)
        return _private(render(request, template, build(event)))

    page.__doc__ = doc
    return staff_screen(can_use_workspace)(require_GET(page))


moderate = _moderator_page("events/questions/moderate.html", queue_context, "The moderation queue.")
queue_part = _moderator_page("events/questions/_queue.html", queue_context, "HTMX: the queue as it stands (polled).")


Run = Callable[[Any, EventQuestion, dict[str, Any]], Any]

# The actions of a queue row: its form (what it needs), and the domain function it runs.
RUNS: dict[str, Run] = {
    "duyet": lambda user, q, data: questions.approve(user, q),
    "tu-choi": lambda user, q, data: questions.reject(user, q, data["reason"]),
    "gop": lambda user, q, data: questions.merge(user, q, data["kept"]),
    "thu-tu": lambda user, q, data: questions.move(user, q, data["direction"]),
    "giao": lambda user, q, data: questions.assign(user, q, data["speaker"]),
    "da-tra-loi": lambda user, q, data: questions.mark_answered(user, q, data["answer"]),
    "chuyen-hoi-dap": lambda user, q, data: questions.to_inquiry(user, q),
}
FORMS: dict[str, type[forms.Form]] = {"tu-choi": RejectForm, "thu-tu": MoveForm, "da-tra-loi": AnswerForm}


def _form(action: str, event: Event, data: Any) -> forms.Form:
    if action == "gop":
        return MergeForm(data, event=event)
    if action == "giao":
        return AssignForm(data, event=event)
    return FORMS.get(action, EmptyForm)(data)


@staff_screen(can_use_workspace)
@require_POST
def act(request: HttpRequest, pk: int, question: int, action: str) -> HttpResponse:
    """One moderation action. With HTMX the queue comes back (with the refusal, if any);
    without, the page reloads with a message."""
    run = RUNS.get(action)
    if run is None:
        raise Http404
    event = _moderated_event(request, pk)
    if event is None:
        return forbidden(request)
    found = get_object_or_404(EventQuestion, pk=question, event=event)
    form = _form(action, event, request.POST)
    error = ""
    if form.is_valid():
        try:
            run(request.user, found, form.cleaned_data)
        except DomainError as refused:
            error = str(refused.message)
    else:
        error = " ".join(str(message) for messages_ in form.errors.values() for message in messages_)
    if _is_htmx(request):
        focus = f"q{found.pk}-{action}"
        if action == "thu-tu":
            focus += "-" + str(request.POST.get("direction", ""))[:4]
        context = {**queue_context(event), "error": error, "focus": focus}
        return _private(render(request, "events/questions/_queue.html", context))
    if error:
        messages.error(request, error)
    else:
        messages.success(request, str(DONE))
    return redirect("events_questions:moderate", pk=event.pk)


# The room's screen ----------------------------------------------------------------------------


def screen_context(event: Event) -> dict[str, Any]:
    shown = questions.on_screen(event)
    return {
        "event": event,
        "current": shown[0] if shown else None,
        "next": shown[1:4],
        "waiting": max(0, len(shown) - 4),
        "poll": POLL_SCREEN_SECONDS,
        "part_url": reverse("events_questions:screen_part", args=[event.pk]),
    }


screen = _moderator_page("events/questions/screen.html", screen_context, "The room's screen.")
screen_part = _moderator_page("events/questions/_screen.html", screen_context, "HTMX: the screen's content (polled).")
