"""The workspace page "Khóa Open311": the centre's staff issue and revoke client applications' keys."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from presscenter.core.screens import act_and_return, issue_on_post, staff_screen
from presscenter.open311.access import can_manage_keys
from presscenter.open311.forms import KeyForm
from presscenter.open311.keys import issue_key, revoke_key
from presscenter.open311.models import ClientKey


@staff_screen(can_manage_keys)
def keys(request: HttpRequest) -> HttpResponse:
    form, secret = issue_on_post(request, KeyForm, lambda data: issue_key(request.user, data["name"], data["contact"]))
    listed = ClientKey.objects.select_related("created_by")
    endpoint = settings.SITE_URL + "/open311/v2/"
    return render(request, "open311/keys.html", {"form": form, "keys": listed, "secret": secret, "endpoint": endpoint})


@require_POST
@staff_screen(can_manage_keys)
def key_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    return act_and_return(
        request,
        ClientKey.objects.filter(pk=pk).first(),
        lambda key: revoke_key(request.user, key),
        done=_("Đã thu hồi khóa."),
        missing=_("Không tìm thấy khóa này."),
        to="open311_keys:keys",
    )
