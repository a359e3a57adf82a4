"""The inquiry configuration screens in a browser: no serious accessibility violations; the rule
form and the test box, with their searchable lists (Tom Select), send what was chosen; an
imported file goes through preview and confirmation."""

from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from presscenter.accounts.models import Role
from presscenter.inquiries.models import DeadlinePolicy, RoutingRule
from tests import factories
from tests.browser.test_accessibility import serious_violations

pytestmark = pytest.mark.browser


@pytest.fixture
def configured(transactional_db: Any) -> dict[str, Any]:
    city = factories.organisation(kind="peoples_committee", name="UBND Thành phố Hà Nội")
    cluster = factories.organisation(kind="other", name="Cụm phường trung tâm", parent=city)
    ward = factories.organisation(kind="ward", name="Phường Hoàn Kiếm", parent=cluster)
    agency = factories.organisation(name="Sở Xây dựng Hà Nội")
    category = factories.category(code="chieu-sang", name="Chiếu sáng công cộng")
    rule = RoutingRule.objects.create(category=category, area=cluster, organisation=agency, note="Đèn đường")
    DeadlinePolicy.objects.create(
        category=None, priority="urgent", amount=8, unit="working_hours", remind_before_hours=2
    )
    staff = factories.user(Role.CENTER_OPERATOR)
    return {"ward": ward, "agency": agency, "category": category, "rule": rule, "staff": staff, "city": city}


def choose(page: Any, select_id: str, value: Any) -> None:
    """Choose on the list Tom Select enhances (its searchable box is there) through the list it
    keeps in sync, which the form sends: typing into the box races its closing animation."""
    expect(page.locator(f"#{select_id}-ts-control")).to_be_attached()
    page.locator(f"#{select_id}").select_option(str(value), force=True)


@pytest.mark.parametrize(
    "name",
    ["categories", "category_create", "rules", "rule_create", "rule_import", "policies", "threshold"],
)
def test_configuration_pages_have_no_serious_violations(configured, visit, page, login, name):
    login(configured["staff"])
    assert visit(reverse(f"inquiries_config:{name}")).ok
    assert serious_violations(page) == []


def test_the_test_box_finds_the_rule_of_the_parent_area(configured, visit, page, login):
    login(configured["staff"])
    visit(reverse("inquiries_config:rules"))
    box = page.locator("section[aria-labelledby=rule-test-title]")
    choose(page, "id_category", configured["category"].pk)
    choose(page, "id_area", configured["ward"].pk)
    with page.expect_navigation():
        box.get_by_role("button", name="Xem quy tắc áp dụng").click()
    assert page.get_by_text("Câu hỏi này sẽ được giao cho").is_visible()
    assert page.locator(".notice strong").inner_text() == "Sở Xây dựng Hà Nội"
    assert page.get_by_text("địa bàn cấp trên Cụm phường trung tâm (cấp 1)").is_visible()
    assert serious_violations(page) == []


def test_a_rule_is_added_with_the_searchable_lists(configured, visit, page, login):
    login(configured["staff"])
    visit(reverse("inquiries_config:rule_create"))
    form = page.locator("form.ws-form")
    choose(page, "id_area", configured["ward"].pk)
    choose(page, "id_organisation", configured["city"].pk)
    with page.expect_navigation():
        form.get_by_role("button", name="Lưu").click()
    assert page.get_by_text("Đã lưu quy tắc chuyển xử lý.").is_visible()
    rule = RoutingRule.objects.get(area=configured["ward"])
    assert rule.organisation == configured["city"] and rule.category is None


def test_a_rules_file_is_previewed_then_imported(configured, visit, page, login):
    login(configured["staff"])
    visit(reverse("inquiries_config:rule_import"))
    ward, agency = configured["ward"], configured["agency"]
    data = (
        "category_code,area_slug,topic_slug,organisation_slug,note\r\n"
        f'chieu-sang,{ward.slug},,{agency.slug},"Đèn đường, ngõ ""nhỏ"""\r\n'
        f",,,{configured['city'].slug},'=1+1\r\n"
    )
    page.set_input_files("#id_file", {"name": "quy-tac.csv", "mimeType": "text/csv", "buffer": data.encode()})
    page.get_by_role("button", name="Xem trước").click()
    page.wait_for_load_state()
    assert page.get_by_text("2 quy tắc mới, 0 thay đổi, 0 giữ nguyên, 0 ngừng áp dụng.").is_visible()
    assert RoutingRule.objects.count() == 1
    page.get_by_role("button", name="Nhập các quy tắc này").click()
    page.wait_for_load_state()
    assert page.get_by_text("Đã nhập quy tắc").is_visible()
    assert RoutingRule.objects.get(area=ward).note == 'Đèn đường, ngõ "nhỏ"'
    assert RoutingRule.objects.get(area=None, category=None).note == "=1+1"
