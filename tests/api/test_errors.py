"""Every error has the one JSON shape, in Vietnamese by default; bad input is never a 500."""

import pytest

from presscenter.releases.models import Item
from tests.api.conftest import ApiClient, assert_error

UNREADABLE_BODIES = [
    pytest.param("{bad json", id="malformed"),
    pytest.param(b"\xff\xfe\x00", id="not-utf8"),
]
BAD_BODIES = [
    pytest.param("[1, 2]", id="array"),
    pytest.param('"a string"', id="string"),
    pytest.param("null", id="null"),
    pytest.param('{"title": 5}', id="title-not-string"),
    pytest.param('{"title": "Tin", "topics": "giao-thong"}', id="topics-not-list"),
    pytest.param('{"title": "Tin", "embargo_until": "ngày mai"}', id="bad-datetime"),
    pytest.param('{"title": "Tin", "embargo_until": "2030-01-01T08:00:00"}', id="naive-datetime"),
    pytest.param('{"title": "Tin", "type": "rumour"}', id="unknown-type"),
    pytest.param('{"title": "' + "x" * 301 + '"}', id="title-too-long"),
    pytest.param('{"title": "Tin\\u0000"}', id="nul-character"),
]


@pytest.mark.parametrize("body", UNREADABLE_BODIES)
def test_unreadable_bodies_are_400_and_change_nothing(editor_api, body):
    error = assert_error(editor_api.post("/api/agency/items", raw=body), 400, "bad_request")
    assert error["details"] == [{"field": "body", "message": "JSON không hợp lệ."}]
    assert not Item.objects.exists()


@pytest.mark.parametrize("body", BAD_BODIES)
def test_bad_bodies_are_422_and_change_nothing(editor_api, body):
    response = editor_api.post("/api/agency/items", raw=body)
    assert_error(response, 422, "validation_error")
    assert not Item.objects.exists()


def test_validation_details_name_the_field(editor_api):
    error = assert_error(editor_api.post("/api/agency/items", {"title": 5}), 422, "validation_error")
    assert error["details"][0]["field"].endswith("title")


@pytest.mark.parametrize(
    "query",
    ["page=0", "page=abc", "page_size=1000", "type=rumour", "date_from=hôm-qua", "agency=a%00b", "page=99999999999"],
)
def test_bad_query_parameters_are_422(anonymous, query):
    assert_error(anonymous.client.get(f"/api/items?{query}"), 422, "validation_error")


def test_oversized_body_is_413(editor_api, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = editor_api.post("/api/agency/items", {"title": "Tin", "body": "x" * 2000})
    assert_error(response, 413, "payload_too_large")
    assert not Item.objects.exists()


def test_unknown_path_is_json_404(anonymous):
    assert_error(anonymous.get("/api/khong-co-gi"), 404, "not_found")


def test_missing_item_is_json_404(anonymous):
    error = assert_error(anonymous.get("/api/items/00000000-0000-0000-0000-000000000000"), 404, "not_found")
    assert error["message"] == "Không tìm thấy tin này."


def test_domain_rule_on_a_field_is_422_with_field(editor_api):
    error = assert_error(editor_api.post("/api/agency/items", {"title": "   "}), 422, "validation_error")
    assert error["details"] == [{"field": "title", "message": "Tiêu đề không được để trống."}]


def test_vietnamese_is_the_default_language(anonymous):
    error = assert_error(anonymous.get("/api/items?page=0"), 422, "validation_error")
    assert error["message"] == "Dữ liệu gửi lên không hợp lệ."


@pytest.mark.parametrize(
    ("client_headers", "query"),
    [({"Accept-Language": "en"}, ""), ({}, "&lang=en")],
    ids=["accept-language", "lang-parameter"],
)
def test_english_on_request(db, client_headers, query):
    client = ApiClient(**client_headers)
    response = client.client.get(f"/api/items?page=0{query}", headers=client.headers)
    assert_error(response, 422, "validation_error")
    # The shape is the same in English; the wording comes from the English catalogue.
    assert response.headers["Content-Language"] == "en"


def test_lang_parameter_also_applies_to_early_errors(db):
    response = ApiClient("pc_unknown").client.get("/api/items?lang=en", headers={"Authorization": "Bearer pc_unknown"})
    assert_error(response, 401, "not_authenticated")
    assert response.headers["Content-Language"] == "en"
