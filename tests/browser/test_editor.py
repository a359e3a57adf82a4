"""The body's rich-text editor in a real browser: typing a heading, a list and bold text, pasting
from Word, saving, and seeing the result in the portal-template preview, under the strict CSP."""

import os
import re
from pathlib import Path
from typing import Any

import pytest

from presscenter.releases.models import Item
from tests.browser.test_accessibility import serious_violations
from tests.factories import Newsroom

pytestmark = pytest.mark.browser

SIZES = {"phone": (375, 812), "laptop": (1366, 768)}
# Word's clipboard: a styled paragraph, a Title (h1), a table, and what a hostile page could add.
WORD_PASTE = """<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style>p{color:red}</style></head><body>
<h1 style="font-family:Times">Thông cáo báo chí</h1>
<p class=MsoNormal style="font-size:14pt;color:#C00000"><span style="font-family:Arial">Giá vé <b>7.000 đồng</b>
<i>mỗi lượt</i>.</span><img src="x" onerror="window.pwned=1"></p>
<table class=MsoTableGrid border=1 style="border-collapse:collapse"><tr><td style="width:100pt">Tuyến</td><td>Giá</td></tr>
<tr><td>E01</td><td>7.000</td></tr></table>
<p><a href="javascript:window.pwned=1">bấm vào đây</a> <a href="https://hanoi.gov.vn/">Cổng thông tin</a></p>
<script>window.pwned = 1</script></body></html>"""


def _screenshot_dir(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("PRESSCENTER_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _editor_html(page: Any) -> str:
    return page.locator("textarea[name=body]").input_value()


def _paste(page: Any, markup: str) -> None:
    page.locator(".ql-editor").click()
    page.evaluate(
        """markup => {
            const data = new DataTransfer();
            data.setData("text/html", markup);
            data.setData("text/plain", "");
            document.querySelector(".ql-editor").dispatchEvent(
                new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true}));
        }""",
        markup,
    )


def _no_overflow(page: Any) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_type_save_and_preview(live_server: Any, page: Any, login: Any, transactional_db: Any, tmp_path: Path):
    newsroom = Newsroom(name="Sở Giao thông Vận tải")
    login(newsroom.editor)
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(f"{live_server.url}/lam-viec/tin/moi/")
    page.get_by_label("Tiêu đề").fill("Hà Nội mở thêm tuyến buýt điện")

    body = page.get_by_label("Nội dung")  # the editing area, labelled by the field's own label
    body.click()
    page.get_by_role("button", name="Đề mục", exact=True).click()
    page.keyboard.type("Lộ trình mới")
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Danh sách gạch đầu dòng").click()
    page.keyboard.type("Bến xe Mỹ Đình")
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Chữ đậm").click()
    page.keyboard.type("Hồ Hoàn Kiếm")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")  # leaves the list
    page.keyboard.type("Giờ chạy từ 5 giờ đến 22 giờ.")
    assert _editor_html(page) == (
        "<h2>Lộ trình mới</h2><ul><li>Bến xe Mỹ Đình</li><li><strong>Hồ Hoàn Kiếm</strong></li></ul>"
        "<p>Giờ chạy từ 5 giờ đến 22 giờ.</p>"
    )
    assert serious_violations(page) == []
    folder = _screenshot_dir(tmp_path)
    for name, (width, height) in SIZES.items():
        page.set_viewport_size({"width": width, "height": height})
        _no_overflow(page)
        page.screenshot(path=str(folder / f"editor-{name}.png"), full_page=True)

    page.get_by_role("button", name="Lưu").click()
    page.get_by_role("link", name="Xem trước").click()
    page.get_by_text("Trang xem trước trong khu làm việc").wait_for()
    article = page.locator(".article-body")
    assert article.locator("h2").inner_text() == "Lộ trình mới"
    assert article.locator("ul > li").all_inner_texts() == ["Bến xe Mỹ Đình", "Hồ Hoàn Kiếm"]
    assert article.locator("li strong").inner_text() == "Hồ Hoàn Kiếm"
    assert page.locator('meta[name="robots"][content="noindex, nofollow"]').count() == 1
    assert serious_violations(page) == []
    for name, (width, height) in SIZES.items():
        page.set_viewport_size({"width": width, "height": height})
        _no_overflow(page)
        page.screenshot(path=str(folder / f"preview-{name}.png"), full_page=True)
    assert violations == []


def test_paste_from_word_keeps_structure_and_drops_the_rest(
    live_server: Any, page: Any, login: Any, transactional_db: Any
):
    newsroom = Newsroom()
    item = newsroom.draft(body="")
    login(newsroom.editor)
    page.goto(f"{live_server.url}/lam-viec/tin/{item.pk}/sua/")
    _paste(page, WORD_PASTE)
    pasted = _editor_html(page)
    assert "<h2>Thông cáo báo chí</h2>" in pasted  # Word's h1 fits the body's range
    assert "<strong>7.000 đồng</strong>" in pasted
    assert "<em>mỗi lượt</em>" in pasted
    assert "<table>" in pasted
    assert "E01" in pasted
    for hostile in ("style=", "class=", "<script", "onerror", "javascript:", "<img", "<span", "Mso"):
        assert hostile not in pasted
    assert page.evaluate("window.pwned") is None

    page.get_by_role("button", name="Lưu").click()
    page.get_by_role("link", name="Xem trước").wait_for()
    item = Item.objects.get(pk=item.pk)
    assert re.search(r"<table><tbody><tr><td>Tuyến</td><td>Giá</td></tr>", item.body)
    assert '<a href="https://hanoi.gov.vn/" rel="noopener noreferrer nofollow">Cổng thông tin</a>' in item.body
    assert "javascript:" not in item.body


# Google Docs wraps the copy in a <b style="font-weight:normal">, and marks bold by style alone;
# Word writes its lists as paragraphs with mso-list styles.
DOCS_PASTE = """<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-1a2b">
<h3 dir="ltr" style="line-height:1.38"><span style="font-size:13pt;color:#434343">Lịch trình</span></h3>
<ul style="margin-top:0"><li dir="ltr" style="list-style-type:disc" aria-level="1"><p dir="ltr" role="presentation">
<span style="font-weight:700">Sáng</span><span style="font-weight:400">: khai mạc</span></p></li></ul></b>"""
WORD_LIST_PASTE = """<html xmlns:w="urn:schemas-microsoft-com:office:word"><head><style>
@list l0:level1 {mso-level-number-format:bullet; mso-level-text:\\F0B7;}</style></head><body>
<p class=MsoListParagraphCxSpFirst style='mso-list:l0 level1 lfo1'><![if !supportLists]><span style='font-family:Symbol'>
<span style='mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span></span><![endif]>Một</p>
<p class=MsoListParagraphCxSpLast style='mso-list:l0 level1 lfo1'><![if !supportLists]><span style='font-family:Symbol'>
<span style='mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span></span><![endif]>Hai</p>
</body></html>"""


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        (DOCS_PASTE, "<h3>Lịch trình</h3><ul><li><strong>Sáng</strong>: khai mạc</li></ul>"),
        (WORD_LIST_PASTE, "<ul><li>Một</li><li>Hai</li></ul>"),
    ],
)
def test_paste_from_google_docs_and_word_lists(
    live_server: Any, page: Any, login: Any, transactional_db: Any, markup: str, expected: str
):
    newsroom = Newsroom()
    login(newsroom.editor)
    page.goto(f"{live_server.url}/lam-viec/tin/moi/")
    _paste(page, markup)
    assert _editor_html(page).startswith(expected)


def test_toolbar_inserts_a_table_and_a_link(
    live_server: Any, page: Any, login: Any, transactional_db: Any, tmp_path: Path
):
    newsroom = Newsroom()
    login(newsroom.editor)
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(f"{live_server.url}/lam-viec/tin/moi/")
    page.get_by_label("Nội dung").click()
    page.keyboard.type("Cổng thông tin")
    page.keyboard.press("Shift+Home")
    page.get_by_role("button", name="Liên kết", exact=True).click()
    tooltip = page.locator(".ql-tooltip.ql-editing")
    label = tooltip.evaluate("element => getComputedStyle(element, '::before').content")
    assert label == '"Địa chỉ liên kết:"'
    page.keyboard.type("https://hanoi.gov.vn/")
    page.keyboard.press("Enter")
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Bảng", exact=True).click()
    page.keyboard.type("Tuyến")
    page.keyboard.press("Tab")
    page.keyboard.type("Giá")
    page.get_by_role("button", name="+ Hàng").click()
    assert _editor_html(page) == (
        '<p><a href="https://hanoi.gov.vn/">Cổng thông tin</a></p>'
        "<table><tbody><tr><td>Tuyến</td><td>Giá</td></tr><tr><td></td><td></td></tr>"
        "<tr><td></td><td></td></tr></tbody></table>"
    )
    page.set_viewport_size({"width": 375, "height": 812})
    _no_overflow(page)
    page.screenshot(path=str(_screenshot_dir(tmp_path) / "editor-table-phone.png"), full_page=True)
    assert violations == []  # the link box is placed through element.style, which the policy allows


def test_a_body_the_editor_cannot_hold_stays_html(live_server: Any, page: Any, login: Any, transactional_db: Any):
    newsroom = Newsroom()
    body = "<figure><table><thead><tr><th>Tuyến</th></tr></thead></table><figcaption>Bảng giá</figcaption></figure>"
    item = newsroom.draft(body=body)
    login(newsroom.editor)
    page.goto(f"{live_server.url}/lam-viec/tin/{item.pk}/sua/")
    page.get_by_text("hãy sửa trực tiếp mã HTML").wait_for()
    assert page.get_by_label("Nội dung").input_value() == body
    assert page.locator(".ql-editor").count() == 0


def test_without_javascript_the_body_is_a_textarea_of_html(live_server: Any, browser: Any, transactional_db: Any):
    newsroom = Newsroom()
    item = newsroom.draft(body="<h2>Mục</h2><p>Đoạn <strong>đậm</strong>.</p>")
    context = browser.new_context(java_script_enabled=False, locale="vi-VN")
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(newsroom.editor)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    page = context.new_page()
    page.goto(f"{live_server.url}/lam-viec/tin/{item.pk}/sua/")
    body = page.get_by_label("Nội dung")
    assert body.input_value() == "<h2>Mục</h2><p>Đoạn <strong>đậm</strong>.</p>"
    body.fill('<h3>Mục mới</h3><p onclick="x()">Một <em>đoạn</em>.</p><script>x()</script>')
    page.get_by_role("button", name="Lưu").click()
    page.get_by_role("heading", name=item.title).wait_for()
    assert Item.objects.get(pk=item.pk).body == "<h3>Mục mới</h3><p>Một <em>đoạn</em>.</p>"
    context.close()
