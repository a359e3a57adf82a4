"""Asking in a real browser, at a phone's size and a laptop's: a citizen without an account sends
feedback with a photo (ward from the searchable list, map point from the browser's location, the
human check answered) and reads the status page; a journalist asks about an item from its
"Hỏi về tin này" link. Pages fit the screen, no script breaks the Content-Security-Policy, and
the screenshots are kept (PRESSCENTER_SCREENSHOTS)."""

import io
from typing import Any

import pytest
from PIL import Image

from presscenter.accounts.models import Role
from presscenter.inquiries.models import Category, Inquiry, State
from presscenter.orgs.models import Kind
from tests import factories
from tests.browser.test_accessibility import serious_violations
from tests.factories import Newsroom
from tests.inquiries.asking_helpers import solve
from tests.press.conftest import journalist, make_outlet

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def photo(tmp_path: Any) -> str:
    path = tmp_path / "den-hong.jpg"
    output = io.BytesIO()
    Image.new("RGB", (800, 600), (40, 40, 60)).save(output, "JPEG")
    path.write_bytes(output.getvalue())
    return str(path)


def test_a_citizen_sends_feedback_with_a_photo_and_reads_the_status_page(page, context, walk, tmp_path):
    Category.objects.create(code="chieu-sang", name="Chiếu sáng đô thị", audience="public", needs_location=True)
    factories.organisation(kind=Kind.WARD, name="Phường Hoàn Kiếm")
    factories.organisation(kind=Kind.COMMUNE, name="Xã Sóc Sơn")
    existing = factories.inquiry(subject="Rác thải ùn ứ ở chợ Long Biên nhiều ngày", text="Rác chưa được thu gom.")
    context.grant_permissions(["geolocation"])
    context.set_geolocation({"latitude": 21.0285114, "longitude": 105.8542})

    walk("citizen-asking", "/hoi-dap/")
    page.get_by_role("link", name="Gửi phản ánh, kiến nghị").first.click()
    page.get_by_label("Lĩnh vực").select_option(label="Chiếu sáng đô thị")
    page.get_by_label("Tiêu đề").fill("rac thai un u cho long bien ko ai thu gom")
    page.locator("#similar-box .similar").wait_for()  # htmx: a similar open question, as typed
    assert existing.code in page.locator("#similar-box").inner_text()
    page.get_by_label("Tiêu đề").fill("Đèn đường hỏng trên phố Hàng Bông")
    page.get_by_label("Nội dung").fill("Ba cột đèn trước số 40 Hàng Bông không sáng từ tuần trước.")
    page.locator("#id_area-ts-control").fill("hoan kiem")  # the searchable list folds diacritics
    page.locator(".ts-dropdown .option", has_text="Phường Hoàn Kiếm").first.click()
    page.get_by_label("Địa chỉ, vị trí cụ thể").fill("Trước số 40 Hàng Bông")
    page.get_by_role("button", name="Dùng vị trí hiện tại").click()
    page.get_by_text("Đã điền vị trí hiện tại của bạn.").wait_for()
    assert page.get_by_label("Vĩ độ").input_value() == "21.028511"
    page.locator("input[type=file]").set_input_files(photo(tmp_path))
    page.get_by_label("Họ và tên").fill("Nguyễn Văn An")
    page.get_by_label("Thư điện tử").fill("an.nguyen@example.vn")
    page.get_by_label("Tôi đồng ý để câu trả lời được công khai trên Cổng thông tin").check()
    walk("citizen-feedback-form")
    page.get_by_label("Câu hỏi kiểm tra (để chống thư rác)").fill(solve(page.locator("#human-question").inner_text()))
    page.get_by_role("button", name="Gửi phản ánh").click()

    page.get_by_role("heading", name="Đã gửi phản ánh của bạn").wait_for()
    inquiry = Inquiry.objects.exclude(pk=existing.pk).get()
    assert page.locator("#tracking-code").inner_text() == inquiry.code
    assert inquiry.area is not None and inquiry.area.name == "Phường Hoàn Kiếm"
    assert str(inquiry.latitude) == "21.028511" and inquiry.attachments.count() == 1
    walk("citizen-sent")

    page.locator("#status-link").click()
    page.get_by_role("heading", name="Đèn đường hỏng trên phố Hàng Bông").wait_for()
    text = page.locator("main").inner_text()
    assert "Mới tiếp nhận" in text and "den-hong.jpg" in text and "Phường Hoàn Kiếm" in text
    assert "Tiếp nhận" in text and "Chiếu sáng đô thị" in text
    walk("citizen-status")
    assert Inquiry.objects.get(pk=inquiry.pk).state == State.NEW


def test_a_journalist_asks_about_an_item(page, login, live_server, walk):
    newsroom = Newsroom(name="Sở Giao thông Vận tải Hà Nội")
    item = newsroom.publish(title="Hà Nội khởi công cầu Trần Hưng Đạo")
    factories.topic(name="Giao thông")
    reporter = journalist(make_outlet(name="Báo Hà Nội Mới"), approved_by=factories.user(Role.CENTER_OPERATOR)).user
    login(reporter)

    walk("journalist-item", item.get_absolute_url())
    page.get_by_role("link", name="Hỏi về tin này").click()
    page.get_by_role("heading", name="Bạn hỏi về tin").wait_for()
    assert "Hà Nội khởi công cầu Trần Hưng Đạo" in page.locator(".asking-about").inner_text()
    page.get_by_label("Đề nghị cung cấp thông tin").check()
    page.get_by_label("Tiêu đề").fill("Tổng mức đầu tư và tiến độ cầu Trần Hưng Đạo")
    page.get_by_label("Nội dung").fill("Xin Sở cho biết tổng mức đầu tư và thời điểm thông xe dự kiến.")
    page.get_by_label("Chủ đề").select_option(label="Giao thông")
    walk("journalist-question-form")
    page.get_by_role("button", name="Gửi câu hỏi").click()

    page.get_by_role("heading", name="Đã gửi câu hỏi của bạn").wait_for()
    inquiry = Inquiry.objects.get()
    assert inquiry.about_item_id == item.pk and inquiry.asker == reporter and inquiry.kind == "info_request"
    assert inquiry.asker_outlet == "Báo Hà Nội Mới" and inquiry.asker_accredited
    walk("journalist-sent")
    page.get_by_role("link", name="Câu hỏi của tôi").first.click()
    page.get_by_role("link", name=inquiry.code).click()
    assert "Hà Nội khởi công cầu Trần Hưng Đạo" in page.locator("main").inner_text()
    walk("journalist-status")
    walk("journalist-mine", "/hoi-dap/cua-toi/")


@pytest.mark.parametrize("path", ["/hoi-dap/", "/hoi-dap/phan-anh/", "/hoi-dap/tra-cuu/"])
def test_the_asking_pages_have_no_serious_accessibility_violations(visit, page, path):
    factories.organisation(kind=Kind.WARD, name="Phường Hồng Hà")
    assert visit(path).ok
    page.wait_for_load_state("networkidle")
    assert serious_violations(page) == []


def test_the_status_page_has_no_serious_accessibility_violations(visit, page):
    inquiry = factories.inquiry(subject="Đèn đường hỏng trên phố Hàng Bông")
    assert visit(f"/hoi-dap/theo-doi/{inquiry.code}/?k={inquiry.access_key}").ok
    assert serious_violations(page) == []
