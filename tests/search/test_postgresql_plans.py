"""PostgreSQL reads the newest documents first when every word is common (a walk, then walks or
GIN lookups in windows of ids), and goes straight to the GIN index for rare words: every way
finds the same matches, newest first, as one plain GIN lookup."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from presscenter.search import backends
from presscenter.search.parse import parse

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the plan choice is PostgreSQL's"),
]
CAP = 3


@pytest.fixture
def small_cap(monkeypatch):
    """The cap is 1,000 in production; three keeps the corpus small."""
    monkeypatch.setattr(backends, "RANKED_MATCHES", CAP)


@pytest.fixture
def fresh_statistics():
    """Statistics are read once per process: forget them around each test."""
    backends.lexeme_statistics.cache_clear()
    yield
    backends.lexeme_statistics.cache_clear()


@pytest.fixture
def corpus(newsroom, small_cap, fresh_statistics):
    """Weather bulletins, the newest of them among bridge news, and one rare subject."""
    weather = [newsroom.publish(title=f"Bản tin thời tiết số {n}") for n in range(20)]
    newsroom.publish(title="Khánh thành cầu Long Biên")
    for n in range(6):
        newsroom.publish(title=f"Khánh thành cầu số {n}")
    weather += [newsroom.publish(title="Bản tin thời tiết cuối tuần")]
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE search_searchdocument")
    return weather


def plain_lookup(query, filters):
    """One GIN lookup over every match: what every plan must agree with."""
    backend = backends.PostgreSQLBackend()
    return backends.Backend.find(backend, query, filters)


def ids(matches):
    return sorted(pk for pk, _score in matches.ids_and_scores)


def test_common_words_are_probed_rare_ones_looked_up(corpus):
    backend, now = backends.PostgreSQLBackend(), backends.Filters(now=timezone.now())
    span, one_by_one = backend.first_read(parse("thoi tiet"), now)
    assert span > 0 and one_by_one
    assert backend.first_read(parse("long bien"), now) is None


def test_words_estimated_rare_in_a_partition_start_with_a_lookup(corpus, newsroom, monkeypatch):
    """The rarest word's share is the most the words' share can be: when even that gives a
    partition few matches, no walk measures it first."""
    query, agency = parse("thoi tiet"), backends.Filters(now=timezone.now(), tags=[f"o{newsroom.org.pk}"])
    backend = backends.PostgreSQLBackend()
    monkeypatch.setattr(backends.PostgreSQLBackend, "WALK_MAX", 0)
    assert backend.first_read(query, agency)[1]  # 50,000 documents a partition: many matches
    monkeypatch.setattr(backends, "PARTITION_SIZE", 10)
    span, one_by_one = backend.first_read(query, agency)
    assert span > 0 and not one_by_one
    assert ids(backend.find(query, agency)) == ids(plain_lookup(query, agency))


def test_a_filter_without_words_starts_with_a_lookup_when_a_walk_would_be_long(corpus, newsroom, monkeypatch):
    backend = backends.PostgreSQLBackend()
    agency = backends.Filters(now=timezone.now(), tags=[f"o{newsroom.org.pk}"])
    span, one_by_one = backend.first_read(parse(""), agency)
    assert span > 0 and one_by_one  # every item is the agency's: the newest few do
    monkeypatch.setattr(backends.PostgreSQLBackend, "WALK_MAX", 0)
    span, one_by_one = backend.first_read(parse(""), agency)
    assert span > 0 and not one_by_one


@pytest.mark.parametrize("walk_max", [1000, 0])
def test_a_filter_without_words_finds_the_newest_publications(corpus, newsroom, monkeypatch, walk_max):
    monkeypatch.setattr(backends.PostgreSQLBackend, "WALK_MAX", walk_max)
    query, agency = parse(""), backends.Filters(now=timezone.now(), tags=[f"o{newsroom.org.pk}"])
    found = backends.PostgreSQLBackend().find(query, agency)
    expected = plain_lookup(query, agency)
    assert found.more and expected.more
    assert found.ids_and_scores == expected.ids_and_scores


@pytest.mark.parametrize(
    ("span", "one_by_one", "walk_max"),
    [
        (1000, True, 1000),  # the probe finds enough
        (2, True, 1000),  # a second walk finishes
        (2, True, 0),  # GIN lookups in windows of ids finish
        (2, False, 1000),  # a GIN lookup first, then a walk
    ],
)
def test_every_plan_finds_the_newest_matches(corpus, monkeypatch, span, one_by_one, walk_max):
    monkeypatch.setattr(backends.PostgreSQLBackend, "WALK_MAX", walk_max)
    query, now = parse("thoi tiet"), backends.Filters(now=timezone.now())
    backend = backends.PostgreSQLBackend()
    found = backend.newest_matches(query, now, span, one_by_one, backend.id_bounds(now))
    expected = plain_lookup(query, now)
    assert found.more and expected.more
    assert ids(found) == ids(expected) == sorted(item.pk for item in corpus)[-CAP:]


def test_streamed_statements_count_as_queries(corpus):
    """The matches are streamed past Django's cursor; query counts must still see them."""
    with CaptureQueriesContext(connection) as captured:
        found = backends.PostgreSQLBackend().find(parse("thoi tiet"), backends.Filters(now=timezone.now()))
    assert found.ids_and_scores
    assert any("d.title, d.lead, d.opening" in query["sql"] for query in captured.captured_queries)


def test_without_chunked_mode_the_rows_come_all_at_once_alike(corpus, monkeypatch):
    query, now = parse("thoi tiet"), backends.Filters(now=timezone.now())
    streamed = backends.PostgreSQLBackend().find(query, now)
    monkeypatch.setattr(backends, "CHUNKED_MODE_LIBPQ", 10**9)  # as with libpq 16 or older
    all_at_once = []
    fetch = backends.Backend.stream

    def fetch_all_at_once(sql, params):
        all_at_once.append(sql)
        yield from fetch(sql, params)

    monkeypatch.setattr(backends.Backend, "stream", staticmethod(fetch_all_at_once))
    assert backends.PostgreSQLBackend().find(query, now) == streamed
    assert all_at_once


def test_a_walk_through_every_document_reports_an_exact_total(corpus, monkeypatch):
    monkeypatch.setattr(backends, "RANKED_MATCHES", 100)
    query, now = parse("khanh thanh cau"), backends.Filters(now=timezone.now())
    backend = backends.PostgreSQLBackend()
    found = backend.newest_matches(query, now, 2, True, backend.id_bounds(now))
    assert not found.more
    assert ids(found) == ids(plain_lookup(query, now))
    assert len(found.ids_and_scores) == 7


def test_a_date_range_is_walked_within_its_ids(corpus):
    tomorrow = timezone.now() + dt.timedelta(days=1)
    window = backends.Filters(now=timezone.now(), published_from=tomorrow)
    backend = backends.PostgreSQLBackend()
    assert backend.id_bounds(window) == (1, 0)
    assert backend.find(parse("thoi tiet"), window).ids_and_scores == []
    last_month = backends.Filters(now=timezone.now(), published_from=timezone.now() - dt.timedelta(days=30))
    lowest, highest = backend.id_bounds(last_month)
    assert (lowest, highest) == (corpus[0].pk, corpus[-1].pk)


def test_phrases_and_filters_hold_on_every_plan(corpus, newsroom, monkeypatch):
    monkeypatch.setattr(backends.PostgreSQLBackend, "WALK_MAX", 0)
    query = parse('"thoi tiet cuoi"')
    filters = backends.Filters(now=timezone.now(), tags=[f"o{newsroom.org.pk}"])
    backend = backends.PostgreSQLBackend()
    found = backend.newest_matches(query, filters, 2, True, backend.id_bounds(filters))
    assert ids(found) == ids(plain_lookup(query, filters)) == [corpus[-1].pk]
