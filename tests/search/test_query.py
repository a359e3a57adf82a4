import datetime as dt
import unicodedata

import pytest
from django.db import connection
from django.utils import timezone

from presscenter.accounts.models import Role
from presscenter.core.errors import DomainError
from presscenter.orgs.models import Kind
from presscenter.releases import domain
from presscenter.search.index import rebuild_index
from presscenter.search.models import SearchDocument
from presscenter.search.parse import parse
from presscenter.search.query import SearchParams, search
from presscenter.search.ranking import BODY_CHARS
from presscenter.text import marked_tokens
from tests import factories

pytestmark = pytest.mark.django_db


def titles(result):
    return [hit.item.title for hit in result.hits]


def find(q="", user=None, **filters):
    return titles(search(SearchParams(q=q, **filters), user))


@pytest.fixture
def corpus(newsroom):
    """Three items about different things, in the spellings agencies really use."""
    return {
        "bridge": newsroom.publish(
            title="Hà Nội khởi công cầu Trần Hưng Đạo",
            lead="Cầu bắc qua sông Hồng, nối quận Hoàn Kiếm với Long Biên.",
            body="<p>Tổng vốn đầu tư khoảng 19.000 tỷ đồng.</p>",
        ),
        "road": newsroom.publish(
            title="Phân luồng giao thông trên đường Giải Phóng",
            lead="Sở Xây dựng thông báo phân luồng từ ngày 1/12.",
            body="<p>Người dân nên đi đường vành đai 2.</p>",
        ),
        "peace": newsroom.publish(
            title="Lễ hội hòa bình tại Thủ đô",
            lead="Chương trình nghệ thuật kỷ niệm Hà Nội - Thành phố vì hòa bình.",
            body="<p>Thủy triều khách tham quan đổ về hồ Gươm.</p>",
        ),
    }


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("ha noi", {"Hà Nội khởi công cầu Trần Hưng Đạo", "Lễ hội hòa bình tại Thủ đô"}),
        ("HÀ NỘI cau", {"Hà Nội khởi công cầu Trần Hưng Đạo"}),
        ("DUONG giai phong", {"Phân luồng giao thông trên đường Giải Phóng"}),
        ("hoà bình", {"Lễ hội hòa bình tại Thủ đô"}),  # old-style tone placement
        ("thuỷ triều", {"Lễ hội hòa bình tại Thủ đô"}),
        (unicodedata.normalize("NFD", "Trần Hưng Đạo"), {"Hà Nội khởi công cầu Trần Hưng Đạo"}),
    ],
)
def test_search_ignores_accents_case_and_composition(corpus, q, expected):
    assert set(find(q)) == expected


def test_words_are_and_ed(corpus):
    assert find("cầu giải phóng") == []


def test_phrase_queries_keep_word_order(corpus):
    assert find('"ha noi khoi cong"') == ["Hà Nội khởi công cầu Trần Hưng Đạo"]
    assert find('"noi ha"') == []
    assert find('"vi hoa binh" thu do') == ["Lễ hội hòa bình tại Thủ đô"]


def test_a_phrase_is_found_anywhere_in_a_long_body_but_not_in_a_word_cut_short(newsroom):
    """Ranking keeps the body's first BODY_CHARS: a phrase ending there, at a word cut short
    ("hoa" of "hoàn"), is not the phrase; a phrase far past it, or ending a body, is."""
    padding = "aa " * ((BODY_CHARS - len("ho dieu hoa")) // 3)
    assert len(padding + "ho dieu hoa") == BODY_CHARS
    newsroom.publish(title="Hoa sen", body=f"<p>{padding}hồ điều hoàn thành</p>")
    newsroom.publish(title="Cuối bài", body=f"<p>{padding}{padding}công viên hồ điều hòa</p>")
    newsroom.publish(title="Ngắn", body="<p>Nạo vét hồ điều hòa</p>")
    assert sorted(find('"hồ điều hòa"')) == ["Cuối bài", "Ngắn"]


def test_title_matches_rank_above_body_matches(newsroom):
    newsroom.publish(title="Báo cáo tuần", body="<p>Tình hình ngập úng sau mưa lớn.</p>")
    newsroom.publish(title="Ngập úng sau mưa lớn", body="<p>Báo cáo nhanh.</p>")
    result = search(SearchParams(q="ngập úng"))
    assert titles(result) == ["Ngập úng sau mưa lớn", "Báo cáo tuần"]
    assert result.hits[0].score > result.hits[1].score > 0


def test_snippet_highlights_original_spelling_and_escapes(newsroom):
    newsroom.publish(
        title="Thông báo",
        lead="Đường <Láng> & phố Thái Hà tạm cấm xe tải.",
        body="<p>Đường Láng mở lại lúc 18 giờ.</p>",
    )
    hit = search(SearchParams(q="duong lang")).hits[0]
    assert "<mark>Đường</mark> &lt;<mark>Láng</mark>&gt; &amp; phố" in hit.snippet
    assert "<Láng>" not in hit.snippet


def test_empty_query_lists_latest_first(corpus):
    assert find() == [
        "Lễ hội hòa bình tại Thủ đô",
        "Phân luồng giao thông trên đường Giải Phóng",
        "Hà Nội khởi công cầu Trần Hưng Đạo",
    ]


def test_filters_by_agency_type_topic_and_area(newsroom):
    other = factories.Newsroom()
    culture = factories.topic(slug="van-hoa", name="Văn hóa")
    ward = factories.organisation(kind=Kind.WARD, name="Phường Hoàn Kiếm", slug="phuong-hoan-kiem")
    newsroom.publish(title="Triển lãm mỹ thuật", topics=[culture.pk], areas=[ward.pk])
    newsroom.publish(title="Triển lãm ô tô", type="announcement")
    other.publish(title="Triển lãm sách")
    assert set(find("trien lam", organisation=newsroom.org.slug)) == {"Triển lãm mỹ thuật", "Triển lãm ô tô"}
    assert find("trien lam", type="announcement") == ["Triển lãm ô tô"]
    assert find("trien lam", topic="van-hoa") == ["Triển lãm mỹ thuật"]
    assert find(area="phuong-hoan-kiem") == ["Triển lãm mỹ thuật"]
    assert find(organisation=other.org.slug) == ["Triển lãm sách"]


def test_area_filter_includes_what_the_ward_issued():
    ward = factories.Newsroom(kind=Kind.WARD, slug="phuong-hoan-kiem")
    ward.publish(title="Lịch tiếp công dân")
    assert find(area="phuong-hoan-kiem") == ["Lịch tiếp công dân"]
    rebuild_index()
    assert find("tiep cong dan", area="phuong-hoan-kiem") == ["Lịch tiếp công dân"]


def test_filters_by_date_range_in_local_days(newsroom):
    item = newsroom.publish(title="Họp báo định kỳ")
    day = timezone.localdate(item.last_published_at)
    assert find("hop bao", date_from=day, date_to=day) == ["Họp báo định kỳ"]
    assert find("hop bao", date_to=day - dt.timedelta(days=1)) == []
    assert find("hop bao", date_from=day + dt.timedelta(days=1)) == []


@pytest.mark.parametrize("word", ["2025", "0123", "1e5", "covid19", "19000", "a7"])
def test_numbers_and_codes_are_found_as_typed(newsroom, word):
    newsroom.publish(title=f"Thông báo {word} về lịch tiếp dân")
    assert find(word) == [f"Thông báo {word} về lịch tiếp dân"]


def test_filter_tags_are_not_words(newsroom):
    newsroom.publish(title="Lịch tiếp dân", type="announcement")
    assert find(f"o{newsroom.org.pk}") == []
    assert find("kannouncement") == []


def test_date_range_follows_the_last_publication_not_the_order_of_creation(newsroom):
    corrected = newsroom.publish(title="Kế hoạch tiêm chủng")
    newsroom.publish(title="Kế hoạch tiêm chủng bổ sung")
    newest = newsroom.publish(title="Kết quả tiêm chủng")
    # The oldest item was corrected today; the two newer ones were last published ten days ago.
    ten_days_ago = timezone.now() - dt.timedelta(days=10)
    SearchDocument.objects.exclude(pk=corrected.pk).update(published_at=ten_days_ago)
    today = timezone.localdate()
    assert find("tiem chung", date_from=today) == ["Kế hoạch tiêm chủng"]
    assert find("tiem chung", date_to=today - dt.timedelta(days=5)) == [
        "Kết quả tiêm chủng",
        "Kế hoạch tiêm chủng bổ sung",
    ]
    assert find("ket qua", date_to=today - dt.timedelta(days=11)) == []
    assert newest.pk > corrected.pk


def test_embargoed_items_only_for_those_who_may_see_them(newsroom):
    embargo = timezone.now() + dt.timedelta(hours=2)
    newsroom.publish(title="Kết quả tuyển sinh lớp 10", embargo_until=embargo)
    public = factories.user(Role.PUBLIC)
    journalist = factories.user(Role.JOURNALIST, accredited=True)
    assert find("tuyen sinh") == []
    assert find("tuyen sinh", user=public) == []
    assert find(user=public) == []
    assert find("tuyen sinh", user=journalist) == ["Kết quả tuyển sinh lớp 10"]


def test_withdrawn_items_leave_search(newsroom):
    item = newsroom.publish(title="Thông tin sai về giá điện")
    assert find("gia dien") == ["Thông tin sai về giá điện"]
    domain.withdraw(newsroom.spokesperson, item, "Đăng nhầm số liệu.")
    assert find("gia dien") == []
    assert not SearchDocument.objects.filter(pk=item.pk).exists()


def test_republished_version_replaces_the_old_text(newsroom):
    item = newsroom.publish(title="Lịch cắt điện tuần này")
    domain.update_item(newsroom.editor, item, title="Lịch cắt nước tuần này", change_note="Sửa tiêu đề.")
    assert find("cat nuoc") == []  # the revision is not public yet
    domain.submit(newsroom.editor, item)
    domain.approve(newsroom.spokesperson, item)
    assert find("cat nuoc") == ["Lịch cắt nước tuần này"]
    assert find("cat dien") == []


def test_rebuild_index_restores_public_records_only(corpus, newsroom):
    domain.withdraw(newsroom.spokesperson, corpus["road"], "Hết hiệu lực.")
    newsroom.draft(title="Bản nháp về hòa bình")
    SearchDocument.objects.all().delete()
    assert find("hoa binh") == []
    assert rebuild_index() == 2
    assert find("hoa binh") == ["Lễ hội hòa bình tại Thủ đô"]


def test_rebuild_after_statistics_of_an_empty_index_leaves_it_live(newsroom):
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # as on a fresh install: statistics of an empty index
    newsroom.publish(title="Lịch tiếp công dân")
    assert rebuild_index() == 1
    newsroom.publish(title="Lịch tiếp công dân tháng sau")  # indexed as it is published
    assert len(find("tiep cong dan")) == 2


def test_pagination(newsroom):
    for n in range(5):
        newsroom.publish(title=f"Bản tin thời tiết số {n}")
    first = search(SearchParams(q="thoi tiet", per_page=2))
    last = search(SearchParams(q="thoi tiet", per_page=2, page=3))
    assert (first.total, last.total, len(first.hits), len(last.hits)) == (5, 5, 2, 1)
    assert {hit.item.pk for hit in first.hits}.isdisjoint(hit.item.pk for hit in last.hits)


@pytest.mark.parametrize(
    "params",
    [
        SearchParams(q="?!... --- ***"),
        SearchParams(q="a" * 301),
        SearchParams(q="thoi tiet", page=9),
        SearchParams(q="thoi tiet", page=51),
        SearchParams(page=0),
        SearchParams(per_page=1000),
        SearchParams(type="tin-gia"),
        SearchParams(organisation="khong-co"),
        SearchParams(topic="khong-co"),
        SearchParams(area="khong-co"),
        SearchParams(date_from=dt.date(2025, 2, 1), date_to=dt.date(2025, 1, 1)),
        SearchParams(q="thoi tiet", sort="ngay"),
    ],
)
def test_bad_queries_raise_a_clear_error(newsroom, params):
    newsroom.publish(title="Bản tin thời tiết")
    with pytest.raises(DomainError) as caught:
        search(params)
    assert str(caught.value.message)


@pytest.mark.parametrize(
    "q",
    ['"ha noi', "NEAR(ha noi)", "ha OR noi", "title:ha", "{body}: x", "ha* ^noi", "' OR 1=1 --", '"ha" "', "-noi"],
)
def test_query_syntax_cannot_be_injected(corpus, q):
    result = search(SearchParams(q=q))
    assert result.total == len(result.hits)  # ran as plain words, whatever they were


def test_index_columns_are_folded(corpus):
    document = SearchDocument.objects.get(pk=corpus["bridge"].pk)
    assert document.title == "ha noi khoi cong cau tran hung dao"
    assert document.body == "tong von dau tu khoang 19 000 ty dong"
    assert connection.vendor in {"sqlite", "postgresql"}


def test_parsed_terms_keep_typed_order_and_accents_only_when_typed():
    query = parse('Sở "Giao thông" hoà   bình "')
    assert query.terms == (("so",), ("giao", "thong"), ("hoa",), ("binh",))
    assert query.marked == tuple(tuple(marked_tokens(chunk)) for chunk in ("Sở", "Giao thông", "hòa", "bình"))
    assert parse("so giao thong").marked == ()
    assert parse("ĐÔ").accented and not parse("DO").accented
