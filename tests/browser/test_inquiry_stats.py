"""The dashboard's charts in a real browser: drawn by ECharts under the strict CSP, and a click
on a bar opens the questions behind it."""

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from presscenter.accounts.models import Role
from tests import factories

pytestmark = pytest.mark.browser


def test_a_click_on_a_bar_opens_the_questions_behind_it(
    transactional_db: Any, live_server: Any, page: Any, login: Any, visit: Any
) -> None:
    agency = factories.organisation(name="Sở Giao thông")
    now = timezone.now()
    for rating in (4, 4, 4, 2):
        factories.counted_inquiry(
            agency, now - dt.timedelta(days=3), answered_at=now - dt.timedelta(days=2), answered_on_time=True,
            answer_working_seconds=3 * 3600, rating=rating,
        )  # fmt: skip
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    login(factories.user(Role.CENTER_OPERATOR))
    visit(reverse("inquiries_stats:dashboard"))
    chart = page.locator('[data-chart="ratings"]')
    expect(chart.locator("svg")).to_have_count(1)
    chart.scroll_into_view_if_needed()
    box = chart.bounding_box()
    assert box is not None
    # Five categories (1 to 5 stars) across the plot: the tallest bar, 4 stars, is the fourth.
    page.mouse.click(box["x"] + box["width"] * 0.68, box["y"] + box["height"] * 0.55)
    page.wait_for_url(lambda url: "/danh-sach/" in url and "sao=4" in url)
    expect(page.locator("h1")).to_contain_text("4 sao")
    expect(page.locator("tbody tr")).to_have_count(3)
    assert errors == []
