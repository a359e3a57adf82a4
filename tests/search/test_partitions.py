"""PostgreSQL keeps the search documents in partitions by ranges of item ids (search.partitions):
each document lands in the partition of its id, and a range gets its partition once."""

import pytest
from django.db import connection

from presscenter.search.index import rebuild_index
from presscenter.search.partitions import PARTITION_SIZE, ensure_partitions, partition_name

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="partitions are PostgreSQL's"),
]


def partitions() -> dict[str, str]:
    """Each partition's name and range, as PostgreSQL states it."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, pg_get_expr(c.relpartbound, c.oid) FROM pg_inherits i"
            " JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'search_searchdocument'::regclass"
        )
        return dict(cursor.fetchall())


def test_a_published_item_is_indexed_in_the_partition_of_its_id(newsroom):
    item = newsroom.publish(title="Khánh thành cầu Long Biên")
    with connection.cursor() as cursor:
        cursor.execute("SELECT tableoid::regclass::text FROM search_searchdocument WHERE item_id = %s", [item.pk])
        assert cursor.fetchone() == (partition_name(item.pk // PARTITION_SIZE),)


def test_a_new_range_of_ids_gets_its_partition_once():
    bucket = 4321  # far beyond any test item
    first_id = bucket * PARTITION_SIZE
    before = partitions()
    with connection.cursor() as cursor:
        ensure_partitions(cursor, [first_id, first_id + PARTITION_SIZE - 1])
        ensure_partitions(cursor, [first_id + 7])
    made = set(partitions().items()) - set(before.items())
    assert made == {(partition_name(bucket), f"FOR VALUES FROM ('{first_id}') TO ('{first_id + PARTITION_SIZE}')")}


def test_every_index_of_the_table_serves_a_new_partition():
    bucket = 4322
    with connection.cursor() as cursor:
        ensure_partitions(cursor, [bucket * PARTITION_SIZE])
        cursor.execute("SELECT count(*) FROM pg_indexes WHERE tablename = %s", [partition_name(bucket)])
        [(on_partition,)] = cursor.fetchall()
        cursor.execute("SELECT count(*) FROM pg_indexes WHERE tablename = 'search_searchdocument'")
        [(on_table,)] = cursor.fetchall()
    assert on_partition == on_table >= 7  # key, GIN, newest-first, agency, type, two embargo indexes


def test_a_rebuilt_index_covers_every_partition(newsroom):
    newsroom.publish(title="Khánh thành cầu Long Biên")
    rebuild_index()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
            " WHERE i.indrelid = 'search_searchdocument'::regclass"
        )
        validity = dict(cursor.fetchall())
        cursor.execute("SELECT count(*) FROM pg_inherits WHERE inhparent = 'search_doc_vector'::regclass")
        [(gin_partitions,)] = cursor.fetchall()
    # A parent index is valid only once every partition has its own.
    assert validity["search_doc_vector"] and all(validity.values())
    assert gin_partitions == len(partitions())


def test_a_new_partition_keeps_the_vector_and_the_opening_in_the_row():
    """Walking the newest documents reads their vectors: out of line (TOAST) it was 2.5 times slower."""
    bucket = 4323
    with connection.cursor() as cursor:
        ensure_partitions(cursor, [bucket * PARTITION_SIZE])
        cursor.execute(
            "SELECT attname, attstorage FROM pg_attribute WHERE attrelid = %s::regclass"
            " AND attname IN ('vector', 'opening')",
            [partition_name(bucket)],
        )
        assert dict(cursor.fetchall()) == {"vector": "m", "opening": "p"}
