"""The working screens of an exhibition: the organiser writes the call, names the jury, closes the
call, reads the ranking, curates and publishes; a juror scores each entry blind to the others'
scores until they have scored it. Every screen checks `access` first and writes only through the
domain."""

from typing import Any, cast

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from presscenter.accounts.models import User
from presscenter.core.downloads import file_response
from presscenter.core.errors import DomainError, PermissionDenied
from presscenter.core.forms import add_domain_error
from presscenter.core.screens import attempt, staff_screen
from presscenter.events import access as events_access
from presscenter.exhibitions import access, domain
from presscenter.exhibitions.forms import CallForm, CurateForm, JurorForm, ScoreForm
from presscenter.exhibitions.models import Entry, EntryStatus, Exhibition, ExhibitionState

CONTENT_TYPES = {".jpg": "image/jpeg", ".png": "image/png", ".webp": "image/webp"}


def _exhibition(user: Any, pk: int, *, manage: bool = True) -> Exhibition:
    exhibition = (
        Exhibition.objects.select_related("event__organiser", "event__room__venue", "event__venue")
        .filter(pk=pk)
        .first()
    )
    if exhibition is None:
        raise Http404
    if access.can_manage(user, exhibition) or (not manage and access.is_juror(user, exhibition)):
        return exhibition
    raise PermissionDenied(_("Bạn không có quyền với triển lãm này."))


@staff_screen(access.can_work)
def exhibition_list(request: HttpRequest) -> HttpResponse:
    exhibitions = access.works_on(request.user).select_related("event").order_by("-opens_at", "-id")
    return render(request, "exhibitions/work/list.html", {"exhibitions": exhibitions})


@staff_screen(access.can_work)
def for_event(request: HttpRequest, event_pk: int) -> HttpResponse:
    """From an exhibition event's page: its exhibition, or the form that opens its call."""
    event = events_access.managed_events(request.user).filter(pk=event_pk).first()
    if event is None:
        raise PermissionDenied(_("Bạn không tổ chức sự kiện này."))
    exhibition = Exhibition.objects.filter(event=event).first()
    if exhibition is not None:
        return redirect("exhibitions_work:detail", exhibition.pk)
    form = CallForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            created = domain.create_exhibition(request.user, event, **form.domain_fields())
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, str(_("Đã mở cuộc gọi ảnh.")))
            return redirect("exhibitions_work:detail", created.pk)
    return render(request, "exhibitions/work/form.html", {"form": form, "event": event, "exhibition": None})


@staff_screen(access.can_work)
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    exhibition = _exhibition(request.user, pk)
    form = CallForm(request.POST or None, instance=Exhibition.objects.get(pk=exhibition.pk))
    if request.method == "POST" and form.is_valid():
        try:
            domain.update_exhibition(request.user, exhibition, **form.domain_fields())
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, str(_("Đã lưu thể lệ.")))
            return redirect("exhibitions_work:detail", exhibition.pk)
    return render(
        request, "exhibitions/work/form.html", {"form": form, "event": exhibition.event, "exhibition": exhibition}
    )


@staff_screen(access.can_work)
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    exhibition = _exhibition(request.user, pk, manage=False)
    if not access.can_manage(request.user, exhibition):
        return redirect("exhibitions_work:jury", exhibition.pk)
    jurors = exhibition.jurors.select_related("user").order_by("id")
    sees_ranking = domain.sees_ranking(request.user, exhibition)
    ranking = domain.ranking(exhibition)
    context = {
        "exhibition": exhibition,
        "event": exhibition.event,
        "jurors": jurors,
        "juror_form": JurorForm(candidates=domain.candidate_jurors(exhibition)),
        "ranking": ranking if sees_ranking else ranking.order_by("submitted_at", "id"),
        "withdrawn": exhibition.entries.filter(status=EntryStatus.WITHDRAWN).count(),
        "curating": exhibition.state != ExhibitionState.CALL,
        "sees_ranking": sees_ranking,
        "statuses": [choice for choice in EntryStatus.choices if choice[0] != EntryStatus.WITHDRAWN],
    }
    return render(request, "exhibitions/work/detail.html", context)


STAGES = {"dong-nhan-anh": domain.close_call, "cong-bo": domain.publish}
STAGE_DONE = {
    "dong-nhan-anh": _("Đã đóng nhận ảnh; ban giám khảo có thể chấm."),
    "cong-bo": _("Đã công bố phòng trưng bày trực tuyến."),
}


@staff_screen(access.can_work)
@require_POST
def stage(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    change = STAGES.get(action)
    if change is None:
        raise Http404
    exhibition = _exhibition(request.user, pk)
    attempt(request, lambda: change(request.user, exhibition), STAGE_DONE[action])
    return redirect("exhibitions_work:detail", exhibition.pk)


@staff_screen(access.can_work)
@require_POST
def juror_add(request: HttpRequest, pk: int) -> HttpResponse:
    exhibition = _exhibition(request.user, pk)
    form = JurorForm(request.POST, candidates=domain.candidate_jurors(exhibition))
    if form.is_valid():
        user = form.cleaned_data["user"]
        attempt(request, lambda: domain.add_juror(request.user, exhibition, user), _("Đã thêm giám khảo."))
    else:
        messages.error(request, str(_("Hãy chọn một giám khảo trong danh sách.")))
    return redirect("exhibitions_work:detail", exhibition.pk)


@staff_screen(access.can_work)
@require_POST
def juror_remove(request: HttpRequest, pk: int, user_pk: int) -> HttpResponse:
    exhibition = _exhibition(request.user, pk)
    user = get_object_or_404(User, pk=user_pk)
    attempt(request, lambda: domain.remove_juror(request.user, exhibition, user), _("Đã bỏ giám khảo."))
    return redirect("exhibitions_work:detail", exhibition.pk)


@staff_screen(access.can_work)
@require_POST
def curate(request: HttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    exhibition = _exhibition(request.user, pk)
    entry = get_object_or_404(Entry, exhibition=exhibition, pk=entry_pk)
    form = CurateForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        attempt(
            request,
            lambda: domain.curate(request.user, entry, status=data["status"], position=data["position"]),
            _("Đã lưu quyết định tuyển chọn."),
        )
    else:
        messages.error(request, str(_("Quyết định hoặc thứ tự không hợp lệ.")))
    return redirect("exhibitions_work:detail", exhibition.pk)


# The jury ---------------------------------------------------------------------------------------


@staff_screen(access.can_work)
def jury(request: HttpRequest, pk: int) -> HttpResponse:
    exhibition = _exhibition(request.user, pk, manage=False)
    if not access.is_juror(request.user, exhibition):
        raise PermissionDenied(_("Bạn không ở trong ban giám khảo của triển lãm này."))
    entries = domain.jury_list(exhibition, request.user)
    return render(request, "exhibitions/work/jury.html", {"exhibition": exhibition, "entries": entries})


@staff_screen(access.can_work)
def entry(request: HttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    """An entry for the jury (its EXIF, the photo, the score form) or the organiser (every score)."""
    exhibition = _exhibition(request.user, pk, manage=False)
    shown = get_object_or_404(Entry.objects.select_related("photographer"), exhibition=exhibition, pk=entry_pk)
    shown.exhibition = exhibition
    is_juror = access.is_juror(request.user, exhibition)
    own = shown.scores.filter(juror=request.user.pk).first()
    form = ScoreForm(request.POST or None, initial={"score": own.score, "comment": own.comment} if own else None)
    if request.method == "POST":
        if not is_juror:
            raise PermissionDenied(_("Bạn không ở trong ban giám khảo của triển lãm này."))
        if form.is_valid():
            try:
                domain.score(
                    request.user, shown, value=form.cleaned_data["score"], comment=form.cleaned_data["comment"]
                )
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, str(_("Đã lưu điểm.")))
                return redirect("exhibitions_work:entry", exhibition.pk, shown.pk)
    sees = domain.sees_scores(request.user, shown)
    context = {
        "exhibition": exhibition,
        "entry": shown,
        "form": form,
        "can_score": is_juror and shown.photographer_id != request.user.pk,
        "own": own,
        "scores": shown.scores.select_related("juror").order_by("id") if sees else None,
    }
    return render(request, "exhibitions/work/entry.html", context)


@staff_screen(access.can_work)
def original(request: HttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    """The original file as sent (metadata included): for the organiser and the jury only."""
    exhibition = _exhibition(request.user, pk, manage=False)
    shown = get_object_or_404(Entry, exhibition=exhibition, pk=entry_pk)
    suffix = "." + (shown.original.name or "").rpartition(".")[2].lower()
    response = file_response(request, shown.original.open("rb"), content_type=CONTENT_TYPES.get(suffix, "image/jpeg"))
    response["Cache-Control"] = "private, no-store"
    return cast(HttpResponse, response)  # staff_screen passes any response through
