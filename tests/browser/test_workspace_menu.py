"""The workspace menu on a phone (375 px): a closed disclosure, so the page's heading is on the
first screen; opened (by keyboard too) it lies over the page instead of pushing it down, and Escape
closes it. On a wide screen it is the panel beside the page, always open."""

from typing import Any

import pytest
from django.urls import reverse

from tests.factories import Newsroom

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 667}
FOCUSED = "() => document.activeElement ? document.activeElement.textContent.trim() : ''"


def test_the_menu_is_a_compact_disclosure_on_a_phone(page: Any, login: Any, live_server: Any, transactional_db: Any):
    newsroom = Newsroom(name="Sở Xây dựng Hà Nội")
    login(newsroom.spokesperson)
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + reverse("inquiry_work:inbox"))
    page.wait_for_load_state("networkidle")
    heading = page.get_by_role("heading", level=1, name="Hỏi đáp, phản ánh")
    closed = heading.bounding_box()
    assert closed is not None and closed["y"] + closed["height"] <= PHONE["height"]
    menu_link = page.locator(".ws-menu").get_by_role("link", name="Sự kiện")
    assert not menu_link.is_visible()

    # By keyboard: Tab reaches the menu's summary; Enter opens it; the next Tab goes into it.
    summary = page.locator(".ws-menu > summary")
    for _press in range(40):
        page.keyboard.press("Tab")
        if summary.evaluate("element => element === document.activeElement"):
            break
    else:
        raise AssertionError("the menu cannot be reached with Tab")
    page.keyboard.press("Enter")
    assert menu_link.is_visible()
    assert heading.bounding_box() == closed  # over the page, not pushing it down
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED) == "Tổng quan"
    page.keyboard.press("Escape")
    assert not menu_link.is_visible()
    assert summary.evaluate("element => element === document.activeElement")

    # A wide screen: the panel beside the page, open, its summary hidden.
    page.set_viewport_size({"width": 1366, "height": 768})
    assert menu_link.is_visible() and not summary.is_visible()
