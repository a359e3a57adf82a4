"""The Open311 GeoReport v2 schemas (read from ../shared, never copied here) and a client that
talks to /open311/v2/ as a GeoReport client does: form-encoded POSTs, .json and .xml URLs."""

import json
import os
from pathlib import Path
from typing import Any
from urllib.parse import urlencode
from xml.etree import ElementTree

import pytest
from django.test import Client
from jsonschema import Draft7Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

from presscenter.accounts.models import Role
from presscenter.inquiries import domain
from presscenter.inquiries.models import Audience, Category, Inquiry
from presscenter.open311.keys import issue_key
from tests import factories
from tests.conftest import skip_or_fail

# ../shared beside the checkout; PRESSCENTER_SHARED names it when the checkout lives elsewhere (a worktree).
SHARED = Path(os.environ.get("PRESSCENTER_SHARED") or Path(__file__).resolve().parents[2] / ".." / "shared")
SCHEMAS = SHARED / "schemas" / "open311" / "georeport-v2"
NAMES = ("services", "service", "service-definition", "requests", "request")
BASE = "/open311/v2"


@pytest.fixture(scope="session")
def registry() -> Registry:
    if not all((SCHEMAS / f"{name}.json").is_file() for name in NAMES):
        skip_or_fail(f"the GeoReport v2 JSON schemas are not in {SCHEMAS}")
    resources = [
        (f"{name}.json", Resource.from_contents(json.loads((SCHEMAS / f"{name}.json").read_text()), DRAFT7))
        for name in NAMES
    ]
    return Registry().with_resources(resources)


@pytest.fixture
def validate(registry):
    """validate("requests", document): raises when the document breaks the specification's schema."""

    def check(name: str, document: Any) -> Any:
        schema = registry.contents(f"{name}.json")
        Draft7Validator(schema, registry=registry, format_checker=FormatChecker()).validate(document)
        return document

    return check


@pytest.fixture
def staff(db):
    return factories.user(Role.CENTER_OPERATOR)


@pytest.fixture
def api_key(staff) -> str:
    return issue_key(staff, "Ứng dụng phản ánh hiện trường", "Sở Thông tin")[1]


@pytest.fixture
def lighting(db) -> Category:
    return Category.objects.create(
        code="den-duong",
        name="Đèn chiếu sáng công cộng",
        name_en="Street lighting",
        description="Đèn đường hỏng, tắt, sáng ban ngày.",
        group="Hạ tầng đô thị",
        keywords="đèn, chiếu sáng",
        audience=Audience.PUBLIC,
        needs_location=True,
    )


class GeoReportClient:
    def __init__(self, **headers: str):
        self.client = Client(REMOTE_ADDR="203.0.113.7")
        self.headers = headers

    def get(self, path: str, **params: Any):
        return self.client.get(BASE + path, params, headers=self.headers)

    def post(self, path: str, form: dict[str, Any], **headers: str):
        # The Django client encodes a dict as multipart; a GeoReport client sends urlencoded.
        return self.client.post(
            BASE + path,
            urlencode(form, doseq=True),
            content_type="application/x-www-form-urlencoded; charset=utf-8",
            headers={**self.headers, **headers},
        )


@pytest.fixture
def georeport(db) -> GeoReportClient:
    return GeoReportClient()


def report(api_key: str, **fields: Any) -> dict[str, Any]:
    form = {
        "api_key": api_key,
        "service_code": "den-duong",
        "lat": "21.028511",
        "long": "105.804817",
        "address_string": "40 Hàng Bông, phường Hoàn Kiếm, Hà Nội",
        "email": "an.nguyen@example.vn",
        "first_name": "An",
        "last_name": "Nguyễn Văn",
        "phone": "0912345678",
        "description": "Ba cột đèn trước số 40 Hàng Bông không sáng từ tuần trước.",
    }
    form.update(fields)
    return {key: value for key, value in form.items() if value is not None}


def parse_xml(content: bytes) -> ElementTree.Element:
    return ElementTree.fromstring(content)  # noqa: S314 our own response, in a test


def routed_and_answered(staff, inquiry, *, publish: bool = False):
    newsroom = factories.Newsroom(name="Sở Xây dựng")
    if publish:
        Inquiry.objects.filter(pk=inquiry.pk).update(publish_allowed=True)
    domain.route(staff, inquiry, newsroom.org)
    answer = domain.save_answer(newsroom.editor, inquiry, "<p>Đã thay bóng đèn.</p>")
    domain.submit_answer(newsroom.editor, answer)
    domain.approve_answer(newsroom.spokesperson, answer)
    inquiry.refresh_from_db()
    return inquiry
