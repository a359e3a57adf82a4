"""Small files for demo attachments, drawn here so the repository ships no binary files."""

import io

from PIL import Image, ImageDraw

WIDTH, HEIGHT = 960, 540


def bar_chart_png(values: list[int], colours: list[str]) -> bytes:
    """A bar chart (e.g. the air quality index of a week), one colour per band."""
    image = Image.new("RGB", (WIDTH, HEIGHT), "#f4f6f8")
    draw = ImageDraw.Draw(image)
    draw.line((60, HEIGHT - 60, WIDTH - 40, HEIGHT - 60), fill="#333333", width=3)
    draw.line((60, 40, 60, HEIGHT - 60), fill="#333333", width=3)
    step = (WIDTH - 120) // len(values)
    top = max(values)
    for index, (value, colour) in enumerate(zip(values, colours, strict=True)):
        left = 80 + index * step
        height = int((HEIGHT - 120) * value / top)
        draw.rectangle((left, HEIGHT - 60 - height, left + step - 30, HEIGHT - 60), fill=colour)
    return _png(image)


def scene_png(sky: str, ground: str, accent: str) -> bytes:
    """A simple scene: sky, ground, a lake and a row of lanterns."""
    image = Image.new("RGB", (WIDTH, HEIGHT), sky)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, HEIGHT * 2 // 3, WIDTH, HEIGHT), fill=ground)
    draw.ellipse((WIDTH // 4, HEIGHT // 2, WIDTH * 3 // 4, HEIGHT - 40), fill="#3a7ca5")
    for index in range(9):
        x = 60 + index * 105
        draw.line((x, 0, x, 70), fill="#5b3a29", width=2)
        draw.ellipse((x - 22, 70, x + 22, 120), fill=accent)
    return _png(image)


def _png(image: Image.Image) -> bytes:
    output = io.BytesIO()
    image.save(output, "PNG", optimize=True)
    return output.getvalue()


def text_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with the given lines (ASCII: the standard Helvetica font has no Vietnamese)."""
    text = "\n".join(
        f"BT /F1 {18 if number == 0 else 12} Tf 72 {770 - number * 24} Td ({_pdf_escape(line)}) Tj ET"
        for number, line in enumerate(lines)
    ).encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(text) + text + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    output = io.BytesIO()
    output.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(output.tell())
        output.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = output.tell()
    output.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    output.writelines(b"%010d 00000 n \n" % offset for offset in offsets)
    output.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return output.getvalue()


def _pdf_escape(line: str) -> str:
    return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
