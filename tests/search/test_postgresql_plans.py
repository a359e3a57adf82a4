"""PostgreSQL walks the newest documents when every word is common, and falls back to the GIN
lookup when the walk finds too few: either way the same matches, newest first."""

import pytest
from django.db import connection
from django.utils import timezone

from presscenter.search import backends
from presscenter.search.parse import parse
from presscenter.search.query import SearchParams, search

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the plan choice is PostgreSQL's"),
]
CAP = 3
OTHERS = 6


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


def analyze() -> None:
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE search_searchdocument")


def test_common_words_walk_the_newest_documents(newsroom, small_cap, fresh_statistics):
    weather = [newsroom.publish(title=f"Bản tin thời tiết số {n}") for n in range(8)]
    newsroom.publish(title="Khánh thành cầu Long Biên")
    analyze()
    now = backends.Filters(now=timezone.now())
    walker = backends.PostgreSQLBackend()
    assert walker.walk_budget(parse("thoi tiet"), now) > 0
    assert walker.walk_budget(parse("long bien"), now) == 0  # rare: the GIN lookup
    result = search(SearchParams(q="thoi tiet", per_page=CAP))
    assert [hit.item.pk for hit in result.hits] == [item.pk for item in reversed(weather)][:CAP]
    assert result.total_is_lower_bound


def test_a_walk_finding_too_few_falls_back_to_the_index(newsroom, small_cap, fresh_statistics):
    weather = [newsroom.publish(title=f"Bản tin thời tiết số {n}") for n in range(8)]
    for n in range(OTHERS):  # the newest documents hold other words
        newsroom.publish(title=f"Khánh thành cầu số {n}")
    analyze()
    query, now = parse("thoi tiet"), backends.Filters(now=timezone.now())
    budget = backends.PostgreSQLBackend().walk_budget(query, now)
    assert 0 < budget < OTHERS + CAP + 1  # too short a walk to find CAP + 1 matches
    assert not backends.PostgreSQLBackend(walk_rows=budget).find(query, now).more
    found = backends.PostgreSQLBackend().find(query, now)
    assert found.more
    assert [pk for pk, _score in found.ids_and_scores] == [item.pk for item in reversed(weather)][:CAP]
