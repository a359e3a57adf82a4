"""Public API: the organisation tree (agencies, wards and communes)."""

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Query, Router, Schema
from pydantic import Field

from presscenter.accounts.api_auth import PUBLIC_AUTH
from presscenter.core.api_errors import documented
from presscenter.core.api_schemas import Page, PageQuery, Slug, Text, paginate
from presscenter.core.errors import NotFound
from presscenter.orgs.models import Kind, Organisation

router = Router(tags=["organisations"], auth=PUBLIC_AUTH)


class OrganisationRef(Schema):
    slug: str
    name: str


class OrganisationOut(OrganisationRef):
    kind: Kind
    kind_label: str
    short_name: str
    parent: OrganisationRef | None
    active: bool


class SpokespersonOut(Schema):
    name: str
    title: str
    phone: str
    email: str


class OrganisationDetail(OrganisationOut):
    children: list[OrganisationRef]
    address: str
    phone: str
    email: str
    website: str
    spokesperson: SpokespersonOut


class OrganisationFilters(Schema):
    kind: Kind | None = None
    parent: Slug | None = None
    q: Text = Field("", max_length=100)


def organisation_ref(org: Organisation | None) -> dict[str, Any] | None:
    return {"slug": org.slug, "name": org.display_name} if org else None


def organisation_out(org: Organisation) -> dict[str, Any]:
    return {
        **organisation_ref(org),  # type: ignore[dict-item]
        "kind": org.kind,
        "kind_label": str(org.get_kind_display()),  # type: ignore[attr-defined]
        "short_name": org.short_name,
        "parent": organisation_ref(org.parent),
        "active": org.active,
    }


@router.get("/organisations", response=Page[OrganisationOut])
def list_organisations(request: HttpRequest, paging: PageQuery, filters: Query[OrganisationFilters]) -> dict[str, Any]:
    organisations = Organisation.objects.select_related("parent")
    if filters.kind:
        organisations = organisations.filter(kind=filters.kind)
    if filters.parent:
        organisations = organisations.filter(parent__slug=filters.parent)
    if filters.q.strip():
        organisations = organisations.filter(name__icontains=filters.q.strip())
    return paginate(request, organisations, paging, organisation_out)


@router.get("/organisations/{slug}", response={200: OrganisationDetail, **documented(404)})
def organisation_detail(request: HttpRequest, slug: Slug) -> dict[str, Any]:
    org = Organisation.objects.select_related("parent").filter(slug=slug).first()
    if org is None:
        raise NotFound(_("Không tìm thấy cơ quan này."))
    return {
        **organisation_out(org),
        "children": [organisation_ref(child) for child in org.children.filter(active=True)],
        "address": org.address,
        "phone": org.phone,
        "email": org.email,
        "website": org.website,
        "spokesperson": {
            "name": org.spokesperson_name,
            "title": org.spokesperson_title,
            "phone": org.spokesperson_phone,
            "email": org.spokesperson_email,
        },
    }
