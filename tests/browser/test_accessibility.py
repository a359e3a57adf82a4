"""axe-core on the main public pages: no serious or critical WCAG 2.1 AA violations."""

import datetime as dt
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import timezone

from presscenter.accounts.models import Role
from presscenter.orgs.models import Kind
from presscenter.releases.models import Priority
from tests import factories
from tests.factories import Newsroom

pytestmark = pytest.mark.browser

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
BLOCKING = {"serious", "critical"}


@pytest.fixture
def published(transactional_db: Any) -> dict[str, Any]:
    newsroom = Newsroom(name="Sở Xây dựng Hà Nội", spokesperson_name="Lê Văn Cường", spokesperson_phone="024 3976 1234")
    topic = factories.topic(name="Hạ tầng")
    ward = factories.organisation(kind=Kind.WARD, name="Phường Hồng Hà")
    factories.organisation(name="Ban Quản lý dự án hạ tầng", parent=newsroom.org)
    item = newsroom.publish(
        topics=[topic], areas=[ward], contact_name="Phòng Truyền thông", contact_phone="024 3976 5678"
    )
    newsroom.publish(title="Cảnh báo ngập úng cục bộ", priority=Priority.FLASH, related=[item])
    return {"item": item, "agency": newsroom.org}


def serious_violations(page: Any) -> list[str]:
    results = Axe().run(page, options=WCAG_AA)
    violations = results.response["violations"]
    return [
        f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:3]}"
        for v in violations
        if v["impact"] in BLOCKING
    ]


@pytest.mark.parametrize(
    "path_of",
    [
        lambda data: reverse("portal:home"),
        lambda data: data["item"].get_absolute_url(),
        lambda data: reverse("portal:agency", args=[data["agency"].slug]),
        lambda data: reverse("search:search") + "?q=c%E1%BA%A7u",
    ],
    ids=["home", "item", "agency", "search"],
)
def test_page_has_no_serious_accessibility_violations(published, visit, page, path_of):
    assert visit(path_of(published)).ok
    assert serious_violations(page) == []


def test_embargoed_item_for_an_accredited_journalist(published, visit, page, login):
    newsroom = Newsroom()
    embargoed = newsroom.publish(embargo_until=timezone.now() + dt.timedelta(hours=2))
    login(factories.user(Role.JOURNALIST, accredited=True))
    assert visit(embargoed.get_absolute_url()).ok
    assert page.get_by_text("Tin đang trong thời gian cấm đăng đến").is_visible()
    assert page.get_attribute("html", "lang") == "vi"
    assert serious_violations(page) == []


def test_english_switch_keeps_pages_accessible(published, visit, page):
    visit(reverse("portal:home"))
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.get_attribute("html", "lang") == "en"
    assert serious_violations(page) == []


def test_mobile_layout_has_no_serious_violations(published, visit, page):
    page.set_viewport_size({"width": 375, "height": 740})
    visit(published["item"].get_absolute_url())
    assert serious_violations(page) == []
