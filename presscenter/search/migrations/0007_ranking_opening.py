"""The body's opening, all that ranking reads, gets a column of its own (SearchDocument.opening),
filled here from the folded body. With news-length bodies (2,000+ characters), reading whole
bodies for a thousand candidates was most of a search's SQL time on PostgreSQL: each was moved
to the TOAST table and compressed.

PostgreSQL also keeps the tsvector in the row (storage MAIN) and the opening uncompressed in it
(PLAIN; at most 500 characters): when rows passed TOAST's 2 kB threshold the vector, the
largest column, was moved out of line, and walking the newest documents then read two or three
TOAST pages per document (2.5 times slower). MAIN moves the body out first, and the vector only
when a row could not fit otherwise. The UPDATE below rewrites every row, so existing rows take
the new storage too.

SQLite: the FTS5 update trigger now fires only for the indexed columns, so filling the opening
does not re-index every document."""

from django.db import migrations, models

OPENING_CHARS = 500  # search.ranking.BODY_CHARS when this was written
FILL = f"UPDATE search_searchdocument SET opening = substr(body, 1, {OPENING_CHARS})"
SQLITE_TRIGGER = """CREATE TRIGGER search_fts_update AFTER UPDATE{columns} ON search_searchdocument BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, lead, body, tags)
        VALUES ('delete', old.item_id, old.title, old.lead, old.body, old.tags);
        INSERT INTO search_fts(rowid, title, lead, body, tags)
        VALUES (new.item_id, new.title, new.lead, new.body, new.tags);
    END"""


def _layout(trigger_columns, vector_storage, fill):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            schema_editor.execute("DROP TRIGGER search_fts_update")
            schema_editor.execute(SQLITE_TRIGGER.format(columns=trigger_columns))
        else:
            schema_editor.execute(f"ALTER TABLE search_searchdocument ALTER COLUMN vector SET STORAGE {vector_storage}")
        if fill:
            if schema_editor.connection.vendor == "postgresql":
                schema_editor.execute("ALTER TABLE search_searchdocument ALTER COLUMN opening SET STORAGE PLAIN")
            schema_editor.execute(FILL)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0006_partition_by_id")]

    operations = [
        migrations.AddField(
            model_name="searchdocument",
            name="opening",
            field=models.TextField(blank=True, null=True, verbose_name="đoạn mở đầu (đã chuẩn hóa)"),
        ),
        migrations.RunPython(
            _layout(" OF title, lead, body, tags", "MAIN", fill=True),
            _layout("", "EXTENDED", fill=False),
            elidable=False,
        ),
    ]
