"""The verification router, mounted on a throwaway API with the project's error handlers
(presscenter/api.py mounts the same router at /api/verify)."""

import base64
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from ninja import NinjaAPI
from ninja.testing import TestClient

from presscenter.authenticity.api import router
from presscenter.core import api_errors
from tests.authenticity.conftest import PDF_BYTES, publish_with_attachment


@pytest.fixture(scope="module")
def api() -> TestClient:
    throwaway = NinjaAPI(urls_namespace="authenticity-api-test")
    api_errors.install(throwaway)
    throwaway.add_router("/verify", router)
    return TestClient(throwaway)


def test_code_answers_with_signed_document_and_signature(api, published):
    response = api.get(f"/verify/code/{published.verification_code.lower()}")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "authentic" and body["authentic"] is True
    [match] = body["matches"]
    assert match["item"] == str(published.uid)
    assert match["version"] == match["current_version"] == 1
    assert match["signature_valid"] is True
    assert match["url"].endswith("/phien-ban/1/")
    signed = base64.b64decode(match["signed_document"])
    assert signed == bytes(published.current_version.signed_bytes)
    assert json.loads(signed)["verification_code"] == published.verification_code


def test_text_exact_and_near(api, published):
    exact = "Hà Nội khởi công cầu Trần Hưng Đạo  Sáng nay, thành phố khởi công xây dựng cầu Trần Hưng Đạo bắc qua sông Hồng. Cầu dài 5,4 km, dự kiến hoàn thành sau 36 tháng."
    assert api.post("/verify/text", json={"text": exact}).json()["status"] == "authentic"
    near = api.post("/verify/text", json={"text": exact.replace("5,4 km", "4,5 km")}).json()
    assert near["status"] == "no_match" and near["matches"] == []
    assert near["closest"]["item"] == str(published.uid)
    assert 0.6 <= near["closest"]["similarity"] < 1
    assert {"kind": "removed", "text": "5,4"} in near["closest"]["diff"]


def test_file(api, newsroom):
    item = publish_with_attachment(newsroom)
    upload = SimpleUploadedFile("tai-ve.pdf", PDF_BYTES, content_type="application/pdf")
    body = api.post("/verify/file", FILES={"file": upload}).json()
    assert body["status"] == "authentic"
    assert body["matches"][0]["item"] == str(item.uid)


def test_unknown_code_is_an_answer_not_an_error(api, db):
    response = api.get("/verify/code/ZZZZ9999")
    assert response.status_code == 200
    assert response.json()["status"] == "no_match"


def test_bad_input_gets_the_json_error_shape(api, db, settings):
    settings.ATTACHMENT_MAX_BYTES = 10
    empty = api.post("/verify/text", json={"text": "   "})
    assert empty.status_code == 422
    assert empty.json()["error"]["details"][0]["field"].endswith("text")
    assert api.post("/verify/text", json={"text": "x" * 200_001}).status_code == 422
    big = api.post("/verify/file", FILES={"file": SimpleUploadedFile("lon.pdf", b"x" * 11)})
    assert big.status_code == 422 and big.json()["error"]["details"][0]["field"] == "file"
    assert api.post("/verify/file", FILES={"file": SimpleUploadedFile("rong.pdf", b"")}).status_code == 422
    assert api.post("/verify/text", json={}).status_code == 422
