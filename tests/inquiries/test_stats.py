"""The accountability figures on a hand-made set of questions whose answers are known: on-time
rate, median and p90 of the working time to answer, satisfaction, overdue; who sees which
organisations; the pages (dashboard, drill-down list, monthly report and its PDF, public page)
and the dashboard's bounded number of queries."""

import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from presscenter.accounts.models import Role
from presscenter.inquiries import deadlines, domain, stats
from presscenter.inquiries.models import Category, Inquiry, State
from presscenter.orgs.models import Kind
from tests import factories

pytestmark = pytest.mark.django_db
HOUR = 3600


def at(days_ago: float) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=days_ago)


@pytest.fixture
def world():
    """Agency A (with a ward B1 below it) and agency C; two categories, one ward as the area.

    A:  answered in 2, 4, 6 and 8 working hours (the 8 late), rated 5, 4, -, 2; one open and
        overdue, one waiting for the asker past its deadline (not overdue: its clock stopped).
    A1: answered in 10 hours, on time, below A in the tree.
    C:  answered in 1 and 3 hours, on time, rated 1.
    """

    class World:
        a = factories.organisation(name="Sở Giao thông", name_en="Transport Department")
        a1 = factories.organisation(kind=Kind.WARD, name="Phường Hàng Bông", parent=a)
        c = factories.organisation(name="Sở Y tế", name_en="Health Department")
        ward = factories.organisation(kind=Kind.WARD, name="Phường Cửa Nam")
        roads = Category.objects.create(code="giao-thong", name="Giao thông")
        health = Category.objects.create(code="y-te", name="Y tế")
        operator = factories.user(Role.CENTER_OPERATOR)
        editor_a = factories.user(Role.EDITOR, a)
        editor_c = factories.user(Role.EDITOR, c)
        journalist = factories.user(Role.JOURNALIST)

    w = World
    answered = [(2, True, 5), (4, True, 4), (6, True, None), (8, False, 2)]
    for hours, on_time, rating in answered:
        factories.counted_inquiry(
            w.a, at(5), category=w.roads, area=w.ward, answered_at=at(4), answered_on_time=on_time,
            answer_working_seconds=hours * HOUR, rating=rating, due_at=at(3),
        )  # fmt: skip
    factories.counted_inquiry(
        w.a, at(6), category=w.roads, state=State.IN_PROGRESS, due_at=at(1), subject="Ổ gà trên phố Tràng Thi"
    )
    factories.counted_inquiry(w.a, at(6), category=w.roads, state=State.WAITING, due_at=at(1))
    factories.counted_inquiry(
        w.a1, at(5), category=w.health, answered_at=at(4), answered_on_time=True, answer_working_seconds=10 * HOUR
    )
    for hours, rating in ((1, 1), (3, None)):
        factories.counted_inquiry(
            w.c, at(5), category=w.health, answered_at=at(4), answered_on_time=True,
            answer_working_seconds=hours * HOUR, rating=rating,
        )  # fmt: skip
    # Outside the default period (30 days): counted nowhere.
    factories.counted_inquiry(w.c, at(90), category=w.health, answered_at=at(89), answered_on_time=False)
    return w


def default_filters(**changes):
    return stats.Filters.default().with_(**changes)


def test_percentile_is_postgresql_percentile_cont():
    assert stats.percentile([], 0.5) is None
    assert stats.percentile([4.0], 0.9) == 4.0
    assert stats.percentile([1, 2, 3, 4], 0.5) == 2.5
    assert stats.percentile([1, 2, 3, 4, 6, 8, 10], 0.9) == pytest.approx(8.8)


def test_the_centre_sees_every_figure_with_known_answers(world):
    overview = stats.overview(world.operator, default_filters())
    totals = overview.totals
    assert (totals.received, totals.answered, totals.on_time, totals.late) == (9, 7, 6, 1)
    assert totals.on_time_rate == pytest.approx(6 / 7)
    # Working hours 1, 2, 3, 4, 6, 8, 10: median 4, p90 8 + 0.4 * (10 - 8).
    assert totals.median_hours == pytest.approx(4)
    assert totals.p90_hours == pytest.approx(8.8)
    assert (totals.rated, totals.rating) == (4, pytest.approx(3.0))
    assert [row["count"] for row in overview.ratings] == [1, 1, 0, 1, 1]
    assert overview.overdue_count == 1
    assert [inquiry.subject for inquiry in overview.overdue] == ["Ổ gà trên phố Tràng Thi"]


def test_per_organisation_category_and_area(world):
    overview = stats.overview(world.operator, default_filters())
    by_org = {row.key: row for row in overview.organisations}
    assert set(by_org) == {world.a.pk, world.a1.pk, world.c.pk}
    a = by_org[world.a.pk]
    assert (a.received, a.answered, a.on_time) == (6, 4, 3)
    assert a.median_hours == pytest.approx(5) and a.p90_hours == pytest.approx(7.4)
    assert a.label == "Sở Giao thông"
    assert by_org[world.c.pk].on_time_rate == 1.0
    by_category = {row.key: row.received for row in overview.categories}
    assert by_category == {world.roads.pk: 6, world.health.pk: 3}
    assert [(row.key, row.received) for row in overview.areas] == [(world.ward.pk, 4)]


def test_filters_narrow_every_figure(world):
    overview = stats.overview(world.operator, default_filters(category=world.health.pk))
    assert overview.totals.received == 3
    assert overview.totals.median_hours == pytest.approx(3)
    assert overview.overdue_count == 0
    wider = stats.overview(world.operator, default_filters(start=timezone.localdate() - dt.timedelta(days=120)))
    assert wider.totals.received == 10 and wider.totals.late == 2


def test_the_series_counts_received_and_answered_on_their_own_days(world):
    overview = stats.overview(world.operator, default_filters())
    assert len(overview.series) == stats.DEFAULT_DAYS
    assert sum(point["received"] for point in overview.series) == 9
    assert sum(point["answered"] for point in overview.series) == 7
    answered_day = timezone.localtime(at(4)).date()
    assert next(p for p in overview.series if p["bucket"] == answered_day)["answered"] == 7
    weeks = stats.overview(world.operator, default_filters(granularity="week")).series
    assert sum(point["received"] for point in weeks) == 9 and all(p["bucket"].weekday() == 0 for p in weeks)


def test_an_agency_sees_its_own_organisation_and_those_below_it_only(world):
    overview = stats.overview(world.editor_a, default_filters())
    assert {row.key for row in overview.organisations} == {world.a.pk, world.a1.pk}
    assert (overview.totals.received, overview.totals.answered, overview.totals.on_time) == (7, 5, 4)
    assert overview.totals.median_hours == pytest.approx(6) and overview.totals.p90_hours == pytest.approx(9.2)
    other = stats.overview(world.editor_c, default_filters())
    assert {row.key for row in other.organisations} == {world.c.pk}
    # Asking for another agency's figures gives nothing, not theirs.
    assert stats.overview(world.editor_c, default_filters(organisation=world.a.pk)).totals.received == 0
    assert stats.overview(world.journalist, default_filters()).totals.received == 0


def test_the_dashboard_runs_a_bounded_number_of_queries(world, client):
    client.force_login(world.operator)
    url = reverse("inquiries_stats:dashboard")
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for _n in range(15):  # fifteen more organisations with questions: not one more query
        factories.counted_inquiry(factories.organisation(), at(2), answered_at=at(1), answered_on_time=True)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert response.status_code == 200
    assert len(many) == len(few)
    overview_queries = [  # not the workspace navigation's count of questions to handle
        q for q in many.captured_queries if "inquiries_inquiry" in q["sql"] and 'AS "triage"' not in q["sql"]
    ]
    assert len(overview_queries) <= 8


def test_the_dashboard_page_shows_figures_charts_data_and_drill_down_links(world, client):
    client.force_login(world.operator)
    response = client.get(reverse("inquiries_stats:dashboard"))
    page = response.content.decode()
    assert 'id="stats-data"' in page and "echarts.min.js" in page and "<script>" not in page
    assert "85,7\u00a0%" in page  # 6 of 7 on time, written the Vietnamese way
    assert "4,0 giờ" in page and "8,8 giờ" in page
    list_url = reverse("inquiries_stats:list")
    assert f"co_quan={world.a.pk}&amp;chi_tiet=on_time" in page
    assert f'href="{list_url}?' in page
    # A click on a bar leads to the questions behind it.
    charts = response.context["chart_data"]
    assert charts["organisations"]["links"][0].startswith(list_url)
    assert f"co_quan={world.a.pk}" in charts["organisations"]["links"][0]
    assert len(charts["volume"]["links"]) == len(charts["volume"]["labels"]) == stats.DEFAULT_DAYS
    day = timezone.localtime(at(5)).date()
    day_link = charts["volume"]["links"][[p["bucket"] for p in response.context["overview"].series].index(day)]
    assert client.get(day_link).context["page"].paginator.count == 7  # 4 + 1 + 2 of A, A1 and C that day
    assert charts["ratings"]["links"][4].endswith("sao=5")


def test_the_drill_down_list_shows_the_questions_behind_a_number(world, client):
    client.force_login(world.operator)
    url = reverse("inquiries_stats:list")
    response = client.get(url, {"co_quan": world.a.pk, "chi_tiet": "late"})
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 1
    assert client.get(url, {"chi_tiet": "overdue"}).context["page"].paginator.count == 1
    assert client.get(url, {"sao": 5}).context["page"].paginator.count == 1
    # Bad input falls back to the defaults and changes nothing.
    bad = client.get(url, {"tu": "2026-13-45", "co_quan": "x", "chi_tiet": "<script>", "sao": "9"})
    assert bad.status_code == 200 and bad.context["page"].paginator.count == 9
    too_long = client.get(url, {"tu": "1990-01-01"})
    assert too_long.context["filters"] == stats.Filters.default()
    assert too_long.context["form"].errors


def test_an_agency_list_and_dashboard_hold_only_its_questions(world, client):
    client.force_login(world.editor_c)
    page = client.get(reverse("inquiries_stats:dashboard")).content.decode()
    assert "Sở Y tế" in page and "Sở Giao thông" not in page
    listed = client.get(reverse("inquiries_stats:list"), {"co_quan": world.a.pk})
    assert listed.context["page"].paginator.count == 2  # the choice is refused: their own list
    client.force_login(world.journalist)
    assert client.get(reverse("inquiries_stats:dashboard")).status_code == 403


def test_the_answer_records_its_working_time_without_the_pause_for_the_asker():
    newsroom = factories.Newsroom()
    journalist = factories.user(Role.JOURNALIST)
    inquiry = domain.route(newsroom.operator, factories.inquiry(journalist), newsroom.org)
    domain.request_info(newsroom.editor, inquiry, "Xin cho biết địa chỉ cụ thể.")
    domain.add_info(journalist, inquiry, "Số 40 Hàng Bông.")
    answer = domain.save_answer(newsroom.editor, Inquiry.objects.get(pk=inquiry.pk), "Đã sửa đèn.")
    domain.submit_answer(newsroom.editor, answer)
    domain.approve_answer(newsroom.spokesperson, answer)
    inquiry.refresh_from_db()
    events = dict(inquiry.events.values_list("kind", "at"))
    expected = deadlines.working_seconds_between(inquiry.routed_at, inquiry.answered_at)
    expected -= deadlines.working_seconds_between(events["info_requested"], events["info_added"])
    assert inquiry.answer_working_seconds == expected
    assert inquiry.answer_working_seconds is not None and inquiry.answer_working_seconds >= 0


def test_the_monthly_report_page_and_its_pdf_in_vietnamese(world, client):
    month = timezone.localdate().replace(day=1)
    Inquiry.objects.filter(organisation=world.a).update(received_at=timezone.now().replace(day=1, hour=5))
    client.force_login(world.editor_a)
    params = {"co_quan": world.a.pk, "thang": f"{month:%Y-%m}"}
    page = client.get(reverse("inquiries_stats:report"), params)
    assert page.status_code == 200 and page.context["report"].totals.received == 6
    response = client.get(reverse("inquiries_stats:report_pdf"), params)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Báo cáo trả lời câu hỏi, phản ánh" in text
    assert "Sở Giao thông" in text
    assert "Trả lời đúng hạn" in text and "Quá hạn chưa trả lời vào cuối tháng" in text
    assert "75,0" in text  # 3 of 4 on time
    # Another agency's report is refused: the organisation is not among its choices.
    client.force_login(world.editor_c)
    assert client.get(reverse("inquiries_stats:report"), params).status_code == 403
    assert client.get(reverse("inquiries_stats:report_pdf"), params).status_code == 403


def test_the_public_page_shows_aggregates_only(world, client):
    year = timezone.localdate().year
    Inquiry.objects.update(received_at=timezone.now() - dt.timedelta(minutes=5))
    response = client.get(reverse("inquiries_stats:public"), {"nam": year})
    page = response.content.decode()
    assert response.status_code == 200 and "max-age=" in response["Cache-Control"]
    assert "Sở Giao thông" in page and "Sở Y tế" in page
    for private in ("Nguyễn Văn An", "an.nguyen@example.vn", "Ổ gà trên phố Tràng Thi", "Hàng Bông không sáng"):
        assert private not in page
    bad = client.get(reverse("inquiries_stats:public"), {"nam": "abc", "thang": "13"})
    assert bad.status_code == 200 and bad.context["start"] == dt.date(year, 1, 1)
    home = client.get("/").content.decode()
    assert reverse("inquiries_stats:public") in home
