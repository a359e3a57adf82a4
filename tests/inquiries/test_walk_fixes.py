"""Defects found walking the questions' pages in a browser, each pinned here: a wrong period on
the public statistics page is said beside the field (not silently replaced); a tracking code in
the statistics' question table is labelled on a phone; the routing suggestion's source has no
stray space; a long Open311 application name no longer swells the revoke button; a reopened
question's status page calls the old answer the previous one; while waiting, the agency's
request is quoted where the asker answers it; the 90th percentile is said in words; a merged or rejected question is not "in triage"; following a similar question says so; asking about an item that cannot be found says so."""

import pytest
from django.urls import reverse

from presscenter.accounts.models import Role
from presscenter.inquiries import asking, domain
from presscenter.inquiries.models import Category, RoutingRule
from presscenter.open311.keys import issue_key
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_wrong_year_on_the_public_statistics_is_said_beside_the_field(client):
    html = client.get(reverse("inquiries_stats:public"), {"nam": "9999", "thang": "13"}).content.decode()
    assert 'id="id_nam_error"' in html and 'id="id_thang_error"' in html
    assert "Hãy chọn một lựa chọn hợp lệ" in html


def test_the_statistics_question_list_labels_the_tracking_code(client):
    inquiry = factories.inquiry(None)
    client.force_login(factories.user(Role.CENTER_OPERATOR))
    html = client.get(reverse("inquiries_stats:list")).content.decode()
    assert f'data-label="Mã theo dõi"><code>{inquiry.code}</code>' in html


def test_the_suggestions_source_sits_inside_its_brackets_without_a_stray_space(client):
    organisation = factories.organisation(name="Sở Xây dựng")
    category = Category.objects.create(code="chieu-sang", name="Chiếu sáng đô thị")
    RoutingRule.objects.create(category=category, organisation=organisation)
    inquiry = factories.inquiry(None, category=category)
    client.force_login(factories.user(Role.CENTER_OPERATOR))
    html = client.get(reverse("inquiry_work:detail", args=[inquiry.pk])).content.decode()
    assert "(Theo quy tắc chuyển xử lý)" in html


def test_a_long_open311_application_name_stays_out_of_the_revoke_buttons_visible_text(client):
    staff = factories.user(Role.CENTER_ADMIN)
    name = "Ứng dụng phản ánh hiện trường của Ủy ban nhân dân thành phố Hà Nội"
    issue_key(staff, name=name, contact="Phòng CNTT")
    client.force_login(staff)
    html = client.get(reverse("open311_keys:keys")).content.decode()
    assert "Đang dùng" in html
    assert f'Thu hồi khóa<span class="visually-hidden"> – {name}</span></button>' in html


def test_after_reopening_the_status_page_calls_the_answer_the_previous_one(client, newsroom):
    inquiry = factories.inquiry(None)
    domain.route(newsroom.operator, inquiry, newsroom.org)
    answer = domain.save_answer(newsroom.editor, inquiry, "<p>Đã thay bóng đèn.</p>")
    domain.submit_answer(newsroom.editor, answer)
    domain.approve_answer(newsroom.spokesperson, answer)
    status = reverse("inquiries_public:status", args=[inquiry.code]) + f"?k={inquiry.access_key}"
    assert "Câu trả lời trước" not in client.get(status).content.decode()
    client.post(
        reverse("inquiries_public:reopen", args=[inquiry.code]), {"k": inquiry.access_key, "reason": "Lại hỏng"}
    )
    html = client.get(status).content.decode()
    assert "Câu trả lời trước" in html and "sẽ trả lời lại trong thời hạn mới" in html and "Đã thay bóng đèn." in html


def test_while_waiting_the_agencys_request_is_quoted_in_the_panel_that_takes_the_answer(client, newsroom):
    inquiry = factories.inquiry(None)
    domain.route(newsroom.operator, inquiry, newsroom.org)
    domain.request_info(newsroom.editor, inquiry, "Xin gửi ảnh <b>hiện trạng</b>.")
    status = reverse("inquiries_public:status", args=[inquiry.code]) + f"?k={inquiry.access_key}"
    html = client.get(status).content.decode()
    panel = html[html.index('id="info-heading"') : html.index("Gửi thông tin bổ sung</button>")]
    assert '<blockquote class="asking-request">Xin gửi ảnh &lt;b&gt;hiện trạng&lt;/b&gt;.</blockquote>' in panel


def test_the_ninetieth_percentile_is_said_in_words_on_the_dashboard_and_in_exports(client):
    client.force_login(factories.user(Role.CENTER_OPERATOR))
    html = client.get(reverse("inquiries_stats:dashboard")).content.decode()
    assert "90 % trả lời trong vòng" in html and ">P90<" not in html
    response = client.get(reverse("inquiries_stats:export_aggregates"), {"dinh_dang": "csv"})
    text = b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
    assert "Thời gian trả lời của 90 phần trăm câu hỏi (giờ làm việc)" in text and "P90" not in text


def test_a_merged_or_rejected_question_is_not_said_to_be_in_triage_on_its_status_page(client, newsroom):
    followed = factories.inquiry(None, subject="Ổ gà trên đường Giải Phóng")
    joined = factories.inquiry(None, subject="Ổ gà lớn trên đường Giải Phóng")
    asking.join(None, joined, followed, key=joined.access_key)
    rejected = domain.reject(newsroom.operator, factories.inquiry(None, subject="Quảng cáo"), "Tin rác.")
    for inquiry, words in ((joined, "Cơ quan trả lời câu hỏi bạn theo dõi"), (rejected, "Từ chối")):
        status = reverse("inquiries_public:status", args=[inquiry.code]) + f"?k={inquiry.access_key}"
        html = client.get(status).content.decode()
        assert "Trung tâm đang phân loại" not in html and words in html


def test_following_a_similar_question_after_sending_says_so(client):
    followed = factories.inquiry(None, subject="Ổ gà trên đường Giải Phóng")
    mine = factories.inquiry(None, subject="Ổ gà lớn trên đường Giải Phóng")
    join = reverse("inquiries_public:join", args=[mine.code])
    response = client.post(join, {"k": mine.access_key, "join": followed.code}, follow=True)
    assert f"Bạn đang theo dõi câu hỏi {followed.code}: bạn sẽ nhận cùng câu trả lời." in response.content.decode()


@pytest.mark.parametrize("uid", ["khong-phai-ma", "00000000-0000-0000-0000-000000000000"])
def test_asking_about_an_item_that_cannot_be_found_says_so(client, uid):
    client.force_login(factories.user(Role.JOURNALIST))
    html = client.get(reverse("inquiries_public:question"), {"tin": uid}).content.decode()
    assert "Không tìm thấy tin bạn muốn hỏi" in html
    assert "Không tìm thấy tin bạn muốn hỏi" not in client.get(reverse("inquiries_public:question")).content.decode()
