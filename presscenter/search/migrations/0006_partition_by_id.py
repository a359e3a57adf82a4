"""PostgreSQL: the search documents become a table partitioned by ranges of item ids (see
search.partitions), so that a GIN lookup in a window of ids reads only the partitions it needs.

The table is made again under the same name, with the same columns (the generated vector
included), constraints and indexes, read from the catalog; the rows are copied over."""

from django.db import migrations

from presscenter.search.partitions import TABLE, ensure_partitions, recursive

OLD = f"{TABLE}_unpartitioned"


def _remake(partitioned):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = %s"
                " AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass)",
                [TABLE, TABLE],
            )
            indexes = [definition for (definition,) in cursor.fetchall()]
            cursor.execute(
                "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = %s::regclass"
                " AND contype IN ('p', 'f', 'u')",
                [TABLE],
            )
            constraints = cursor.fetchall()
            cursor.execute(
                "SELECT attname FROM pg_attribute WHERE attrelid = %s::regclass AND attnum > 0"
                " AND NOT attisdropped AND attgenerated = '' ORDER BY attnum",
                [TABLE],
            )
            columns = ", ".join(name for (name,) in cursor.fetchall())
            cursor.execute(f"ALTER TABLE {TABLE} RENAME TO {OLD}")
            partitioning = " PARTITION BY RANGE (item_id)" if partitioned else ""
            cursor.execute(
                f"CREATE TABLE {TABLE} (LIKE {OLD} INCLUDING DEFAULTS INCLUDING GENERATED){partitioning}"
            )
            if partitioned:
                cursor.execute(f"SELECT item_id FROM {OLD}")
                ensure_partitions(cursor, (item_id for (item_id,) in cursor.fetchall()))
            cursor.execute(f"INSERT INTO {TABLE} ({columns}) SELECT {columns} FROM {OLD}")
            cursor.execute(f"DROP TABLE {OLD}")
            for name, definition in constraints:
                cursor.execute(f"ALTER TABLE {TABLE} ADD CONSTRAINT {name} {definition}")
            for definition in indexes:
                cursor.execute(recursive(definition))
            cursor.execute(f"ANALYZE {TABLE}")

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0005_lexeme_vector")]

    operations = [migrations.RunPython(_remake(partitioned=True), _remake(partitioned=False), elidable=False)]
