"""The embargo gets a working copy: editors change `working_embargo_until`, and publishing a
version copies it to `embargo_until`, the value readers see. Existing items start with the two
equal. Nullable, so that SQLite adds the column without rebuilding the table (and its triggers)."""

from django.db import migrations, models
from django.db.models import F


def copy_public_embargo(apps, schema_editor):
    Item = apps.get_model("releases", "Item")
    Item.objects.update(working_embargo_until=F("embargo_until"))


class Migration(migrations.Migration):
    dependencies = [
        ("releases", "0004_contributions"),
    ]

    operations = [
        migrations.AddField(
            model_name="item",
            name="working_embargo_until",
            field=models.DateTimeField(blank=True, null=True, verbose_name="cấm đăng đến (bản đang soạn)"),
        ),
        migrations.RunPython(copy_public_embargo, migrations.RunPython.noop),
    ]
