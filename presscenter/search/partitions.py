"""PostgreSQL: the search documents are partitioned by ranges of item ids (migration 0006).

A search reads the newest matches first, often in a window of ids (see backends). On one table
a GIN lookup reads each word's whole posting list, then a row for every match, in the window or
not: 20 ms and more for common words at 200,000 items. With partitions, the planner reads only
the partitions that overlap the window, each with a GIN index of its own.

Partitions are made as ids reach them, in the transaction that indexes the first document of
their range: once per PARTITION_SIZE items. Each keeps rows of up to ROW_TARGET_BYTES whole.
"""

from collections.abc import Iterable
from typing import Any

PARTITION_SIZE = 50_000
TABLE = "search_searchdocument"
# pg_advisory_xact_lock(class, bucket): publications entering a new range make it one at a time.
LOCK_CLASS = 0x5EA2C4
PARTITION_PREFIX = f"{TABLE}_p"
# TOAST's target row size, per partition (PostgreSQL takes none for a partitioned table): half a
# page. With the default (about 2 kB) a news-length document kept only its vector and opening in
# the row: the title, lead and accented text that ranking reads for every candidate were moved out
# of line too, a TOAST lookup each (migration 0009). Now only the body (read for phrases) moves out.
ROW_TARGET_BYTES = 4080


def partition_name(bucket: int) -> str:
    return f"{PARTITION_PREFIX}{bucket}"


def partition_start(item_id: int) -> int:
    """The lowest id of the partition that holds `item_id`."""
    return item_id - item_id % PARTITION_SIZE


def recursive(index_definition: str) -> str:
    """An index definition read from the catalog, made to cover every partition again: for a
    partitioned table PostgreSQL states it "ON ONLY" the table, which would skip them."""
    return index_definition.replace(" ON ONLY ", " ON ", 1)


def ensure_partitions(cursor: Any, item_ids: Iterable[int]) -> None:
    """Make the partitions that these ids belong to, if they are missing: one query when none is."""
    buckets = sorted({item_id // PARTITION_SIZE for item_id in item_ids})
    if not buckets:
        return
    cursor.execute(
        "SELECT bucket FROM unnest(%s::int[]) AS bucket WHERE to_regclass(%s || bucket) IS NULL",
        [buckets, PARTITION_PREFIX],
    )
    for (bucket,) in cursor.fetchall():
        cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [LOCK_CLASS, bucket])
        name = partition_name(bucket)
        cursor.execute("SELECT to_regclass(%s)", [name])  # made while this transaction waited?
        if cursor.fetchone()[0] is None:
            start = bucket * PARTITION_SIZE
            cursor.execute(
                f"CREATE TABLE {name} PARTITION OF {TABLE} FOR VALUES FROM ({start}) TO ({start + PARTITION_SIZE})"
                f" WITH (toast_tuple_target = {ROW_TARGET_BYTES})"
            )
