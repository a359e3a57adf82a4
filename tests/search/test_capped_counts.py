"""Counts stop at a cap, filters live in the full-text index, embargoes are excluded by id."""

import datetime as dt
import importlib

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from presscenter.core.errors import DomainError
from presscenter.releases.models import Item
from presscenter.search import backends
from presscenter.search.index import filter_tags
from presscenter.search.models import SearchDocument
from presscenter.search.query import SearchParams, search
from presscenter.search.ranking import BODY_CHARS

pytestmark = pytest.mark.django_db
CAP = 3


@pytest.fixture
def small_cap(monkeypatch):
    """The cap is 1,000 in production; three keeps the corpus small."""
    monkeypatch.setattr(backends, "RANKED_MATCHES", CAP)


def publish_weather(newsroom, count):
    return [newsroom.publish(title=f"Bản tin thời tiết số {n}") for n in range(count)]


@pytest.mark.parametrize("q", ["thoi tiet", ""])
def test_total_is_exact_up_to_the_cap(newsroom, small_cap, q):
    publish_weather(newsroom, CAP)
    result = search(SearchParams(q=q))
    assert (result.total, result.total_is_lower_bound, len(result.hits)) == (CAP, False, CAP)


@pytest.mark.parametrize("q", ["thoi tiet", ""])
def test_total_beyond_the_cap_is_a_lower_bound(newsroom, small_cap, q):
    items = publish_weather(newsroom, CAP + 2)
    result = search(SearchParams(q=q, per_page=2))
    assert (result.total, result.total_is_lower_bound, result.pages) == (CAP, True, 2)
    last = search(SearchParams(q=q, per_page=2, page=2))
    assert len(last.hits) == 1  # the page stops at the cap
    newest_first = [item.title for item in reversed(items)][:CAP]
    assert [hit.item.title for hit in [*result.hits, *last.hits]] == newest_first
    with pytest.raises(DomainError):
        search(SearchParams(q=q, per_page=2, page=3))


def test_page_and_api_say_more_than_the_cap(client, newsroom, small_cap):
    publish_weather(newsroom, CAP + 1)
    page = client.get(reverse("search:search"), {"q": "thoi tiet"})
    assert "Hơn 3 kết quả" in page.text
    body = client.get("/api/items/search", {"q": "thoi tiet"}).json()
    assert (body["total"], body["total_is_lower_bound"]) == (CAP, True)
    exact = client.get("/api/items/search", {"q": "so 0"}).json()
    assert (exact["total"], exact["total_is_lower_bound"]) == (1, False)


def test_lifted_embargo_is_public_and_current_one_is_not(newsroom):
    lifted = newsroom.publish(title="Kết quả thi tốt nghiệp", embargo_until=timezone.now() + dt.timedelta(hours=1))
    newsroom.publish(title="Kết quả thi vào lớp 10", embargo_until=timezone.now() + dt.timedelta(hours=1))
    past = timezone.now() - dt.timedelta(minutes=1)
    Item.objects.filter(pk=lifted.pk).update(embargo_until=past)
    SearchDocument.objects.filter(pk=lifted.pk).update(embargo_until=past)
    assert [hit.item.title for hit in search(SearchParams(q="ket qua thi")).hits] == ["Kết quả thi tốt nghiệp"]
    assert search(SearchParams()).total == 1


def test_filter_tags_hold_agency_and_type_as_single_tokens(newsroom):
    item = newsroom.publish(title="Thông cáo về giá điện")
    document = SearchDocument.objects.get(pk=item.pk)
    assert document.tags == f"o{item.organisation_id} kpressrelease"
    assert search(SearchParams(q="gia dien", type="press_release")).total == 1
    assert search(SearchParams(q="gia dien", type="statement")).total == 0


def test_migration_writes_the_same_tags_as_the_index(newsroom):
    """Migration 0003 rewrites tags of documents indexed before it in SQL: same form as filter_tags."""
    migration = importlib.import_module("presscenter.search.migrations.0003_filter_tags_embargo_index")
    item = newsroom.publish(title="Thông cáo về giá điện")
    indexed = SearchDocument.objects.get(pk=item.pk).tags
    with connection.cursor() as cursor:
        cursor.execute(migration.REMOVE_TAGS)
        assert SearchDocument.objects.get(pk=item.pk).tags == ""
        cursor.execute(migration.ADD_TAGS)
    assert (
        SearchDocument.objects.get(pk=item.pk).tags == indexed == filter_tags(item.organisation_id, item.type, [], [])
    )
    assert search(SearchParams(q="gia dien", organisation=newsroom.org.slug)).total == 1


def long_body(words: str, paragraphs: int = 20) -> str:
    return "".join(f"<p>{words} số {n}, người dân theo dõi thông tin chính thức.</p>" for n in range(paragraphs))


def test_the_index_keeps_the_opening_that_ranking_reads(newsroom):
    item = newsroom.publish(title="Thông báo phân luồng", body=long_body("Phân luồng giao thông phố Huế"))
    document = SearchDocument.objects.get(pk=item.pk)
    assert len(document.body) > BODY_CHARS
    assert document.opening == document.body[:BODY_CHARS]


def test_migration_fills_the_same_opening_as_the_index(newsroom):
    """Migration 0007 fills the opening of documents indexed before it in SQL."""
    migration = importlib.import_module("presscenter.search.migrations.0007_ranking_opening")
    item = newsroom.publish(title="Thông báo phân luồng", body=long_body("Phân luồng giao thông phố Huế"))
    indexed = SearchDocument.objects.get(pk=item.pk).opening
    SearchDocument.objects.filter(pk=item.pk).update(opening=None)
    with connection.cursor() as cursor:
        cursor.execute(migration.FILL)
    assert SearchDocument.objects.get(pk=item.pk).opening == indexed
    assert migration.OPENING_CHARS == BODY_CHARS


def test_a_word_beyond_the_opening_still_finds_the_item(newsroom):
    body = long_body("Phân luồng giao thông phố Huế") + "<p>Cuối bài nhắc đến cầu Long Biên.</p>"
    item = newsroom.publish(title="Thông báo phân luồng", body=body)
    assert [hit.item for hit in search(SearchParams(q="long bien")).hits] == [item]
