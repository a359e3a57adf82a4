"""After the event: the organiser's staff draft the official item made from it (a confirmation
page, then `after.draft_outcome`), and anyone who may see the event downloads its media kit as
one ZIP, streamed."""

from collections.abc import AsyncIterator, Iterator

from asgiref.sync import sync_to_async
from django.contrib import messages
from django.core.handlers.asgi import ASGIRequest
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotModified, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from presscenter.core.errors import DomainError
from presscenter.core.screens import staff_screen
from presscenter.events import access, after, calendar
from presscenter.events.models import Visibility
from presscenter.events.views_work import event_for_work


@staff_screen(access.can_create)
def draft(request: HttpRequest, pk: int) -> HttpResponse:
    """What the draft will hold, then (POST) the draft, opened in the item editor."""
    event = event_for_work(request.user, pk)
    refusal = None
    if request.method == "POST":
        try:
            item = after.draft_outcome(request.user, event)
        except DomainError as error:
            refusal = error.message
        else:
            messages.success(
                request,
                str(
                    _("Đã tạo bản nháp “%(title)s”. Hãy soát lại, thêm hình ảnh, tài liệu rồi gửi duyệt.")
                    % {"title": item.title}
                ),
            )
            return redirect("workspace:item", item.pk)
    else:
        try:
            after.check_draftable(request.user, event)
        except DomainError as error:
            refusal = error.message
    context = {
        "event": event,
        "refusal": refusal,
        "questions": after.answered_questions(event),
        "speakers": event.speakers.select_related("organisation"),
    }
    return render(
        request, "events/after/draft.html", context, status=409 if refusal and request.method == "POST" else 200
    )


async def _async_chunks(chunks: Iterator[bytes]) -> AsyncIterator[bytes]:
    """Under ASGI: the ZIP is built one chunk at a time in a worker thread (a synchronous
    iterator would be read whole into memory by Django first)."""

    def step() -> bytes | None:
        return next(chunks, None)

    read = sync_to_async(step, thread_sensitive=False)
    while (chunk := await read()) is not None:
        yield chunk


@require_safe
def media_kit(request: HttpRequest, slug: str) -> HttpResponseBase:
    event = calendar.listed(request.user).filter(slug=slug).first()
    if event is None:
        raise Http404
    files = after.media_kit(event)
    if not files:
        raise Http404
    etag = after.kit_etag(event, files)
    response: HttpResponseBase
    if etag in request.headers.get("If-None-Match", ""):
        response = HttpResponseNotModified()
    else:
        chunks = after.kit_chunks(event, files)
        response = StreamingHttpResponse(chunks, content_type="application/zip")
        if isinstance(request, ASGIRequest):
            response.streaming_content = _async_chunks(chunks)
        response["Content-Disposition"] = f'attachment; filename="{event.slug}-tai-lieu-hinh-anh.zip"'
    response["ETag"] = etag
    public = event.visibility == Visibility.PUBLIC
    response["Cache-Control"] = "public, max-age=300" if public else "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
