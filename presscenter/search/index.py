"""Search index maintenance, called by releases.domain inside the publishing transaction."""

from collections.abc import Iterable

from django.db import connection, transaction

from presscenter.core.html import to_text
from presscenter.releases.models import Item
from presscenter.search.models import SearchDocument
from presscenter.text import tokens

REBUILD_BATCH = 1000


def folded(text: str) -> str:
    """Text as the index stores it: folded tokens joined by single spaces."""
    return " ".join(tokens(text))


def filter_tags(topic_ids: Iterable[int], area_ids: Iterable[int]) -> str:
    return " ".join([*(f"t{pk}" for pk in topic_ids), *(f"a{pk}" for pk in area_ids)])


def build_document(item: Item, topic_ids: Iterable[int], area_ids: Iterable[int]) -> SearchDocument:
    """The (unsaved) index row for the item's current public version."""
    version = item.current_version
    assert version is not None and item.last_published_at is not None
    return SearchDocument(
        item=item,
        title=folded(version.title),
        lead=folded(version.lead),
        body=folded(to_text(version.body)),
        tags=filter_tags(topic_ids, area_ids),
        organisation_id=item.organisation_id,
        type=item.type,
        language=item.language,
        published_at=item.last_published_at,
        embargo_until=item.embargo_until,
    )


def index_item(item: Item) -> None:
    """(Re)index the item's current public version."""
    document = build_document(
        item,
        item.topics.values_list("pk", flat=True),
        item.areas.values_list("pk", flat=True),
    )
    SearchDocument.objects.filter(pk=item.pk).delete()
    document.save(force_insert=True)


def remove_item(item: Item) -> None:
    """Take the item out of the index (withdrawal)."""
    SearchDocument.objects.filter(pk=item.pk).delete()


@transaction.atomic
def rebuild_index() -> int:
    """Index every public record from scratch; returns how many items are indexed."""
    SearchDocument.objects.all().delete()
    records = (
        Item.objects.filter(current_version__isnull=False, withdrawn_at__isnull=True)
        .select_related("current_version")
        .prefetch_related("topics", "areas")
        .order_by("pk")
    )
    count = 0
    batch: list[SearchDocument] = []
    for item in records.iterator(chunk_size=REBUILD_BATCH):
        topic_ids = [topic.pk for topic in item.topics.all()]
        area_ids = [area.pk for area in item.areas.all()]
        batch.append(build_document(item, topic_ids, area_ids))
        if len(batch) >= REBUILD_BATCH:
            count += len(SearchDocument.objects.bulk_create(batch))
            batch = []
    count += len(SearchDocument.objects.bulk_create(batch))
    optimize()
    return count


def optimize() -> None:
    """Merge index segments after bulk loads (SQLite FTS5); PostgreSQL's GIN needs nothing."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
