"""A Word file becomes a draft: title, clean body, images as attachments; hostile files create nothing."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from presscenter.audit.models import AuditEntry
from presscenter.core.errors import DomainError, PermissionDenied
from presscenter.releases import docx_import
from presscenter.releases.docx_import import import_docx, read_docx
from presscenter.releases.models import Attachment, AttachmentKind, Item, State
from tests import factories
from tests.releases.docx_files import NAMESPACES, RELS, image, paragraph, png_bytes, table, word_file
from tests.workspace import files


def test_title_body_and_image_of_a_release(newsroom):
    item = import_docx(newsroom.editor, newsroom.org, read_docx(word_file()))
    assert item.state == State.DRAFT
    assert item.organisation == newsroom.org
    assert item.title == "Hà Nội khởi công cầu Trần Hưng Đạo"
    assert item.body == (
        "<p>Sáng 2/12, Ủy ban nhân dân Thành phố khởi công cầu Trần Hưng Đạo bắc qua sông Hồng.</p>"
        "<h2>Quy mô dự án</h2>"
        "<ul><li>Cầu dài 5,4 km</li><li><strong>Tổng mức đầu tư 14.000 tỷ đồng</strong></li></ul>"
        "<table><tbody><tr><td><p>Hạng mục</p></td><td><p>Thời gian</p></td></tr>"
        "<tr><td><p>Cầu chính</p></td><td><p>36 tháng</p></td></tr></tbody></table>"
    )
    (attachment,) = item.attachments.all()
    assert attachment.kind == AttachmentKind.IMAGE
    assert attachment.alt_text == "Lễ khởi công cầu Trần Hưng Đạo"
    assert attachment.thumbnail
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"item.create", "attachment.add"} <= actions


def test_first_paragraph_is_the_title_when_there_is_no_heading():
    draft = read_docx(word_file([paragraph("Thông báo lịch tiếp công dân tháng 12"), paragraph("Nội dung")], media={}))
    assert draft.title == "Thông báo lịch tiếp công dân tháng 12"
    assert draft.body == "<p>Nội dung</p>"
    assert draft.images == []


def test_the_header_table_of_an_administrative_document_is_not_the_title():
    header = table([["ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]])
    draft = read_docx(word_file([header, paragraph("Thông cáo về lễ khởi công cầu"), paragraph("Nội dung")], media={}))
    assert draft.title == "Thông cáo về lễ khởi công cầu"
    assert draft.body.startswith("<table>")
    assert draft.body.endswith("<p>Nội dung</p>")


def test_first_heading_is_the_title_and_other_headings_fit_the_allowed_range():
    blocks = [
        paragraph("ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI"),
        paragraph("Thông báo lịch tiếp công dân", style="Heading1"),
        paragraph("Mục lớn", style="Heading1"),
        paragraph("Mục nhỏ", style="Heading2"),
    ]
    draft = read_docx(word_file(blocks, media={}))
    assert draft.title == "Thông báo lịch tiếp công dân"
    assert draft.body == "<p>ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI</p><h2>Mục lớn</h2><h3>Mục nhỏ</h3>"


def test_image_without_description_gets_one_and_the_same_image_twice_is_one_attachment(newsroom):
    blocks = [paragraph("Ảnh hiện trường", style="Title"), image(alt=""), image(alt="")]
    item = import_docx(newsroom.editor, newsroom.org, read_docx(word_file(blocks)))
    (attachment,) = item.attachments.all()
    assert attachment.alt_text == "Ảnh 1 trong tệp Word “Ảnh hiện trường”"


def _refused(newsroom, upload, message):
    with pytest.raises(DomainError, match=message):
        import_docx(newsroom.editor, newsroom.org, read_docx(upload))
    assert not Item.objects.exists()
    assert not Attachment.objects.exists()


@pytest.mark.parametrize(
    "upload", [files.pdf(), files.png(), files.xlsx(), files.plain_zip_named_docx(), files.legacy_doc()]
)
def test_other_files_are_refused(newsroom, upload):
    _refused(newsroom, upload, "không phải là tệp Word")


def test_oversized_file_is_refused(newsroom, settings):
    settings.ATTACHMENT_MAX_BYTES = 1000
    _refused(newsroom, word_file(), "quá lớn")


def test_corrupt_archive_is_refused(newsroom):
    data = word_file().read()
    _refused(newsroom, SimpleUploadedFile("hong.docx", data[: len(data) // 2]), "bị hỏng")


def test_corrupt_document_part_is_refused(newsroom):
    upload = word_file()
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(upload.read())) as source, zipfile.ZipFile(buffer, "w") as target:
        for entry in source.infolist():
            data = b"<w:document><w:body>" if entry.filename == "word/document.xml" else source.read(entry)
            target.writestr(entry, data)
    _refused(newsroom, SimpleUploadedFile("hong.docx", buffer.getvalue()), "bị hỏng")


def test_zip_bomb_is_refused_before_extracting(newsroom, monkeypatch):
    # 3 MB of zeros compress to a few kB; the budget is lowered so the test stays small.
    monkeypatch.setattr(docx_import, "MAX_UNPACKED_BYTES", 2 * 1024 * 1024)
    upload = word_file(extra={"word/media/zeros.bin": b"\0" * 3 * 1024 * 1024})
    assert upload.size < 100_000
    _refused(newsroom, upload, "khi giải nén vượt quá")


def test_linked_image_is_refused_and_never_fetched(newsroom):
    linked = f'<Relationship Id="rId10" Type="{RELS}/image" Target="http://127.0.0.1:9/anh.png" TargetMode="External"/>'
    upload = word_file([paragraph("Tiêu đề", style="Title"), image(link=True)], media={}, relationships=linked)
    _refused(newsroom, upload, "ảnh liên kết tới địa chỉ bên ngoài")


def test_linked_image_is_refused_whatever_its_address_says(newsroom):
    linked = (
        f'<Relationship Id="rId10" Type="{RELS}/image" Target="https://127.0.0.1:9/hyperlink/anh.png" '
        'TargetMode="External"/>'
    )
    upload = word_file([paragraph("Tiêu đề", style="Title"), image(link=True)], media={}, relationships=linked)
    _refused(newsroom, upload, "ảnh liên kết tới địa chỉ bên ngoài")


def test_a_document_made_from_a_template_is_imported(newsroom):
    template = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        f'relationships"><Relationship Id="rId1" Type="{RELS}/attachedTemplate" '
        'Target="file:///C:/Users/vanthu/Mau-thong-cao.dotm" TargetMode="External"/></Relationships>'
    )
    upload = word_file(extra={"word/_rels/settings.xml.rels": template})
    assert import_docx(newsroom.editor, newsroom.org, read_docx(upload)).title == "Hà Nội khởi công cầu Trần Hưng Đạo"


def test_hyperlinks_are_kept(newsroom):
    link = f'<Relationship Id="rId20" Type="{RELS}/hyperlink" Target="https://hanoi.gov.vn/" TargetMode="External"/>'
    blocks = [
        paragraph("Tiêu đề", style="Title"),
        '<w:p><w:hyperlink r:id="rId20"><w:r><w:t>Cổng thông tin</w:t></w:r></w:hyperlink></w:p>',
    ]
    item = import_docx(newsroom.editor, newsroom.org, read_docx(word_file(blocks, media={}, relationships=link)))
    assert item.body == '<p><a href="https://hanoi.gov.vn/" rel="noopener noreferrer nofollow">Cổng thông tin</a></p>'


def test_image_over_the_pixel_budget_refuses_the_whole_import(newsroom, monkeypatch):
    monkeypatch.setattr("presscenter.core.images.MAX_PIXELS", 100 * 100)
    _refused(newsroom, word_file(media={"image1.png": png_bytes((200, 200))}), "quá lớn")


def test_a_refused_second_image_leaves_no_file_of_the_first(newsroom, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    media = {"image1.png": png_bytes(), "image2.png": b"\x89PNG\r\n\x1a\n" + b"\0" * 64}
    blocks = [paragraph("Hai ảnh", style="Title"), image("rId10"), image("rId11")]
    _refused(newsroom, word_file(blocks, media=media), "Không đọc được ảnh")
    assert [path for path in tmp_path.rglob("*") if path.is_file()] == []


def test_only_those_who_may_draft_for_the_agency_import(newsroom):
    outsider = factories.user("editor", factories.organisation())
    with pytest.raises(PermissionDenied):
        import_docx(outsider, newsroom.org, read_docx(word_file()))
    assert not Item.objects.exists()


ENDLESS_PARAGRAPHS = [paragraph("Tiêu đề", style="Title")] + ["<w:p/>"] * 310_000


def test_endless_paragraphs_are_refused_before_they_are_parsed(newsroom):
    # A few kB of zip: mammoth took minutes and gigabytes of memory over such a document.
    upload = word_file(ENDLESS_PARAGRAPHS)
    assert upload.size < 100_000
    _refused(newsroom, upload, "quá dài để nhập")


def test_endless_paragraphs_are_refused_wherever_the_document_lies_and_however_it_begins(newsroom):
    # The package's relationships may name any part as the document, under word/media/ too,
    # and XML without a declaration may begin with any amount of white space.
    hidden = zipfile.ZipFile(word_file(ENDLESS_PARAGRAPHS))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in hidden.infolist():
            data = hidden.read(entry)
            if entry.filename == "_rels/.rels":
                data = data.replace(b'Target="word/document.xml"', b'Target="word/media/document.xml"')
            if entry.filename == "word/document.xml":
                data = b" " * 1000 + data.partition(b"?>")[2]
            target.writestr(entry.filename.replace("word/document.xml", "word/media/document.xml"), data)
    _refused(newsroom, SimpleUploadedFile("an.docx", buffer.getvalue()), "quá dài để nhập")


def test_endless_paragraphs_in_utf16_without_a_byte_order_mark_are_refused(newsroom):
    document = f"<w:document {NAMESPACES}><w:body>{''.join(ENDLESS_PARAGRAPHS)}</w:body></w:document>"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        source = zipfile.ZipFile(word_file())
        for entry in source.infolist():
            data = source.read(entry)
            target.writestr(entry, document.encode("utf-16-be") if entry.filename == "word/document.xml" else data)
    _refused(newsroom, SimpleUploadedFile("utf16.docx", buffer.getvalue()), "quá dài để nhập")


EMF_HEADER = b"\x01\x00\x00\x00" + b"\x00" * 36 + b" EMF" + b"\x00" * 60


@pytest.mark.parametrize("media", [{"image1.emf": EMF_HEADER}, {"image1.pdf": files.pdf().read()}])
def test_an_image_in_another_format_refuses_the_import_saying_which_formats(newsroom, media):
    # Word keeps charts and logos as EMF; a PDF behind an image relationship was attached as a document.
    upload = word_file([paragraph("Thông cáo", style="Title"), image()], media=media)
    _refused(newsroom, upload, "có ảnh ở định dạng không dùng được")


def test_an_image_is_named_by_its_bytes_not_by_the_declared_content_type(newsroom):
    upload = word_file([paragraph("Thông cáo", style="Title"), image()], media={"image1.svg": png_bytes()})
    item = import_docx(newsroom.editor, newsroom.org, read_docx(upload))
    assert item.attachments.get().original_name == "anh-1.png"


def test_embedded_fonts_do_not_count_as_text(newsroom):
    # Word can embed its fonts (several MB each); only parts that are XML are counted.
    upload = word_file(extra={"word/fonts/font1.odttf": b"\x00\x01" * 6 * 1024 * 1024})
    assert import_docx(newsroom.editor, newsroom.org, read_docx(upload)).title == "Hà Nội khởi công cầu Trần Hưng Đạo"


def test_more_images_than_a_release_carries_are_refused_before_any_is_decoded(newsroom):
    count = docx_import.MAX_IMAGES + 1
    media = {f"image{number}.png": png_bytes(colour=(number, 30, 30)) for number in range(count)}
    relationships = "".join(
        f'<Relationship Id="rId{100 + number}" Type="{RELS}/image" Target="media/image{number}.png"/>'
        for number in range(count)
    )
    blocks = [paragraph("Ảnh hiện trường", style="Title")] + [image(f"rId{100 + number}") for number in range(count)]
    _refused(newsroom, word_file(blocks, media=media, relationships=relationships), "tối đa 30 ảnh")


@pytest.mark.parametrize(
    ("entry", "how"),
    [
        ("word/_rels/document.xml.rels", "encrypted"),
        ("word/media/image1.png", "encrypted"),
        ("word/document.xml", "unknown method"),
        ("word/document.xml", "corrupt stream"),
        ("[Content_Types].xml", "corrupt stream"),
    ],
)
def test_a_member_zipfile_cannot_read_is_a_broken_file_not_a_server_error(newsroom, entry, how):
    _refused(newsroom, files.damaged(word_file(), entry, how), "bị hỏng")
