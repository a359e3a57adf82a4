"""Audit entries as people read them: the action and the kind of object in words, the object
by its current name with a link to where staff open it."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.apps import apps
from django.urls import reverse

from presscenter.audit.labels import object_type_label
from presscenter.audit.models import AuditEntry

# Where staff open an object of a kind: (URL name, the attribute holding the id in its URL).
LINKS: dict[str, tuple[str, str]] = {
    "releases.item": ("workspace:item", "pk"),
    "releases.attachment": ("workspace:item", "item_id"),
    "releases.latepublication": ("workspace:item", "item_id"),
    "accounts.user": ("workspace:account_edit", "pk"),
    "orgs.organisation": ("workspace:organisation_edit", "pk"),
}


@dataclass(frozen=True)
class Shown:
    """One entry as the audit log shows it (its action in words: entry.action_label)."""

    entry: AuditEntry
    object_type: str
    object_name: str
    url: str | None


def shown(entries: Iterable[AuditEntry]) -> list[Shown]:
    """The entries with their objects' current names (one query per kind of object); an object
    deleted since is named by the entry's summary."""
    entries = list(entries)
    ids: dict[str, set[int]] = defaultdict(set)
    for entry in entries:
        if entry.object_id.isdigit():
            ids[entry.object_type].add(int(entry.object_id))
    objects = {}
    for object_type, pks in ids.items():
        try:
            model = apps.get_model(object_type)
        except (LookupError, ValueError):
            continue
        objects[object_type] = model._default_manager.in_bulk(pks)
    rows = []
    for entry in entries:
        found = objects.get(entry.object_type, {}).get(int(entry.object_id)) if entry.object_id.isdigit() else None
        link = LINKS.get(entry.object_type)
        url = reverse(link[0], args=[getattr(found, link[1])]) if found is not None and link else None
        rows.append(
            Shown(
                entry,
                object_type_label(entry.object_type),
                str(found) if found is not None else entry.summary,
                url,
            )
        )
    return rows
