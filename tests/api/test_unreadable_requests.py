"""Requests the API cannot read still get the JSON error shape: 400, 405, 413 or 415, never HTML."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from presscenter.releases.models import Attachment, Item
from tests.api.conftest import assert_error


def test_too_many_query_fields_is_400(anonymous, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    query = "&".join(f"f{n}=1" for n in range(11))
    error = assert_error(anonymous.client.get(f"/api/items?{query}&lang=en"), 400, "bad_request")
    assert error["message"] == "Yêu cầu có quá nhiều trường."


def test_too_many_form_fields_is_400(newsroom, editor_api, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    form = {f"f{n}": "1" for n in range(11)}
    path = f"/api/agency/items/{newsroom.draft().uid}/attachments"
    form["file"] = SimpleUploadedFile("a.pdf", b"%PDF-1.4\n%%EOF\n")
    assert_error(editor_api.client.post(path, form, headers=editor_api.headers), 400, "bad_request")
    assert not Attachment.objects.exists()


def test_multipart_without_boundary_is_400(anonymous):
    response = anonymous.client.post("/api/verify/file", "xx", content_type="multipart/form-data")
    error = assert_error(response, 400, "bad_request")
    assert "boundary" in error["message"]


def test_oversized_form_is_413(newsroom, editor_api, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    path = f"/api/agency/items/{newsroom.draft().uid}/attachments"
    form = {"caption": "x" * 2000, "file": SimpleUploadedFile("a.pdf", b"%PDF-1.4\n%%EOF\n")}
    assert_error(editor_api.client.post(path, form, headers=editor_api.headers), 413, "payload_too_large")
    assert not Attachment.objects.exists()


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", "application/xml"])
def test_json_operation_refuses_other_media_types(editor_api, content_type):
    response = editor_api.client.post(
        "/api/agency/items", '{"title": "Tin"}', content_type=content_type, headers=editor_api.headers
    )
    assert_error(response, 415, "unsupported_media_type")
    assert not Item.objects.exists()


def test_form_operation_refuses_json(anonymous):
    response = anonymous.client.post("/api/verify/file", '{"file": "x"}', content_type="application/json")
    assert_error(response, 415, "unsupported_media_type")


def test_json_with_charset_is_accepted(editor_api):
    response = editor_api.client.post(
        "/api/agency/items",
        '{"title": "Tin"}',
        content_type="application/json; charset=utf-8",
        headers=editor_api.headers,
    )
    assert response.status_code == 201, response.content


def test_unsupported_method_is_json_405_with_allow(anonymous):
    response = anonymous.client.delete("/api/items")
    assert_error(response, 405, "method_not_allowed")
    assert response["Allow"] == "GET"
