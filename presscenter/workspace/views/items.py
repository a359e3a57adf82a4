"""Dashboard, work lists, the item editor and the workflow actions."""

import copy
from collections.abc import Callable
from typing import Any, cast

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Field
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from presscenter.accounts import roles
from presscenter.accounts.models import User
from presscenter.audit.models import AuditEntry
from presscenter.core.errors import DomainError
from presscenter.core.forms import add_domain_error
from presscenter.core.html import sanitize
from presscenter.core.screens import attempt, staff_screen
from presscenter.delivery.fanout import audience
from presscenter.portal.diff import Paragraph, diff_paragraphs, paragraphs
from presscenter.releases import access, domain
from presscenter.releases.models import Item, LatePublication, State
from presscenter.workspace.access import can_use_workspace
from presscenter.workspace.forms import (
    ApproveForm,
    AttachmentMetaForm,
    AttachmentUploadForm,
    CommentForm,
    ForcePublishForm,
    ItemForm,
    ReasonForm,
)
from presscenter.workspace.queues import QUEUES

PAGE_SIZE = 50
DASHBOARD_SIZE = 8


def _listed(items: Any) -> Any:
    return items.select_related("organisation", "author", "scheduled_by", "current_version__published_by")


@staff_screen(can_use_workspace)
def home(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    counts = {slug: queue.items(user).count() for slug, queue in QUEUES.items()}
    focus = "review" if roles.is_staff(user) or roles.is_spokesperson(user) else "drafts"
    context = {
        "queues": [(queue, counts[slug]) for slug, queue in QUEUES.items()],
        "focus": QUEUES[focus],
        "focus_items": _listed(QUEUES[focus].items(user))[:DASHBOARD_SIZE],
        "changes_requested": _listed(QUEUES["changes_requested"].items(user))[:DASHBOARD_SIZE],
        "late_count": LatePublication.objects.filter(acknowledged_at__isnull=True).count()
        if roles.is_staff(user)
        else None,
    }
    return render(request, "workspace/home.html", context)


@staff_screen(can_use_workspace)
def queue(request: HttpRequest, slug: str) -> HttpResponse:
    selected = QUEUES.get(slug)
    if selected is None:
        raise Http404
    page = Paginator(_listed(selected.items(request.user)), PAGE_SIZE).get_page(request.GET.get("trang"))
    return render(
        request,
        "workspace/queue.html",
        {"queue": selected, "page": page, "withdraw_form": ReasonForm() if slug == "published" else None},
    )


def _save_item(request: HttpRequest, form: ItemForm, item: Item | None) -> Item | None:
    fields = form.domain_fields()
    try:
        if item is None:
            organisation = form.cleaned_data.get("organisation") or cast(User, request.user).organisation
            return domain.create_item(request.user, organisation, **fields)
        return domain.update_item(request.user, item, **fields)
    except DomainError as error:
        add_domain_error(form, error)
        return None


def _editor(request: HttpRequest, item: Item | None) -> HttpResponse:
    form = ItemForm(request.POST or None, instance=item, user=request.user)
    preview = None
    if request.method == "POST" and form.is_valid():
        if "preview" in request.POST:
            preview = sanitize(form.cleaned_data["body"])
        else:
            saved = _save_item(request, form, item)
            if saved is not None:
                messages.success(request, str(_("Đã lưu tin.")))
                return redirect("workspace:item", pk=saved.pk)
    return render(request, "workspace/item_form.html", {"form": form, "item": item, "preview": preview})


@staff_screen(can_use_workspace)
def item_create(request: HttpRequest) -> HttpResponse:
    return _editor(request, None)


@staff_screen(can_use_workspace)
def item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = access.item_for_work(request.user, pk)
    if not access.can_edit(request.user, item):
        messages.error(request, str(_("Bạn không có quyền sửa tin này.")))
        return redirect("workspace:item", pk=item.pk)
    if item.state in (State.IN_REVIEW, State.SCHEDULED):
        messages.error(request, str(_("Tin đang chờ duyệt hoặc đã hẹn giờ; hãy rút về bản nháp trước khi sửa.")))
        return redirect("workspace:item", pk=item.pk)
    return _editor(request, item)


def _two_person_note(user: Any, item: Item) -> object:
    """Why a contributor sees no approve button: the reason, not just an absent button."""
    if item.state == State.IN_REVIEW and item.changed_by(user):
        return domain.TWO_PERSON_RULE
    return None


def _revision_changes(item: Item) -> list[Paragraph] | None:
    """A revision's title, lead and body against the published version, for its approver."""
    version = item.current_version
    if version is None or item.state in (State.PUBLISHED, State.WITHDRAWN):
        return None
    return diff_paragraphs(
        paragraphs(version.title, version.lead, version.body), paragraphs(item.title, item.lead, item.body)
    )


def _held_changes(item: Item, attachments: list[Any]) -> list[str]:
    """Names of the other fields a revision changes (held until it is published), for its approver."""
    held = [*(item.pending_fields or {})]
    if item.current_version_id and item.embargo_until != item.working_embargo_until:
        held.append("embargo_until")
    names = [str(capfirst(cast(Field, Item._meta.get_field(name)).verbose_name)) for name in held]
    if any(attachment.pending_meta for attachment in attachments):
        names.append(str(_("Mô tả tệp đính kèm")))
    return names


@staff_screen(can_use_workspace)
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    item = access.item_for_work(user, pk)
    editable = access.can_edit(user, item) and item.state not in (State.IN_REVIEW, State.SCHEDULED)
    # The approve and publish forms carry what this page shows, so a later change is not approved unseen.
    shown = {"content_version": domain.content_version(item)}
    attachments = list(item.attachments.all())
    context = {
        "item": domain.with_pending(item),
        "attachments": attachments,
        "held_changes": _held_changes(item, attachments),
        "comments": item.review_comments.select_related("author"),
        "versions": item.versions.select_related("published_by").order_by("-number"),
        "history": AuditEntry.objects.filter(object_type="releases.item", object_id=str(item.pk))[:20],
        "can_edit": editable,
        "can_describe_files": editable,
        "can_submit": access.can_edit(user, item) and item.state in (State.DRAFT, State.CHANGES_REQUESTED),
        "can_recall": access.can_edit(user, item) and item.state in (State.IN_REVIEW, State.SCHEDULED),
        "can_approve": access.can_approve(user, item) and item.state == State.IN_REVIEW,
        "can_force": access.can_force_publish(user)
        and item.state in (State.DRAFT, State.CHANGES_REQUESTED, State.IN_REVIEW, State.SCHEDULED),
        "can_withdraw": access.can_withdraw(user, item) and item.is_public_record,
        "two_person_note": _two_person_note(user, item),
        "revision_changes": _revision_changes(item),
        "approve_form": ApproveForm(initial=shown),
        "force_form": ForcePublishForm(initial=shown),
        "comment_form": CommentForm(),
        "reason_form": ReasonForm(),
        "upload_form": AttachmentUploadForm(),
        "meta_form_class": AttachmentMetaForm,
    }
    return render(request, "workspace/item.html", context)


def _with_form(form_class: type, run: Callable[[Any, Item, dict[str, Any]], Any]) -> Callable[[Any, Item, Any], Any]:
    """An action that needs a small form; invalid input becomes a DomainError with the form's message."""

    def action(user: Any, item: Item, data: Any) -> Any:
        form = form_class(data)
        if not form.is_valid():
            first = next(iter(form.errors.values()))[0]
            raise DomainError(first)
        return run(user, item, form.cleaned_data)

    return action


ACTIONS: dict[str, tuple[Callable[[Any, Item, Any], Any], object]] = {
    "submit": (lambda user, item, data: domain.submit(user, item), _("Đã gửi duyệt.")),
    "recall": (lambda user, item, data: domain.recall(user, item), _("Đã rút tin về bản nháp.")),
    "approve": (
        _with_form(
            ApproveForm,
            lambda user, item, data: domain.approve(
                user, item, publish_at=data["publish_at"], seen=data["content_version"]
            ),
        ),
        _("Đã duyệt tin."),
    ),
    "request_changes": (
        _with_form(CommentForm, lambda user, item, data: domain.request_changes(user, item, data["comment"])),
        _("Đã gửi yêu cầu chỉnh sửa."),
    ),
    "force_publish": (
        _with_form(
            ForcePublishForm,
            lambda user, item, data: domain.force_publish(user, item, data["reason"], seen=data["content_version"]),
        ),
        _("Đã công bố tin không qua duyệt."),
    ),
    "withdraw": (
        _with_form(ReasonForm, lambda user, item, data: domain.withdraw(user, item, data["reason"])),
        _("Đã thu hồi tin."),
    ),
}


def _check_approval(user: Any, item: Item, data: dict[str, Any]) -> dict[str, Any]:
    domain.check_approval(user, item, data["publish_at"], data["content_version"])
    return data


def _check_force_publish(user: Any, item: Item, data: dict[str, Any]) -> dict[str, Any]:
    domain.check_force_publish(user, item, data["reason"], data["content_version"])
    return data


# Publishing actions first show what will happen, then run when the form comes back confirmed.
CONFIRMED: dict[str, Callable[[Any, Item, Any], Any]] = {
    "approve": _with_form(ApproveForm, _check_approval),
    "force_publish": _with_form(ForcePublishForm, _check_force_publish),
}


def _as_published(item: Item) -> Item:
    """The item as publishing it would make it, unsaved: with the working copy's embargo and fields."""
    upcoming = copy.copy(domain.with_pending(item))
    upcoming.embargo_until = item.working_embargo_until
    return upcoming


def _confirmation(request: HttpRequest, item: Item, action: str) -> HttpResponse | None:
    """The confirmation step: who will get the item, on which channels, when. None (with the
    reason as a message) when the action would be refused anyway."""
    try:
        data = CONFIRMED[action](request.user, item, request.POST)
    except DomainError as error:
        messages.error(request, str(error.message))
        return None
    upcoming = _as_published(item)
    context = {
        "item": upcoming,
        "action": action,
        "publish_at": data.get("publish_at"),
        "reason": data.get("reason", ""),
        "raw_publish_at": request.POST.get("publish_at", ""),
        "content_version": data.get("content_version", ""),
        "audience": audience(upcoming),
    }
    return render(request, "workspace/item_confirm.html", context)


@require_POST
@staff_screen(can_use_workspace)
def item_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in ACTIONS:
        raise Http404
    item = access.item_for_work(request.user, pk)
    if action in CONFIRMED and not request.POST.get("confirmed"):
        confirmation = _confirmation(request, item, action)
        if confirmation is not None:
            return confirmation
        return redirect("workspace:item", pk=item.pk)
    run, success = ACTIONS[action]
    attempt(request, lambda: run(request.user, item, request.POST), success)
    next_url = request.POST.get("next")
    if next_url == "published":
        return redirect("workspace:queue", slug="published")
    return redirect("workspace:item", pk=item.pk)


@staff_screen(roles.is_staff)
def late_publications(request: HttpRequest) -> HttpResponse:
    late = LatePublication.objects.select_related("item", "item__organisation", "acknowledged_by")
    page = Paginator(late.order_by("-published_at"), PAGE_SIZE).get_page(request.GET.get("trang"))
    return render(request, "workspace/late.html", {"page": page})


@require_POST
@staff_screen(roles.is_staff)
def late_acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    late = LatePublication.objects.filter(pk=pk).first()
    if late is None:
        raise Http404
    attempt(request, lambda: domain.acknowledge_late(request.user, late), _("Đã xác nhận tin công bố trễ."))
    return redirect("workspace:late_publications")
