"""The asker's pages: who sees which (the permission matrix), what the status page shows (public
timeline only, agencies by name, never a person's), its actions by account or secret link, the
look-up by code and contact, and "Câu hỏi của tôi"."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from presscenter.accounts.models import Role
from presscenter.inquiries import asking, domain
from presscenter.inquiries.models import Answer, EventKind, Inquiry, State
from tests import factories
from tests.inquiries.asking_helpers import human_fields, status_path

pytestmark = pytest.mark.django_db
ROLES = [None, Role.PUBLIC, Role.JOURNALIST, Role.EDITOR, Role.SPOKESPERSON, Role.CENTER_OPERATOR, Role.CENTER_ADMIN]


def signed_in(client, role):
    if role is None:
        return None
    organisation = factories.organisation() if role in (Role.EDITOR, Role.SPOKESPERSON) else None
    user = factories.user(role, organisation)
    client.force_login(user)
    return user


def answered(inquiry, newsroom, body="<p>Đã thay ba bóng đèn.</p>"):
    domain.route(newsroom.operator, inquiry, newsroom.org)
    answer = domain.save_answer(newsroom.editor, inquiry, body)
    domain.submit_answer(newsroom.editor, answer)
    domain.approve_answer(newsroom.spokesperson, answer)
    inquiry.refresh_from_db()
    return inquiry


# The permission matrix ------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES, ids=lambda role: role or "anonymous")
def test_who_opens_which_form(client, role):
    signed_in(client, role)
    assert client.get(reverse("inquiries_public:index")).status_code == 200
    assert client.get(reverse("inquiries_public:feedback")).status_code == 200
    assert client.get(reverse("inquiries_public:lookup")).status_code == 200
    assert client.get(reverse("inquiries_public:question")).status_code == (200 if role == Role.JOURNALIST else 403)
    mine = client.get(reverse("inquiries_public:mine"))
    assert mine.status_code == (302 if role is None else 200)


@pytest.mark.parametrize("role", ROLES, ids=lambda role: role or "anonymous")
def test_only_the_asker_sees_an_account_holders_status_page(client, role):
    asker = factories.user(Role.PUBLIC)
    inquiry = factories.inquiry(asker, asker_phone="0912345678")
    other = signed_in(client, role)
    page = client.get(status_path(inquiry, key=False))
    if other is None:
        assert page.status_code == 302 and page["Location"].startswith(reverse("accounts:login"))
    else:
        assert page.status_code == 404  # staff too: they have the workspace
    assert client.get(reverse("inquiries_public:sent", args=[inquiry.code]) + "?k=sai").status_code == 404
    client.force_login(asker)
    assert client.get(status_path(inquiry, key=False)).status_code == 200


@pytest.mark.parametrize("role", ROLES, ids=lambda role: role or "anonymous")
def test_an_anonymous_askers_page_opens_with_the_key_only(client, role):
    inquiry = factories.inquiry()
    signed_in(client, role)
    assert client.get(status_path(inquiry)).status_code == 200
    assert client.get(f"{status_path(inquiry, key=False)}?k={'0' * len(inquiry.access_key)}").status_code == 404
    assert client.get(f"{status_path(inquiry, key=False)}?k=").status_code in (302, 404)
    unknown = reverse("inquiries_public:status", args=["HD-AAAA-BBBB"]) + "?k=abc"
    assert client.get(unknown).status_code == 404


def test_a_code_alone_reveals_nothing(client):
    inquiry = factories.inquiry()
    real = client.get(status_path(inquiry, key=False))
    fake = client.get(reverse("inquiries_public:status", args=["HD-ZZZZ-ZZZZ"]))
    assert (
        real.status_code == fake.status_code == 302
        and real["Location"].split("next=")[0] == fake["Location"].split("next=")[0]
    )


# The status page ----------------------------------------------------------------------------------


def test_the_timeline_shows_public_steps_agencies_and_reasons_never_staff_names(client, newsroom):
    ward = factories.organisation(name="UBND phường Hoàn Kiếm")
    ward_officer = factories.user(Role.EDITOR, ward, full_name="Phạm Cán Bộ")
    inquiry = factories.inquiry()
    domain.route(newsroom.operator, inquiry, newsroom.org)
    domain.add_note(newsroom.operator, inquiry, "Ghi chú nội bộ: người này hay phản ánh")
    domain.assign(newsroom.spokesperson, inquiry, newsroom.editor)
    domain.transfer(newsroom.editor, inquiry, ward, "Đèn đường trong ngõ do phường quản lý")
    domain.assign(factories.user(Role.SPOKESPERSON, ward), inquiry, ward_officer)
    html = client.get(status_path(inquiry)).content.decode()
    assert "Giao cơ quan xử lý" in html and newsroom.org.name in html
    assert "Chuyển xử lý" in html and "UBND phường Hoàn Kiếm" in html
    assert "Đèn đường trong ngõ do phường quản lý" in html
    assert "Ghi chú nội bộ" not in html
    for person in (ward_officer, newsroom.editor, newsroom.operator, newsroom.spokesperson):
        assert person.full_name not in html


def test_the_due_date_is_shown_in_vietnam_time(client, newsroom):
    inquiry = factories.inquiry()
    domain.route(newsroom.operator, inquiry, newsroom.org)
    Inquiry.objects.filter(pk=inquiry.pk).update(due_at=dt.datetime(2031, 3, 4, 9, 30, tzinfo=dt.UTC))
    html = client.get(status_path(inquiry)).content.decode()
    assert "04/03/2031 16:30" in html


def test_while_waiting_the_page_says_the_clock_is_paused_and_takes_the_information(client, newsroom):
    inquiry = factories.inquiry()
    domain.route(newsroom.operator, inquiry, newsroom.org)
    domain.request_info(newsroom.editor, inquiry, "Xin cho biết số nhà chính xác.")
    html = client.get(status_path(inquiry)).content.decode()
    assert "Đang tạm dừng tính hạn: chờ bạn bổ sung thông tin" in html and "Xin cho biết số nhà chính xác." in html

    url = reverse("inquiries_public:add_info", args=[inquiry.code])
    empty = client.post(url, {"k": inquiry.access_key, "text": "  "})
    assert empty.status_code == 400 and "Thông tin bổ sung" in empty.content.decode()
    assert client.post(url, {"k": "sai", "text": "Số 42"}).status_code == 404
    inquiry.refresh_from_db()
    assert inquiry.state == State.WAITING

    done = client.post(url, {"k": inquiry.access_key, "text": "Số 42 Hàng Bông"})
    assert done.status_code == 302
    inquiry.refresh_from_db()
    assert inquiry.state == State.IN_PROGRESS and inquiry.due_at is not None
    assert inquiry.events.filter(kind=EventKind.INFO_ADDED, text="Số 42 Hàng Bông").exists()


def test_the_answer_is_shown_sanitised_with_the_published_item(client, newsroom):
    inquiry = answered(factories.inquiry(publish_allowed=True), newsroom)
    Answer.objects.filter(inquiry=inquiry).update(
        body='<p>Đã sửa.</p><script>alert(1)</script><a href="javascript:x">x</a>'
    )
    html = client.get(status_path(inquiry)).content.decode()
    assert "Đã sửa." in html and "<script>alert(1)" not in html and "javascript:x" not in html
    assert inquiry.answer_item is not None and inquiry.answer_item.get_absolute_url() in html
    assert newsroom.org.name in html


def test_the_asker_rates_and_reopens_with_the_key(client, newsroom):
    inquiry = answered(factories.inquiry(), newsroom)
    rate = reverse("inquiries_public:rate", args=[inquiry.code])
    bad = client.post(rate, {"k": inquiry.access_key, "rating": "7"})
    assert bad.status_code == 400 and "Mức độ hài lòng" in bad.content.decode()
    assert client.post(rate, {"k": inquiry.access_key, "rating": "4", "comment": "Nhanh"}).status_code == 302
    inquiry.refresh_from_db()
    assert (inquiry.rating, inquiry.rating_comment) == (4, "Nhanh")

    reopen = reverse("inquiries_public:reopen", args=[inquiry.code])
    assert client.post(reopen, {"k": inquiry.access_key, "reason": ""}).status_code == 400
    assert client.post(reopen, {"k": inquiry.access_key, "reason": "Đèn lại hỏng"}).status_code == 302
    inquiry.refresh_from_db()
    assert inquiry.state == State.REOPENED and inquiry.reopen_count == 1


def test_reopening_after_the_period_is_refused_with_the_reason(client, newsroom, settings):
    inquiry = answered(factories.inquiry(), newsroom)
    Inquiry.objects.filter(pk=inquiry.pk).update(answered_at=timezone.now() - dt.timedelta(days=30))
    assert "Chưa thỏa đáng?" not in client.get(status_path(inquiry)).content.decode()
    response = client.post(
        reverse("inquiries_public:reopen", args=[inquiry.code]), {"k": inquiry.access_key, "reason": "Chưa xong"}
    )
    assert response.status_code == 400 and "không mở lại được nữa" in response.content.decode()
    inquiry.refresh_from_db()
    assert inquiry.state == State.ANSWERED


def test_a_merged_asker_reads_the_answer_of_the_question_they_joined(client, newsroom):
    existing = factories.inquiry(subject="Đèn đường hỏng, liên hệ 0987 654 321", asker_name="Ngô Thị Khác")
    mine = factories.inquiry(subject="den hang bong")
    asking.join(None, mine, existing, key=mine.access_key)
    answered(existing, newsroom, "<p>Đã thay bóng đèn ngày 2/12.</p>")
    html = client.get(status_path(mine)).content.decode()
    assert "Câu hỏi bạn theo dõi" in html and existing.code in html
    assert "Đã thay bóng đèn ngày 2/12." in html
    assert "0987" not in html and "Ngô Thị Khác" not in html


# Look-up by code and contact -------------------------------------------------------------------------


def lookup(client, **data):
    url = reverse("inquiries_public:lookup")
    page = client.get(url).content.decode()
    return client.post(url, {**human_fields(page), **data})


def test_lookup_by_code_and_email_or_phone(client):
    inquiry = factories.inquiry(asker_email="an@example.vn", asker_phone="0912345678")
    by_email = lookup(client, code=inquiry.code.lower(), contact="AN@example.vn")
    assert by_email.status_code == 302 and by_email["Location"] == status_path(inquiry)
    assert lookup(client, code=inquiry.code, contact="+84 912 345 678")["Location"] == status_path(inquiry)


def test_lookup_with_a_wrong_contact_finds_nothing_and_says_so(client):
    inquiry = factories.inquiry(asker_email="an@example.vn")
    response = lookup(client, code=inquiry.code, contact="khac@example.vn")
    assert response.status_code == 404 and "Không tìm thấy câu hỏi nào" in response.content.decode()
    assert inquiry.access_key not in response.content.decode()


def test_lookup_is_rate_limited(client, settings):
    settings.INQUIRY_RATE_PER_ADDRESS = 1
    inquiry = factories.inquiry(asker_email="an@example.vn")
    assert lookup(client, code="HD-AAAA-AAAA", contact="an@example.vn").status_code == 404
    refused = lookup(client, code=inquiry.code, contact="an@example.vn")
    assert refused.status_code == 429 and "quá nhiều lần" in refused.content.decode()


# Câu hỏi của tôi -----------------------------------------------------------------------------------


def test_my_questions_list_only_mine_with_status_and_overdue(client, newsroom):
    reporter = factories.user(Role.JOURNALIST)
    late = factories.inquiry(reporter, subject="Câu hỏi đã quá hạn")
    domain.route(newsroom.operator, late, newsroom.org)
    Inquiry.objects.filter(pk=late.pk).update(due_at=timezone.now() - dt.timedelta(hours=2))
    factories.inquiry(reporter, subject="Câu hỏi mới gửi")
    factories.inquiry(factories.user(Role.JOURNALIST), subject="Câu hỏi của nhà báo khác")
    client.force_login(reporter)
    html = client.get(reverse("inquiries_public:mine")).content.decode()
    assert "Câu hỏi đã quá hạn" in html and "Câu hỏi mới gửi" in html
    assert "Câu hỏi của nhà báo khác" not in html
    assert 'class="overdue"' in html and "quá hạn" in html and newsroom.org.name in html
    assert "Mới tiếp nhận" in html and "Đã giao xử lý" in html


def test_a_rejected_question_is_not_said_to_be_in_triage_on_my_questions(client, newsroom):
    citizen = factories.user(Role.PUBLIC)
    domain.reject(newsroom.operator, factories.inquiry(citizen, subject="Quảng cáo vay tiền"), "Tin rác.")
    factories.inquiry(citizen, subject="Đèn đường hỏng")
    client.force_login(citizen)
    html = client.get(reverse("inquiries_public:mine")).content.decode()
    assert html.count("Đang phân loại") == 1 and "Từ chối" in html


def test_my_questions_cost_the_same_queries_for_three_or_thirty(client, newsroom):
    reporter = factories.user(Role.JOURNALIST)
    client.force_login(reporter)
    url = reverse("inquiries_public:mine")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    for _ in range(3):
        domain.route(newsroom.operator, factories.inquiry(reporter), newsroom.org)
    few = queries()
    for _ in range(27):
        domain.route(newsroom.operator, factories.inquiry(reporter), factories.organisation())
    assert queries() == few
    assert "Trang 1/2" in client.get(url).content.decode()


def test_my_questions_are_linked_from_the_desk(client):
    client.force_login(factories.user(Role.JOURNALIST))
    html = client.get(reverse("press:desk")).content.decode()
    assert reverse("inquiries_public:mine") in html and reverse("inquiries_public:question") in html


def test_the_portal_links_to_asking(client, newsroom):
    item = newsroom.publish(title="Khởi công cầu")
    html = client.get(item.get_absolute_url()).content.decode()
    assert f"{reverse('inquiries_public:question')}?tin={item.uid}" in html and "Hỏi về tin này" in html
    assert reverse("inquiries_public:index") in html and reverse("inquiries_public:feedback") in html


def test_a_key_that_cannot_be_one_finds_nothing(client):
    inquiry = factories.inquiry()
    for key in ("khóa-sai", "x" * 500):
        assert client.get(status_path(inquiry, key=False), {"k": key}).status_code == 404


def test_an_account_holders_key_does_not_open_their_page(client):
    """The key is the lock of askers without an account; an account holder signs in."""
    inquiry = factories.inquiry(factories.user(Role.PUBLIC))
    assert client.get(status_path(inquiry)).status_code == 404


def test_notices_link_to_these_pages(client):
    from presscenter.inquiries import links

    anonymous = factories.inquiry()
    assert client.get(links.status_url(anonymous)).status_code == 200
    asker = factories.user(Role.PUBLIC)
    own = factories.inquiry(asker)
    client.force_login(asker)
    assert client.get(links.status_url(own)).status_code == 200


def test_lookup_of_an_account_holders_question_leads_to_sign_in(client):
    asker = factories.user(Role.PUBLIC, email="hoa@example.vn")
    inquiry = factories.inquiry(asker)
    response = lookup(client, code=inquiry.code, contact="hoa@example.vn")
    assert response.status_code == 302 and inquiry.access_key not in response["Location"]
    assert client.get(response["Location"]).status_code == 302  # to the sign-in page
