"""PostgreSQL keeps the search documents in partitions by ranges of item ids (search.partitions):
each document lands in the partition of its id, and a range gets its partition once."""

import pytest
from django.db import connection

from presscenter.search.index import rebuild_index
from presscenter.search.partitions import PARTITION_SIZE, ROW_TARGET_BYTES, ensure_partitions, partition_name

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


def test_a_new_partition_keeps_rows_of_half_a_page_whole():
    bucket = 4324
    with connection.cursor() as cursor:
        ensure_partitions(cursor, [bucket * PARTITION_SIZE])
        cursor.execute("SELECT reloptions FROM pg_class WHERE relname = %s", [partition_name(bucket)])
        assert cursor.fetchone() == ([f"toast_tuple_target={ROW_TARGET_BYTES}"],)
        cursor.execute(
            "SELECT attname, attstorage FROM pg_attribute WHERE attrelid = %s::regclass"
            " AND attname IN ('title', 'lead', 'marked', 'body')",
            [partition_name(bucket)],
        )
        assert dict(cursor.fetchall()) == {"title": "m", "lead": "m", "marked": "m", "body": "x"}


def toast_values(partition: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltoastrelid::regclass::text FROM pg_class WHERE oid = %s::regclass", [partition])
        [(toast,)] = cursor.fetchall()
        cursor.execute(f"SELECT count(DISTINCT chunk_id) FROM {toast}")  # noqa: S608 - a name from the catalog
        return cursor.fetchone()[0]


def test_a_news_length_document_moves_only_its_body_out_of_the_row(newsroom):
    """Ranking reads the title, lead and accented text of every candidate: with TOAST's default
    target they were moved out of line with the body, a TOAST lookup each per candidate."""
    body = " ".join(f"Hộ thứ {n} ở tổ dân phố {n + 100} nhận {7 * n + 1000} nghìn đồng hỗ trợ." for n in range(45))
    first = newsroom.publish(title="Khánh thành cầu Long Biên")
    partition = partition_name(first.pk // PARTITION_SIZE)
    before = toast_values(partition)
    item = newsroom.publish(
        title="Thành phố hỗ trợ các hộ dân bị ảnh hưởng bởi ngập úng sau mưa lớn",
        lead="Ủy ban nhân dân thành phố quyết định hỗ trợ các hộ dân ở những tổ dân phố bị ngập úng kéo dài.",
        body=f"<p>{body}</p>",
    )
    assert item.pk // PARTITION_SIZE == first.pk // PARTITION_SIZE
    assert toast_values(partition) - before <= 1
