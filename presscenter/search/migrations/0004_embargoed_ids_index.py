"""On PostgreSQL, the partial index of embargoed documents also holds their ids, so the embargo
exclusion of every public search is an index-only scan (no heap read per embargoed item).
The model's search_doc_embargoed index stays for SQLite, which has no INCLUDE."""

from django.db import migrations

CREATE = (
    "CREATE INDEX search_doc_embargoed_ids ON search_searchdocument (embargo_until) INCLUDE (item_id)"
    " WHERE embargo_until IS NOT NULL"
)
DROP = "DROP INDEX search_doc_embargoed_ids"


def _create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def _drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("search", "0003_filter_tags_embargo_index")]

    operations = [migrations.RunPython(_create, _drop, elidable=False)]
