"""Who changed the text awaiting approval (two-person rule). Items with a pending working copy
get their author and whoever the audit log shows editing them (or adding one of their
unpublished files) since their last publication: the rule errs on the side of a second person."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


PENDING = ("draft", "in_review", "changes_requested", "scheduled")  # releases.models.State then


def seed_contributions(apps, schema_editor):
    Item = apps.get_model("releases", "Item")
    Attachment = apps.get_model("releases", "Attachment")
    AuditEntry = apps.get_model("audit", "AuditEntry")
    Contribution = apps.get_model("releases", "Contribution")
    rows = set()
    for pk, author_id, since in Item.objects.filter(state__in=PENDING).values_list(
        "pk", "author_id", "last_published_at"
    ):
        rows.add((pk, author_id))
        edits = AuditEntry.objects.filter(
            object_type="releases.item", object_id=str(pk), action="item.update", actor__isnull=False
        )
        files = [str(a) for a in Attachment.objects.filter(item_id=pk, published=False).values_list("pk", flat=True)]
        uploads = AuditEntry.objects.filter(
            object_type="releases.attachment", object_id__in=files, action="attachment.add", actor__isnull=False
        )
        for entries in (edits, uploads):
            if since is not None:
                entries = entries.filter(at__gt=since)
            rows.update((pk, actor_id) for actor_id in entries.values_list("actor_id", flat=True))
    Contribution.objects.bulk_create(
        [Contribution(item_id=item_id, user_id=user_id) for item_id, user_id in sorted(rows)], batch_size=1000
    )


class Migration(migrations.Migration):

    dependencies = [
        ('releases', '0003_issuer_among_areas'),
        ("audit", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Contribution',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('at', models.DateTimeField(default=django.utils.timezone.now)),
                ('item', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='contributions', to='releases.item')),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('item', 'user'), name='unique_contribution')],
            },
        ),
        migrations.RunPython(seed_contributions, migrations.RunPython.noop),
    ]
