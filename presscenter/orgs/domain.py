"""Every write to the organisation tree, each with its audit entry."""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from presscenter.audit.domain import record, save_recorded
from presscenter.core.errors import DomainError, PermissionDenied
from presscenter.orgs import access
from presscenter.orgs.models import Kind, Organisation

EDITABLE_FIELDS = (
    "kind", "name", "name_en", "short_name", "slug", "parent", "address", "phone", "email", "website",
    "spokesperson_name", "spokesperson_title", "spokesperson_phone", "spokesperson_email", "active",
)  # fmt: skip


def snapshot(organisation: Organisation) -> dict[str, Any]:
    return {
        name: organisation.parent_id if name == "parent" else getattr(organisation, name) for name in EDITABLE_FIELDS
    }


def _clean(fields: dict[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise DomainError(_("Trường không hợp lệ: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    cleaned = {name: value.strip() if isinstance(value, str) else value for name, value in fields.items()}
    if "name" in cleaned and not cleaned["name"]:
        raise DomainError(_("Tên cơ quan không được để trống."), field="name")
    if "slug" in cleaned and not cleaned["slug"]:
        raise DomainError(_("Định danh không được để trống."), field="slug")
    if "kind" in cleaned and cleaned["kind"] not in Kind.values:
        raise DomainError(_("Loại cơ quan không hợp lệ."), field="kind")
    return cleaned


def _check_slug(slug: str, organisation_pk: int | None) -> None:
    others = Organisation.objects.filter(slug=slug)
    if organisation_pk is not None:
        others = others.exclude(pk=organisation_pk)
    if others.exists():
        raise DomainError(_("Định danh này đã được dùng cho cơ quan khác."), field="slug")


def _check_parent(organisation: Organisation, parent: Organisation | None) -> None:
    """The tree must stay a tree: a node cannot sit under itself or its own descendants."""
    seen = set()
    node = parent
    while node is not None:
        if node.pk == organisation.pk and organisation.pk is not None:
            raise DomainError(_("Không thể đặt cơ quan dưới chính nó hoặc đơn vị trực thuộc của nó."), field="parent")
        if node.pk in seen:
            break
        seen.add(node.pk)
        node = node.parent


@transaction.atomic
def create_organisation(actor: Any, **fields: Any) -> Organisation:
    if not access.can_manage_organisations(actor):
        raise PermissionDenied(_("Chỉ Trung tâm mới quản lý danh sách cơ quan."))
    cleaned = _clean(fields)
    if not cleaned.get("name") or not cleaned.get("slug") or not cleaned.get("kind"):
        raise DomainError(_("Cần có tên, định danh và loại cơ quan."))
    _check_slug(cleaned["slug"], None)
    organisation = Organisation(**cleaned)
    organisation.save()
    record(actor, "org.create", organisation, summary=organisation.name, after=snapshot(organisation))
    return organisation


@transaction.atomic
def update_organisation(actor: Any, organisation: Organisation, **fields: Any) -> Organisation:
    if not access.can_manage_organisations(actor):
        raise PermissionDenied(_("Chỉ Trung tâm mới quản lý danh sách cơ quan."))
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    cleaned = _clean(fields)
    if "slug" in cleaned:
        _check_slug(cleaned["slug"], organisation.pk)
    if "parent" in cleaned:
        _check_parent(organisation, cleaned["parent"])
    save_recorded(actor, "org.update", organisation, snapshot, cleaned.get("name", organisation.name), **cleaned)
    return organisation
