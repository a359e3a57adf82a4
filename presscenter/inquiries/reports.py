"""The monthly report per organisation as a PDF, in pure Python (fpdf2) with an embedded
Unicode font (DejaVu Sans, vendored in inquiries/fonts/ with its licence): it renders the same on
a fresh machine with nothing but Python, Vietnamese diacritics included."""

from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from fpdf import FPDF

from presscenter.inquiries.stats import MonthlyReport
from presscenter.inquiries.templatetags.inquiry_stats import count, hours, percent, stars

FONTS = Path(__file__).resolve().parent / "fonts"
FONT = "DejaVu"


def _pdf() -> FPDF:
    pdf = FPDF(format="A4", unit="mm")
    pdf.add_font(FONT, "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font(FONT, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.set_margins(18, 18, 18)
    return pdf


def _heading(pdf: FPDF, text: str) -> None:
    pdf.ln(3)
    pdf.set_font(FONT, "B", 12)
    pdf.cell(0, 8, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 10)


def _table(pdf: FPDF, header: list[str], rows: list[list[str]], widths: tuple[int, ...]) -> None:
    pdf.set_font(FONT, "", 9.5)
    with pdf.table(col_widths=widths, text_align="LEFT", line_height=6, first_row_as_headings=True) as table:
        row = table.row()
        for cell in header:
            row.cell(cell)
        for values in rows:
            row = table.row()
            for cell in values:
                row.cell(cell)
    pdf.set_font(FONT, "", 10)


def _bars(pdf: FPDF, labels: list[str], values: list[int]) -> None:
    """A horizontal bar per week: the chart of the HTML page, drawn with rectangles."""
    biggest = max(values) if values and max(values) > 0 else 1
    left, width = pdf.l_margin + 32, pdf.w - pdf.l_margin - pdf.r_margin - 50
    pdf.set_font(FONT, "", 9)
    for label, value in zip(labels, values, strict=True):
        y = pdf.get_y()
        pdf.cell(32, 6, label)
        pdf.set_fill_color(26, 86, 160)
        pdf.rect(left, y + 1, max(width * value / biggest, 0.5), 4, style="F")
        pdf.set_xy(left + width + 2, y)
        pdf.cell(16, 6, count(value), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 10)


def monthly_pdf(report: MonthlyReport) -> bytes:
    totals = report.totals
    pdf = _pdf()
    pdf.set_title(_("Báo cáo trả lời câu hỏi, phản ánh tháng %(month)s") % {"month": f"{report.filters.start:%m/%Y}"})
    pdf.set_author(settings.SITE_NAME)
    pdf.add_page()
    pdf.set_font(FONT, "B", 15)
    pdf.multi_cell(0, 8, _("Báo cáo trả lời câu hỏi, phản ánh"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 11)
    pdf.multi_cell(0, 6, report.organisation.display_name, new_x="LMARGIN", new_y="NEXT")
    period = _("Tháng %(month)s (từ %(start)s đến %(end)s)") % {
        "month": f"{report.filters.start:%m/%Y}",
        "start": f"{report.filters.start:%d/%m/%Y}",
        "end": f"{report.filters.end:%d/%m/%Y}",
    }
    pdf.multi_cell(0, 6, period, new_x="LMARGIN", new_y="NEXT")

    _heading(pdf, _("Số liệu chính"))
    rows = [
        [_("Câu hỏi, phản ánh tiếp nhận"), count(totals.received)],
        [_("Đã trả lời"), count(totals.answered)],
        [_("Trả lời đúng hạn"), f"{count(totals.on_time)} ({percent(totals.on_time_rate)})"],
        [_("Trả lời quá hạn"), count(totals.late)],
        [_("Thời gian trả lời, trung vị"), hours(totals.median_hours)],
        [_("Thời gian trả lời, 90 phần trăm câu hỏi trong vòng"), hours(totals.p90_hours)],
        [_("Quá hạn chưa trả lời vào cuối tháng"), count(report.overdue_at_end)],
        [_("Mức hài lòng (trung bình)"), f"{stars(totals.rating)} ({count(totals.rated)} {_('đánh giá')})"],
    ]
    _table(pdf, [_("Chỉ số"), _("Giá trị")], rows, (110, 64))

    _heading(pdf, _("Lĩnh vực nhiều câu hỏi nhất"))
    if report.categories:
        category_rows = [
            [row.label, count(row.received), count(row.answered), percent(row.on_time_rate), hours(row.median_hours)]
            for row in report.categories
        ]
        header = [_("Lĩnh vực"), _("Tiếp nhận"), _("Đã trả lời"), _("Đúng hạn"), _("Trung vị")]
        _table(pdf, header, category_rows, (62, 26, 28, 28, 30))
    else:
        pdf.multi_cell(0, 6, _("Không có câu hỏi nào trong tháng."), new_x="LMARGIN", new_y="NEXT")

    _heading(pdf, _("Câu hỏi tiếp nhận theo tuần"))
    labels = [_("Tuần từ %(day)s") % {"day": f"{point['bucket']:%d/%m}"} for point in report.series]
    _bars(pdf, labels, [point["received"] for point in report.series])

    _heading(pdf, _("Phân bố đánh giá"))
    _table(
        pdf, [_("Số sao"), _("Số đánh giá")], [[str(r["rating"]), count(r["count"])] for r in report.ratings], (60, 60)
    )

    pdf.ln(4)
    pdf.set_font(FONT, "", 8.5)
    note = _(
        "Thời gian trả lời tính bằng giờ làm việc của các ngày làm việc (theo lịch làm việc, không tính giờ nghỉ trưa), từ lúc giao cơ quan xử lý "
        "đến lúc gửi câu trả lời, không tính thời gian chờ người hỏi bổ sung thông tin. Lập lúc %(at)s."
    ) % {"at": f"{timezone.localtime():%H:%M %d/%m/%Y}"}
    pdf.multi_cell(0, 5, note, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
