"""The superior organisation's inbox: the questions escalated to it have a tab of their own, its
spokesperson's default tab and menu badge count those still being handled (a directive, a transfer
or an extension is theirs to give), and answers it cannot approve are not "to approve" for it."""

import pytest
from django.urls import reverse

from presscenter.inquiries import domain, worklists
from tests.inquiries.test_superior import escalated, hierarchy
from tests.inquiries.test_workspace_screens import signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast():
    return hierarchy()


INBOX = reverse("inquiry_work:inbox")
BADGE = '<span class="badge">{}<span class="visually-hidden"> cần xử lý</span>'


def page(user, tab: str = "") -> str:
    return signed_in(user).get(INBOX + (f"?loc={tab}" if tab else "")).content.decode()


def in_review(cast):
    """The walk's case: escalated while the ward's answer waits for the ward's spokesperson."""
    inquiry = escalated(cast)
    domain.submit_answer(cast.officer, domain.save_answer(cast.officer, inquiry, "<p>Đang xử lý.</p>"))
    return inquiry


def test_the_parent_spokesperson_sees_the_escalated_question_by_default(cast):
    inquiry = in_review(cast)
    body = page(cast.department_spokesperson)
    assert inquiry.subject in body
    for title, count in (("Cần xử lý", 1), ("Được báo lên", 1), ("Chờ duyệt", 0)):
        assert f'{title} <span class="iq-count">({count})</span>' in body, title
    assert BADGE.format(1) in body
    assert worklists.needing_action(cast.department_spokesperson) == 1
    assert inquiry.subject in page(cast.department_spokesperson, "duoc-bao-len")
    # The ward's answer is the ward's spokesperson's to approve, not the department's.
    assert inquiry.subject not in page(cast.department_spokesperson, "cho-duyet")
    assert inquiry.subject in page(cast.ward_spokesperson, "cho-duyet")


def test_the_parent_editor_sees_it_in_the_tab_but_has_nothing_to_do(cast):
    inquiry = in_review(cast)
    body = page(cast.department_editor)
    assert inquiry.subject not in body
    assert 'Được báo lên <span class="iq-count">(1)</span>' in body
    assert inquiry.subject in page(cast.department_editor, "duoc-bao-len")
    assert worklists.needing_action(cast.department_editor) == 0


def test_the_grandparent_sees_it_only_at_the_second_level(cast):
    first = escalated(cast)
    assert first.subject not in page(cast.city_spokesperson, "duoc-bao-len")
    assert worklists.needing_action(cast.city_spokesperson) == 0
    second = escalated(cast, level=2)
    body = page(cast.city_spokesperson, "duoc-bao-len")
    assert second.code in body and first.code not in body
    assert worklists.needing_action(cast.city_spokesperson) == 1


def test_the_handling_agency_and_a_sibling_have_nothing_escalated_to_them(cast):
    inquiry = escalated(cast)
    for user in (cast.ward_spokesperson, cast.sibling_spokesperson):
        body = page(user, "duoc-bao-len")
        assert inquiry.subject not in body and 'Được báo lên <span class="iq-count">(0)</span>' in body
    # The ward still has it to handle.
    assert inquiry.subject in page(cast.ward_spokesperson)


def test_an_answered_question_leaves_the_tab(cast):
    inquiry = in_review(cast)
    answer = inquiry.answers.get()
    domain.approve_answer(cast.ward_spokesperson, answer)
    body = page(cast.department_spokesperson, "duoc-bao-len")
    assert inquiry.subject not in body and worklists.needing_action(cast.department_spokesperson) == 0


def test_the_centre_sees_every_escalated_question_in_the_tab(cast):
    inquiry = escalated(cast)
    assert inquiry.subject in page(cast.operator, "duoc-bao-len")


def test_the_escalated_tab_query_count_does_not_grow(cast, django_assert_max_num_queries):
    escalated(cast)
    client = signed_in(cast.department_spokesperson)
    url = INBOX + "?loc=duoc-bao-len"
    client.get(url)
    with django_assert_max_num_queries(12) as few:
        assert client.get(url).status_code == 200
    for _n in range(5):
        escalated(cast)
    with django_assert_max_num_queries(len(few.captured_queries)):
        body = client.get(url).content.decode()
    assert body.count('class="item-title"') == 6
