from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import OuterRef, Subquery
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from presscenter.core.errors import DomainError
from presscenter.core.screens import staff_screen
from presscenter.delivery import access, domain, health
from presscenter.delivery.models import Delivery, Status
from presscenter.releases.models import Version

PAGE_SIZE = 50
RECENT_FAILURES = 50


@staff_screen(access.can_view_health)
def health_screen(request: HttpRequest) -> HttpResponse:
    failures = (
        Delivery.objects.filter(status__in=[Status.FAILED, Status.DEAD])
        .select_related("item", "recipient", "email_subscriber")
        .order_by("-due_at", "-id")[:RECENT_FAILURES]
    )
    return render(
        request,
        "delivery/health.html",
        {
            "states": [state.label for state in health.STATES],
            "depth": health.queue_depth(),
            "latency": health.latency(),
            "failures": failures,
        },
    )


@require_POST
@staff_screen(access.can_view_health)
def resend(request: HttpRequest, pk: int) -> HttpResponse:
    delivery = get_object_or_404(Delivery, pk=pk)
    try:
        domain.resend(request.user, delivery)
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, str(_("Đã đưa lần gửi %(key)s vào hàng đợi.") % {"key": delivery.key}))
    return redirect("delivery:health")


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    # The title of the version sent: the working copy may hold edits not yet published.
    sent_title = Version.objects.filter(item_id=OuterRef("item_id"), number=OuterRef("version")).values("title")[:1]
    deliveries = (
        access.deliveries_of(request.user)
        .select_related("item")
        .annotate(sent_title=Subquery(sent_title))
        .order_by("-created_at", "-id")
    )
    page = Paginator(deliveries, PAGE_SIZE).get_page(request.GET.get("trang"))
    withheld = {d.pk for d in page if access.title_withheld(request.user, d.item)}
    return render(request, "delivery/mine.html", {"page": page, "withheld": withheld})
