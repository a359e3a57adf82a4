"""The centre's list of inquiry notices that could not be sent, and "gửi lại" (send again)."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from presscenter.core.screens import act_and_return, staff_screen
from presscenter.inquiries import access, failed_notices, worklists
from presscenter.inquiries.models import Notice

PAGE_SIZE = 25


@staff_screen(access.can_manage_notices)
def failed_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(failed_notices.failed(), PAGE_SIZE).get_page(request.GET.get("trang"))
    rows = [failed_notices.describe(notice) for notice in page.object_list]
    context = {"page": page, "rows": rows, "tabs": worklists.TABS.values(), "failed_count": page.paginator.count}
    return render(request, "inquiries/workspace/failed_notices.html", context)


@require_POST
@staff_screen(access.can_manage_notices)
def retry(request: HttpRequest, pk: int) -> HttpResponse:
    return act_and_return(
        request,
        Notice.objects.filter(pk=pk).first(),
        lambda notice: failed_notices.retry(request.user, notice),
        done=_("Đã đưa thông báo vào hàng đợi gửi lại."),
        missing=_("Không tìm thấy thông báo này."),
        to="inquiry_work:failed_notices",
    )
