"""A citizen's feedback from the triage queue to the answer, in a real browser: the operator
routes it with the suggestion in one click, the agency's editor drafts the answer in the rich-text
editor and submits it, the spokesperson approves, and the page shows it as sent. Every step is
checked at a phone's size and a laptop's (no sideways scrolling, no CSP violation) and kept as a
screenshot in PRESSCENTER_SCREENSHOTS (default: a new temporary folder, named in the output)."""

from typing import Any

import pytest
from django.urls import reverse

from presscenter.inquiries import domain
from presscenter.inquiries.models import AnswerState, Category, Inquiry, RoutingDecision, RoutingRule, State
from presscenter.orgs.models import Kind
from tests import factories
from tests.browser.test_accessibility import serious_violations
from tests.factories import Newsroom

pytestmark = pytest.mark.browser


def test_operator_routes_editor_drafts_spokesperson_approves(walk: Any, page: Any, login: Any, transactional_db: Any):
    newsroom = Newsroom(name="Sở Giao thông Vận tải Hà Nội")
    factories.organisation(name="Sở Xây dựng Hà Nội")
    category = Category.objects.create(code="chieu-sang", name="Chiếu sáng đô thị")
    RoutingRule.objects.create(category=category, organisation=newsroom.org)
    ward = factories.organisation(kind=Kind.WARD, name="Phường Hàng Bông")
    feedback = factories.inquiry(
        None,
        category=category,
        area=ward,
        location="Trước số 40 Hàng Bông",
        latitude="21.030100",
        longitude="105.847700",
        asker_phone="0912 345 678",
    )
    factories.inquiry_attachment(feedback)

    login(newsroom.operator)
    walk("inquiry-triage", reverse("inquiry_work:triage"))
    assert "Theo quy tắc chuyển xử lý" in page.content()
    walk("inquiry-triage-detail", reverse("inquiry_work:detail", args=[feedback.pk]))
    page.locator("summary", has_text="Chọn cơ quan khác").click()
    page.locator("#route .ts-wrapper").wait_for()  # the organisation list is searchable
    walk("inquiry-triage-detail-override")
    page.goto(page.url.split("#")[0].replace(f"/{feedback.pk}/", "/tiep-nhan/"))
    page.get_by_role("button", name=f"Giao {newsroom.org.name}").click()
    page.get_by_text("Đã giao cơ quan xử lý.").wait_for()
    decision = RoutingDecision.objects.get(inquiry=feedback)
    assert decision.source == "rule" and decision.suggested == newsroom.org and decision.organisation == newsroom.org

    login(newsroom.editor)
    walk("inquiry-inbox", reverse("inquiry_work:inbox"))
    assert page.locator(".badge-ok, .badge-near").count() >= 1  # working time left, in words
    page.get_by_role("link", name=feedback.subject).click()
    page.locator(".ql-editor").wait_for()
    walk("inquiry-editor-detail")
    page.locator(".ql-editor").click()
    page.keyboard.type("Sở đã yêu cầu đơn vị chiếu sáng thay bóng đèn trước ngày 10/12.")
    page.get_by_role("button", name="Lưu và trình duyệt").click()
    page.get_by_text("Đã lưu câu trả lời.").wait_for()
    walk("inquiry-editor-submitted")
    answer = feedback.answers.get()
    assert answer.state == AnswerState.IN_REVIEW and "thay bóng đèn" in answer.body

    login(newsroom.spokesperson)
    walk("inquiry-spokesperson-review", reverse("inquiry_work:inbox") + "?loc=cho-duyet")
    page.get_by_role("link", name=feedback.subject).click()
    page.locator("summary", has_text="Trả lại để sửa").click()
    walk("inquiry-spokesperson-detail")
    page.get_by_role("button", name="Duyệt và gửi người hỏi").click()
    page.get_by_text("Đã duyệt câu trả lời: câu trả lời đã được gửi người hỏi.").wait_for()
    walk("inquiry-spokesperson-sent")
    assert "Đã gửi người hỏi" in page.content() and "Người hỏi được thông báo qua: Thư điện tử" in page.content()
    feedback.refresh_from_db()
    assert feedback.state == State.ANSWERED and Inquiry.objects.get(pk=feedback.pk).answered_on_time


def test_agency_sees_errors_beside_the_field(walk: Any, page: Any, login: Any, transactional_db: Any):
    newsroom = Newsroom(name="Sở Giao thông Vận tải Hà Nội")
    feedback = domain.route(newsroom.operator, factories.inquiry(None), newsroom.org)
    login(newsroom.editor)
    walk("inquiry-handling", reverse("inquiry_work:detail", args=[feedback.pk]))
    page.locator("summary", has_text="Không thuộc thẩm quyền").click()
    page.get_by_role("button", name="Chuyển đến cơ quan có thẩm quyền").click()
    summary = page.locator("#not_ours .error-summary")
    summary.wait_for()
    assert "Hãy chỉ ra cơ quan có thẩm quyền" in summary.inner_text()
    walk("inquiry-not-ours-errors")


def test_inquiry_screens_have_no_serious_accessibility_violations(
    page: Any, login: Any, live_server: Any, transactional_db: Any
):
    newsroom = Newsroom(name="Sở Giao thông Vận tải Hà Nội")
    category = Category.objects.create(code="chieu-sang", name="Chiếu sáng đô thị")
    RoutingRule.objects.create(category=category, organisation=newsroom.org)
    waiting = factories.inquiry(None, category=category)
    routed = domain.route(newsroom.operator, factories.inquiry(None, category=category), newsroom.org)
    factories.inquiry_attachment(routed)
    pages = {
        newsroom.operator: [reverse("inquiry_work:triage"), reverse("inquiry_work:detail", args=[waiting.pk])],
        newsroom.editor: [reverse("inquiry_work:inbox"), reverse("inquiry_work:detail", args=[routed.pk])],
    }
    for user, paths in pages.items():
        login(user)
        for path in paths:
            assert page.goto(live_server.url + path).ok
            page.wait_for_load_state("networkidle")
            assert serious_violations(page) == [], path
