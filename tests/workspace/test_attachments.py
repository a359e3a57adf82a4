import pytest
from django.urls import reverse

from presscenter.audit.models import AuditEntry
from presscenter.core.errors import DomainError, PermissionDenied
from presscenter.releases import domain
from presscenter.releases.attachments import add_attachment, remove_attachment, update_attachment_meta
from presscenter.releases.models import Attachment, AttachmentKind, State
from tests import factories
from tests.workspace import files


def test_image_is_stored_with_thumbnail_and_audited(newsroom):
    item = newsroom.draft()
    attachment = add_attachment(newsroom.editor, item, files.png(), alt_text="Hiện trường khởi công", credit="TTXVN")
    assert attachment.kind == AttachmentKind.IMAGE
    assert attachment.mime_type == "image/png"
    assert attachment.extension == ".png"
    assert len(attachment.sha256) == 64
    assert attachment.file.name.endswith(".png")
    assert attachment.thumbnail
    from PIL import Image

    with Image.open(attachment.thumbnail.path) as thumb:
        assert max(thumb.size) == 640
    assert AuditEntry.objects.filter(action="attachment.add", object_id=str(attachment.pk)).exists()


@pytest.mark.parametrize(
    ("upload", "mime"),
    [
        (files.pdf, "application/pdf"),
        (files.docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        (files.xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (files.odt, "application/vnd.oasis.opendocument.text"),
        (files.legacy_doc, "application/msword"),
    ],
)
def test_documents_are_recognised_by_content(newsroom, upload, mime):
    attachment = add_attachment(newsroom.editor, newsroom.draft(), upload())
    assert attachment.kind == AttachmentKind.DOCUMENT
    assert attachment.mime_type == mime
    assert not attachment.thumbnail


@pytest.mark.parametrize("upload", [files.html_named_pdf, files.exe_named_pdf, files.plain_zip_named_docx])
def test_disguised_files_are_refused(newsroom, upload):
    item = newsroom.draft()
    with pytest.raises(DomainError, match="không phải là loại được phép"):
        add_attachment(newsroom.editor, item, upload())
    assert not Attachment.objects.exists()


def test_opendocument_with_an_unreadable_mimetype_is_refused(newsroom):
    # An entry flagged as encrypted made zipfile raise RuntimeError: a server error.
    with pytest.raises(DomainError, match="không phải là loại được phép"):
        add_attachment(newsroom.editor, newsroom.draft(), files.damaged(files.odt(), "mimetype", "encrypted"))
    assert not Attachment.objects.exists()


def test_broken_image_is_refused(newsroom):
    with pytest.raises(DomainError, match="Không đọc được ảnh"):
        add_attachment(newsroom.editor, newsroom.draft(), files.broken_png(), alt_text="ảnh")
    assert not Attachment.objects.exists()


def test_oversized_file_is_refused(newsroom, settings):
    settings.ATTACHMENT_MAX_BYTES = 40
    with pytest.raises(DomainError, match="quá lớn"):
        add_attachment(newsroom.editor, newsroom.draft(), files.pdf())
    assert not Attachment.objects.exists()


def test_image_needs_alt_text(newsroom):
    with pytest.raises(DomainError) as refused:
        add_attachment(newsroom.editor, newsroom.draft(), files.png())
    assert refused.value.field == "alt_text"


def test_other_agency_cannot_attach(newsroom):
    outsider = factories.user("editor", factories.organisation())
    with pytest.raises(PermissionDenied):
        add_attachment(outsider, newsroom.draft(), files.pdf())


def test_published_attachment_cannot_be_removed_but_draft_one_can(newsroom):
    item = newsroom.draft()
    kept = add_attachment(newsroom.editor, item, files.pdf())
    domain.submit(newsroom.editor, item)
    domain.approve(newsroom.spokesperson, item)
    kept.refresh_from_db()
    assert kept.published
    with pytest.raises(DomainError):
        remove_attachment(newsroom.editor, kept)
    extra = add_attachment(newsroom.editor, item, files.docx())
    item.refresh_from_db()
    assert item.state == State.DRAFT  # a new file starts a revision
    remove_attachment(newsroom.editor, extra)
    assert list(item.attachments.all()) == [kept]


def test_meta_update_keeps_alt_text_required(newsroom):
    attachment = add_attachment(newsroom.editor, newsroom.draft(), files.png(), alt_text="Cầu")
    with pytest.raises(DomainError):
        update_attachment_meta(newsroom.editor, attachment, caption="x", credit="", alt_text=" ")
    update_attachment_meta(newsroom.editor, attachment, caption="Lễ khởi công", credit="", alt_text="Cầu mới")
    attachment.refresh_from_db()
    assert (attachment.caption, attachment.alt_text) == ("Lễ khởi công", "Cầu mới")


def test_download_headers_and_conditional_get(newsroom, client):
    item = newsroom.draft()
    attachment = add_attachment(newsroom.editor, item, files.pdf())
    domain.submit(newsroom.editor, item)
    domain.approve(newsroom.spokesperson, item)
    response = client.get(reverse("releases:attachment", args=[attachment.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    disposition = response["Content-Disposition"]
    assert "filename*=UTF-8''Th%C3%B4ng%20c%C3%A1o%20b%C3%A1o%20ch%C3%AD.pdf" in disposition
    assert 'filename="Thong cao bao chi.pdf"' in disposition
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    again = client.get(reverse("releases:attachment", args=[attachment.pk]), HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_unpublished_files_are_for_the_agency_only(newsroom, client, login):
    attachment = add_attachment(newsroom.editor, newsroom.draft(), files.png(), alt_text="Ảnh")
    url = reverse("releases:attachment", args=[attachment.pk])
    assert client.get(url).status_code == 404
    assert login(factories.user("editor", factories.organisation())).get(url).status_code == 404
    response = login(newsroom.spokesperson).get(reverse("releases:thumbnail", args=[attachment.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"] == "private, no-store"


def test_embargoed_file_hidden_from_public(newsroom, client):
    import datetime as dt

    from django.utils import timezone

    item = newsroom.draft(embargo_until=timezone.now() + dt.timedelta(hours=2))
    attachment = add_attachment(newsroom.editor, item, files.pdf())
    domain.submit(newsroom.editor, item)
    domain.approve(newsroom.spokesperson, item)
    url = reverse("releases:attachment", args=[attachment.pk])
    assert client.get(url).status_code == 404
    journalist = factories.user("journalist", accredited=True)
    client.force_login(journalist)
    assert client.get(url).status_code == 200
