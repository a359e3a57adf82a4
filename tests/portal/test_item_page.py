import datetime as dt
import io
import json
import re
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from presscenter.accounts.models import Role
from presscenter.releases import attachments, domain
from tests import factories
from tests.portal.publishing import revise

JSON_LD_RE = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def page(client, item):
    response = client.get(item.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_item_page_shows_the_published_text_and_how_to_verify_it(client, newsroom):
    item = newsroom.publish(contact_name="Nguyễn Văn An", contact_phone="024 3825 3536")
    html = page(client, item)
    assert "Hà Nội khởi công cầu Trần Hưng Đạo" in html
    assert "Cầu dài 5,4 km" in html
    assert newsroom.org.name in html
    assert "Nguyễn Văn An" in html
    assert item.verification_code in html
    assert reverse("authenticity:qr", args=[item.verification_code]) in html
    assert f"{reverse('authenticity:verify')}?code={item.verification_code}" in html


def test_item_page_shows_the_version_not_the_working_copy(client, newsroom):
    item = newsroom.publish()
    domain.update_item(newsroom.editor, item, title="Bản nháp chưa duyệt")
    html = page(client, item)
    assert "Hà Nội khởi công cầu Trần Hưng Đạo" in html
    assert "Bản nháp chưa duyệt" not in html


def test_body_markup_is_rendered_not_escaped(client, newsroom):
    item = newsroom.publish(body="<p>Đoạn <strong>quan trọng</strong>.</p><script>alert(1)</script>")
    html = page(client, item)
    assert "<strong>quan trọng</strong>" in html
    assert "alert(1)" not in html


def test_unknown_or_unpublished_item_is_404(client, newsroom):
    draft = newsroom.draft()
    assert client.get(reverse("portal:item", args=[uuid.uuid4()])).status_code == 404
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_agency_editor_previews_a_draft(client, newsroom):
    draft = newsroom.draft(title="Tin chưa công bố")
    client.force_login(newsroom.editor)
    html = page(client, draft)
    assert "Tin chưa công bố" in html
    assert "Bản xem trước" in html


@pytest.fixture
def embargoed(newsroom):
    return newsroom.publish(embargo_until=timezone.now() + dt.timedelta(hours=3))


def test_embargoed_item_is_hidden_from_the_public(client, embargoed):
    assert client.get(embargoed.get_absolute_url()).status_code == 404


def test_unaccredited_journalist_cannot_read_before_the_embargo_lifts(client, embargoed):
    client.force_login(factories.user(Role.JOURNALIST, accredited=False))
    assert client.get(embargoed.get_absolute_url()).status_code == 404


def test_accredited_journalist_reads_with_an_embargo_banner(client, embargoed):
    client.force_login(factories.user(Role.JOURNALIST, accredited=True))
    html = page(client, embargoed)
    assert "Tin đang trong thời gian cấm đăng đến" in html
    local = timezone.localtime(embargoed.embargo_until)
    assert local.strftime("%H:%M %d/%m/%Y") in html


def test_no_embargo_banner_after_the_lift(client, newsroom):
    item = newsroom.publish(embargo_until=timezone.now() + dt.timedelta(hours=1))
    type(item).objects.filter(pk=item.pk).update(embargo_until=timezone.now() - dt.timedelta(minutes=1))
    assert "cấm đăng" not in page(client, item)


def test_withdrawn_item_keeps_its_page_with_the_reason(client, newsroom):
    item = newsroom.publish()
    domain.withdraw(newsroom.spokesperson, item, "Số liệu chưa được kiểm chứng.")
    html = page(client, item)
    assert "Tin đã bị thu hồi" in html
    assert "Số liệu chưa được kiểm chứng." in html
    assert 'content="noindex"' in html


def test_version_history_and_diff_show_the_change(client, newsroom):
    item = newsroom.publish()
    revise(
        newsroom, item, body="<p>Cầu dài 5,6 km, dự kiến hoàn thành sau 36 tháng.</p>", change_note="Sửa chiều dài cầu."
    )
    revise(newsroom, item, lead="Sáng nay, thành phố khởi công cầu Trần Hưng Đạo.", minor_edit=True)
    html = page(client, item)
    assert "Phiên bản 3" in html and "Phiên bản 1" in html
    assert "Sửa chiều dài cầu." in html
    assert "chỉnh sửa nhỏ" in html
    diff_url = reverse("portal:item_diff", args=[item.uid, 1, 2])
    assert diff_url in html

    diff = client.get(diff_url).content.decode()
    assert "<del>5,4</del>" in diff
    assert "<ins>5,6</ins>" in diff

    first = client.get(reverse("portal:item_version", args=[item.uid, 1])).content.decode()
    assert "5,4 km" in first
    assert "Đây không phải phiên bản hiện hành." in first


def test_missing_version_is_404(client, newsroom):
    item = newsroom.publish()
    assert client.get(reverse("portal:item_version", args=[item.uid, 7])).status_code == 404
    assert client.get(reverse("portal:item_diff", args=[item.uid, 1, 7])).status_code == 404


def test_json_ld_is_a_news_article(client, newsroom):
    item = newsroom.publish(title="Giá điện </script><b>tăng</b> & giảm")
    blocks = JSON_LD_RE.findall(page(client, item))
    assert len(blocks) == 1
    data = json.loads(blocks[0])
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Giá điện </script><b>tăng</b> & giảm"
    assert data["identifier"] == item.verification_code
    assert data["author"]["name"] == newsroom.org.name


def test_translations_and_related_items_link_each_other(client, newsroom):
    original = newsroom.publish()
    english = newsroom.publish(
        title="Hanoi breaks ground on Tran Hung Dao bridge", language="en", translation_of=original
    )
    related = newsroom.publish(title="Phân luồng giao thông quanh công trường", related=[original])
    html = page(client, original)
    assert english.get_absolute_url() in html
    assert 'hreflang="en"' in html
    assert related.get_absolute_url() in html
    assert original.get_absolute_url() in page(client, english)


def test_topics_and_areas_link_to_their_pages(client, newsroom):
    topic = factories.topic(name="Giao thông")
    ward = factories.organisation(kind="ward", name="Phường Hoàn Kiếm")
    item = newsroom.publish(topics=[topic], areas=[ward])
    html = page(client, item)
    assert reverse("portal:topic", args=[topic.slug]) in html
    assert reverse("portal:area", args=[ward.slug]) in html


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (160, 20, 20)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_published_attachments_are_shown_with_alt_text_and_size(client, newsroom):
    item = newsroom.draft()
    image = attachments.add_attachment(
        newsroom.editor, item, SimpleUploadedFile("cau.png", png_bytes()),
        caption="Phối cảnh cầu", credit="Sở Xây dựng", alt_text="Phối cảnh cầu Trần Hưng Đạo nhìn từ bờ sông",
    )  # fmt: skip
    pdf = attachments.add_attachment(
        newsroom.editor,
        item,
        SimpleUploadedFile("quyet-dinh.pdf", b"%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"),
    )
    domain.submit(newsroom.editor, item)
    domain.approve(newsroom.spokesperson, item)
    html = page(client, item)
    assert 'alt="Phối cảnh cầu Trần Hưng Đạo nhìn từ bờ sông"' in html
    assert reverse("releases:thumbnail", kwargs={"pk": image.pk}) in html
    assert "Sở Xây dựng" in html
    assert reverse("releases:attachment", kwargs={"pk": pdf.pk}) in html
    assert "quyet-dinh.pdf" in html
