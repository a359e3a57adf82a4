"""The full-text index, per database vendor. Text arrives already folded (presscenter.text), so
neither vendor needs accent handling of its own (no unaccent extension)."""

from django.db import migrations

SQLITE_FORWARD = [
    # External content: the FTS table stores only the index; the text lives in the document table.
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        title, lead, body, tags,
        content='search_searchdocument', content_rowid='item_id', tokenize='unicode61'
    )""",
    """CREATE TRIGGER search_fts_insert AFTER INSERT ON search_searchdocument BEGIN
        INSERT INTO search_fts(rowid, title, lead, body, tags)
        VALUES (new.item_id, new.title, new.lead, new.body, new.tags);
    END""",
    """CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchdocument BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, lead, body, tags)
        VALUES ('delete', old.item_id, old.title, old.lead, old.body, old.tags);
    END""",
    """CREATE TRIGGER search_fts_update AFTER UPDATE ON search_searchdocument BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, lead, body, tags)
        VALUES ('delete', old.item_id, old.title, old.lead, old.body, old.tags);
        INSERT INTO search_fts(rowid, title, lead, body, tags)
        VALUES (new.item_id, new.title, new.lead, new.body, new.tags);
    END""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER search_fts_update",
    "DROP TRIGGER search_fts_delete",
    "DROP TRIGGER search_fts_insert",
    "DROP TABLE search_fts",
]
POSTGRESQL_FORWARD = [
    # Weights: title A, lead B, body C; filter tags D (ranked with weight 0).
    """ALTER TABLE search_searchdocument ADD COLUMN vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, title), 'A')
        || setweight(to_tsvector('simple'::regconfig, lead), 'B')
        || setweight(to_tsvector('simple'::regconfig, body), 'C')
        || setweight(to_tsvector('simple'::regconfig, tags), 'D')
    ) STORED""",
    "CREATE INDEX search_doc_vector ON search_searchdocument USING gin (vector)",
]
POSTGRESQL_REVERSE = [
    "DROP INDEX search_doc_vector",
    "ALTER TABLE search_searchdocument DROP COLUMN vector",
]
STATEMENTS = {
    "sqlite": (SQLITE_FORWARD, SQLITE_REVERSE),
    "postgresql": (POSTGRESQL_FORWARD, POSTGRESQL_REVERSE),
}


def _run(schema_editor, direction):
    statements = STATEMENTS.get(schema_editor.connection.vendor)
    if statements is None:
        raise RuntimeError(f"search supports SQLite and PostgreSQL, not {schema_editor.connection.vendor}")
    for sql in statements[direction]:
        schema_editor.execute(sql)


def forwards(apps, schema_editor):
    _run(schema_editor, 0)


def backwards(apps, schema_editor):
    _run(schema_editor, 1)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_search_document")]

    operations = [migrations.RunPython(forwards, backwards)]
