"""Each role's main journey in a real browser, at a phone's size (375 × 812) and a laptop's
(1,366 × 768): the pages fit the screen, the choosing widgets work (a searchable multi-select,
a Vietnamese date picker), no script breaks the Content-Security-Policy, and a full-page
screenshot of every step is kept for review in PRESSCENTER_SCREENSHOTS (default: a new
temporary folder, named in the test's output)."""

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from presscenter.accounts.models import Role
from presscenter.orgs.models import Kind
from presscenter.releases import domain as releases
from presscenter.releases.models import Item, State
from tests import factories
from tests.factories import Newsroom
from tests.press.conftest import journalist, make_outlet

pytestmark = pytest.mark.browser


def choose(page: Any, label: str, typed: str, option: str) -> None:
    """Pick one option of a searchable multi-select by typing part of its name."""
    page.get_by_role("combobox", name=label).fill(typed)
    page.locator(".ts-dropdown .option", has_text=option).first.click()
    page.locator("h1").first.click()  # a click outside closes the list, as a person would


def pick_date(page: Any, label: str, typed: str) -> None:
    """Type a date into a field with the date picker, then click away, as a person would."""
    field = page.get_by_label(label)
    field.and_(page.locator(".flatpickr-input")).wait_for()  # the picker is loaded after the page
    field.click()
    page.locator(".flatpickr-calendar.open").wait_for()
    field.fill(typed)
    page.locator("h1").first.click()  # a click outside closes the picker; it reads the typed text
    page.locator(".flatpickr-calendar.open").wait_for(state="hidden")


def test_public_reads_searches_and_subscribes(walk: Any, page: Any, transactional_db: Any):
    newsroom = Newsroom(name="Sở Giao thông Vận tải Hà Nội")
    factories.topic(name="Giao thông")
    factories.organisation(kind=Kind.WARD, name="Phường Hoàn Kiếm")
    item = newsroom.publish(title="Phân luồng giao thông phục vụ thi công đường sắt đô thị")
    walk("public-home", reverse("portal:home"))
    walk("public-item", item.get_absolute_url())
    walk("public-search", reverse("search:search") + "?q=giao+th%C3%B4ng")
    walk("public-subscribe", reverse("subscriptions:public"))
    choose(page, "Địa bàn", "hoan", "Phường Hoàn Kiếm")
    assert page.locator(".ts-wrapper .item", has_text="Phường Hoàn Kiếm").count() == 1
    walk("public-subscribe-chosen")


def test_journalist_follows_beats_and_subscribes(walk: Any, page: Any, login: Any, transactional_db: Any):
    operator = factories.user(Role.CENTER_OPERATOR)
    factories.topic(name="Y tế")
    factories.organisation(kind=Kind.WARD, name="Phường Ba Đình")
    reporter = journalist(make_outlet(), approved_by=operator).user
    login(reporter)
    walk("journalist-desk", reverse("press:desk"))
    walk("journalist-profile", reverse("press:profile"))
    choose(page, "Lĩnh vực theo dõi", "y t", "Y tế")
    page.get_by_label("Giờ yên tĩnh: bắt đầu").and_(page.locator(".flatpickr-input")).click()
    page.locator(".flatpickr-calendar.open .flatpickr-time").wait_for()  # a 24-hour time picker
    assert page.locator(".flatpickr-calendar.open .flatpickr-am-pm").count() == 0
    walk("journalist-profile-time-picker")
    page.locator("h1").first.click()
    walk("journalist-profile-choosing")
    walk("journalist-subscription", reverse("subscriptions:create"))
    choose(page, "Chủ đề", "y", "Y tế")
    walk("journalist-subscription-chosen")
    walk("journalist-notifications", reverse("live:centre"))


def test_editor_drafts_with_topics_areas_and_an_embargo(walk: Any, page: Any, login: Any, transactional_db: Any):
    newsroom = Newsroom(name="Sở Y tế Hà Nội")
    factories.topic(name="Y tế")
    factories.organisation(kind=Kind.WARD, name="Phường Cửa Nam")
    newsroom.publish(title="Tiêm chủng mở rộng đợt 2")
    login(newsroom.editor)
    walk("editor-dashboard", reverse("workspace:home"))
    walk("editor-new-item", reverse("workspace:item_create"))
    page.get_by_label("Tiêu đề").fill("Lịch tiêm chủng tháng 12")
    choose(page, "Chủ đề", "y t", "Y tế")
    choose(page, "Địa bàn", "cua", "Phường Cửa Nam")
    choose(page, "Tin liên quan", "tiem", "Tiêm chủng mở rộng đợt 2")
    lift = timezone.localtime() + dt.timedelta(days=2)
    page.get_by_label("Cấm đăng đến").and_(page.locator(".flatpickr-input")).click()
    page.locator(".flatpickr-calendar.open").wait_for()
    assert (
        "CN" in page.locator(".flatpickr-calendar.open .flatpickr-weekdays").inner_text()
    )  # Vietnamese weekdays, Monday first
    walk("editor-date-picker")
    pick_date(page, "Cấm đăng đến", f"{lift:%d/%m/%Y} 08:30")
    assert page.get_by_label("Cấm đăng đến").input_value() == f"{lift:%d/%m/%Y} 08:30"
    walk("editor-new-item-filled")
    page.get_by_role("button", name="Lưu").click()
    page.get_by_text("Đã lưu tin.").wait_for()
    item = Item.objects.get(title="Lịch tiêm chủng tháng 12")
    assert timezone.localtime(item.working_embargo_until).strftime("%d/%m/%Y %H:%M") == f"{lift:%d/%m/%Y} 08:30"
    assert [t.name for t in item.topics.all()] == ["Y tế"] and item.related.count() == 1
    walk("editor-item")
    # The file field's button and the chosen name are in the page's language, not the browser's.
    assert page.locator("label.file-button").inner_text() == "Chọn tệp"
    assert page.locator(".file-chosen").inner_text() == "Chưa chọn tệp nào"
    page.set_input_files(
        "input[name=file]", files=[{"name": "lich-tiem.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4"}]
    )
    assert page.locator(".file-chosen").inner_text() == "lich-tiem.pdf"
    page.get_by_role("button", name="Gửi duyệt").click()
    page.get_by_text("Đã gửi duyệt.").wait_for()
    walk("editor-drafts", reverse("workspace:queue", args=["review"]))
    assert page.locator(".badge-in_review").count() == 1 and page.locator("[data-embargo-countdown]").is_visible()


def test_editor_sees_a_garbled_date_refused_beside_its_field(walk: Any, page: Any, login: Any, transactional_db: Any):
    newsroom = Newsroom()
    login(newsroom.editor)
    walk("editor-new-item-empty", reverse("workspace:item_create"))
    page.get_by_label("Tiêu đề").fill("Thông báo")
    pick_date(page, "Cấm đăng đến", "31/02/2026 25:00")
    # The picker neither rolls it over to 3 March nor empties the field: the server says why.
    assert page.get_by_label("Cấm đăng đến").input_value() == "31/02/2026 25:00"
    page.get_by_role("button", name="Lưu").click()
    summary = page.locator(".error-summary")
    summary.wait_for()
    assert "Cấm đăng đến" in summary.inner_text() and "ngày/tháng/năm giờ:phút" in summary.inner_text()
    field = page.get_by_label("Cấm đăng đến")
    assert field.get_attribute("aria-invalid") == "true"
    assert "id_embargo_until_error" in (field.get_attribute("aria-describedby") or "")
    walk("editor-form-errors")


def test_spokesperson_schedules_an_item(walk: Any, page: Any, login: Any, transactional_db: Any):
    newsroom = Newsroom(name="Sở Xây dựng Hà Nội")
    item = releases.submit(newsroom.editor, newsroom.draft(title="Kế hoạch cải tạo chung cư cũ"))
    login(newsroom.spokesperson)
    walk("spokesperson-dashboard", reverse("workspace:home"))
    walk("spokesperson-review", reverse("workspace:queue", args=["review"]))
    page.get_by_role("link", name=item.title).click()
    at = timezone.localtime() + dt.timedelta(days=1)
    pick_date(page, "Hẹn giờ công bố (để trống: công bố ngay)", f"{at:%d/%m/%Y} 16:45")
    walk("spokesperson-item")
    page.get_by_role("button", name="Duyệt…", exact=True).click()
    walk("spokesperson-confirm")
    page.get_by_role("button", name="Xác nhận hẹn giờ công bố").click()
    page.get_by_text("Đã duyệt tin.").wait_for()
    item.refresh_from_db()
    assert item.state == State.SCHEDULED
    assert timezone.localtime(item.scheduled_at).strftime("%d/%m/%Y %H:%M") == f"{at:%d/%m/%Y} 16:45"
    walk("spokesperson-scheduled", reverse("workspace:queue", args=["scheduled"]))
    assert f"Đã duyệt, hẹn giờ bởi {newsroom.spokesperson}" in page.content()


def test_operator_works_the_queues(walk: Any, page: Any, login: Any, transactional_db: Any):
    newsroom = Newsroom()
    factories.late_publication(newsroom.publish(title="Thông cáo báo chí số 7/2026"))
    journalist(make_outlet())
    login(newsroom.operator)
    walk("operator-dashboard", reverse("workspace:home"))
    walk("operator-accreditation", reverse("press:queue"))
    assert page.locator(".badge-pending").count() == 1
    walk("operator-late", reverse("workspace:late_publications"))
    walk("operator-published", reverse("workspace:queue", args=["published"]))
    walk("operator-audit", reverse("workspace:audit_log"))
    page.get_by_label("Từ ngày").and_(page.locator(".flatpickr-input")).click()
    page.locator(".flatpickr-calendar.open").wait_for()
    walk("operator-audit-date-picker")


def test_admin_manages_accounts_and_agencies(walk: Any, page: Any, login: Any, transactional_db: Any):
    newsroom = Newsroom()
    admin = factories.user(Role.CENTER_ADMIN)
    login(admin)
    walk("admin-dashboard", reverse("workspace:home"))
    walk("admin-accounts", reverse("workspace:account_list"))
    walk("admin-account", reverse("workspace:account_edit", args=[newsroom.editor.pk]))
    walk("admin-organisations", reverse("workspace:organisation_list"))
    walk("admin-organisation", reverse("workspace:organisation_edit", args=[newsroom.org.pk]))
