"""Press screens: journalists' sign-up and profile; the center's accreditation queue and outlet registry."""

from collections.abc import Callable
from typing import cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.db.models.fields.files import FieldFile
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from presscenter.accounts.models import User
from presscenter.core.errors import DomainError, NotFound
from presscenter.core.forms import add_domain_error
from presscenter.core.screens import attempt, forbidden, staff_screen
from presscenter.press import access, domain
from presscenter.press.forms import CardForm, OutletForm, ProfileForm, QueueFilterForm, SignupForm
from presscenter.press.models import JournalistProfile, Outlet

PAGE_SIZE = 50
ACTION_MESSAGES = {
    "approve": _("Đã cấp thẻ tác nghiệp."),
    "reject": _("Đã từ chối hồ sơ."),
    "suspend": _("Đã tạm đình chỉ thẻ tác nghiệp."),
    "reinstate": _("Đã khôi phục thẻ tác nghiệp."),
    "revoke": _("Đã thu hồi thẻ tác nghiệp."),
}


def signup(request: HttpRequest) -> HttpResponse:
    form = SignupForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            domain.sign_up(**form.domain_fields())
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return render(request, "press/signup_done.html")
    return render(request, "press/signup.html", {"form": form}, status=400 if form.errors else 200)


@staff_screen(access.can_manage_accreditation)
def queue(request: HttpRequest) -> HttpResponse:
    filters = QueueFilterForm(request.GET or None)
    profiles = JournalistProfile.objects.select_related("user", "outlet", "decided_by").order_by("-created_at")
    if filters.is_valid():
        data = filters.cleaned_data
        if data["status"]:
            profiles = profiles.filter(status=data["status"])
        if data["outlet"]:
            profiles = profiles.filter(outlet=data["outlet"])
        if data["q"]:
            term = data["q"].strip()
            profiles = profiles.filter(
                Q(user__full_name__icontains=term)
                | Q(user__email__icontains=term)
                | Q(press_card_number__icontains=term)
            )
    page = Paginator(profiles, PAGE_SIZE).get_page(request.GET.get("trang"))
    query = request.GET.copy()
    query.pop("trang", None)
    return render(request, "press/queue.html", {"page": page, "filters": filters, "query": query.urlencode()})


def _profile_for_staff(pk: int) -> JournalistProfile:
    return get_object_or_404(JournalistProfile.objects.select_related("user", "outlet", "decided_by"), pk=pk)


@staff_screen(access.can_manage_accreditation)
def journalist(request: HttpRequest, pk: int) -> HttpResponse:
    profile = _profile_for_staff(pk)
    return render(request, "press/journalist.html", {"profile": profile, "actions": domain.actions_for(profile.status)})


@require_POST
@staff_screen(access.can_manage_accreditation)
def decide(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in domain.TRANSITIONS:
        raise Http404
    profile = _profile_for_staff(pk)
    reason = request.POST.get("reason", "")
    attempt(request, lambda: domain.decide(request.user, profile, action, reason), ACTION_MESSAGES[action])
    return redirect("press:journalist", pk=profile.pk)


def _image(file: FieldFile) -> HttpResponse:
    """Stored images are small re-encoded JPEG or PNG (press.images), so they are read whole."""
    if not file:
        raise Http404
    content_type = "image/png" if file.name and file.name.endswith(".png") else "image/jpeg"
    with file.open("rb") as stored:
        return HttpResponse(stored.read(), content_type=content_type)


@staff_screen(access.can_manage_accreditation)
def photo(request: HttpRequest, pk: int) -> HttpResponse:
    """Portraits are personal data: served to the center only, never from the public media folder."""
    profile = _profile_for_staff(pk)
    response = _image(profile.photo)
    response["Cache-Control"] = "private, no-store"
    return response


@staff_screen(access.can_manage_outlets)
def outlets(request: HttpRequest) -> HttpResponse:
    rows = Outlet.objects.order_by("-active", "name")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("trang"))
    return render(request, "press/outlets.html", {"page": page})


def _outlet_form(request: HttpRequest, outlet: Outlet | None) -> HttpResponse:
    form = OutletForm(request.POST or None, request.FILES or None, instance=outlet)
    if request.method == "POST" and form.is_valid():
        try:
            saved = domain.save_outlet(request.user, outlet, **form.domain_fields())
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, str(_("Đã lưu cơ quan báo chí %(name)s.") % {"name": saved.name}))
            return redirect("press:outlets")
    return render(
        request, "press/outlet_form.html", {"form": form, "outlet": outlet}, status=400 if form.errors else 200
    )


@staff_screen(access.can_manage_outlets)
def outlet_create(request: HttpRequest) -> HttpResponse:
    return _outlet_form(request, None)


@staff_screen(access.can_manage_outlets)
def outlet_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _outlet_form(request, get_object_or_404(Outlet, pk=pk))


@require_POST
@staff_screen(access.can_manage_outlets)
def outlet_active(request: HttpRequest, pk: int) -> HttpResponse:
    outlet = get_object_or_404(Outlet, pk=pk)
    active = request.POST.get("active") == "1"
    done = _("Đã mở lại cơ quan báo chí.") if active else _("Đã ngừng cơ quan báo chí.")
    attempt(request, lambda: domain.set_outlet_active(request.user, outlet, active), done)
    return redirect("press:outlets")


@staff_screen(access.can_manage_outlets)
def outlet_logo(request: HttpRequest, pk: int) -> HttpResponse:
    outlet = get_object_or_404(Outlet, pk=pk)
    return _image(outlet.logo)


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    try:
        own = access.own_profile(request.user)
    except NotFound as error:
        return forbidden(request, error.message)
    initial = {
        "beats": list(own.beats.all()),
        "areas": list(own.areas.all()),
        "languages": own.languages,
        "preferred_channels": own.preferred_channels,
        "quiet_hours_start": own.quiet_hours_start,
        "quiet_hours_end": own.quiet_hours_end,
    }
    card_posted = request.method == "POST" and "press_card_number" in request.POST
    profile_posted = request.method == "POST" and not card_posted
    form = ProfileForm(request.POST if profile_posted else None, initial=initial)
    card_form = CardForm(request.POST if card_posted else None)
    if (
        card_posted
        and card_form.is_valid()
        and _saved(card_form, lambda: domain.renew_card(request.user, own, **card_form.cleaned_data))
    ):
        messages.success(request, str(_("Đã cập nhật thẻ; Trung tâm sẽ xét duyệt lại.")))
        return redirect("press:profile")
    if (
        profile_posted
        and form.is_valid()
        and _saved(form, lambda: domain.update_profile(request.user, own, **form.cleaned_data))
    ):
        messages.success(request, str(_("Đã lưu hồ sơ.")))
        return redirect("press:profile")
    status = 400 if form.errors or card_form.errors else 200
    return render(request, "press/profile.html", {"profile": own, "form": form, "card_form": card_form}, status=status)


def _saved(form: forms.BaseForm, action: Callable[[], object]) -> bool:
    """Run a domain write; a refusal becomes an error on the form (nothing changed)."""
    try:
        action()
    except DomainError as error:
        add_domain_error(form, error)
        return False
    return True


@login_required
def desk(request: HttpRequest) -> HttpResponse:
    """The signed-in reader's start page (journalists and the public; staff have the workspace):
    what they follow and what reached them, one link each."""
    user = cast(User, request.user)
    profile = JournalistProfile.objects.select_related("outlet").filter(user=user).first()
    context = {
        "profile": profile,
        "subscription_count": user.subscriptions.count(),
        "unread_count": user.notifications.filter(read_at__isnull=True).count(),
        "webhook_count": user.webhooks.filter(active=True).count() if user.accredited else 0,
    }
    return render(request, "press/desk.html", context)
