"""Exports of the dashboard: formula injection neutralised, personal data only for the centre,
XLSX files that open, the aggregates as shown on the page."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from presscenter.accounts.models import Role
from presscenter.inquiries import exports
from tests import factories

pytestmark = pytest.mark.django_db

EVIL = '=HYPERLINK("http://evil.example","bấm vào đây")'


@pytest.fixture
def world():
    class World:
        agency = factories.organisation(name="Sở Xây dựng")
        other = factories.organisation(name="Sở Tài chính")
        operator = factories.user(Role.CENTER_OPERATOR)
        editor = factories.user(Role.EDITOR, agency)

    now = timezone.now()
    factories.counted_inquiry(
        World.agency, now - dt.timedelta(days=2), subject=EVIL, asker_name="@Trần Thị Bình",
        asker_email="binh.tran@example.vn", asker_phone="+84 912 345 678", asker_address="-12 phố Huế",
        answered_at=now - dt.timedelta(days=1), answered_on_time=True, answer_working_seconds=5400, rating=4,
    )  # fmt: skip
    factories.counted_inquiry(World.other, now - dt.timedelta(days=3), subject="Hỏi về thuế đất của ông Lê Văn Cường")
    return World


def read_csv(response) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:])))


def test_neutralise():
    for text in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"):
        assert exports.neutralise(text) == "'" + text
    assert exports.neutralise("Hà Nội") == "Hà Nội"
    assert exports.neutralise(-3) == -3  # a number is a number


def test_the_centres_csv_has_personal_data_and_no_live_formula(world, client):
    client.force_login(world.operator)
    response = client.get(reverse("inquiries_stats:export_list"), {"dinh_dang": "csv"})
    assert response.status_code == 200 and response.streaming
    rows = read_csv(response)
    header, body = rows[0], rows[1:]
    assert "Họ và tên" in header and "Thư điện tử" in header
    assert len(body) == 2
    ours = next(row for row in body if "HYPERLINK" in row[3])
    assert ours[3] == "'" + EVIL
    assert ours[header.index("Họ và tên")] == "'@Trần Thị Bình"
    assert ours[header.index("Địa chỉ liên hệ")] == "'-12 phố Huế"
    assert ours[header.index("Điện thoại")] == "'+84 912 345 678"
    assert ours[header.index("Đúng hạn")] == "Có"
    assert ours[header.index("Thời gian trả lời (giờ làm việc)")] == "1.5"
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_an_agencys_export_has_no_personal_data_and_only_its_questions(world, client):
    client.force_login(world.editor)
    for kind in ("csv", "xlsx"):
        response = client.get(reverse("inquiries_stats:export_list"), {"dinh_dang": kind})
        if kind == "csv":
            rows = read_csv(response)
        else:
            sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True).active
            rows = [[("" if cell is None else str(cell)) for cell in row] for row in sheet.iter_rows(values_only=True)]
        text = "\n".join(",".join(row) for row in rows)
        assert "Họ và tên" not in rows[0] and "Thư điện tử" not in rows[0]
        for private in ("Trần Thị Bình", "binh.tran@example.vn", "912 345 678", "phố Huế", "Lê Văn Cường"):
            assert private not in text
        assert len(rows) == 2  # the header and its one question


def test_the_xlsx_opens_and_holds_text_not_formulas(world, client):
    client.force_login(world.operator)
    response = client.get(reverse("inquiries_stats:export_list"), {"dinh_dang": "xlsx"})
    assert response["Content-Type"] == exports.XLSX_TYPE
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook.active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert all(cell.data_type != "f" for cell in cells)
    ours = next(row for row in rows[1:] if "HYPERLINK" in str(row[3]))
    assert ours[3] == "'" + EVIL
    assert ours[header.index("Họ và tên")] == "'@Trần Thị Bình"
    assert isinstance(ours[header.index("Tiếp nhận lúc")], dt.datetime)


def test_the_xlsx_is_cut_at_its_limit_and_says_so(world, client, monkeypatch):
    monkeypatch.setattr(exports, "XLSX_MAX_ROWS", 1)
    client.force_login(world.operator)
    response = client.get(reverse("inquiries_stats:export_list"), {"dinh_dang": "xlsx"})
    rows = list(load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.iter_rows(values_only=True))
    assert len(rows) == 3 and "tệp Excel chỉ chứa 1 câu hỏi đầu" in rows[-1][0]


def test_the_aggregates_export_matches_the_dashboard(world, client):
    client.force_login(world.operator)
    response = client.get(reverse("inquiries_stats:export_aggregates"), {"dinh_dang": "xlsx"})
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert workbook.sheetnames[:4] == ["Tổng hợp", "Theo cơ quan", "Theo lĩnh vực", "Theo địa bàn"]
    totals = list(workbook["Tổng hợp"].iter_rows(values_only=True))
    assert totals[1][1:6] == (2, 1, 1, 0, 100.0)
    assert totals[1][6] == 1.5  # median working hours
    by_org = {row[0]: row for row in list(workbook["Theo cơ quan"].iter_rows(values_only=True))[1:]}
    assert by_org["Sở Xây dựng"][1] == 1 and by_org["Sở Tài chính"][1] == 1
    csv_rows = read_csv(client.get(reverse("inquiries_stats:export_aggregates"), {"dinh_dang": "csv"}))
    assert csv_rows[0] == ["Tổng hợp"] and ["Theo cơ quan"] in csv_rows


def test_an_unknown_format_is_not_found(world, client):
    client.force_login(world.operator)
    assert client.get(reverse("inquiries_stats:export_list"), {"dinh_dang": "pdf"}).status_code == 404
