"""The two-person publishing flow in a real browser: an editor drafts and submits, the
spokesperson approves, and an anonymous visitor reads the item on the portal."""

import io
from typing import Any

import pytest
from PIL import Image

from tests.factories import PASSWORD, Newsroom

pytestmark = pytest.mark.browser

TITLE = "Hà Nội mở thêm ba tuyến buýt điện"


def sign_in(page: Any, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/tai-khoan/dang-nhap/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{base_url}/lam-viec/")


def sign_out(page: Any) -> None:
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_load_state()


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (900, 600), (20, 90, 160)).save(buffer, "PNG")
    return buffer.getvalue()


def test_editor_drafts_spokesperson_approves_visitor_reads(live_server: Any, page: Any, transactional_db: Any):
    newsroom = Newsroom(name="Sở Xây dựng Hà Nội")
    base = live_server.url
    policy_violations: list[str] = []
    page.on(
        "console",
        lambda message: policy_violations.append(message.text) if "Content Security Policy" in message.text else None,
    )

    sign_in(page, base, newsroom.editor.username)
    page.get_by_role("link", name="Soạn tin mới").click()
    page.get_by_label("Tiêu đề").fill(TITLE)
    page.get_by_label("Sapo").fill("Từ ngày 1/12, thành phố mở thêm ba tuyến buýt điện nối trung tâm với ngoại thành.")
    # The body is the rich-text editor: typed as text, stored as <p>…</p>.
    page.get_by_label("Nội dung").fill("Ba tuyến buýt điện mới phục vụ khoảng 30.000 lượt khách mỗi ngày.")
    page.get_by_role("button", name="Xem trước").click()
    assert page.locator(".preview").inner_text().find("30.000 lượt khách") >= 0
    page.get_by_role("button", name="Lưu").click()
    page.get_by_role("heading", name=TITLE).wait_for()

    # The upload goes through the progress-bar script (XMLHttpRequest), then the page reloads.
    page.set_input_files(
        "input[name=file]", files=[{"name": "xe-buyt-dien.png", "mimeType": "image/png", "buffer": png_bytes()}]
    )
    page.fill("input[name=alt_text]", "Xe buýt điện màu xanh tại bến")
    with page.expect_request(lambda request: request.headers.get("x-requested-with") == "XMLHttpRequest"):
        page.get_by_role("button", name="Tải lên").click()
    page.get_by_role("link", name="xe-buyt-dien.png").wait_for()

    page.get_by_role("button", name="Gửi duyệt").click()
    page.get_by_text("Đã gửi duyệt.").wait_for()
    sign_out(page)

    sign_in(page, base, newsroom.spokesperson.username)
    page.get_by_role("link", name="Chờ duyệt", exact=True).first.click()
    page.get_by_role("link", name=TITLE).click()
    page.get_by_role("button", name="Duyệt…", exact=True).click()
    page.get_by_role("button", name="Xác nhận công bố").click()
    page.get_by_text("Đã duyệt tin.").wait_for()
    sign_out(page)

    page.goto(f"{base}/")
    page.get_by_role("link", name=TITLE).first.click()
    page.get_by_role("heading", name=TITLE).wait_for()
    assert "30.000 lượt khách" in page.content()
    assert policy_violations == []


WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.mark.parametrize(
    "path", ["/tai-khoan/dang-nhap/", "/lam-viec/", "/lam-viec/tin/moi/", "ITEM", "/lam-viec/nhat-ky/"]
)
def test_working_screens_have_no_serious_accessibility_violations(
    live_server: Any, page: Any, login: Any, transactional_db: Any, path: str
):
    from axe_playwright_python.sync_playwright import Axe

    newsroom = Newsroom()
    item = newsroom.publish()
    if path != "/tai-khoan/dang-nhap/":
        login(newsroom.operator)
    page.goto(live_server.url + (f"/lam-viec/tin/{item.pk}/" if path == "ITEM" else path))
    violations = Axe().run(page, options=WCAG_AA).response["violations"]
    serious = [
        f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}"
        for v in violations
        if v["impact"] in {"serious", "critical"}
    ]
    assert serious == []
