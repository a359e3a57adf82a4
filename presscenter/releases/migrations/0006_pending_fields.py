"""Changes to the type, priority, language, contacts and links of a published item wait in
`pending_fields` until the next version is published. Nullable: SQLite adds the column in place."""

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
    ]
