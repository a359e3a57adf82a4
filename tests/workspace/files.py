"""Real files of each kind, built in memory, for upload tests."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def png(name: str = "ảnh-hiện-trường.png", size: tuple[int, int] = (1200, 800)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def pdf(name: str = "Thông cáo báo chí.pdf") -> SimpleUploadedFile:
    body = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def archive(name: str, entries: dict[str, str]) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zipped:
        for entry, content in entries.items():
            zipped.writestr(entry, content)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/octet-stream")


def docx(name: str = "bao-cao.docx") -> SimpleUploadedFile:
    return archive(name, {"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"})


def xlsx() -> SimpleUploadedFile:
    return archive("so-lieu.xlsx", {"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>"})


def odt() -> SimpleUploadedFile:
    return archive("van-ban.odt", {"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<x/>"})


def plain_zip_named_docx() -> SimpleUploadedFile:
    return archive("bao-cao.docx", {"virus.exe": "MZ"})


def legacy_doc() -> SimpleUploadedFile:
    return SimpleUploadedFile("cong-van.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)


def html_named_pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile(
        "thong-cao.pdf", b"<html><script>alert(1)</script></html>", content_type="application/pdf"
    )


def exe_named_pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile(
        "thong-cao.pdf", b"MZ\x90\x00" + b"\x00" * 200 + b"PE\x00\x00", content_type="application/pdf"
    )


def broken_png() -> SimpleUploadedFile:
    head = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
    return SimpleUploadedFile("hong.png", head + b"\x00" * 64, content_type="image/png")


def damaged(upload: SimpleUploadedFile, entry: str, how: str) -> SimpleUploadedFile:
    """`upload` (a zip) with one member made unreadable as a hostile or damaged file has it:
    flagged as encrypted, stored by a method zipfile lacks, or a compressed stream of garbage."""
    data = bytearray(upload.read())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as source:
        info = source.getinfo(entry)
    central = next(
        offset
        for offset in range(len(data))
        if data[offset : offset + 4] == b"PK\x01\x02"
        and data[offset + 46 : offset + 46 + len(info.orig_filename.encode())] == info.orig_filename.encode()
    )
    local = info.header_offset
    if how == "encrypted":
        data[central + 8] |= 1
        data[local + 6] |= 1
    elif how == "unknown method":
        data[central + 10 : central + 12] = data[local + 8 : local + 10] = (99).to_bytes(2, "little")
    else:  # a corrupt stream: the first bytes of the (deflated) data
        start = local + 30 + int.from_bytes(data[local + 26 : local + 28], "little")
        start += int.from_bytes(data[local + 28 : local + 30], "little")
        data[start : start + 8] = b"\xff" * 8
    return SimpleUploadedFile(upload.name, bytes(data), content_type="application/octet-stream")
