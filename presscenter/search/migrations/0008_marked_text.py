"""Title, lead and opening with their accents (SearchDocument.marked), read to rank an accented
query's exact matches above folded ones ("hà nội" above "hạ … nội"); filled here for the
documents already indexed, from the published versions they index.

The column stays out of the FTS5 update trigger's columns (migration 0007): filling it does not
re-index. On PostgreSQL it keeps the default storage (EXTENDED): if a row grows past TOAST's
threshold, this column is compressed or moved out before the vector (MAIN) that walks read."""

from django.db import migrations, models

from presscenter.core.html import to_text
from presscenter.search.ranking import marked_columns

BATCH = 2000
# A batch at a time, after the last id of the one before: rows are not updated under an open read.
DOCUMENTS = (
    "SELECT d.item_id, coalesce(d.opening, ''), v.title, v.lead, v.body FROM search_searchdocument d"
    " JOIN releases_item i ON i.id = d.item_id JOIN releases_version v ON v.id = i.current_version_id"
    " WHERE d.item_id > %s ORDER BY d.item_id LIMIT %s"
)


def fill(apps, schema_editor):
    last = 0
    with schema_editor.connection.cursor() as cursor:
        while True:
            cursor.execute(DOCUMENTS, [last, BATCH])
            rows = cursor.fetchall()
            if not rows:
                return
            cursor.executemany(
                "UPDATE search_searchdocument SET marked = %s WHERE item_id = %s",
                [
                    (marked_columns(title, lead, to_text(body), body_opening), item_id)
                    for item_id, body_opening, title, lead, body in rows
                ],
            )
            last = rows[-1][0]


class Migration(migrations.Migration):
    dependencies = [("search", "0007_ranking_opening")]

    operations = [
        migrations.AddField(
            model_name="searchdocument",
            name="marked",
            field=models.TextField(blank=True, null=True, verbose_name="tiêu đề, sapo và đoạn mở đầu có dấu"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=False),
    ]
