"""Registering for a press conference in a real browser: a journalist registers with a camera
operator, the organiser sees the seats taken and revokes with a reason, the journalist sees the
revocation in "Sự kiện của tôi"; every page fits a phone and a laptop within the CSP."""

from typing import Any

import pytest

from presscenter.events.models import Registration, RegistrationStatus
from tests.events.factories import accredited_journalist, event, organiser_and_officer

pytestmark = pytest.mark.browser


def test_a_journalist_registers_and_the_organiser_revokes(
    live_server: Any, page: Any, login: Any, walk: Any, transactional_db: Any
):
    _agency, editor = organiser_and_officer()
    conference = event(editor, capacity=20, title="Họp báo về an toàn giao thông dịp Tết")
    reporter = accredited_journalist(full_name="Hoàng Thị Phóng Viên")
    login(reporter)
    walk("nha-bao-dang-ky", f"/su-kien/{conference.slug}/dang-ky/")
    page.locator("input[name=crew-0-full_name]").fill("Đặng Quay Phim")
    page.locator("select[name=crew-0-role]").select_option("camera")
    page.get_by_role("button", name="Đăng ký").click()
    page.get_by_role("heading", name="Sự kiện của tôi").wait_for()
    walk("nha-bao-su-kien-cua-toi")
    made = Registration.objects.get(journalist=reporter)
    assert made.status == RegistrationStatus.APPROVED and made.tickets.count() == 2

    page.context.clear_cookies()
    login(editor)
    walk("to-chuc-danh-sach-dang-ky", f"/lam-viec/su-kien/{conference.pk}/dang-ky/")
    assert page.locator(".ev-seats dd").nth(1).inner_text() == "2"  # approved people, crew included
    page.get_by_text("Thu hồi", exact=True).first.click()
    page.locator("textarea[name=reason]").last.fill("Không xuất trình thẻ nhà báo")
    page.get_by_role("button", name="Thu hồi").click()
    page.get_by_text("Đã thu hồi.").wait_for()
    assert Registration.objects.get(pk=made.pk).status == RegistrationStatus.REVOKED
    walk("to-chuc-moi-nha-bao", f"/lam-viec/su-kien/{conference.pk}/moi/")

    page.context.clear_cookies()
    login(reporter)
    page.goto(live_server.url + "/su-kien/cua-toi/")
    page.get_by_text("Không xuất trình thẻ nhà báo").wait_for()
