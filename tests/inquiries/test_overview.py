"""The workspace overview shows the inquiries waiting for the user, beside the releases: answers
they may approve (not their own: the two-person rule), questions given to them, questions escalated
to their agency, and for the centre the questions to route; each as a card with a link, and the
first few listed with why. Its queries do not grow with the list."""

import pytest
from django.urls import reverse

from presscenter.inquiries import domain
from tests import factories
from tests.inquiries.test_superior import escalated, hierarchy
from tests.inquiries.test_workspace_screens import signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast():
    return hierarchy()


HOME = reverse("workspace:home")
INBOX = reverse("inquiry_work:inbox")


def card(count: int, title: str, link: str) -> str:
    return f'<li><a href="{link}"><span class="count">{count}</span> {title}</a></li>'


def home(user) -> str:
    response = signed_in(user).get(HOME)
    assert response.status_code == 200
    return response.content.decode()


def given_to_officer(cast, subject: str = "Đèn đường hỏng"):
    inquiry = domain.route(cast.operator, factories.inquiry(cast.journalist, subject=subject), cast.ward)
    domain.assign(cast.ward_spokesperson, inquiry, cast.officer)
    return inquiry


def submitted(cast, inquiry, writer):
    domain.submit_answer(writer, domain.save_answer(writer, inquiry, "<p>Đã sửa xong.</p>"))
    return inquiry


def test_the_spokesperson_sees_the_answer_waiting_for_their_approval(cast):
    waiting = submitted(cast, given_to_officer(cast, "Cây đổ chắn đường"), cast.officer)
    body = home(cast.ward_spokesperson)
    assert card(1, "Câu trả lời chờ bạn duyệt", f"{INBOX}?loc=cho-duyet") in body
    assert waiting.subject in body and waiting.code in body
    assert '<span class="badge">Câu trả lời chờ bạn duyệt</span>' in body
    # The inbox the card links to lists it.
    assert waiting.subject in signed_in(cast.ward_spokesperson).get(f"{INBOX}?loc=cho-duyet").content.decode()


def test_an_answer_the_spokesperson_wrote_is_not_theirs_to_approve(cast):
    own = submitted(cast, given_to_officer(cast, "Nắp cống mất"), cast.ward_spokesperson)
    body = home(cast.ward_spokesperson)
    assert card(0, "Câu trả lời chờ bạn duyệt", f"{INBOX}?loc=cho-duyet") in body
    assert own.subject not in body


def test_the_officer_sees_the_questions_given_to_them(cast):
    mine = given_to_officer(cast, "Rác thải ùn ứ")
    body = home(cast.officer)
    link = f"{INBOX}?loc=can-xu-ly&amp;cua_toi=on"
    assert card(1, "Câu hỏi giao cho bạn", link) in body and mine.subject in body
    assert "Câu trả lời chờ bạn duyệt" not in body  # an editor approves nothing
    # The linked inbox lists only theirs.
    other = domain.route(cast.operator, factories.inquiry(None, subject="Chưa giao ai"), cast.ward)
    listed = signed_in(cast.officer).get(f"{INBOX}?loc=can-xu-ly&cua_toi=on").content.decode()
    assert mine.subject in listed and other.subject not in listed
    # Once the answer is submitted it waits for the spokesperson, not for the officer.
    submitted(cast, mine, cast.officer)
    assert card(0, "Câu hỏi giao cho bạn", link) in home(cast.officer)


def test_the_parent_spokesperson_sees_the_question_escalated_to_their_agency(cast):
    inquiry = escalated(cast)
    body = home(cast.department_spokesperson)
    assert card(1, "Câu hỏi quá hạn được báo lên", f"{INBOX}?loc=duoc-bao-len") in body
    assert inquiry.code in body and '<span class="badge">Câu hỏi quá hạn được báo lên</span>' in body
    assert card(0, "Câu hỏi quá hạn được báo lên", f"{INBOX}?loc=duoc-bao-len") in home(cast.sibling_spokesperson)


def test_the_centre_sees_the_questions_to_route(cast):
    new = factories.inquiry(None, subject="Câu hỏi mới gửi")
    body = home(cast.operator)
    assert card(1, "Câu hỏi, phản ánh chờ tiếp nhận", reverse("inquiry_work:triage")) in body
    assert new.subject in body


def test_nothing_waiting_says_so(cast):
    body = home(cast.sibling_spokesperson)
    assert "Không có câu hỏi, phản ánh nào đang chờ bạn." in body


def test_the_overview_query_count_does_not_grow_with_the_list(cast, django_assert_max_num_queries):
    submitted(cast, given_to_officer(cast), cast.officer)
    client = signed_in(cast.ward_spokesperson)
    client.get(HOME)
    with django_assert_max_num_queries(40) as few:
        assert client.get(HOME).status_code == 200
    for n in range(8):
        submitted(cast, given_to_officer(cast, f"Câu hỏi số {n}"), cast.officer)
    with django_assert_max_num_queries(len(few.captured_queries)):
        body = client.get(HOME).content.decode()
    assert card(9, "Câu trả lời chờ bạn duyệt", f"{INBOX}?loc=cho-duyet") in body
    assert body.count('href="/lam-viec/hoi-dap/') >= 5 and "Xem cả 9 câu hỏi" in body
