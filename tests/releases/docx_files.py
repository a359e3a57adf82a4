"""Word files (.docx) built by hand, as Word lays them out, for the import tests: a title, a
heading, a bulleted list, a table and an embedded image, in Vietnamese."""

import io
import zipfile
from xml.sax.saxutils import escape

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

NAMESPACES = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"'
)
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Default Extension="png" ContentType="image/png"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>"""
PACKAGE_RELS = f"""<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="{RELS}/officeDocument" Target="word/document.xml"/>
</Relationships>"""
STYLES = """<?xml version="1.0" encoding="UTF-8"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/></w:style>
</w:styles>"""
NUMBERING = """<?xml version="1.0" encoding="UTF-8"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
</w:numbering>"""


def paragraph(text: str, style: str = "", bullet: bool = False, bold: bool = False) -> str:
    properties = f'<w:pStyle w:val="{style}"/>' if style else ""
    if bullet:
        properties += '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'
    run_properties = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:p><w:pPr>{properties}</w:pPr><w:r>{run_properties}<w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'


def table(rows: list[list[str]]) -> str:
    cells = "".join("<w:tr>" + "".join(f"<w:tc>{paragraph(cell)}</w:tc>" for cell in row) + "</w:tr>" for row in rows)
    return f"<w:tbl>{cells}</w:tbl>"


def image(relationship: str = "rId10", alt: str = "Lễ khởi công cầu Trần Hưng Đạo", link: bool = False) -> str:
    blip = f'<a:blip r:link="{relationship}"/>' if link else f'<a:blip r:embed="{relationship}"/>'
    return (
        '<w:p><w:r><w:drawing><wp:inline><wp:extent cx="952500" cy="635000"/>'
        f'<wp:docPr id="1" name="Ảnh 1" descr="{escape(alt)}"/>'
        '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        f"<pic:pic><pic:blipFill>{blip}</pic:blipFill></pic:pic>"
        "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"
    )


def png_bytes(size: tuple[int, int] = (120, 80), colour: tuple[int, int, int] = (200, 30, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "PNG")
    return buffer.getvalue()


RELEASE = [
    paragraph("Hà Nội khởi công cầu Trần Hưng Đạo", style="Title"),
    paragraph("Sáng 2/12, Ủy ban nhân dân Thành phố khởi công cầu Trần Hưng Đạo bắc qua sông Hồng."),
    paragraph("Quy mô dự án", style="Heading1"),
    paragraph("Cầu dài 5,4 km", bullet=True),
    paragraph("Tổng mức đầu tư 14.000 tỷ đồng", bullet=True, bold=True),
    table([["Hạng mục", "Thời gian"], ["Cầu chính", "36 tháng"]]),
    image(),
]


def word_file(
    blocks: list[str] | None = None,
    media: dict[str, bytes] | None = None,
    relationships: str | None = None,
    name: str = "Thông cáo khởi công.docx",
    extra: dict[str, bytes | str] | None = None,
) -> SimpleUploadedFile:
    """A .docx holding `blocks` (RELEASE by default) and an image as rId10 (word/media/image1.png)."""
    media = {"image1.png": png_bytes()} if media is None else media
    if relationships is None:
        relationships = "".join(
            f'<Relationship Id="rId{10 + number}" Type="{RELS}/image" Target="media/{file}"/>'
            for number, file in enumerate(media)
        )
    document = f'<?xml version="1.0" encoding="UTF-8"?><w:document {NAMESPACES}><w:body>{"".join(RELEASE if blocks is None else blocks)}</w:body></w:document>'
    document_rels = (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{RELS}/styles" Target="styles.xml"/>'
        f'<Relationship Id="rId2" Type="{RELS}/numbering" Target="numbering.xml"/>{relationships}</Relationships>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", PACKAGE_RELS)
        archive.writestr("word/document.xml", document)
        archive.writestr("word/_rels/document.xml.rels", document_rels)
        archive.writestr("word/styles.xml", STYLES)
        archive.writestr("word/numbering.xml", NUMBERING)
        for file, data in media.items():
            archive.writestr(f"word/media/{file}", data)
        for entry, data in (extra or {}).items():
            archive.writestr(entry, data)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/octet-stream")
