"""PostgreSQL: the indexed tsvector keeps lexemes only. Relevance is computed in Python
(search.ranking) and phrases are checked on the folded text, so positions and weights no longer
serve; without them the vector is a third of the size, stays in the row (no TOAST), and the GIN
index answers a plain AND exactly, with no re-check of every candidate. Filter tags become
'#'-prefixed lexemes, which no folded word can equal (tokens are letters and digits)."""

from django.db import migrations

LEXEMES = """ALTER TABLE search_searchdocument ADD COLUMN vector tsvector GENERATED ALWAYS AS (
        strip(to_tsvector('simple'::regconfig, title || ' ' || lead || ' ' || body))
        || array_to_tsvector(string_to_array('#' || replace(tags, ' ', ' #'), ' '))
    ) STORED"""
POSITIONS_AND_WEIGHTS = """ALTER TABLE search_searchdocument ADD COLUMN vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, title), 'A')
        || setweight(to_tsvector('simple'::regconfig, lead), 'B')
        || setweight(to_tsvector('simple'::regconfig, body), 'C')
        || setweight(to_tsvector('simple'::regconfig, tags), 'D')
    ) STORED"""


def _replace_vector(definition):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute("ALTER TABLE search_searchdocument DROP COLUMN vector")  # drops its index too
        schema_editor.execute(definition)
        schema_editor.execute("CREATE INDEX search_doc_vector ON search_searchdocument USING gin (vector)")
        schema_editor.execute("ANALYZE search_searchdocument")

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0004_embargoed_ids_index")]

    operations = [migrations.RunPython(_replace_vector(LEXEMES), _replace_vector(POSITIONS_AND_WEIGHTS), elidable=False)]
