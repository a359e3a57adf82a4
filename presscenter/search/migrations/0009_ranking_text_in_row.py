"""PostgreSQL: the title, lead and accented text (SearchDocument.marked) stay in the row, as the
vector and the opening already do: ranking reads them for every candidate of a search.

With TOAST's default target (about 2 kB) a news-length document kept only its vector and opening
in the row (together about 1.9 kB): the body, the accented text, the title and the lead were all
moved out of line, so each candidate cost one TOAST lookup (an accented query: `marked`, also
decompressed) or two (any other query: title and lead). On the 200,000-item benchmark corpus that
was 4.5 to 5.5 ms of a 1,001-candidate read. Now these three columns are MAIN (compressed or moved
out only if a row could not fit otherwise) and every partition's target is half a page
(partitions.ROW_TARGET_BYTES): only the body, read only to check phrases, moves out.

Existing rows are written again so that they take the new layout (an unchanged out-of-line
value would stay where it is), with the GIN index dropped and made again after, as a rebuild does; the
vector is generated again, from the same text. Not atomic: the VACUUM at the end, which makes the
old rows' space reusable, cannot run in a transaction."""

from django.db import migrations, transaction

from presscenter.search.partitions import TABLE, recursive

IN_ROW = ("title", "lead", "marked")
# Written again so that they are placed by the new target: the filter tags were out of line too in
# some rows (a fifth TOAST value), though nothing reads them on a search.
REWRITTEN = (*IN_ROW, "tags")
ROW_TARGET_BYTES = 4080  # partitions.ROW_TARGET_BYTES when this was written


def _partitions(cursor):
    cursor.execute("SELECT inhrelid::regclass::text FROM pg_inherits WHERE inhparent = %s::regclass", [TABLE])
    return [name for (name,) in cursor.fetchall()]


def keep_in_row(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    connection = schema_editor.connection
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        storage = ", ".join(f"ALTER COLUMN {column} SET STORAGE MAIN" for column in IN_ROW)
        cursor.execute(f"ALTER TABLE {TABLE} {storage}")
        for partition in _partitions(cursor):
            cursor.execute(f"ALTER TABLE {partition} SET (toast_tuple_target = {ROW_TARGET_BYTES})")
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'search_doc_vector'")
        [index] = cursor.fetchone()
        cursor.execute("DROP INDEX search_doc_vector")
        # `|| ''` makes a new value of each: TOAST places it again, by the new storage.
        rewrite = ", ".join(f"{column} = {column} || ''" for column in REWRITTEN)
        cursor.execute(f"UPDATE {TABLE} SET {rewrite}")  # noqa: S608 - constant names
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        cursor.execute(recursive(index))
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM ANALYZE {TABLE}")


def move_out_again(apps, schema_editor):
    """The default storage and target again; rows keep their layout until they are written again."""
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        storage = ", ".join(f"ALTER COLUMN {column} SET STORAGE EXTENDED" for column in IN_ROW)
        cursor.execute(f"ALTER TABLE {TABLE} {storage}")
        for partition in _partitions(cursor):
            cursor.execute(f"ALTER TABLE {partition} RESET (toast_tuple_target)")


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("search", "0008_marked_text")]

    operations = [migrations.RunPython(keep_in_row, move_out_again, elidable=False)]
