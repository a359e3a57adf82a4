"""Search index maintenance, called by releases.domain inside the publishing transaction."""

from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection, transaction

from presscenter.core.html import to_text
from presscenter.releases.models import Item
from presscenter.search.models import SearchDocument
from presscenter.search.partitions import ensure_partitions, recursive
from presscenter.search.ranking import BODY_CHARS, marked_columns
from presscenter.text import tokens

REBUILD_BATCH = 2000


def folded(text: str) -> str:
    """Text as the index stores it: folded tokens joined by single spaces."""
    return " ".join(tokens(text))


def organisation_tag(organisation_id: int) -> str:
    return f"o{organisation_id}"


def type_tag(item_type: str) -> str:
    # One token for both full-text tokenizers: they split words at "_".
    return "k" + item_type.replace("_", "")


def filter_tags(organisation_id: int, item_type: str, topic_ids: Iterable[int], area_ids: Iterable[int]) -> str:
    """The filter values as tokens of the `tags` column ("o3 kpressrelease t12 a7"), so the
    full-text index alone answers the filters (migration 0003 writes the same form in SQL)."""
    return " ".join(
        [
            organisation_tag(organisation_id),
            type_tag(item_type),
            *(f"t{pk}" for pk in topic_ids),
            *(f"a{pk}" for pk in area_ids),
        ]
    )


def index_item(item: Item) -> None:
    """(Re)index the item's current public version: the same row a rebuild writes."""
    SearchDocument.objects.filter(pk=item.pk).delete()
    _insert(_document_rows([item.pk]))


def remove_item(item: Item) -> None:
    """Take the item out of the index (withdrawal)."""
    SearchDocument.objects.filter(pk=item.pk).delete()


DOCUMENT_COLUMNS = (
    "item_id", "title", "lead", "body", "opening", "marked", "tags", "organisation_id", "type", "language",
    "published_at", "embargo_until",
)  # fmt: skip
INSERT_DOCUMENTS = (
    f"INSERT INTO {SearchDocument._meta.db_table} ({', '.join(DOCUMENT_COLUMNS)}) "  # noqa: S608 - constant names
    f"VALUES ({', '.join(['%s'] * len(DOCUMENT_COLUMNS))})"
)


def _ids_by_item(relation: Any, target: str, item_ids: list[int]) -> dict[int, list[int]]:
    grouped: dict[int, list[int]] = defaultdict(list)
    for item_id, target_id in relation.objects.filter(item_id__in=item_ids).values_list("item_id", target):
        grouped[item_id].append(target_id)
    return grouped


def _document_rows(item_ids: list[int]) -> list[tuple[Any, ...]]:
    """Index rows for these public items (their current version), read as plain values: model
    instances would cost more than the folding itself at 200,000 items."""
    adapt = connection.ops.adapt_datetimefield_value
    topics = _ids_by_item(Item.topics.through, "topic_id", item_ids)
    areas = _ids_by_item(Item.areas.through, "organisation_id", item_ids)
    values = Item.objects.filter(pk__in=item_ids).values_list(
        "pk", "current_version__title", "current_version__lead", "current_version__body",
        "organisation_id", "type", "language", "last_published_at", "embargo_until",
    )  # fmt: skip
    return [
        (
            pk,
            *text_columns(title, lead, to_text(body)),
            filter_tags(organisation_id, item_type, topics[pk], areas[pk]),
            organisation_id,
            item_type,
            language,
            adapt(published_at),
            adapt(embargo_until),
        )
        for pk, title, lead, body, organisation_id, item_type, language, published_at, embargo_until in values
    ]


def text_columns(title: str, lead: str, body: str) -> tuple[str, str, str, str, str]:
    """Title, lead, body and opening folded, and title, lead and opening with their accents."""
    folded_body = folded(body)
    body_opening = folded_body[:BODY_CHARS]
    return folded(title), folded(lead), folded_body, body_opening, marked_columns(title, lead, body, body_opening)


# SQLite's default page cache (2 MB) makes a 200,000-item FTS5 build re-read its pages from the
# file hundreds of gigabytes over; the documents and the growing index must stay in memory.
REBUILD_CACHE_KIB = 256 * 1024
FTS_TABLE = "search_fts"


@contextmanager
def _emptied_for_bulk_load() -> Iterator[None]:
    """An empty index, for a bulk load without the per-row costs that can be avoided.

    SQLite: the FTS5 table is dropped and created again after the load, then filled in one pass
    ('rebuild'), with a page cache large enough for the documents and the growing index.
    PostgreSQL: the GIN index is dropped and created again once, many times faster than
    updating it row by row. All inside the caller's transaction: until it commits, SQLite
    readers keep the old index and PostgreSQL searches wait."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            with _recreated_sqlite_index(cursor):
                yield
        else:
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'search_doc_vector'")
            [index] = cursor.fetchone()
            cursor.execute("DROP INDEX search_doc_vector")
            cursor.execute(f"DELETE FROM {SearchDocument._meta.db_table}")  # noqa: S608 - constant name
            yield
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # CREATE INDEX refuses pending FK checks
            cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
            cursor.execute(recursive(index))
            cursor.execute(f"ANALYZE {SearchDocument._meta.db_table}")  # the search plans read its statistics


@contextmanager
def _recreated_sqlite_index(cursor: Any) -> Iterator[None]:
    """Drop the FTS5 table and the triggers that feed it, empty the documents, and after the
    load create both again from their own definitions and index every document at once.

    A new table also drops the planner's statistics about the old one: statistics taken while
    the index was small (ANALYZE on a fresh install) made FTS5's own lookups choose scans, and
    a 200,000-item load then took more than ten minutes instead of one."""
    table = SearchDocument._meta.db_table
    cursor.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = %s", [FTS_TABLE])
    [(fts_sql,)] = cursor.fetchall()
    cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [table])
    triggers = cursor.fetchall()
    for name, _sql in triggers:
        cursor.execute(f"DROP TRIGGER {name}")
    cursor.execute(f"DROP TABLE {FTS_TABLE}")
    cursor.execute(f"DELETE FROM {table}")  # noqa: S608 - constant name
    cursor.execute("PRAGMA cache_size")
    previous = int(cursor.fetchone()[0])
    cursor.execute(f"PRAGMA cache_size = -{REBUILD_CACHE_KIB}")
    yield
    cursor.execute(fts_sql)
    cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")  # noqa: S608 - constant name
    for _name, sql in triggers:
        cursor.execute(sql)
    cursor.execute(f"PRAGMA cache_size = {previous}")


def rebuild_index() -> int:
    """Index every public record from scratch; returns how many items are indexed."""
    with transaction.atomic(), _emptied_for_bulk_load():
        return _rebuild()


def _rebuild() -> int:
    public_ids = list(
        Item.objects.filter(current_version__isnull=False, withdrawn_at__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for start in range(0, len(public_ids), REBUILD_BATCH):
        _insert(_document_rows(public_ids[start : start + REBUILD_BATCH]))
    return len(public_ids)


def _insert(rows: list[tuple[Any, ...]]) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            ensure_partitions(cursor, (row[0] for row in rows))
        cursor.executemany(INSERT_DOCUMENTS, rows)
