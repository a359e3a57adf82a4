"""Asking from the public side: a citizen's feedback (anyone) and a journalist's question, with
the human check, rate limits and uploads. Bad input gives a clear Vietnamese reason and creates
nothing."""

import io
import re

import pytest
from django.urls import reverse

from presscenter.accounts.models import Role
from presscenter.audit.models import AuditEntry
from presscenter.inquiries.models import Attachment, Category, EventKind, Inquiry, State
from presscenter.orgs.models import Kind
from tests import factories
from tests.inquiries.asking_helpers import (
    FEEDBACK_URL,
    feedback_data,
    human_fields,
    jpeg,
    png,
    send_feedback,
    status_path,
    upload,
)
from tests.press.conftest import journalist, make_outlet

pytestmark = pytest.mark.django_db
QUESTION_URL = "/hoi-dap/bao-chi/"


def nothing_created():
    return not Inquiry.objects.exists() and not Attachment.objects.exists()


def errors_of(response) -> str:
    return response.content.decode()


# A citizen's feedback ---------------------------------------------------------------------------


def test_an_anonymous_citizen_sends_feedback_with_a_photo_and_a_document(client):
    ward = factories.organisation(kind=Kind.WARD, name="Phường Hoàn Kiếm")
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    response = send_feedback(
        client, area=ward.pk, latitude="21.028511", longitude="105,854167",
        attachments=[upload("anh-den.jpg", jpeg((3000, 2000))), upload("don.pdf", pdf, "application/pdf")],
    )  # fmt: skip
    inquiry = Inquiry.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/hoi-dap/da-gui/{inquiry.code}/?k={inquiry.access_key}"
    assert inquiry.kind == "feedback" and inquiry.state == State.NEW and inquiry.asker is None
    assert (inquiry.asker_name, inquiry.asker_email, inquiry.asker_phone) == (
        "Nguyễn Văn An", "an.nguyen@example.vn", "0912345678",
    )  # fmt: skip
    assert inquiry.area == ward and inquiry.publish_allowed
    assert str(inquiry.latitude) == "21.028511" and str(inquiry.longitude) == "105.854167"
    photo, document = inquiry.attachments.order_by("id")
    assert (photo.kind, photo.mime_type, photo.extension) == ("image", "image/jpeg", ".jpg")
    with photo.file.open("rb") as stored:
        from PIL import Image

        assert max(Image.open(io.BytesIO(stored.read())).size) == 2400  # re-encoded and shrunk
    assert (document.kind, document.mime_type) == ("document", "application/pdf")
    assert list(inquiry.events.values_list("kind", flat=True)) == [EventKind.RECEIVED]
    assert set(AuditEntry.objects.values_list("action", flat=True)) >= {"inquiry.create", "inquiry.attach"}

    page = client.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200 and inquiry.code in html
    assert f"?k={inquiry.access_key}" in html  # the status link, to keep
    assert "5 ngày làm việc" in html  # the deadline policy in words
    assert page["Cache-Control"] == "private, no-store" and page["Referrer-Policy"] == "same-origin"


def test_a_signed_in_citizen_skips_the_human_check_and_the_contact_fields(client):
    citizen = factories.user(Role.PUBLIC, full_name="Lê Thị Hoa", email="hoa@example.vn")
    client.force_login(citizen)
    page = client.get(FEEDBACK_URL).content.decode()
    assert "human_token" not in page and 'name="asker_email"' not in page
    response = client.post(FEEDBACK_URL, feedback_data(asker_name=None, asker_email=None, asker_phone=None))
    inquiry = Inquiry.objects.get()
    assert response.status_code == 302
    assert inquiry.asker == citizen and inquiry.asker_name == "Lê Thị Hoa" and inquiry.asker_email == "hoa@example.vn"
    assert response["Location"] == f"/hoi-dap/da-gui/{inquiry.code}/"  # the account opens it, no secret link


def test_categories_are_the_active_public_ones_by_their_vietnamese_names(client):
    Category.objects.create(code="den", name="Chiếu sáng đô thị", audience="public")
    Category.objects.create(code="chung", name="Hành chính công", audience="both")
    Category.objects.create(code="bao", name="Thông tin cho báo chí", audience="press")
    Category.objects.create(code="cu", name="Lĩnh vực đã bỏ", audience="public", active=False)
    html = client.get(FEEDBACK_URL).content.decode()
    assert "Chiếu sáng đô thị" in html and "Hành chính công" in html
    assert "Thông tin cho báo chí" not in html and "Lĩnh vực đã bỏ" not in html


def test_hostile_html_is_stored_as_plain_text_and_escaped(client):
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)> Đèn hỏng'
    send_feedback(client, subject="<b>Đèn</b> hỏng", text=hostile)
    inquiry = Inquiry.objects.get()
    assert inquiry.text == hostile and inquiry.subject == "<b>Đèn</b> hỏng"
    html = client.get(status_path(inquiry)).content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html and "<b>Đèn</b>" not in html
    assert "&lt;script&gt;" in html and "&lt;b&gt;Đèn&lt;/b&gt;" in html


# Bad input: a reason in Vietnamese, nothing created ------------------------------------------------


def bomb() -> bytes:
    """A small PNG whose header declares 30 megapixels (over the 24 MP budget)."""
    return png((6000, 5000), mode="1")


BAD_INPUT = {
    "wrong type": (
        {"attachments": [upload("anh.jpg", b"MZ\x90\x00 this is a program, not a photo" * 20)]},
        "không phải là loại được phép",
    ),
    "pixel bomb": ({"attachments": [upload("bom.png", bomb(), "image/png")]}, "kích thước quá lớn"),
    "broken image": ({"attachments": [upload("hong.jpg", jpeg()[:200])]}, "Không đọc được ảnh"),
    "empty file": ({"attachments": [upload("rong.jpg", b"")]}, "rỗng"),
    "too many files": ({"attachments": [upload(f"anh{n}.jpg", jpeg()) for n in range(6)]}, "tối đa 5 tệp"),
    "latitude out of Vietnam": ({"latitude": "95", "longitude": "105.8"}, "Vĩ độ phải nằm trong lãnh thổ Việt Nam"),
    "longitude out of Vietnam": (
        {"latitude": "21.0", "longitude": "-73.9"},
        "Kinh độ phải nằm trong lãnh thổ Việt Nam",
    ),
    "absurd number": ({"latitude": "1e400", "longitude": "105.8"}, "Vĩ độ phải nằm trong lãnh thổ Việt Nam"),
    "not a number": ({"latitude": "NaN", "longitude": "105.8"}, "Hãy nhập một số"),
    "only latitude": ({"latitude": "21.0", "longitude": ""}, "Hãy nhập cả vĩ độ và kinh độ"),
    "subject too long": ({"subject": "Đ" * 301}, "Tiêu đề quá dài: tối đa 300 ký tự"),
    "text too long": ({"text": "x" * 10_001}, "Nội dung quá dài"),
    "no subject": ({"subject": "   "}, "Tiêu đề"),
    "no contact": ({"asker_email": "", "asker_phone": ""}, "Hãy để lại thư điện tử hoặc số điện thoại"),
    "bad email": ({"asker_email": "an.nguyen@", "asker_phone": ""}, "Thư điện tử không hợp lệ"),
    "name too long": ({"asker_name": "Nguyễn " * 40}, "tối đa 200"),
    "unknown category": ({"category": "999999"}, "Hãy chọn một lựa chọn hợp lệ"),
    "bad phone": ({"asker_email": "", "asker_phone": "12345"}, "Số điện thoại không hợp lệ"),
    "no name": ({"asker_name": "  "}, "Họ và tên"),
    "wrong human answer": ({"human_answer": "999"}, "Câu trả lời kiểm tra chưa đúng"),
    "no human token": ({"human_token": "", "human_answer": "3"}, "Câu hỏi kiểm tra đã hết hạn"),
    "forged human token": (
        {"human_token": "eyJuIjoiYSJ9:forged:sig", "human_answer": "3"},
        "Câu hỏi kiểm tra đã hết hạn",
    ),
    "honeypot": ({"website": "http://spam.example"}, "Không gửi được biểu mẫu"),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUT))
def test_bad_input_is_refused_with_a_reason_and_creates_nothing(client, case, settings):
    fields, reason = BAD_INPUT[case]
    response = send_feedback(client, **fields)
    assert response.status_code == 400
    assert reason in errors_of(response)
    assert nothing_created()
    assert not AuditEntry.objects.filter(action__startswith="inquiry.").exists()


def test_an_oversized_file_is_refused(client, settings):
    settings.INQUIRY_ATTACHMENT_MAX_BYTES = 10_000
    response = send_feedback(client, attachments=[upload("to.jpg", jpeg((900, 900), quality=100))])
    assert response.status_code == 400 and "quá lớn: tối đa" in errors_of(response)
    assert nothing_created()


def test_a_category_that_needs_a_place_requires_one(client):
    category = Category.objects.create(code="duong", name="Hạ tầng giao thông", audience="public", needs_location=True)
    response = send_feedback(client, category=category.pk, location="")
    assert response.status_code == 400 and "cần địa điểm" in errors_of(response)
    assert nothing_created()
    assert send_feedback(client, category=category.pk, location="Ngõ 5 Hàng Bông").status_code == 302


def test_a_human_check_token_works_once(client):
    page = client.get(FEEDBACK_URL).content.decode()
    human = human_fields(page)
    assert client.post(FEEDBACK_URL, feedback_data(**human)).status_code == 302
    again = client.post(FEEDBACK_URL, feedback_data(**human, subject="Một phản ánh khác"))
    assert again.status_code == 400 and "đã hết hạn hoặc đã được dùng" in errors_of(again)
    assert Inquiry.objects.count() == 1


def test_a_form_sent_back_for_a_typo_does_not_ask_the_human_check_again(client):
    page = client.get(FEEDBACK_URL).content.decode()
    first = client.post(FEEDBACK_URL, feedback_data(**human_fields(page), asker_email="", asker_phone=""))
    html = errors_of(first)
    assert first.status_code == 400 and 'id="human-question"' not in html  # passed: not asked again
    second = client.post(FEEDBACK_URL, feedback_data(**human_fields(html)))
    assert second.status_code == 302 and Inquiry.objects.count() == 1


def test_a_wrong_answer_gets_a_new_question(client):
    page = client.get(FEEDBACK_URL).content.decode()
    token = human_fields(page)["human_token"]
    response = client.post(FEEDBACK_URL, feedback_data(human_token=token, human_answer="999"))
    assert human_fields(errors_of(response))["human_token"] != token


def test_words_answer_the_human_check(client):
    from presscenter.inquiries.human_check import NUMBERS

    page = client.get(FEEDBACK_URL).content.decode()
    human = human_fields(page)
    human["human_answer"] = (
        NUMBERS[int(human["human_answer"])] if int(human["human_answer"]) <= 10 else human["human_answer"]
    )
    assert client.post(FEEDBACK_URL, feedback_data(**human)).status_code == 302


# Rate limits ------------------------------------------------------------------------------------


def test_too_many_sends_from_one_address_get_429_and_save_nothing(client, settings):
    settings.INQUIRY_RATE_PER_ADDRESS = 2
    assert send_feedback(client, asker_email="a@example.vn").status_code == 302
    assert send_feedback(client, asker_email="b@example.vn").status_code == 302
    refused = send_feedback(client, asker_email="c@example.vn")
    assert refused.status_code == 429
    assert "Bạn đã gửi quá nhiều lần" in errors_of(refused)
    assert 'value="c@example.vn"' in errors_of(refused)  # what was typed comes back
    assert Inquiry.objects.count() == 2


def test_too_many_sends_for_one_contact_from_many_addresses_get_429(client, settings):
    settings.INQUIRY_RATE_PER_CONTACT = 1
    assert send_feedback(client, REMOTE_ADDR="10.0.0.1").status_code == 302
    refused = send_feedback(client, asker_email="AN.NGUYEN@example.vn", asker_phone="")
    assert refused.status_code == 429 and "quá nhiều lần" in errors_of(refused)
    assert Inquiry.objects.count() == 1


# A journalist's question ------------------------------------------------------------------------


@pytest.fixture
def reporter(db):
    operator = factories.user(Role.CENTER_OPERATOR)
    return journalist(make_outlet(name="Báo Hà Nội Mới"), approved_by=operator).user


def test_a_journalist_asks_about_an_item(client, newsroom, reporter):
    item = newsroom.publish(title="Khởi công cầu Trần Hưng Đạo")
    topic = factories.topic(name="Giao thông")
    client.force_login(reporter)
    page = client.get(f"{QUESTION_URL}?tin={item.uid}")
    html = page.content.decode()
    assert page.status_code == 200 and "Khởi công cầu Trần Hưng Đạo" in html and "Bạn hỏi về tin" in html
    assert "human_token" not in html
    response = client.post(
        f"{QUESTION_URL}?tin={item.uid}",
        {
            "kind": "info_request",
            "subject": "Tổng vốn đầu tư cầu?",
            "text": "Xin cho biết tổng vốn.",
            "topic": topic.pk,
        },
    )
    inquiry = Inquiry.objects.get()
    assert response.status_code == 302
    assert (inquiry.kind, inquiry.about_item, inquiry.topic, inquiry.asker) == ("info_request", item, topic, reporter)
    assert inquiry.asker_outlet == "Báo Hà Nội Mới" and inquiry.asker_accredited
    assert not inquiry.publish_allowed


def test_an_unaccredited_journalist_may_ask_and_the_agency_sees_it(client, newsroom):
    pending = journalist(make_outlet()).user
    client.force_login(pending)
    response = client.post(QUESTION_URL, {"kind": "question", "subject": "Lịch họp báo?", "text": "Khi nào?"})
    assert response.status_code == 302
    assert Inquiry.objects.get().asker_accredited is False


def test_an_unknown_or_unpublished_item_is_ignored(client, newsroom, reporter):
    draft = newsroom.draft(title="Bản nháp chưa công bố")
    client.force_login(reporter)
    html = client.get(f"{QUESTION_URL}?tin={draft.uid}").content.decode()
    assert "Bản nháp chưa công bố" not in html
    assert client.get(f"{QUESTION_URL}?tin=khong-phai-uuid").status_code == 200


@pytest.mark.parametrize("role", [None, Role.PUBLIC, Role.EDITOR, Role.SPOKESPERSON, Role.CENTER_OPERATOR])
def test_others_get_an_explanation_and_cannot_post_a_press_question(client, role):
    if role is not None:
        client.force_login(
            factories.user(role, factories.organisation() if role in (Role.EDITOR, Role.SPOKESPERSON) else None)
        )
    page = client.get(QUESTION_URL)
    html = page.content.decode()
    assert page.status_code == 403
    assert reverse("press:signup") in html and reverse("inquiries_public:feedback") in html
    assert client.post(QUESTION_URL, {"kind": "question", "subject": "x", "text": "y"}).status_code == 403
    assert nothing_created()


# Similar questions while asking ----------------------------------------------------------------------


def test_the_preview_shows_similar_open_questions_without_personal_data(client):
    existing = factories.inquiry(
        subject="Đèn đường hỏng trên phố Hàng Bông", asker_name="Trần Văn Bình", asker_email="binh@example.vn"
    )
    page = client.get(FEEDBACK_URL).content.decode()
    response = client.post(
        FEEDBACK_URL, feedback_data(**human_fields(page), subject="den duong hang bong ko sang", preview="1")
    )
    html = errors_of(response)
    assert response.status_code == 200 and existing.code in html
    assert "Đây cũng là câu hỏi của tôi — theo dõi câu hỏi này" in html
    assert "Trần Văn Bình" not in html and "binh@example.vn" not in html
    assert Inquiry.objects.count() == 1  # a preview saves nothing


def test_the_htmx_partial_offers_similar_questions(client):
    existing = factories.inquiry(subject="Đèn đường hỏng trên phố Hàng Bông")
    html = client.get(reverse("inquiries_public:similar"), {"subject": "den duong hang bong hong"}).content.decode()
    assert existing.code in html and 'name="join"' in html
    assert (
        existing.code
        not in client.get(reverse("inquiries_public:similar"), {"subject": "giấy phép kinh doanh"}).content.decode()
    )


def test_choosing_to_follow_a_similar_question_creates_mine_and_joins_it(client):
    existing = factories.inquiry(subject="Đèn đường hỏng trên phố Hàng Bông")
    response = send_feedback(client, subject="den duong hang bong ko sang", join=existing.code)
    mine = Inquiry.objects.exclude(pk=existing.pk).get()
    assert response.status_code == 302
    assert mine.state == State.MERGED and mine.merged_into == existing
    assert AuditEntry.objects.filter(action="inquiry.join", object_id=str(mine.pk)).exists()
    html = client.get(status_path(mine)).content.decode()
    assert "Câu hỏi bạn theo dõi" in html and existing.code in html


def test_following_a_closed_question_is_refused_and_creates_nothing(client):
    existing = factories.inquiry(subject="Đèn đường hỏng trên phố Hàng Bông")
    from presscenter.inquiries import domain

    domain.reject(factories.user(Role.CENTER_OPERATOR), existing, "Trùng")
    response = send_feedback(client, subject="den hang bong", join=existing.code)
    assert response.status_code == 400 and "không còn đang xử lý" in errors_of(response)
    assert Inquiry.objects.count() == 1


def test_after_sending_the_asker_may_still_follow_a_similar_question(client):
    existing = factories.inquiry(subject="Đèn đường hỏng trên phố Hàng Bông", text="Đèn không sáng")
    response = send_feedback(client, subject="den duong hang bong ko sang")
    mine = Inquiry.objects.exclude(pk=existing.pk).get()
    sent = client.get(response["Location"]).content.decode()
    assert existing.code in sent
    joined = client.post(
        reverse("inquiries_public:join", args=[mine.code]), {"k": mine.access_key, "join": existing.code}
    )
    assert joined.status_code == 302
    mine.refresh_from_db()
    assert mine.state == State.MERGED and mine.merged_into == existing


def test_nobody_else_can_join_my_question(client):
    existing = factories.inquiry(subject="Đèn đường hỏng trên phố Hàng Bông")
    mine = factories.inquiry(subject="den hang bong")
    response = client.post(reverse("inquiries_public:join", args=[mine.code]), {"k": "sai", "join": existing.code})
    assert response.status_code == 404
    mine.refresh_from_db()
    assert mine.state == State.NEW


def test_the_sent_page_tells_the_code_in_big_letters(client):
    response = send_feedback(client)
    inquiry = Inquiry.objects.get()
    html = client.get(response["Location"]).content.decode()
    assert re.search(rf'<code id="tracking-code">{inquiry.code}</code>', html)
    assert "Điều gì xảy ra tiếp theo" in html


@pytest.mark.parametrize(
    ("typed", "value"),
    [("7", 7), (" Bảy ", 7), ("bay", 7), ("mười bốn", 14), ("muoi lam", 15), ("mười", 10), ("không", 0), ("abc", None)],
)
def test_answers_are_read_in_digits_or_words(typed, value):
    from presscenter.inquiries.human_check import read_answer

    assert read_answer(typed) == value


def test_the_human_check_reads_in_english_too(client, settings):
    from presscenter.inquiries.human_check import read_answer

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(FEEDBACK_URL).content.decode()
    question = re.search(r'id="human-question">([^<]+)</p>', html)
    assert question is not None and question.group(1).startswith("What is ")
    assert read_answer("seven") == 7 and read_answer("Fourteen") == 14


def test_sends_behind_a_trusted_proxy_are_counted_per_client_and_spoofing_is_ignored(client, settings):
    settings.INQUIRY_RATE_PER_ADDRESS = 1
    settings.TRUSTED_PROXIES = ["10.0.0.5"]

    def via(peer: str, forwarded: str, email: str) -> int:
        meta = {"REMOTE_ADDR": peer, "HTTP_X_FORWARDED_FOR": forwarded}
        return send_feedback(client, asker_email=email, asker_phone="", meta=meta).status_code

    assert via("10.0.0.5", "198.51.100.1", "a@example.vn") == 302
    assert via("10.0.0.5", "198.51.100.2", "b@example.vn") == 302  # another visitor behind the proxy
    assert via("10.0.0.5", "198.51.100.9, 198.51.100.1", "c@example.vn") == 429  # its own header is no disguise
    assert via("203.0.113.7", "1.1.1.1", "d@example.vn") == 302
    assert via("203.0.113.7", "2.2.2.2", "e@example.vn") == 429  # an untrusted peer's header is ignored
    assert Inquiry.objects.count() == 3
