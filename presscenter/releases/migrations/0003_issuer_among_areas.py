"""An item is about the ward or commune that issued it: releases.domain keeps the issuer among
its areas from now on, and this gives existing items that area too, in their search document's
filter tags as well. Reversing keeps the rows: they stay true."""

from django.db import migrations
from django.db.models import CharField, Exists, OuterRef, Value
from django.db.models.functions import Cast, Concat

AREA_KINDS = ("ward", "commune")  # orgs.models.AREA_KINDS when this was written
BATCH = 1000


def add_issuer_areas(apps, schema_editor):
    Item = apps.get_model("releases", "Item")
    SearchDocument = apps.get_model("search", "SearchDocument")
    ItemArea = Item.areas.through
    tagged = ItemArea.objects.filter(item_id=OuterRef("pk"), organisation_id=OuterRef("organisation_id"))
    missing = list(
        Item.objects.filter(organisation__kind__in=AREA_KINDS).exclude(Exists(tagged)).values_list("pk", "organisation_id")
    )
    ItemArea.objects.bulk_create([ItemArea(item_id=pk, organisation_id=org) for pk, org in missing], batch_size=BATCH)
    area_tag = Concat("tags", Value(" a"), Cast("organisation_id", CharField()))  # as search.index.filter_tags
    ids = [pk for pk, _org in missing]
    for start in range(0, len(ids), BATCH):
        SearchDocument.objects.filter(pk__in=ids[start : start + BATCH]).update(tags=area_tag)


class Migration(migrations.Migration):
    dependencies = [
        ("releases", "0002_late_publication_acknowledged_at"),
        ("search", "0006_partition_by_id"),
    ]

    operations = [migrations.RunPython(add_issuer_areas, migrations.RunPython.noop)]
