"""The printed exhibition's catalogue as a PDF (fpdf2, with the DejaVu font vendored for the
inquiries' reports, so Vietnamese renders the same everywhere): a cover, the introduction and the
call's licence, then each selected photo in exhibition order with its caption and credit.

Memory: photos are the web-sized derivatives (at most 1,600 px, a few hundred kB each), read one at
a time from storage and embedded as they are (a JPEG is passed through, never decoded to pixels);
entries are read from the database in chunks. Peak memory is about the size of the PDF itself
(100 photos: some 20–40 MB), never the originals'."""

import io
from pathlib import Path

from django.utils import timezone
from django.utils.translation import gettext as _
from fpdf import FPDF

import presscenter.inquiries
from presscenter.exhibitions import access
from presscenter.exhibitions.models import Exhibition

FONTS = Path(presscenter.inquiries.__file__).resolve().parent / "fonts"
FONT = "DejaVu"
PAGE_W, MARGIN = 210, 18
PHOTO_BOX = (PAGE_W - 2 * MARGIN, 190)


def _pdf(title: str) -> FPDF:
    pdf = FPDF(format="A4", unit="mm")
    pdf.add_font(FONT, "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font(FONT, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_title(title)
    pdf.set_creator("presscenter")
    return pdf


def _cover(pdf: FPDF, exhibition: Exhibition) -> None:
    event = exhibition.event
    pdf.add_page()
    pdf.set_y(80)
    pdf.set_font(FONT, "", 12)
    pdf.multi_cell(0, 7, _("Triển lãm ảnh báo chí"), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font(FONT, "B", 22)
    pdf.multi_cell(0, 11, event.title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_font(FONT, "", 12)
    starts, ends = timezone.localtime(event.starts_at), timezone.localtime(event.ends_at)
    pdf.multi_cell(0, 7, f"{starts:%d/%m/%Y} – {ends:%d/%m/%Y}", align="C", new_x="LMARGIN", new_y="NEXT")
    place = event.room.venue.name if event.room else (event.venue.name if event.venue else "")
    if place:
        pdf.multi_cell(0, 7, place, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 7, event.organiser.name, align="C", new_x="LMARGIN", new_y="NEXT")


def _intro(pdf: FPDF, exhibition: Exhibition) -> None:
    pdf.add_page()
    pdf.set_font(FONT, "B", 14)
    pdf.cell(0, 9, _("Lời giới thiệu"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 11)
    pdf.multi_cell(0, 6, exhibition.intro or exhibition.call_text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font(FONT, "", 9)
    pdf.multi_cell(
        0, 5, _("Giấy phép: %(licence)s") % {"licence": exhibition.get_licence_display()}, new_x="LMARGIN", new_y="NEXT"
    )


def build(exhibition: Exhibition) -> bytes:
    """The catalogue of a curated exhibition: its selected photos in order."""
    pdf = _pdf(exhibition.event.title)
    _cover(pdf, exhibition)
    _intro(pdf, exhibition)
    entries = access.gallery(exhibition).only(
        "caption", "credit_name", "outlet", "taken_on", "place", "web", "web_width", "web_height", "position"
    )
    for number, entry in enumerate(entries.iterator(chunk_size=50), start=1):
        pdf.add_page()
        scale = min(PHOTO_BOX[0] / entry.web_width, PHOTO_BOX[1] / entry.web_height)
        width, height = entry.web_width * scale, entry.web_height * scale
        with entry.web.open("rb") as stored:
            image = io.BytesIO(stored.read())
        pdf.image(image, x=(PAGE_W - width) / 2, y=MARGIN, w=width, h=height)
        pdf.set_y(MARGIN + height + 6)
        pdf.set_font(FONT, "B", 10)
        pdf.cell(0, 6, f"{number}.", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(FONT, "", 10)
        pdf.multi_cell(0, 5.5, entry.caption, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)
        pdf.set_font(FONT, "", 9)
        credit = _("Ảnh: %(name)s") % {"name": entry.credit_name}
        if entry.outlet:
            credit += f" — {entry.outlet}"
        facts = [part for part in (entry.place, entry.taken_on.strftime("%d/%m/%Y") if entry.taken_on else "") if part]
        if facts:
            credit += " · " + ", ".join(facts)
        pdf.multi_cell(0, 5, credit, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
