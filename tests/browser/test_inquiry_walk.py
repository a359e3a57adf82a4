"""What only a real browser shows, found walking the questions' journeys: a citizen without an
account looks their question up by code and e-mail, then rates and reopens the answer from the
status page. Those pages keep their secret link out of other sites' referrer, but a browser that
sends no referrer at all sends `Origin: null` with the forms, which the CSRF check refuses: every
form of the asker's pages then failed."""

from typing import Any

import pytest
from django.urls import reverse

from presscenter.accounts.models import Role
from presscenter.inquiries import domain
from presscenter.inquiries.models import Inquiry, State
from tests import factories
from tests.factories import Newsroom
from tests.inquiries.asking_helpers import solve

pytestmark = pytest.mark.browser


def test_an_asker_without_account_looks_up_rates_and_reopens(walk: Any, page: Any, transactional_db: Any):
    newsroom = Newsroom(name="Sở Xây dựng Hà Nội")
    inquiry = factories.inquiry(None, subject="Nắp cống vỡ trên phố Nguyễn Trãi", asker_phone="0912345678")
    domain.route(newsroom.operator, inquiry, newsroom.org)
    answer = domain.save_answer(newsroom.editor, inquiry, "<p>Đã thay nắp cống mới.</p>")
    domain.submit_answer(newsroom.editor, answer)
    domain.approve_answer(newsroom.spokesperson, answer)

    walk("asker-lookup", "/hoi-dap/tra-cuu/")
    page.get_by_label("Mã theo dõi").fill(inquiry.code)
    page.get_by_label("Thư điện tử hoặc số điện thoại đã dùng khi gửi").fill("0912 345 678")
    page.get_by_label("Câu hỏi kiểm tra (để chống thư rác)").fill(solve(page.locator("#human-question").inner_text()))
    page.get_by_role("button", name="Tra cứu").click()
    page.get_by_role("heading", name="Nắp cống vỡ trên phố Nguyễn Trãi").wait_for()
    walk("asker-status-answered")

    page.locator("input[name=rating][value='4']").check()
    page.get_by_role("button", name="Gửi đánh giá").click()
    page.get_by_text("Cảm ơn bạn đã đánh giá câu trả lời.").wait_for()
    page.get_by_label("Lý do mở lại").fill("Nắp cống mới lại bị lún sau hai ngày.")
    page.get_by_role("button", name="Mở lại câu hỏi").click()
    page.get_by_text("Đã mở lại câu hỏi; cơ quan sẽ trả lời lại trong thời hạn mới.").wait_for()
    page.get_by_role("heading", name="Câu trả lời trước").wait_for()
    walk("asker-status-reopened")
    inquiry = Inquiry.objects.get(pk=inquiry.pk)
    assert inquiry.rating == 4 and inquiry.state == State.REOPENED


def test_the_rule_test_boxes_are_wide_enough_for_their_placeholder_on_a_phone(
    page: Any, login: Any, live_server: Any, transactional_db: Any
):
    login(factories.user(Role.CENTER_OPERATOR))
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(live_server.url + reverse("inquiries_config:rules"))
    box = page.locator("#rule-test-title + form .ts-wrapper").first
    box.wait_for()
    assert box.bounding_box()["width"] >= 200
