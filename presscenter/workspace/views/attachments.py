"""Upload, describe and remove attachments of a working copy."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from presscenter.core.errors import DomainError, PermissionDenied
from presscenter.core.screens import attempt, is_ajax, staff_screen
from presscenter.releases import access
from presscenter.releases.attachments import add_attachment, remove_attachment, update_attachment_meta
from presscenter.releases.models import Attachment
from presscenter.workspace.access import can_use_workspace
from presscenter.workspace.forms import AttachmentMetaForm, AttachmentUploadForm


def _attachment_for_work(request: HttpRequest, pk: int) -> Attachment:
    attachment = Attachment.objects.select_related("item").filter(pk=pk).first()
    if attachment is None or not access.workspace_items(request.user).filter(pk=attachment.item_id).exists():
        raise PermissionDenied(_("Bạn không có quyền với tệp này."))
    return attachment


@require_POST
@staff_screen(can_use_workspace)
def upload(request: HttpRequest, pk: int) -> HttpResponse:
    item = access.item_for_work(request.user, pk)
    form = AttachmentUploadForm(request.POST, request.FILES)
    error: object = None
    if not form.is_valid():
        error = next(iter(form.errors.values()))[0]
    else:
        data = form.cleaned_data
        try:
            add_attachment(
                request.user,
                item,
                data["file"],
                caption=data["caption"],
                credit=data["credit"],
                alt_text=data["alt_text"],
            )
        except DomainError as refused:
            error = refused.message
    if is_ajax(request):
        # The upload script reloads the page on success and shows the message on failure.
        return JsonResponse({"ok": error is None, "error": str(error or "")}, status=200 if error is None else 400)
    if error is None:
        messages.success(request, str(_("Đã tải tệp lên.")))
    else:
        messages.error(request, str(error))
    return redirect("workspace:item", pk=item.pk)


@require_POST
@staff_screen(can_use_workspace)
def update_meta(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = _attachment_for_work(request, pk)
    form = AttachmentMetaForm(request.POST)
    if form.is_valid():
        attempt(
            request,
            lambda: update_attachment_meta(request.user, attachment, **form.cleaned_data),
            _("Đã lưu thông tin tệp."),
        )
    else:
        messages.error(request, str(next(iter(form.errors.values()))[0]))
    return redirect("workspace:item", pk=attachment.item_id)


@require_POST
@staff_screen(can_use_workspace)
def remove(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = _attachment_for_work(request, pk)
    attempt(request, lambda: remove_attachment(request.user, attachment), _("Đã xóa tệp."))
    return redirect("workspace:item", pk=attachment.item_id)
