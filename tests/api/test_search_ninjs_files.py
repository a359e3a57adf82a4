"""Endpoints built on other parts: search, the ninjs form and file attachments."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image

from presscenter.orgs.models import Kind
from presscenter.releases.models import Attachment
from tests import factories
from tests.api.conftest import ApiClient, assert_error


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_search_finds_words_with_filters(newsroom, anonymous, django_assert_max_num_queries):
    bridge = newsroom.publish()
    newsroom.publish(title="Lịch cắt điện cuối tuần", lead="Điện lực thông báo.", body="<p>Lịch cắt điện.</p>")
    factories.Newsroom().publish()
    with django_assert_max_num_queries(12):
        response = anonymous.get("/api/items/search", q="cầu Trần Hưng Đạo", agency=newsroom.org.slug)
    body = response.json()
    assert response.status_code == 200, body
    assert [hit["item"]["uid"] for hit in body["results"]] == [str(bridge.uid)]
    assert body["total"] == 1 and body["results"][0]["score"] >= 0
    assert isinstance(body["results"][0]["snippet"], str)


def test_search_query_count_does_not_grow_with_hits(newsroom, anonymous):
    """Every field a hit shows is read with the hits: none is loaded one hit at a time."""
    area = factories.organisation(kind=Kind.WARD, name="Phường Láng")
    topic = factories.topic(slug="dien", name="Điện")

    def queries_for_hits(count: int) -> int:
        for n in range(count):
            newsroom.publish(title=f"Lịch cắt điện số {n}", topics=[topic.pk], areas=[area.pk])
        with CaptureQueriesContext(connection) as captured:
            body = anonymous.get("/api/items/search", q="cắt điện", page_size=50).json()
        assert len(body["results"]) == count_so_far[0] + count
        count_so_far[0] += count
        assert all(hit["item"]["areas"] and hit["item"]["version"] == 1 for hit in body["results"])
        return len(captured)

    count_so_far = [0]
    assert queries_for_hits(1) == queries_for_hits(6)


def test_search_errors_are_in_the_shape(newsroom, anonymous):
    error = assert_error(anonymous.get("/api/items/search", q="cầu", agency="khong-co"), 422, "validation_error")
    assert error["details"][0]["field"] == "organisation"
    assert_error(anonymous.get("/api/items/search", q="x" * 201), 422, "validation_error")


def test_ninjs_of_a_public_item(newsroom, anonymous):
    item = newsroom.publish()
    document = anonymous.get(f"/api/items/{item.uid}/ninjs").json()
    assert document["headlines"][0]["value"] == item.title
    assert document["version"] == "1"
    assert_error(anonymous.get(f"/api/items/{newsroom.draft().uid}/ninjs"), 404, "not_found")


def upload(api: ApiClient, uid, name: str, content: bytes, **fields):
    data = {"file": SimpleUploadedFile(name, content), **fields}
    return api.client.post(f"/api/agency/items/{uid}/attachments", data, headers=api.headers)


def test_attach_an_image(newsroom, editor_api, anonymous):
    item = newsroom.draft()
    response = upload(editor_api, item.uid, "cau.png", png_bytes(), caption="Phối cảnh cầu", alt_text="Cầu")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["mime_type"] == "image/png" and body["caption"] == "Phối cảnh cầu"
    assert Attachment.objects.filter(item=item).count() == 1


def test_attachment_checked_by_content_and_scope(newsroom, editor_api):
    item = newsroom.draft()
    error = assert_error(upload(editor_api, item.uid, "anh.png", b"MZ not an image"), 422, "validation_error")
    assert error["details"][0]["field"] == "file"
    assert_error(upload(editor_api, item.uid, "anh.png", png_bytes(), caption="x" * 501), 422, "validation_error")
    other = factories.Newsroom()
    foreign = other.draft()
    assert_error(upload(editor_api, foreign.uid, "anh.png", png_bytes()), 403, "permission_denied")
    missing_file = editor_api.client.post(f"/api/agency/items/{item.uid}/attachments", {}, headers=editor_api.headers)
    assert_error(missing_file, 422, "validation_error")
    assert not Attachment.objects.exists()


def test_verification_router_is_mounted(newsroom, anonymous):
    item = newsroom.publish()
    response = anonymous.get(f"/api/verify/code/{item.verification_code}")
    assert response.status_code == 200, response.content
    assert "X-RateLimit-Remaining" in response
