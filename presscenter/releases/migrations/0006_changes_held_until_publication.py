"""Once an item is published, changes to what readers see on it wait for the next publication:
the item's type, priority, language, contacts, links, topics and areas in `Item.pending_fields`,
a published file's caption, credit and alternative text in `Attachment.pending_meta`.
Nullable: SQLite adds the columns in place."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("releases", "0005_working_embargo_until"),
    ]

    operations = [
        migrations.AddField(
            model_name="item",
            name="pending_fields",
            field=models.JSONField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="attachment",
            name="pending_meta",
            field=models.JSONField(blank=True, editable=False, null=True),
        ),
    ]
