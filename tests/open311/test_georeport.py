"""GeoReport v2 as a client sees it: every document valid against the specification's schemas,
in JSON and XML, with the specification's URL shapes, filters and status mapping."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from presscenter.accounts.models import Role
from presscenter.inquiries import domain
from presscenter.inquiries.models import Audience, Category, Channel, Inquiry, State
from tests import factories
from tests.open311.conftest import parse_xml, report, routed_and_answered

pytestmark = pytest.mark.django_db
W3C = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$")


def test_services_lists_the_active_public_categories(georeport, lighting, validate):
    Category.objects.create(code="bao-chi", name="Chỉ cho báo chí", audience=Audience.PRESS)
    Category.objects.create(code="cu", name="Không còn dùng", active=False)
    Category.objects.create(code="moi-truong", name="Môi trường", audience=Audience.BOTH)
    response = georeport.get("/services.json")
    assert response.status_code == 200 and response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Access-Control-Allow-Origin"] == "*"
    services = validate("services", response.json())
    assert [s["service_code"] for s in services] == ["den-duong", "moi-truong"]
    assert services[0] == {
        "service_code": "den-duong",
        "service_name": "Đèn chiếu sáng công cộng",
        "description": "Đèn đường hỏng, tắt, sáng ban ngày.",
        "metadata": False,
        "type": "realtime",
        "keywords": "đèn, chiếu sáng",
        "group": "Hạ tầng đô thị",
    }


def test_services_in_xml_and_in_english(georeport, lighting):
    response = georeport.get("/services.xml")
    assert response.status_code == 200 and response["Content-Type"] == "text/xml; charset=utf-8"
    assert response.content.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    root = parse_xml(response.content)
    assert root.tag == "services"
    assert [s.findtext("service_code") for s in root.findall("service")] == ["den-duong"]
    assert root.find("service/metadata").text == "false"
    english = georeport.get("/services.json", lang="en").json()
    assert english[0]["service_name"] == "Street lighting"


def test_service_definition(georeport, lighting, validate):
    definition = validate("service-definition", georeport.get("/services/den-duong.json").json())
    assert definition == {"service_code": "den-duong", "attributes": []}
    root = parse_xml(georeport.get("/services/den-duong.xml").content)
    assert root.tag == "service_definition" and root.findtext("service_code") == "den-duong"
    missing = georeport.get("/services/khong-co.json")
    assert missing.status_code == 404
    assert missing.json() == [{"code": 404, "description": "Không có dịch vụ (service_code) này."}]


def test_post_creates_feedback_and_returns_its_tracking_code(georeport, lighting, api_key, validate):
    response = georeport.post("/requests.json", report(api_key, **{"attribute[WHISPAWN]": "123"}))
    assert response.status_code == 200, response.content
    (created,) = response.json()
    inquiry = Inquiry.objects.get(code=created["service_request_id"])
    assert set(created) == {"service_request_id", "service_notice", "account_id"}
    assert inquiry.kind == "feedback" and inquiry.channel == Channel.OPEN311 and inquiry.state == State.NEW
    assert inquiry.category == lighting and inquiry.asker is None
    assert inquiry.asker_name == "An Nguyễn Văn" and inquiry.asker_email == "an.nguyen@example.vn"
    assert inquiry.asker_phone == "0912345678"
    assert str(inquiry.latitude) == "21.028511" and str(inquiry.longitude) == "105.804817"
    assert inquiry.location.startswith("40 Hàng Bông")
    assert inquiry.subject == "Ba cột đèn trước số 40 Hàng Bông không sáng từ tuần trước."
    # It can be read back at once, as an open request.
    (listed,) = validate("requests", georeport.get(f"/requests/{inquiry.code}.json").json())
    assert listed["status"] == "open" and listed["service_code"] == "den-duong"


def test_post_finds_the_ward_named_in_the_address(georeport, lighting, api_key):
    ward = factories.organisation(kind="ward", name="Phường Hoàn Kiếm")
    factories.organisation(kind="ward", name="Phường Hoàn")
    code = georeport.post("/requests.json", report(api_key)).json()[0]["service_request_id"]
    assert Inquiry.objects.get(code=code).area == ward
    code = georeport.post("/requests.json", report(api_key, address_string="Ngõ 5 Láng Hạ")).json()[0]
    assert Inquiry.objects.get(code=code["service_request_id"]).area is None


def test_post_in_xml(georeport, lighting, api_key):
    response = georeport.post("/requests.xml", report(api_key))
    assert response.status_code == 200 and response["Content-Type"] == "text/xml; charset=utf-8"
    root = parse_xml(response.content)
    assert root.tag == "service_requests"
    code = root.findtext("request/service_request_id")
    assert Inquiry.objects.filter(code=code).exists()


def test_status_mapping_and_the_responsible_agency(georeport, lighting, api_key, staff, validate):
    codes = [georeport.post("/requests.json", report(api_key)).json()[0]["service_request_id"] for _ in range(3)]
    open_one, answered, rejected = (Inquiry.objects.get(code=code) for code in codes)
    routed_and_answered(staff, answered)
    domain.reject(staff, rejected, "Nội dung quảng cáo, không phải phản ánh.")

    documents = {r["service_request_id"]: r for r in validate("requests", georeport.get("/requests.json").json())}
    assert documents[open_one.code]["status"] == "open"
    assert documents[open_one.code]["agency_responsible"] is None
    assert documents[answered.code]["status"] == "closed"
    assert documents[answered.code]["agency_responsible"] == "Sở Xây dựng"
    assert documents[answered.code]["status_notes"] == "Đã trả lời"
    assert documents[answered.code]["expected_datetime"] is None
    assert documents[rejected.code]["status"] == "closed" and documents[rejected.code]["description"] is None
    for document in documents.values():
        assert W3C.match(document["requested_datetime"]) and document["requested_datetime"].endswith("+07:00")
        assert W3C.match(document["updated_datetime"])

    only_open = validate("requests", georeport.get("/requests.json", status="open").json())
    assert [r["service_request_id"] for r in only_open] == [open_one.code]
    closed = {r["service_request_id"] for r in georeport.get("/requests.json", status="closed").json()}
    assert closed == {answered.code, rejected.code}
    both = georeport.get("/requests.json", status="open,closed").json()
    assert len(both) == 3


def test_routed_request_shows_its_deadline(georeport, lighting, api_key, staff, validate):
    code = georeport.post("/requests.json", report(api_key)).json()[0]["service_request_id"]
    inquiry = Inquiry.objects.get(code=code)
    domain.route(staff, inquiry, factories.organisation(name="Sở Xây dựng"))
    (document,) = validate("requests", georeport.get(f"/requests/{code}.json").json())
    assert W3C.match(document["expected_datetime"]) and document["agency_responsible"] == "Sở Xây dựng"
    assert "trả lời trước" in document["service_notice"]


def test_filters_by_id_code_and_dates(georeport, lighting, api_key, validate):
    other = Category.objects.create(code="rac-thai", name="Rác thải", audience=Audience.PUBLIC)
    first = georeport.post("/requests.json", report(api_key)).json()[0]["service_request_id"]
    second = georeport.post("/requests.json", report(api_key, service_code="rac-thai")).json()[0]["service_request_id"]
    Inquiry.objects.filter(code=first).update(received_at=timezone.now() - dt.timedelta(days=100))

    assert [r["service_request_id"] for r in georeport.get("/requests.json").json()] == [second]
    by_id = validate("requests", georeport.get("/requests.json", service_request_id=f"{first},{second}").json())
    assert {r["service_request_id"] for r in by_id} == {first, second}
    by_code = georeport.get("/requests.json", service_code=other.code).json()
    assert [r["service_request_id"] for r in by_code] == [second]
    start = (timezone.now() - dt.timedelta(days=120)).strftime("%Y-%m-%dT%H:%M:%SZ")
    end = (timezone.now() - dt.timedelta(days=50)).strftime("%Y-%m-%dT%H:%M:%S+07:00")
    window = georeport.get("/requests.json", start_date=start, end_date=end).json()
    assert [r["service_request_id"] for r in window] == [first]


@pytest.mark.parametrize(
    "params",
    [
        {"start_date": "hôm qua"},
        {"end_date": "2026-13-45T00:00:00Z"},
        {"start_date": "2025-01-01T00:00:00Z", "end_date": "2025-06-01T00:00:00Z"},
        {"start_date": "2025-06-01T00:00:00Z", "end_date": "2025-01-01T00:00:00Z"},
        {"status": "pending"},
    ],
)
def test_bad_filters_are_400_in_the_error_format(georeport, params):
    response = georeport.get("/requests.json", **params)
    assert response.status_code == 400
    (error,) = response.json()
    assert error["code"] == 400 and error["description"]


def test_press_questions_are_not_service_requests(georeport, lighting):
    journalist = factories.user(Role.JOURNALIST, accredited=True)
    question = factories.inquiry(journalist, category=lighting)
    assert georeport.get("/requests.json").json() == []
    assert georeport.get(f"/requests/{question.code}.json").status_code == 404


def test_unknown_request_and_unknown_format(georeport):
    response = georeport.get("/requests/HD-AAAA-BBBB.json")
    assert response.status_code == 404
    assert response.json()[0]["code"] == 404
    assert georeport.get("/requests.yaml").status_code == 404


def test_token_gives_the_request_id(georeport, lighting, api_key):
    code = georeport.post("/requests.json", report(api_key)).json()[0]["service_request_id"]
    token = Inquiry.objects.get(code=code).access_key
    assert georeport.get(f"/tokens/{token}.json").json() == [{"service_request_id": code, "token": token}]
    root = parse_xml(georeport.get(f"/tokens/{token}.xml").content)
    assert root.findtext("request/service_request_id") == code
    assert georeport.get("/tokens/khong-dung.json").status_code == 404


def test_method_not_taken_is_405_in_the_error_format(georeport):
    response = georeport.client.delete("/open311/v2/services.json")
    assert response.status_code == 405 and response.json()[0]["code"] == 405
    assert response["Allow"] == "GET, HEAD"
    response = georeport.client.put("/open311/v2/requests.json")
    assert response.status_code == 405 and response["Allow"] == "GET, HEAD, POST"


def test_discovery_names_the_endpoint(georeport):
    document = georeport.client.get("/open311/discovery.json").json()
    (endpoint,) = document["endpoints"]
    assert endpoint["url"].endswith("/open311/v2/") and "application/json" in endpoint["formats"]
