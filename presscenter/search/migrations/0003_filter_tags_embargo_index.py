"""Agency and type become tag tokens of the full-text document (as index.filter_tags writes
them), and a partial index finds the few embargoed documents."""

from django.db import migrations, models

# Prepend "o<organisation> k<type without underscores>" to the existing topic/area tags; the
# FTS5 update trigger (SQLite) and the generated tsvector (PostgreSQL) follow.
ADD_TAGS = (
    "UPDATE search_searchdocument SET tags = trim("
    "'o' || organisation_id || ' k' || replace(type, '_', '') || ' ' || tags)"
)
# Topic and area tags alone: drop the two leading tokens again.
REMOVE_TAGS = (
    "UPDATE search_searchdocument SET tags = trim(substr(tags, length('o' || organisation_id || ' k'"
    " || replace(type, '_', '')) + 2))"
)


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext_index")]

    operations = [
        migrations.AddIndex(
            model_name="searchdocument",
            index=models.Index(
                condition=models.Q(embargo_until__isnull=False), fields=["embargo_until"], name="search_doc_embargoed"
            ),
        ),
        migrations.RunSQL(ADD_TAGS, REMOVE_TAGS),
    ]
