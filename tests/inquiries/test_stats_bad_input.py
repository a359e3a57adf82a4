"""The statistics' entry points on bad input, and the drill-down lists' links to each question.

A browser walk found: far dates (year 1, 9999) answered 500 (the period's bounds overflowed the
calendar); the exports ignored an invalid period and sent a file of the default one; the monthly
report refused a wrong month with 403; the question lists had no link to the questions. Every
entry point is tried here with far and wrong dates: the pages say why beside the form, the
exports and the report's PDF answer 400 with the reason and no file, 403 is kept for another
agency's report. There is no statistics API (the figures are pages and files only)."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from presscenter.accounts.models import Role
from presscenter.inquiries import access, stats
from presscenter.inquiries.models import Inquiry, State
from presscenter.orgs.models import Kind
from tests import factories

pytestmark = pytest.mark.django_db


def at(days_ago: float) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=days_ago)


@pytest.fixture
def world():
    """Agency A with a ward A1 below it, agency C. A: two questions, one open and overdue;
    A1: two, one escalated to A; C: one."""

    class World:
        a = factories.organisation(name="Sở Giao thông")
        a1 = factories.organisation(kind=Kind.WARD, name="Phường Hàng Bông", parent=a)
        c = factories.organisation(name="Sở Y tế")
        operator = factories.user(Role.CENTER_OPERATOR)
        editor_a = factories.user(Role.EDITOR, a)
        editor_c = factories.user(Role.EDITOR, c)

    w = World
    w.own = factories.counted_inquiry(w.a, at(3), subject="Đèn đường phố Huế hỏng", answered_at=at(2))
    w.overdue = factories.counted_inquiry(
        w.a, at(4), subject="Ổ gà phố Tràng Thi", state=State.IN_PROGRESS, due_at=at(1)
    )
    w.below = factories.counted_inquiry(w.a1, at(3), subject="Rác ở ngõ Hàng Bông")
    w.escalated = factories.counted_inquiry(
        w.a1, at(5), subject="Nước ngập ngõ Tạm Thương", state=State.IN_PROGRESS, due_at=at(2), escalated_at=at(1),
        escalation_level=1,
    )  # fmt: skip
    w.other = factories.counted_inquiry(w.c, at(3), subject="Tiêm chủng ở phường Cửa Nam")
    return w


def next_year_end() -> str:
    return f"31/12/{timezone.localdate().year + 1}"


OUT_OF_RANGE = "Hãy chọn ngày từ 01/01/2000 đến {last}."
NOT_A_DATE = "Ngày không hợp lệ"
BEFORE = "Ngày bắt đầu phải trước ngày kết thúc."

# (query, what the user is told): years 1, 9999 and 10000, the far past and the far future, a
# date that is no date, and an end before the start.
BAD_PERIODS = [
    ({"tu": "01/01/9999", "den": "31/12/9999"}, OUT_OF_RANGE),
    ({"tu": "01/01/0001", "den": "02/01/0001"}, OUT_OF_RANGE),
    ({"den": "01/01/0001"}, OUT_OF_RANGE),
    ({"tu": "0001-01-01"}, OUT_OF_RANGE),
    ({"den": "9999-12-31"}, OUT_OF_RANGE),
    ({"tu": "01/01/1900", "den": "15/01/1900"}, OUT_OF_RANGE),
    ({"tu": "31/12/1999", "den": "15/01/2000"}, OUT_OF_RANGE),
    ({"tu": "01/01/2990", "den": "02/01/2990"}, OUT_OF_RANGE),
    ({"tu": "01/01/10000", "den": "02/01/10000"}, NOT_A_DATE),
    ({"tu": "garbage"}, NOT_A_DATE),
    ({"tu": "2026-02-01", "den": "2026-01-01"}, BEFORE),
]
IDS = ["y9999", "y1", "end-y1", "iso-y1", "iso-y9999", "far-past", "day-before-first", "far-future", "y10000",
       "garbage", "end-before-start"]  # fmt: skip


def told(message: str) -> str:
    return message.format(last=next_year_end())


@pytest.mark.parametrize(("query", "message"), BAD_PERIODS, ids=IDS)
@pytest.mark.parametrize("name", ["dashboard", "list"])
def test_a_bad_period_on_the_dashboard_and_its_lists_is_said_and_the_default_shown(world, client, name, query, message):
    client.force_login(world.operator)
    response = client.get(reverse(f"inquiries_stats:{name}"), {**query, "chi_tiet": "open"})
    assert response.status_code == 200
    assert told(message) in response.content.decode()
    assert response.context["form"].errors
    assert response.context["filters"] == stats.Filters.default()


@pytest.mark.parametrize(("query", "message"), BAD_PERIODS, ids=IDS)
@pytest.mark.parametrize(
    ("name", "kind"), [(n, k) for n in ("export_list", "export_aggregates") for k in ("csv", "xlsx")]
)
def test_an_export_of_a_bad_period_is_refused_with_the_reason_and_no_file(world, client, name, kind, query, message):
    client.force_login(world.editor_a)
    response = client.get(reverse(f"inquiries_stats:{name}"), {**query, "dinh_dang": kind})
    assert response.status_code == 400
    assert not response.streaming and "Content-Disposition" not in response
    assert response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert told(message) in page and "Chưa tải được tệp" in page
    back = re.search(r'<a href="([^"]*)">Quay lại sửa bộ lọc</a>', page)
    assert back and "dinh_dang" not in back.group(1)  # back to the form, which says the same


def test_the_limits_of_a_period_are_accepted_and_the_next_day_refused(world, client):
    client.force_login(world.operator)
    url = reverse("inquiries_stats:export_aggregates")
    last = stats.last_day()
    first_ok = {"tu": "01/01/2000", "den": "31/12/2000", "dinh_dang": "csv"}
    last_ok = {"tu": f"{last - dt.timedelta(days=30):%d/%m/%Y}", "den": f"{last:%d/%m/%Y}", "dinh_dang": "csv"}
    assert client.get(url, first_ok).status_code == 200
    assert client.get(url, last_ok).status_code == 200
    too_late = {**last_ok, "den": f"{last + dt.timedelta(days=1):%d/%m/%Y}"}
    assert client.get(url, too_late).status_code == 400
    assert stats.within_limits(stats.FIRST_DAY) and not stats.within_limits(stats.FIRST_DAY - dt.timedelta(days=1))
    assert stats.within_limits(dt.date.today()) and not stats.within_limits(dt.date.max)


def test_an_export_refuses_any_bad_filter_but_a_good_one_gives_its_file(world, client):
    client.force_login(world.editor_c)
    url = reverse("inquiries_stats:export_list")
    # Another agency's organisation is not among C's choices: refused, never A's list nor C's own.
    refused = client.get(url, {"co_quan": world.a.pk, "dinh_dang": "csv"})
    assert refused.status_code == 400 and "<li>Cơ quan: " in refused.content.decode()
    good = client.get(url, {"tu": f"{at(10):%d/%m/%Y}", "dinh_dang": "csv"})
    assert good.status_code == 200 and "attachment" in good["Content-Disposition"]
    body = b"".join(good.streaming_content).decode("utf-8")
    assert world.other.code in body and world.own.code not in body


def month_query(world, month: str) -> dict[str, object]:
    return {"co_quan": world.a.pk, "thang": month}


@pytest.mark.parametrize(
    ("month", "message"),
    [
        ("2026-13", "Hãy chọn tháng theo dạng năm-tháng"),
        ("garbage", "Hãy chọn tháng theo dạng năm-tháng"),
        ("10000-01", "Hãy chọn tháng theo dạng năm-tháng"),
        ("9999-12", "Hãy chọn một tháng từ 01/2000 đến tháng này."),
        ("0001-01", "Hãy chọn một tháng từ 01/2000 đến tháng này."),
        ("1999-12", "Hãy chọn một tháng từ 01/2000 đến tháng này."),
    ],
)
def test_a_monthly_report_of_a_bad_month_is_a_400_with_the_reason(world, client, month, message):
    client.force_login(world.editor_a)
    page = client.get(reverse("inquiries_stats:report"), month_query(world, month))
    assert page.status_code == 400 and message in page.content.decode()
    assert page.context["report"] is None
    pdf = client.get(reverse("inquiries_stats:report_pdf"), month_query(world, month))
    assert pdf.status_code == 400 and pdf["Content-Type"].startswith("text/html")
    assert "Content-Disposition" not in pdf
    assert message in pdf.content.decode() and "Chưa lập được báo cáo" in pdf.content.decode()


def test_the_monthly_report_is_refused_with_403_only_to_who_may_not_see_it(world, client):
    month = f"{timezone.localdate():%Y-%m}"
    client.force_login(world.editor_c)
    for name in ("report", "report_pdf"):
        refused = client.get(reverse(f"inquiries_stats:{name}"), month_query(world, month))
        assert refused.status_code == 403
        assert "Bạn không được xem báo cáo của cơ quan này." in refused.content.decode()
    # An organisation that does not exist, or no organisation at all, is a mistake: 400.
    for organisation in ("999999", "x", "99999999999999999999999", ""):
        query = {"co_quan": organisation, "thang": month}
        assert client.get(reverse("inquiries_stats:report"), query).status_code == 400
        assert client.get(reverse("inquiries_stats:report_pdf"), query).status_code == 400
    missing = client.get(reverse("inquiries_stats:report_pdf"))
    assert missing.status_code == 400 and "Hãy chọn cơ quan và tháng của báo cáo." in missing.content.decode()
    assert client.get(reverse("inquiries_stats:report")).status_code == 200  # the empty form
    own = client.get(reverse("inquiries_stats:report_pdf"), {"co_quan": world.c.pk, "thang": month})
    assert own.status_code == 200 and own["Content-Type"] == "application/pdf"
    client.force_login(factories.user(Role.JOURNALIST))
    assert client.get(reverse("inquiries_stats:report_pdf"), month_query(world, month)).status_code == 403


@pytest.mark.parametrize("year", ["1", "0001", "1900", "9999", "10000", "99999999999999999999", "-5"])
def test_a_far_year_on_the_public_statistics_is_said_and_this_year_shown(client, year):
    response = client.get(reverse("inquiries_stats:public"), {"nam": year, "thang": "12"})
    assert response.status_code == 200
    assert 'id="id_nam_error"' in response.content.decode()
    assert response.context["start"] == dt.date(timezone.localdate().year, 1, 1)


# Links from the drill-down lists to each question -------------------------------------------------


def linked(page: str, inquiry: Inquiry) -> bool:
    return f'href="{reverse("inquiry_work:detail", args=[inquiry.pk])}"' in page


def test_the_list_links_each_question_the_viewer_may_open_and_only_those(world, client):
    client.force_login(world.editor_a)
    response = client.get(reverse("inquiries_stats:list"))
    page = response.content.decode()
    assert response.context["page"].paginator.count == 4  # A and the ward below it
    # A's own and the one escalated to A open on the working screens; the ward's other does not.
    assert linked(page, world.own) and linked(page, world.overdue) and linked(page, world.escalated)
    assert not linked(page, world.below) and world.below.subject in page
    for inquiry in (world.own, world.overdue, world.escalated, world.below):
        opened = client.get(reverse("inquiry_work:detail", args=[inquiry.pk])).status_code
        assert opened == (200 if linked(page, inquiry) else 403)
    client.force_login(world.operator)
    page = client.get(reverse("inquiries_stats:list")).content.decode()
    assert all(linked(page, inquiry) for inquiry in (world.own, world.below, world.escalated, world.other))


def test_the_dashboards_overdue_list_links_the_questions_too(world, client):
    client.force_login(world.editor_a)
    page = client.get(reverse("inquiries_stats:dashboard")).content.decode()
    assert linked(page, world.overdue) and linked(page, world.escalated)


def test_openable_ids_agree_with_the_detail_page(world):
    ids = [world.own.pk, world.below.pk, world.escalated.pk, world.other.pk]
    assert access.openable_ids(world.editor_a, ids) == {world.own.pk, world.escalated.pk}
    assert access.openable_ids(world.editor_c, ids) == {world.other.pk}
    assert access.openable_ids(world.operator, ids) == set(ids)
    assert access.openable_ids(world.editor_a, []) == set()


def list_queries(client) -> tuple[int, int]:
    """The queries of the list page, and how many of them read the questions."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("inquiries_stats:list"))
    assert response.status_code == 200
    return len(queries), sum('"inquiries_inquiry"' in q["sql"] for q in queries.captured_queries)


@pytest.mark.parametrize("who", ["editor_a", "operator"])
def test_the_lists_links_cost_the_same_queries_for_one_row_or_a_full_page(world, client, who):
    client.force_login(getattr(world, who))
    few = list_queries(client)
    for n in range(30):  # a full page of rows the agency may open and rows it may not
        factories.counted_inquiry(world.a if n % 2 else world.a1, at(2), subject=f"Câu hỏi {n}")
    many = list_queries(client)
    assert many == few
    page = client.get(reverse("inquiries_stats:list")).content.decode()
    assert len(re.findall(r'href="/lam-viec/hoi-dap/\d+/"', page)) == len(
        access.openable_ids(getattr(world, who), list(Inquiry.objects.values_list("pk", flat=True)))
    )
