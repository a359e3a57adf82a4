"""Writing a release: a draft from a Word file, and the preview of a working copy exactly as the
portal will show it."""

from typing import cast

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from presscenter.accounts.models import User
from presscenter.core.errors import DomainError
from presscenter.core.forms import add_domain_error
from presscenter.core.screens import staff_screen
from presscenter.portal.views import item_context
from presscenter.releases import access
from presscenter.releases.docx_import import TITLE_MAX, import_docx, read_docx
from presscenter.workspace.access import can_use_workspace
from presscenter.workspace.forms import WordImportForm


@staff_screen(can_use_workspace)
def item_import(request: HttpRequest) -> HttpResponse:
    form = WordImportForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            draft = read_docx(form.cleaned_data["file"])
            item = import_docx(request.user, form.agency(), draft)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, str(_("Đã tạo bản nháp từ tệp Word. Hãy đọc lại, bổ sung mô tả ảnh rồi lưu.")))
            if draft.title_shortened:
                notice = _(
                    "Tiêu đề trong tệp Word dài hơn %(limit)s ký tự nên đã được rút gọn còn %(limit)s ký tự. "
                    "Hãy kiểm tra lại tiêu đề."
                )
                messages.warning(request, str(notice) % {"limit": TITLE_MAX})
            return redirect("workspace:item", pk=item.pk)
    return render(request, "workspace/item_import.html", {"form": form})


@staff_screen(can_use_workspace)
def item_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The working copy in the portal's own item template; for the issuing agency and the
    center (those who may edit or approve it), never indexed."""
    user = cast(User, request.user)
    item = access.item_for_work(user, pk)
    context = item_context(user, item)
    # The working copy and every file it would publish, instead of the public version.
    context.update(shown=item, attachments=item.attachments.all(), json_ld=None, workspace_preview=True)
    response = render(request, "workspace/item_preview.html", context)
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    response.headers["Cache-Control"] = "private, no-store"
    return response
