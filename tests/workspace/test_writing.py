"""The Word import screen and the preview of a working copy in the portal's item template."""

import pytest
from django.urls import reverse

from presscenter.accounts.models import Role
from presscenter.audit.models import AuditEntry
from presscenter.releases.models import Attachment, Item
from tests import factories
from tests.releases.docx_files import paragraph, word_file
from tests.workspace import files

IMPORT = reverse("workspace:item_import")


def test_editor_imports_a_word_file_as_a_draft_of_their_agency(newsroom, login):
    response = login(newsroom.editor).post(IMPORT, {"file": word_file()})
    item = Item.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("workspace:item", args=[item.pk])
    assert item.organisation == newsroom.org
    assert item.author == newsroom.editor
    assert item.title == "Hà Nội khởi công cầu Trần Hưng Đạo"
    assert "<h2>Quy mô dự án</h2>" in item.body
    assert item.attachments.count() == 1
    assert AuditEntry.objects.filter(action="item.create", actor=newsroom.editor).exists()


def test_a_title_too_long_is_shortened_and_the_editor_is_told(newsroom, login):
    # The draft was created with its title silently cut to 300 characters.
    long_title = "Thông báo " + "kết quả phiên họp thường kỳ của Ủy ban nhân dân thành phố " * 6
    upload = word_file([paragraph(long_title, style="Title"), paragraph("Nội dung")], media={})
    response = login(newsroom.editor).post(IMPORT, {"file": upload}, follow=True)
    item = Item.objects.get()
    assert item.title == " ".join(long_title.split())[:300].rstrip()
    assert (
        "Tiêu đề trong tệp Word dài hơn 300 ký tự nên đã được rút gọn còn 300 ký tự. Hãy kiểm tra lại tiêu đề."
        in response.content.decode()
    )


def test_a_title_that_fits_brings_no_warning(newsroom, login):
    response = login(newsroom.editor).post(IMPORT, {"file": word_file()}, follow=True)
    assert "rút gọn" not in response.content.decode()


def test_import_screen_is_in_vietnamese(newsroom, login):
    page = login(newsroom.editor).get(IMPORT).content.decode()
    assert "Nhập từ tệp Word" in page
    assert 'enctype="multipart/form-data"' in page


def test_refused_file_shows_the_reason_and_creates_nothing(newsroom, login):
    response = login(newsroom.editor).post(IMPORT, {"file": files.pdf()})
    assert response.status_code == 200
    assert "không phải là tệp Word" in response.content.decode()
    assert not Item.objects.exists()
    assert not Attachment.objects.exists()


def test_import_error_comes_before_the_introduction(newsroom, login):
    # On a 375 px screen the error under the long introduction was out of sight.
    page = login(newsroom.editor).post(IMPORT, {"file": files.pdf()}).content.decode()
    summary = page.index('class="error-summary"')
    assert "không phải là tệp Word" in page[summary : page.index("Tải lên văn bản .docx")]


def test_staff_choose_the_agency(newsroom, login):
    client = login(newsroom.operator)
    response = client.post(IMPORT, {"file": word_file()})
    assert "Hãy chọn cơ quan ban hành." in response.content.decode()
    assert not Item.objects.exists()
    client.post(IMPORT, {"file": word_file(), "organisation": newsroom.org.pk})
    assert Item.objects.get().organisation == newsroom.org


def test_another_agency_cannot_import_into_this_agency(newsroom, login):
    outsider = factories.user(Role.EDITOR, factories.organisation())
    # An agency editor has no agency choice: a forged field is ignored, the draft is their own agency's.
    login(outsider).post(IMPORT, {"file": word_file(), "organisation": newsroom.org.pk})
    assert not Item.objects.filter(organisation=newsroom.org).exists()


@pytest.mark.parametrize("role", [Role.JOURNALIST, Role.PUBLIC])
def test_journalists_and_the_public_cannot_import(db, login, role):
    response = login(factories.user(role, accredited=True)).post(IMPORT, {"file": word_file()})
    assert response.status_code == 403
    assert not Item.objects.exists()


def test_anonymous_visitors_are_sent_to_login(client, db):
    response = client.post(IMPORT, {"file": word_file()})
    assert response.status_code == 302
    assert not Item.objects.exists()


def _preview(newsroom, item=None):
    return reverse("workspace:item_preview", args=[(item or newsroom.draft()).pk])


@pytest.mark.parametrize("who", ["editor", "spokesperson", "operator"])
def test_preview_uses_the_portal_template_marked_and_not_indexed(newsroom, login, who):
    item = newsroom.draft(body="<h2>Quy mô</h2><ul><li><strong>5,4 km</strong></li></ul>")
    response = login(getattr(newsroom, who)).get(_preview(newsroom, item))
    page = response.content.decode()
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Cache-Control"] == "private, no-store"
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert "Trang xem trước trong khu làm việc: công chúng chưa thấy nội dung này." in page
    assert 'class="article-body"' in page  # portal/item.html
    assert "<h2>Quy mô</h2><ul><li><strong>5,4 km</strong></li></ul>" in page
    assert [t.name for t in response.templates][:2] == ["workspace/item_preview.html", "portal/item.html"]


def test_preview_of_a_draft_has_one_unpublished_banner(newsroom, login):
    # The portal's own "not published yet" notice was shown under the workspace's banner.
    page = login(newsroom.editor).get(_preview(newsroom)).content.decode()
    assert page.count('class="notice') == 1
    assert page.count("Trang xem trước trong khu làm việc: công chúng chưa thấy nội dung này.") == 1
    assert "Bản xem trước: tin này chưa được công bố." not in page


def test_preview_of_a_revision_shows_the_working_copy_and_its_new_files(newsroom, login):
    from presscenter.releases import domain
    from presscenter.releases.attachments import add_attachment

    item = newsroom.publish()
    domain.update_item(newsroom.editor, item, body="<p>Bản sửa: cầu dài 5,5 km.</p>")
    add_attachment(newsroom.editor, item, files.pdf())
    page = login(newsroom.editor).get(_preview(newsroom, item)).content.decode()
    assert "Bản sửa: cầu dài 5,5 km." in page
    assert "Thông cáo báo chí.pdf" in page
    public = login(factories.user(Role.PUBLIC)).get(reverse("portal:item", args=[item.uid])).content.decode()
    assert "Bản sửa" not in public


def test_others_cannot_preview(newsroom, login, client):
    url = _preview(newsroom)
    assert login(factories.user(Role.EDITOR, factories.organisation())).get(url).status_code == 403
    assert login(factories.user(Role.JOURNALIST, accredited=True)).get(url).status_code == 403
    assert login(factories.user(Role.PUBLIC)).get(url).status_code == 403
    assert client.get(url).status_code == 302


def test_item_page_links_to_the_preview(newsroom, login):
    item = newsroom.draft()
    page = login(newsroom.spokesperson).get(reverse("workspace:item", args=[item.pk])).content.decode()
    assert reverse("workspace:item_preview", args=[item.pk]) in page


def test_item_form_keeps_the_textarea_and_offers_the_editor(newsroom, login):
    page = login(newsroom.editor).get(reverse("workspace:item_create")).content.decode()
    assert '<textarea name="body"' in page  # what a browser without JavaScript edits
    assert '<template id="id_body-toolbar" data-editor-for="id_body">' in page
    assert "presscenter/workspace/editor.js" in page
    assert 'aria-label="Chữ đậm"' in page
    assert 'id="id_body_helptext"' in page  # editor.js hides it: it speaks of HTML
