import pytest
from django.db import connection
from django.urls import reverse

from presscenter.orgs.models import Kind
from presscenter.search import backends
from tests import factories

pytestmark = pytest.mark.django_db
URL = reverse("search:search")


def test_page_lists_latest_items_without_a_query(client, newsroom):
    newsroom.publish(title="Hà Nội khởi công cầu Trần Hưng Đạo")
    response = client.get(URL)
    assert response.status_code == 200
    assert "Hà Nội khởi công cầu Trần Hưng Đạo" in response.text


def test_page_highlights_matches_in_original_spelling(client, newsroom):
    newsroom.publish(title="Phân luồng giao thông", lead="Cấm xe tải trên đường Láng từ 6 giờ.")
    response = client.get(URL, {"q": "DUONG lang"})
    assert response.status_code == 200
    assert "<mark>đường</mark> <mark>Láng</mark>" in response.text
    assert 'role="search"' in response.text


def test_page_filters_and_keeps_them_in_the_form(client, newsroom):
    topic = factories.topic(slug="giao-thong", name="Giao thông")
    ward = factories.organisation(kind=Kind.WARD, name="Phường Láng", slug="phuong-lang")
    newsroom.publish(title="Cấm đường Láng", topics=[topic.pk], areas=[ward.pk])
    newsroom.publish(title="Cấm đường Giải Phóng")
    response = client.get(
        URL, {"q": "cam duong", "topic": "giao-thong", "area": "phuong-lang", "agency": newsroom.org.slug}
    )
    assert response.status_code == 200
    assert "Cấm đường Láng" in response.text
    assert "Cấm đường Giải Phóng" not in response.text
    assert '<option value="giao-thong" selected>' in response.text


def test_bad_query_shows_a_translated_error_not_a_500(client, newsroom):
    response = client.get(URL, {"q": "!!! ???"})
    assert response.status_code == 400
    assert "Từ khóa tìm kiếm cần có ít nhất một chữ cái hoặc chữ số." in response.text
    response = client.get(URL, {"q": "x", "from": "khong-phai-ngay", "page": "abc"})
    assert response.status_code == 400


def test_page_out_of_range_is_explained(client, newsroom):
    newsroom.publish(title="Bản tin thời tiết")
    response = client.get(URL, {"q": "thoi tiet", "page": "5"})
    assert response.status_code == 400
    assert "Trang 5 không tồn tại" in response.text


def test_pagination_links_keep_the_query(client, newsroom):
    for n in range(21):
        newsroom.publish(title=f"Bản tin thời tiết số {n}")
    response = client.get(URL, {"q": "thoi tiet"})
    assert "?q=thoi+tiet&amp;page=2" in response.text
    second = client.get(URL, {"q": "thoi tiet", "page": "2"})
    assert second.status_code == 200
    assert second.text.count('class="search-hit"') == 1


def test_search_page_query_count_does_not_grow_with_hits(client, newsroom, django_assert_max_num_queries):
    topic = factories.topic(slug="thoi-tiet", name="Thời tiết")
    for n in range(20):
        newsroom.publish(title=f"Dự báo thời tiết Hà Nội số {n}", topics=[topic.pk])
    if connection.vendor == "postgresql":
        backends.lexeme_statistics()  # read once per process
    # The form's agencies and topics, agency and topic by slug, the embargoed ids, the matches, the hits.
    with django_assert_max_num_queries(7):
        response = client.get(URL, {"q": "thoi tiet ha noi", "topic": "thoi-tiet", "agency": newsroom.org.slug})
    assert response.text.count('class="search-hit"') == 20
