"""CSV and XLSX exports of the dashboard: the questions behind a number, and the aggregates.

- The askers' personal data (name, e-mail, phone, address, place and map point) goes only into
  exports made by the centre's staff; an agency's export has none, and its subjects are redacted.
- A cell a spreadsheet would read as a formula (starting with = + - @, a tab or a carriage
  return) is neutralised with a leading apostrophe (CSV and XLSX alike).
- The CSV streams (rows read in chunks, written as they come): a million rows never sit in
  memory. The XLSX is written row by row (openpyxl's write-only mode, spooled to a temporary
  file) and holds at most XLSX_MAX_ROWS rows; a last row says when the list was cut.
"""

import csv
import datetime as dt
import tempfile
from collections.abc import Iterable, Iterator
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import QuerySet
from django.http import FileResponse, HttpResponseBase, StreamingHttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook

from presscenter.inquiries.models import Inquiry, Kind, State
from presscenter.inquiries.stats import Figures, Filters, Overview
from presscenter.text.redact import redact

XLSX_MAX_ROWS = 200_000
CHUNK = 2_000
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def neutralise(value: Any) -> Any:
    """A text a spreadsheet would run as a formula gets a leading apostrophe (OWASP's advice)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


# The question list ---------------------------------------------------------------------------

PUBLIC_FIELDS = (
    "code", "kind", "category__name", "subject", "organisation__name", "area__name", "state", "received_at",
    "routed_at", "due_at", "answered_at", "answered_on_time", "answer_working_seconds", "rating",
)  # fmt: skip
PERSONAL_FIELDS = (
    "asker_name", "asker_email", "asker_phone", "asker_address", "location", "latitude", "longitude",
)  # fmt: skip


def _headers(personal: bool) -> list[str]:
    headers = [
        _("Mã theo dõi"), _("Loại"), _("Lĩnh vực"), _("Tiêu đề"), _("Cơ quan xử lý"), _("Phường, xã"),
        _("Trạng thái"), _("Tiếp nhận lúc"), _("Giao xử lý lúc"), _("Hạn trả lời"), _("Trả lời lúc"),
        _("Đúng hạn"), _("Thời gian trả lời (giờ làm việc)"), _("Đánh giá"),
    ]  # fmt: skip
    if personal:
        headers += [
            _("Họ và tên"), _("Thư điện tử"), _("Điện thoại"), _("Địa chỉ liên hệ"), _("Địa điểm"), _("Vĩ độ"),
            _("Kinh độ"),
        ]  # fmt: skip
    return headers


def _local(value: dt.datetime | None) -> dt.datetime | None:
    """Local wall time without a zone: what a spreadsheet shows (and what openpyxl accepts)."""
    if value is None:
        return None
    return value.astimezone(ZoneInfo(settings.TIME_ZONE)).replace(tzinfo=None, microsecond=0)


def _rows(queryset: QuerySet[Inquiry], personal: bool, limit: int | None = None) -> Iterator[list[Any]]:
    kinds, states = dict(Kind.choices), dict(State.choices)
    yes, no = _("Có"), _("Không")
    fields = PUBLIC_FIELDS + (PERSONAL_FIELDS if personal else ())
    rows = queryset.order_by("-received_at", "-pk").values_list(*fields)
    if limit is not None:
        rows = rows[:limit]
    for values in rows.iterator(chunk_size=CHUNK):
        row = dict(zip(fields, values, strict=True))
        seconds = row["answer_working_seconds"]
        out: list[Any] = [
            row["code"], str(kinds.get(row["kind"], row["kind"])), row["category__name"] or "",
            row["subject"] if personal else redact(row["subject"]), row["organisation__name"] or "",
            row["area__name"] or "", str(states.get(row["state"], row["state"])), _local(row["received_at"]),
            _local(row["routed_at"]), _local(row["due_at"]), _local(row["answered_at"]),
            "" if row["answered_on_time"] is None else yes if row["answered_on_time"] else no,
            round(seconds / 3600, 1) if seconds is not None else None, row["rating"],
        ]  # fmt: skip
        if personal:
            out += [
                row["asker_name"], row["asker_email"], row["asker_phone"], row["asker_address"], row["location"],
                float(row["latitude"]) if row["latitude"] is not None else None,
                float(row["longitude"]) if row["longitude"] is not None else None,
            ]  # fmt: skip
        yield out


def _file_name(stem: str, filters: Filters, extension: str) -> str:
    return f"{stem}-{filters.start:%Y%m%d}-{filters.end:%Y%m%d}.{extension}"


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv_cell(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if value is None:
        return ""
    return neutralise(value)


def csv_stream(header: list[str], rows: Iterable[list[Any]]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff"  # so that Excel reads UTF-8
    yield writer.writerow([neutralise(cell) for cell in header])
    for row in rows:
        yield writer.writerow([_csv_cell(cell) for cell in row])


def _csv_response(lines: Iterator[str], name: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(lines, content_type=CSV_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _xlsx_cell(value: Any) -> Any:
    return neutralise(value)


def write_xlsx(sheets: Iterable[tuple[str, list[str], Iterable[list[Any]]]]) -> Any:
    """A workbook written row by row into a temporary file, returned rewound."""
    workbook = Workbook(write_only=True)
    for title, header, rows in sheets:
        sheet = workbook.create_sheet(title=title[:31])
        sheet.append([_xlsx_cell(cell) for cell in header])
        for row in rows:
            sheet.append([_xlsx_cell(cell) for cell in row])
    spooled = tempfile.TemporaryFile()  # noqa: SIM115 FileResponse closes it when sent
    workbook.save(spooled)
    spooled.seek(0)
    return spooled


def _xlsx_response(sheets: Iterable[tuple[str, list[str], Iterable[list[Any]]]], name: str) -> FileResponse:
    return FileResponse(write_xlsx(sheets), as_attachment=True, filename=name, content_type=XLSX_TYPE)


def question_list(queryset: QuerySet[Inquiry], *, kind: str, personal: bool, filters: Filters) -> HttpResponseBase:
    header = _headers(personal)
    if kind == "csv":
        return _csv_response(csv_stream(header, _rows(queryset, personal)), _file_name("cau-hoi", filters, "csv"))
    total = queryset.count()

    def limited() -> Iterator[list[Any]]:
        yield from _rows(queryset, personal, XLSX_MAX_ROWS)
        if total > XLSX_MAX_ROWS:
            message = _("Danh sách có %(total)s câu hỏi; tệp Excel chỉ chứa %(limit)s câu hỏi đầu. Hãy tải tệp CSV.")
            yield [message % {"total": f"{total:,}".replace(",", "."), "limit": f"{XLSX_MAX_ROWS:,}".replace(",", ".")}]

    return _xlsx_response([(_("Câu hỏi"), header, limited())], _file_name("cau-hoi", filters, "xlsx"))


# The aggregates ------------------------------------------------------------------------------


def _figure_header(first: str) -> list[str]:
    return [
        first, _("Tiếp nhận"), _("Đã trả lời"), _("Đúng hạn"), _("Quá hạn"), _("Tỷ lệ đúng hạn (%)"),
        _("Trung vị thời gian trả lời (giờ làm việc)"), _("Thời gian trả lời của 90 phần trăm câu hỏi (giờ làm việc)"),
        _("Số đánh giá"), _("Đánh giá trung bình"),
    ]  # fmt: skip


def _hours(value: float | None) -> float | None:
    return round(value, 1) if value is not None else None


def _figure_row(label: str, figures: Figures) -> list[Any]:
    rate = round(figures.on_time_rate * 100, 1) if figures.on_time_rate is not None else None
    rating = round(figures.rating, 2) if figures.rating is not None else None
    return [
        label, figures.received, figures.answered, figures.on_time, figures.late, rate,
        _hours(figures.median_hours), _hours(figures.p90_hours), figures.rated, rating,
    ]  # fmt: skip


def aggregate_sheets(overview: Overview) -> list[tuple[str, list[str], list[list[Any]]]]:
    period = _("Từ %(start)s đến %(end)s") % {
        "start": overview.filters.start.strftime("%d/%m/%Y"),
        "end": overview.filters.end.strftime("%d/%m/%Y"),
    }
    return [
        (_("Tổng hợp"), _figure_header(_("Kỳ")), [_figure_row(period, overview.totals)]),
        (_("Theo cơ quan"), _figure_header(_("Cơ quan")), [_figure_row(r.label, r) for r in overview.organisations]),
        (_("Theo lĩnh vực"), _figure_header(_("Lĩnh vực")), [_figure_row(r.label, r) for r in overview.categories]),
        (_("Theo địa bàn"), _figure_header(_("Phường, xã")), [_figure_row(r.label, r) for r in overview.areas]),
        (
            _("Theo thời gian"),
            [_("Từ ngày"), _("Tiếp nhận"), _("Đã trả lời")],
            [[point["bucket"], point["received"], point["answered"]] for point in overview.series],
        ),
        (
            _("Đánh giá"),
            [_("Số sao"), _("Số đánh giá")],
            [[row["rating"], row["count"]] for row in overview.ratings],
        ),
    ]


def aggregates(overview: Overview, *, kind: str) -> HttpResponseBase:
    sheets = aggregate_sheets(overview)
    if kind == "xlsx":
        return _xlsx_response(sheets, _file_name("thong-ke", overview.filters, "xlsx"))

    def lines() -> Iterator[str]:
        writer = csv.writer(_Echo())
        yield "\ufeff"
        for number, (title, header, rows) in enumerate(sheets):
            if number:
                yield writer.writerow([])
            yield writer.writerow([neutralise(title)])
            yield writer.writerow([neutralise(cell) for cell in header])
            for row in rows:
                yield writer.writerow([_csv_cell(_date_text(cell)) for cell in row])

    return _csv_response(lines(), _file_name("thong-ke", overview.filters, "csv"))


def _date_text(value: Any) -> Any:
    return value.strftime("%d/%m/%Y") if isinstance(value, dt.date) and not isinstance(value, dt.datetime) else value
