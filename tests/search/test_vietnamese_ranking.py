"""Search reads Vietnamese as people write it: a two-syllable word is one word, and a person who
types accents means them. Through search() on the database under test (SQLite, PostgreSQL)."""

import importlib
from types import SimpleNamespace

import pytest
from django.db import connection

from presscenter.search.models import SearchDocument
from presscenter.search.query import SearchParams, Sort, search
from presscenter.search.ranking import opening
from presscenter.text import marked_tokens
from tests.search.test_capped_counts import long_body
from tests.search.test_query import find

pytestmark = pytest.mark.django_db


@pytest.fixture
def capital(newsroom):
    """ "Hà Nội" whole in a body, and its syllables apart ("Hạ tầng … nội đô") in a title."""
    return {
        "apart": newsroom.publish(
            title="Đầu tư hạ tầng giao thông khu vực nội đô",
            lead="Sở Xây dựng công bố danh mục dự án cải tạo vỉa hè, chiếu sáng.",
            body="<p>Các dự án triển khai trong năm tới.</p>",
        ),
        "whole": newsroom.publish(
            title="Mở rộng vùng phủ sóng 5G",
            lead="Các nhà mạng lắp thêm trạm phát sóng.",
            body="<p>Đến cuối năm, 5G phủ sóng toàn bộ khu dân cư của Hà Nội.</p>",
        ),
    }


@pytest.fixture
def waterworks(newsroom):
    """Two words that fold alike: "thủy lợi" (irrigation) and "thủy lôi" (naval mines), the
    second published later."""
    return {
        "irrigation": newsroom.publish(
            title="Nạo vét kênh thủy lợi Đan Hoài trước mùa mưa",
            lead="Công ty thủy lợi sông Đáy hoàn thành nạo vét 12 km kênh.",
            body="<p>Kênh bảo đảm tưới tiêu cho vụ đông xuân.</p>",
        ),
        "mines": newsroom.publish(
            title="Rà phá thủy lôi còn sót lại trên sông Hồng",
            lead="Bộ Chỉ huy quân sự Thủ đô rà phá thủy lôi tại bãi giữa sông.",
            body="<p>Người dân không đến gần khu vực rà phá.</p>",
        ),
    }


@pytest.mark.parametrize("q", ["Hà Nội", "ha noi"])
def test_syllables_side_by_side_rank_above_the_same_syllables_apart(capital, q):
    assert find(q) == [capital["whole"].title, capital["apart"].title]


@pytest.mark.parametrize("q", ["thủy lợi", "THỦY LỢI", "thuỷ lợi", '"thủy lợi"'])
def test_an_accented_query_ranks_exact_accents_above_folded_matches(waterworks, q):
    assert find(q) == [waterworks["irrigation"].title, waterworks["mines"].title]


def test_an_unaccented_query_finds_both_spellings_ranked_as_before(waterworks):
    # Alike once folded: the newer first, as equal scores always were.
    assert find("thuy loi") == [waterworks["mines"].title, waterworks["irrigation"].title]
    scores = [hit.score for hit in search(SearchParams(q="thuy loi")).hits]
    assert scores[0] > scores[1] > 0


def test_an_accented_query_still_finds_folded_matches(waterworks):
    assert find("lôi") == [waterworks["mines"].title, waterworks["irrigation"].title]


def test_sort_by_date_puts_the_newest_first_whatever_the_words(waterworks):
    newest_first = [waterworks["mines"].title, waterworks["irrigation"].title]
    assert find("thủy lợi", sort=Sort.DATE) == newest_first
    assert find("thủy lợi", sort=Sort.RELEVANCE) == newest_first[::-1]
    result = search(SearchParams(q="thủy lợi", sort=Sort.DATE))
    assert [hit.score for hit in result.hits] == [0.0, 0.0]


def test_without_words_the_default_is_by_date_and_relevance_changes_nothing(waterworks):
    newest_first = [waterworks["mines"].title, waterworks["irrigation"].title]
    assert find() == find(sort=Sort.RELEVANCE) == find(sort=Sort.DATE) == newest_first


def test_the_index_keeps_accents_for_ranking(waterworks):
    document = SearchDocument.objects.get(pk=waterworks["irrigation"].pk)
    title, lead, body_opening = document.marked.split("\n")
    assert title.split()[3:5] == marked_tokens("thủy lợi") == marked_tokens("thuỷ lợi")
    assert lead.split()[:4] == marked_tokens("Công ty thủy lợi")
    assert body_opening == " ".join(marked_tokens("Kênh bảo đảm tưới tiêu cho vụ đông xuân."))


def test_the_api_sorts_by_date_or_relevance(client, waterworks):
    def uids(**params):
        response = client.get("/api/items/search", {"q": "thủy lợi", **params})
        assert response.status_code == 200, response.content
        return [hit["item"]["uid"] for hit in response.json()["results"]]

    irrigation, mines = str(waterworks["irrigation"].uid), str(waterworks["mines"].uid)
    assert uids() == uids(sort="relevance") == [irrigation, mines]
    assert uids(sort="date") == [mines, irrigation]
    assert client.get("/api/items/search", {"q": "thủy lợi", "sort": "ngay"}).status_code == 422


def test_the_page_offers_the_order_in_vietnamese_and_keeps_it(client, waterworks):
    page = client.get("/tim-kiem/", {"q": "thủy lợi", "sort": "date"}).content.decode()
    assert '<option value="date" selected>Mới nhất</option>' in page
    assert "Liên quan nhất" in page
    assert page.index(waterworks["mines"].title) < page.index(waterworks["irrigation"].title)


def test_migration_fills_the_same_accented_text_as_the_index(newsroom):
    """Migration 0008 fills `marked` for documents indexed before it; its opening holds the
    tokens that ranking reads of the folded opening, however long the body."""
    migration = importlib.import_module("presscenter.search.migrations.0008_marked_text")
    item = newsroom.publish(title="Thông báo phân luồng", body=long_body("Phân luồng giao thông phố Huế"))
    document = SearchDocument.objects.get(pk=item.pk)
    indexed = document.marked
    assert len(indexed.split("\n")[2].split()) == len(opening(document.opening).split())
    SearchDocument.objects.filter(pk=item.pk).update(marked=None)
    migration.fill(apps=None, schema_editor=SimpleNamespace(connection=connection))
    assert SearchDocument.objects.get(pk=item.pk).marked == indexed
