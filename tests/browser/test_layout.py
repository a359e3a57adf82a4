"""No page is wider than the screen: every page of every role at a phone (375 × 812) and a laptop
(1,366 × 768) width. Set PRESSCENTER_SCREENSHOTS to a folder to keep a full-page screenshot of
each for a reviewer.

One browser, each role's session cookie made once, and the site's data made once for the module and flushed afterwards, as
transactional tests do."""

import datetime as dt
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django.live_server_helper import LiveServer

from presscenter.accounts.models import Role
from presscenter.inquiries import domain as inquiries
from presscenter.inquiries.models import DeadlinePolicy, RoutingRule
from presscenter.open311.keys import issue_key
from presscenter.orgs.models import Kind
from presscenter.press import domain as press
from presscenter.releases import domain as releases
from presscenter.subscriptions import domain as subscriptions
from presscenter.webhooks.models import Webhook
from presscenter.workdays.calendar import WorkCalendar
from presscenter.workdays.public_holidays import VietnamHolidays
from tests import factories
from tests.factories import Newsroom
from tests.press.conftest import journalist, make_outlet

# The database marker only sets the test database up and opens it to the test; the data lives
# for the whole module (see `site`).
# `make test` runs this module in a process of its own (tests/browser/conftest.py says why).
pytestmark = [pytest.mark.browser, pytest.mark.django_db]

SIZES = {"phone": {"width": 375, "height": 812}, "laptop": {"width": 1366, "height": 768}}
SCREENSHOTS = os.environ.get("PRESSCENTER_SCREENSHOTS")
LONG_TITLE = (
    "Thông báo điều chỉnh tổ chức giao thông tạm thời trên tuyến đường Nguyễn Trãi – Trần Phú – "
    "Hà Đông để thi công tuyến đường sắt đô thị thí điểm thành phố Hà Nội, đoạn Nhổn – ga Hà Nội"
)
# A long unbroken string, like a pasted address or code, that a narrow screen must wrap.
LONG_URL = "https://toasoan.baothunghiem.vn/he-thong-nhan-tin/webhook/" + "a1b2c3d4e5" * 8


def build_site() -> dict[str, Any]:
    newsroom = Newsroom(name="Sở Giao thông Vận tải Hà Nội")
    admin = factories.user(Role.CENTER_ADMIN)
    topic = factories.topic(name="Giao thông")
    ward = factories.organisation(kind=Kind.WARD, name="Phường Hoàn Kiếm")
    item = newsroom.publish(title=LONG_TITLE, topics=[topic], areas=[ward])
    for n in range(3):
        factories.late_publication(newsroom.publish(title=f"Thông cáo báo chí số {n + 1}/2026"))
    draft = newsroom.draft(title=LONG_TITLE)
    review = newsroom.draft(title="Kế hoạch tổ chức Lễ hội mùa thu Hà Nội 2026")
    releases.submit(newsroom.editor, review)
    outlet = make_outlet()
    pending = journalist(outlet)
    reporter = journalist(outlet, approved_by=newsroom.operator).user
    subscriptions.create_subscription(reporter, organisations=[newsroom.org], topics=[topic], query="giao thông")
    Webhook.objects.create(owner=reporter, name="Hệ thống tòa soạn", url=LONG_URL)
    press.decide(newsroom.operator, journalist(outlet, approved_by=newsroom.operator), "suspend", LONG_URL)
    question = factories.inquiry(reporter, subject=LONG_TITLE, text=LONG_URL, about_item=item)
    inquiries.route(newsroom.operator, question, newsroom.org)
    inquiries.request_info(newsroom.editor, question, "Xin cho biết tên cơ quan báo chí và số điện thoại liên hệ.")
    feedback = factories.inquiry(subject=LONG_TITLE, text=LONG_URL, location=LONG_URL)
    answered = factories.inquiry(subject=LONG_TITLE, text=LONG_TITLE, publish_allowed=True)
    inquiries.route(newsroom.operator, answered, newsroom.org)
    answer = inquiries.save_answer(newsroom.editor, answered, f"<p>{LONG_TITLE}</p><p>{LONG_URL}</p>")
    inquiries.submit_answer(newsroom.editor, answer)
    inquiries.approve_answer(newsroom.spokesperson, answer)
    for days, on_time in ((3, True), (5, False), (9, None)):  # figures for the statistics pages
        received = timezone.now() - dt.timedelta(days=days)
        factories.counted_inquiry(
            newsroom.org, received, area=ward, answered_at=received + dt.timedelta(days=1) if on_time is not None else None,
            answered_on_time=on_time, answer_working_seconds=7 * 3600 if on_time is not None else None,
            rating=4 if on_time else None, due_at=received + dt.timedelta(days=2), subject=LONG_TITLE,
        )  # fmt: skip
    issue_key(admin, "Ứng dụng phản ánh hiện trường của thành phố", LONG_URL)
    saturday = dt.date.today() + dt.timedelta(days=7 + (5 - dt.date.today().weekday()) % 7)
    while WorkCalendar(VietnamHolidays()).is_public_working_day(
        saturday
    ):  # a Saturday the government made a working day
        saturday += dt.timedelta(days=7)
    day = factories.day_exception(saturday, kind="make_up", name="Làm bù cho ngày nghỉ " + LONG_TITLE[:150])
    # Questions and feedback: one waiting to be routed, one with the agency (long words included).
    asked = factories.inquiry(None, subject=LONG_TITLE, area=ward, location=LONG_URL, latitude="21.0301")
    fresh = factories.inquiry(reporter, subject="Tiến độ thi công cầu Trần Hưng Đạo?")
    inquiries.route(newsroom.operator, asked, newsroom.org)
    inquiries.add_note(newsroom.editor, asked, LONG_URL)
    category = factories.category(code="giao-thong-do-thi", name="Giao thông, hạ tầng đô thị và chiếu sáng công cộng")
    rule = RoutingRule.objects.create(category=category, area=ward, organisation=newsroom.org, note=LONG_TITLE[:300])
    DeadlinePolicy.objects.create(category=category, priority="urgent", amount=16, unit="working_hours")
    users = {
        "journalist": reporter,
        "editor": newsroom.editor,
        "spokesperson": newsroom.spokesperson,
        "operator": newsroom.operator,
        "admin": admin,
    }
    return {
        "inquiry": asked,
        "fresh": fresh,
        "newsroom": newsroom,
        "item": item,
        "draft": draft,
        "review": review,
        "pending": pending,
        "day": day,
        "users": users,
        "question": question,
        "feedback": feedback,
        "answered": answered,
        "category": category,
        "rule": rule,
        "ward": ward,
    }


def inquiry_page(name: str, inquiry: Any) -> str:
    return reverse(name, args=[inquiry.code]) + f"?k={inquiry.access_key}"


# A page is a URL name, or a function of the site's data giving its path.
Address = str | Callable[[dict[str, Any]], str]
STAFF_PAGES: list[tuple[str, Address]] = [
    ("accreditation-queue", "press:queue"),
    ("audit-log", "workspace:audit_log"),
    ("delivery-status", "delivery:health"),
    ("webhooks", "webhooks:admin"),
    ("keys", "authenticity:keys"),
    ("late-publications", "workspace:late_publications"),
    ("open311-keys", "open311_keys:keys"),
    ("working-calendar", "workdays:calendar"),
    ("working-calendar-next-year", lambda site: reverse("workdays:calendar_year", args=[site["day"].date.year + 1])),
    ("working-day-edit", lambda site: reverse("workdays:edit", args=[site["day"].pk])),
    ("working-day-remove", lambda site: reverse("workdays:remove", args=[site["day"].pk])),
    ("inquiry-categories", "inquiries_config:categories"),
    ("inquiry-category", lambda site: reverse("inquiries_config:category_edit", args=[site["category"].pk])),
    ("inquiry-rules", "inquiries_config:rules"),
    ("inquiry-rule", lambda site: reverse("inquiries_config:rule_edit", args=[site["rule"].pk])),
    (
        "inquiry-rule-test",
        lambda site: reverse("inquiries_config:rule_test") + f"?category={site['category'].pk}&area={site['ward'].pk}",
    ),
    ("inquiry-rule-import", "inquiries_config:rule_import"),
    ("inquiry-deadlines", "inquiries_config:policies"),
    (
        "inquiry-deadline",
        lambda site: reverse("inquiries_config:policy_edit") + f"?category={site['category'].pk}&priority=urgent",
    ),
    ("inquiry-auto-routing", "inquiries_config:threshold"),
]
PAGES: list[tuple[str, str, Address]] = [
    ("anonymous", "home", "portal:home"),
    ("anonymous", "latest", "portal:latest"),
    ("anonymous", "agencies", "portal:agency_list"),
    ("anonymous", "agency", lambda site: reverse("portal:agency", args=[site["newsroom"].org.slug])),
    ("anonymous", "topics", "portal:topic_list"),
    ("anonymous", "areas", "portal:area_list"),
    ("anonymous", "item", lambda site: site["item"].get_absolute_url()),
    ("anonymous", "search", lambda site: reverse("search:search") + "?q=giao+th%C3%B4ng"),
    ("anonymous", "verify", "authenticity:verify"),
    ("anonymous", "feeds", "subscriptions:public"),
    ("anonymous", "signup", "press:signup"),
    ("anonymous", "login", "accounts:login"),
    ("anonymous", "asking", "inquiries_public:index"),
    ("anonymous", "feedback-form", "inquiries_public:feedback"),
    ("anonymous", "inquiry-lookup", "inquiries_public:lookup"),
    ("anonymous", "feedback-sent", lambda site: inquiry_page("inquiries_public:sent", site["feedback"])),
    ("anonymous", "feedback-status", lambda site: inquiry_page("inquiries_public:status", site["feedback"])),
    ("anonymous", "answered-status", lambda site: inquiry_page("inquiries_public:status", site["answered"])),
    ("anonymous", "inquiry-public-stats", "inquiries_stats:public"),
    ("journalist", "press-desk", "press:desk"),
    ("journalist", "profile", "press:profile"),
    ("journalist", "subscriptions", "subscriptions:list"),
    ("journalist", "subscription-editor", "subscriptions:create"),
    ("journalist", "notifications", "live:centre"),
    ("journalist", "private-feed", "live:feed_token"),
    ("journalist", "own-webhooks", "webhooks:list"),
    ("journalist", "press-question", lambda site: reverse("inquiries_public:question") + f"?tin={site['item'].uid}"),
    ("journalist", "my-questions", "inquiries_public:mine"),
    ("journalist", "question-status", lambda site: reverse("inquiries_public:status", args=[site["question"].code])),
    ("editor", "dashboard", "workspace:home"),
    ("editor", "item-list", lambda site: reverse("workspace:queue", args=["drafts"])),
    ("editor", "item-edit", lambda site: reverse("workspace:item_edit", args=[site["draft"].pk])),
    ("editor", "item", lambda site: reverse("workspace:item", args=[site["draft"].pk])),
    ("editor", "item-preview", lambda site: reverse("workspace:item_preview", args=[site["draft"].pk])),
    ("editor", "word-import", "workspace:item_import"),
    ("editor", "inquiry-stats", "inquiries_stats:dashboard"),
    (
        "editor",
        "inquiry-report",
        lambda site: (
            reverse("inquiries_stats:report") + f"?co_quan={site['newsroom'].org.pk}&thang={timezone.localdate():%Y-%m}"
        ),
    ),
    ("editor", "working-calendar", "workdays:calendar"),
    ("editor", "inquiry-inbox", "inquiry_work:inbox"),
    ("editor", "inquiry", lambda site: reverse("inquiry_work:detail", args=[site["inquiry"].pk])),
    ("spokesperson", "inquiry", lambda site: reverse("inquiry_work:detail", args=[site["inquiry"].pk])),
    ("spokesperson", "dashboard", "workspace:home"),
    ("spokesperson", "item-list", lambda site: reverse("workspace:queue", args=["review"])),
    ("spokesperson", "review", lambda site: reverse("workspace:item", args=[site["review"].pk])),
    ("operator", "dashboard", "workspace:home"),
    ("operator", "application", lambda site: reverse("press:journalist", args=[site["pending"].pk])),
    ("operator", "accounts", "workspace:account_list"),
    ("operator", "organisations", "workspace:organisation_list"),
    ("operator", "outlets", "press:outlets"),
    ("operator", "inquiry-triage", "inquiry_work:triage"),
    ("operator", "inquiry-new", lambda site: reverse("inquiry_work:detail", args=[site["fresh"].pk])),
    ("operator", "inquiry-stats", "inquiries_stats:dashboard"),
    ("operator", "inquiry-list", lambda site: reverse("inquiries_stats:list") + "?chi_tiet=overdue"),
    *[("operator", name, path) for name, path in STAFF_PAGES],
    *[("admin", name, path) for name, path in STAFF_PAGES],
]


@pytest.fixture(scope="module")
def site(django_db_setup: Any, django_db_blocker: Any) -> Iterator[dict[str, Any]]:
    """The data and each role's session, committed once for the module, flushed after it."""
    with django_db_blocker.unblock():
        data = build_site()
        data["cookies"] = {role: session_cookie(user) for role, user in data["users"].items()}
        yield data
        call_command("flush", interactive=False, verbosity=0)


def session_cookie(user: Any) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


@pytest.fixture(scope="module")
def server(site: dict[str, Any], django_db_blocker: Any) -> Iterator[str]:
    """A live server of the module's own: pytest-django's `live_server` would flush the data
    after every test (it makes each test that uses it transactional)."""
    with django_db_blocker.unblock():
        live = LiveServer("localhost")
    live._live_server_modified_settings.enable()
    yield live.url
    live._live_server_modified_settings.disable()
    live.stop()


@pytest.fixture
def signed_in(context: Any, server: str, site: dict[str, Any]) -> Callable[[str], Any]:
    """A page of pytest-playwright's browser context, signed in as the role (its session cookie)."""

    def page_for(role: str) -> Any:
        if role != "anonymous":
            cookie = {"name": settings.SESSION_COOKIE_NAME, "value": site["cookies"][role], "url": server}
            context.add_cookies([cookie])
        return context.new_page()

    return page_for


OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll("body *")]
    .filter((el) => el.getBoundingClientRect().right > width + 1 && el.getClientRects().length)
    .slice(0, 5)
    .map((el) => el.tagName.toLowerCase() + (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\\s+/).join(".") : ""));
  return {scrollWidth: document.documentElement.scrollWidth, clientWidth: width, wide};
}"""


@pytest.mark.parametrize("size", sorted(SIZES))
@pytest.mark.parametrize(("role", "name", "path_of"), PAGES, ids=[f"{role}-{name}" for role, name, _p in PAGES])
def test_page_fits_the_screen(site, signed_in, server, role, name, path_of, size):
    page = signed_in(role)
    try:
        page.set_viewport_size(SIZES[size])
        response = page.goto(server + (path_of(site) if callable(path_of) else reverse(path_of)))
        assert response is not None and response.ok, f"{role} {name}: HTTP {response and response.status}"
        measured = page.evaluate(OVERFLOW)
        if SCREENSHOTS:
            page.screenshot(path=str(Path(SCREENSHOTS) / f"{role}-{name}-{SIZES[size]['width']}.png"), full_page=True)
        assert measured["scrollWidth"] <= measured["clientWidth"], measured
    finally:
        page.close()


def test_bell_shows_a_drawn_icon_and_no_zero_count(site, signed_in, server):
    page = signed_in("journalist")
    try:
        page.goto(server + reverse("portal:home"))
        assert page.locator(".live-bell svg.live-bell-icon").is_visible()
        assert page.locator("[data-live-count]").is_hidden()  # nothing unread: no "0" badge
    finally:
        page.close()
