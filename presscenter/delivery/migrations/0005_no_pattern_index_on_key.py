"""PostgreSQL: drop the `varchar_pattern_ops` index Django adds beside the unique index of
Delivery.key. Nothing looks keys up by prefix, and every delivery row is written three times
(inserted, claimed, marked sent), each time in every index: one index fewer made the
dispatcher's two UPDATEs of 500 rows about a fifth cheaper."""

from django.db import migrations


def _index_name(schema_editor, model):
    return schema_editor._create_index_name(model._meta.db_table, ["key"], suffix="_like")


def _drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {_index_name(schema_editor, apps.get_model('delivery', 'Delivery'))}")


def _create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        model = apps.get_model("delivery", "Delivery")
        schema_editor.execute(
            f"CREATE INDEX {_index_name(schema_editor, model)} ON {model._meta.db_table} (key varchar_pattern_ops)"
        )


class Migration(migrations.Migration):
    dependencies = [("delivery", "0004_fewer_indexes_for_fan_out")]

    operations = [migrations.RunPython(_drop, _create, elidable=False)]
