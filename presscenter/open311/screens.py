"""The workspace page "Khóa Open311": the centre's staff issue and revoke client applications' keys."""

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from presscenter.core.errors import DomainError
from presscenter.core.forms import add_domain_error
from presscenter.core.screens import attempt, staff_screen
from presscenter.open311.access import can_manage_keys
from presscenter.open311.forms import KeyForm
from presscenter.open311.keys import issue_key, revoke_key
from presscenter.open311.models import ClientKey


@staff_screen(can_manage_keys)
def keys(request: HttpRequest) -> HttpResponse:
    form = KeyForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        try:
            _key, secret = issue_key(request.user, form.cleaned_data["name"], form.cleaned_data["contact"])
        except DomainError as error:
            add_domain_error(form, error)
        else:
            form = KeyForm()
    listed = ClientKey.objects.select_related("created_by")
    endpoint = settings.SITE_URL + "/open311/v2/"
    # The secret is shown once, in this response only, and never stored in clear.
    return render(request, "open311/keys.html", {"form": form, "keys": listed, "secret": secret, "endpoint": endpoint})


@require_POST
@staff_screen(can_manage_keys)
def key_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    key = ClientKey.objects.filter(pk=pk).first()
    if key is None:
        messages.error(request, str(_("Không tìm thấy khóa này.")))
    else:
        attempt(request, lambda: revoke_key(request.user, key), _("Đã thu hồi khóa."))
    return redirect("open311_keys:keys")
