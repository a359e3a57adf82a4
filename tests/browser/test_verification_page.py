"""The verification pages in a real Chromium: a near-miss result with its diff, and axe-core
finds no serious WCAG 2.1 AA violations."""

from typing import Any

import pytest
from django.urls import reverse

from tests.browser.test_accessibility import serious_violations
from tests.factories import Newsroom

pytestmark = pytest.mark.browser


@pytest.fixture
def item(transactional_db: Any) -> Any:
    return Newsroom().publish()


def test_code_result_is_accessible(item, visit, page):
    assert visit(f"{reverse('authenticity:verify')}?code={item.verification_code}").ok
    assert page.locator(".verdict--authentic").is_visible()
    assert serious_violations(page) == []


def test_near_miss_text_shows_diff_and_is_accessible(item, visit, page):
    visit(reverse("authenticity:verify"))
    page.get_by_role("textbox", name="Nội dung văn bản").fill(
        f"{item.title}\n{item.lead}\nCầu dài 9 km, dự kiến hoàn thành sau 36 tháng."
    )
    page.get_by_role("button", name="Kiểm tra nội dung").click()
    page.wait_for_load_state()
    assert page.locator(".verdict--no_match").is_visible()
    assert page.locator(".diff del", has_text="5,4").is_visible()
    assert serious_violations(page) == []


def test_keys_page_is_accessible(item, visit, page):
    assert visit(reverse("authenticity:keys")).ok
    assert page.locator("table.keys").is_visible()
    assert serious_violations(page) == []
