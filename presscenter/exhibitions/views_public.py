"""The public side of exhibitions: the list of published galleries, an exhibition's page (its call
for entries while open, its gallery once published), a photo's page, the photos themselves, the
catalogue PDF; and the accredited photographer's own page to submit and withdraw entries."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from presscenter.core.downloads import file_response
from presscenter.core.errors import DomainError
from presscenter.core.forms import add_domain_error
from presscenter.core.screens import forbidden
from presscenter.events import access as events_access
from presscenter.events.models import Event, EventType
from presscenter.exhibitions import access, catalogue, domain
from presscenter.exhibitions.forms import EntryForm
from presscenter.exhibitions.models import Entry, EntryStatus, Exhibition


def _event(request: HttpRequest, slug: str) -> Event:
    event = (
        events_access.visible_events(request.user)
        .filter(slug=slug, type=EventType.EXHIBITION)
        .select_related("organiser", "room__venue", "venue")
        .first()
    )
    if event is None:
        raise Http404
    return event


def _exhibition(request: HttpRequest, slug: str) -> Exhibition:
    event = _event(request, slug)
    exhibition = Exhibition.objects.filter(event=event).first()
    if exhibition is None:
        raise Http404
    exhibition.event = event
    return exhibition


def index(request: HttpRequest) -> HttpResponse:
    exhibitions = access.published(request.user).select_related("event").order_by("-published_at", "-id")
    return render(request, "exhibitions/public/index.html", {"exhibitions": exhibitions})


def exhibition_page(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event(request, slug)
    exhibition = Exhibition.objects.filter(event=event).first()
    if exhibition is not None:
        exhibition.event = event
    context: dict[str, Any] = {
        "event": event,
        "exhibition": exhibition,
        "photos": access.gallery(exhibition) if exhibition is not None and exhibition.is_published else [],
        "is_open": exhibition is not None and domain.is_open(exhibition),
        "may_submit": access.can_submit(request.user),
        "manages": exhibition is not None and access.can_manage(request.user, exhibition),
    }
    return render(request, "exhibitions/public/exhibition.html", context)


def _entry(request: HttpRequest, slug: str, pk: int) -> Entry:
    exhibition = _exhibition(request, slug)
    entry = Entry.objects.filter(exhibition=exhibition, pk=pk).first()
    if entry is None:
        raise Http404
    entry.exhibition = exhibition
    if not access.can_see_entry(request.user, entry):
        raise Http404
    return entry


def photo_page(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    entry = _entry(request, slug, pk)
    exhibition = entry.exhibition
    neighbours = list(access.gallery(exhibition).values_list("pk", flat=True)) if exhibition.is_published else []
    index = neighbours.index(entry.pk) if entry.pk in neighbours else None
    context = {
        "entry": entry,
        "exhibition": exhibition,
        "event": exhibition.event,
        "previous": neighbours[index - 1] if index else None,
        "next": neighbours[index + 1] if index is not None and index + 1 < len(neighbours) else None,
    }
    return render(request, "exhibitions/public/photo.html", context)


def image(request: HttpRequest, slug: str, pk: int, kind: str) -> FileResponse:
    if kind not in ("web", "thumb"):
        raise Http404
    entry = _entry(request, slug, pk)
    stored = entry.web if kind == "web" else entry.thumb
    response = file_response(request, stored.open("rb"), content_type="image/jpeg")
    public = entry.exhibition.is_published and entry.status == EntryStatus.SELECTED
    response["Cache-Control"] = "public, max-age=3600" if public else "private, no-store"
    return response


def catalogue_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    exhibition = _exhibition(request, slug)
    if not (exhibition.is_published or access.can_manage(request.user, exhibition)):
        raise Http404
    if not access.gallery(exhibition).exists():
        raise Http404
    response = HttpResponse(catalogue.build(exhibition), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="catalogue-{exhibition.event.slug}.pdf"'
    return response


# The photographer's own entries -----------------------------------------------------------------


@login_required
def my_entries(request: HttpRequest, slug: str) -> HttpResponse:
    if not access.can_submit(request.user):
        return forbidden(request, _("Chỉ nhà báo đã được Trung tâm xác nhận thẻ tác nghiệp mới gửi được ảnh."))
    exhibition = _exhibition(request, slug)
    form = EntryForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            domain.submit(
                request.user, exhibition, upload=data["photo"], name=data["photo"].name, caption=data["caption"],
                taken_on=data["taken_on"], place=data["place"],
            )  # fmt: skip
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, str(_("Đã nhận ảnh của bạn.")))
            return redirect("exhibitions_public:mine", slug)
    entries = Entry.objects.filter(exhibition=exhibition, photographer=request.user.pk).order_by("-submitted_at", "-id")
    context = {
        "exhibition": exhibition,
        "event": exhibition.event,
        "form": form,
        "entries": entries,
        "is_open": domain.is_open(exhibition),
        "used": sum(1 for entry in entries if entry.status != EntryStatus.WITHDRAWN),
        "now": timezone.now(),
    }
    return render(request, "exhibitions/public/mine.html", context)


@login_required
@require_POST
def withdraw(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    exhibition = _exhibition(request, slug)
    entry = get_object_or_404(Entry, exhibition=exhibition, pk=pk, photographer=request.user.pk)
    try:
        domain.withdraw(request.user, entry)
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, str(_("Đã rút ảnh.")))
    return redirect("exhibitions_public:mine", slug)
