"""The organisation tree, managed by the center."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _

from presscenter.core.errors import DomainError
from presscenter.core.forms import add_domain_error
from presscenter.core.screens import staff_screen
from presscenter.orgs import domain
from presscenter.orgs.access import can_manage_organisations
from presscenter.orgs.models import Organisation
from presscenter.workspace.forms import OrganisationForm
from presscenter.workspace.tree import flatten

MAX_INDENT = 6


@staff_screen(can_manage_organisations)
def organisation_list(request: HttpRequest) -> HttpResponse:
    rows = [(org, min(depth, MAX_INDENT)) for org, depth in flatten(Organisation.objects.order_by("name"))]
    return render(request, "workspace/organisation_list.html", {"rows": rows})


def _organisation_form(request: HttpRequest, organisation: Organisation | None) -> HttpResponse:
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in domain.EDITABLE_FIELDS}
        try:
            if organisation is None:
                saved = domain.create_organisation(request.user, **fields)
            else:
                saved = domain.update_organisation(request.user, organisation, **fields)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, str(_("Đã lưu cơ quan %(name)s.") % {"name": saved.name}))
            return redirect("workspace:organisation_list")
    return render(request, "workspace/organisation_form.html", {"form": form, "organisation": organisation})


@staff_screen(can_manage_organisations)
def organisation_create(request: HttpRequest) -> HttpResponse:
    return _organisation_form(request, None)


@staff_screen(can_manage_organisations)
def organisation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _organisation_form(request, get_object_or_404(Organisation, pk=pk))
