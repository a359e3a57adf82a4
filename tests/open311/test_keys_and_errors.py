"""Posting needs a live key from the centre; errors are the specification's list, translated;
posts are limited per key and per address; nothing personal is ever read back."""

import pytest
from django.test import Client
from django.urls import reverse

from presscenter.accounts.models import Role
from presscenter.audit.models import AuditEntry
from presscenter.core.errors import PermissionDenied
from presscenter.inquiries import domain
from presscenter.inquiries.models import Attachment, Inquiry
from presscenter.open311.keys import issue_key, key_for_secret, revoke_key
from presscenter.open311.models import ClientKey
from tests import factories
from tests.open311.conftest import GeoReportClient, report, routed_and_answered

pytestmark = pytest.mark.django_db


def test_only_a_hash_is_stored_and_issuing_and_revoking_are_audited(staff):
    key, raw = issue_key(staff, "Ứng dụng A")
    assert raw.startswith("o311_") and raw not in key.digest and key.hint == raw[:10]
    assert key_for_secret(raw) == key
    revoke_key(staff, key)
    assert key_for_secret(raw) is None
    actions = set(AuditEntry.objects.filter(object_id=str(key.pk)).values_list("action", flat=True))
    assert actions == {"open311_key.issue", "open311_key.revoke"}


def test_only_centre_staff_issue_keys(db):
    newsroom = factories.Newsroom()
    for user in (newsroom.editor, newsroom.spokesperson, factories.user(Role.PUBLIC)):
        with pytest.raises(PermissionDenied):
            issue_key(user, "Ứng dụng")
    assert not ClientKey.objects.exists()


@pytest.mark.parametrize("api_key", [None, "", "o311_sai", "pc_khong-phai"])
def test_post_without_a_valid_key_is_403_and_changes_nothing(georeport, lighting, api_key):
    response = georeport.post("/requests.json", report(api_key))
    assert response.status_code == 403
    assert response.json() == [{"code": 403, "description": "Thiếu hoặc sai api_key: không thể tạo yêu cầu."}]
    assert not Inquiry.objects.exists()


def test_errors_in_english_when_asked_and_in_xml(georeport, lighting):
    response = georeport.post("/requests.json", report("o311_sai"), **{"Accept-Language": "en"})
    assert response.json()[0]["description"] == "Missing or invalid api_key: the request cannot be created."
    xml = georeport.post("/requests.xml", report("o311_sai"))
    assert xml.status_code == 403 and b"<errors><error><code>403</code>" in xml.content


def test_a_revoked_key_no_longer_posts(georeport, lighting, staff):
    key, raw = issue_key(staff, "Ứng dụng B")
    assert georeport.post("/requests.json", report(raw)).status_code == 200
    revoke_key(staff, key)
    assert georeport.post("/requests.json", report(raw)).status_code == 403
    assert Inquiry.objects.count() == 1


@pytest.mark.parametrize(
    ("fields", "status"),
    [
        ({"service_code": None}, 400),
        ({"service_code": "khong-co"}, 404),
        ({"lat": None, "long": None, "address_string": None}, 400),
        ({"long": None}, 400),
        ({"lat": "abc"}, 400),
        ({"lat": "91"}, 400),
        ({"long": "NaN"}, 400),
        ({"description": ""}, 400),
        ({"description": "x" * 4001}, 400),
        ({"email": "khong-phai-thu"}, 400),
        ({"email": None, "phone": None}, 400),
        ({"first_name": None, "last_name": None}, 400),
        ({"media_url": "javascript:alert(1)"}, 400),
        ({"description": "Có ký tự \x00 lạ"}, 400),
    ],
)
def test_bad_posts_are_refused_with_a_description(georeport, lighting, api_key, fields, status):
    response = georeport.post("/requests.json", report(api_key, **fields))
    assert response.status_code == status, response.content
    (error,) = response.json()
    assert error["code"] == status and isinstance(error["description"], str) and error["description"]
    assert not Inquiry.objects.exists()


def test_a_json_body_is_refused(georeport, lighting, api_key):
    response = georeport.client.post("/open311/v2/requests.json", report(api_key), content_type="application/json")
    assert response.status_code == 400 and not Inquiry.objects.exists()


def test_posts_are_limited_per_key(georeport, lighting, api_key, settings):
    settings.OPEN311_POSTS_PER_KEY = 2
    assert [georeport.post("/requests.json", report(api_key)).status_code for _ in range(2)] == [200, 200]
    refused = georeport.post("/requests.json", report(api_key))
    assert refused.status_code == 429 and int(refused["Retry-After"]) >= 1
    assert refused.json()[0]["code"] == 429
    assert Inquiry.objects.count() == 2


def test_posts_are_limited_per_address_even_with_wrong_keys(georeport, lighting, settings):
    settings.OPEN311_POSTS_PER_ADDRESS = 3
    statuses = [georeport.post("/requests.json", report(f"o311_doan-{n}")).status_code for n in range(4)]
    assert statuses == [403, 403, 403, 429]


PERSONAL = ("Nguyễn Văn", "an.nguyen@example.vn", "0912345678", "012345678901")


def test_no_personal_data_or_attachment_is_ever_read_back(georeport, lighting, api_key, staff):
    description = "Đèn hỏng trước nhà, gọi tôi 0912345678 hoặc an.nguyen@example.vn, CCCD 012345678901."
    form = report(api_key, description=description, media_url="https://anh.example.vn/nha-toi.jpg")
    code = georeport.post("/requests.json", form).json()[0]["service_request_id"]
    inquiry = Inquiry.objects.get(code=code)
    assert "https://anh.example.vn/nha-toi.jpg" in inquiry.text  # kept for the agency
    Attachment.objects.create(
        inquiry=inquiry, kind="image", file="inquiries/x.jpg", original_name="nha-toi.jpg",
        extension=".jpg", mime_type="image/jpeg", size=10, sha256="0" * 64,
    )  # fmt: skip
    for path in (f"/requests/{code}.json", "/requests.json", f"/requests/{code}.xml", "/requests.xml"):
        body = georeport.get(path).content.decode()
        for personal in (*PERSONAL, "nha-toi.jpg", "anh.example.vn", inquiry.access_key):
            assert personal not in body, (path, personal)
    (document,) = georeport.get(f"/requests/{code}.json").json()
    assert document["media_url"] is None
    assert document["description"].startswith("Đèn hỏng trước nhà, gọi tôi […]")


def test_media_url_is_the_published_answer(georeport, lighting, api_key, staff, validate, settings):
    settings.SITE_URL = "https://trungtambaochi.hanoi.gov.vn"
    code = georeport.post("/requests.json", report(api_key)).json()[0]["service_request_id"]
    inquiry = routed_and_answered(staff, Inquiry.objects.get(code=code), publish=True)
    assert inquiry.answer_item is not None
    (document,) = validate("requests", georeport.get(f"/requests/{code}.json").json())
    assert document["media_url"] == "https://trungtambaochi.hanoi.gov.vn" + inquiry.answer_item.get_absolute_url()
    domain.close(staff, inquiry)
    (document,) = georeport.get(f"/requests/{code}.json").json()
    assert document["status"] == "closed" and document["status_notes"] == "Đã đóng"


def test_the_keys_page_issues_shows_once_and_revokes(client, staff):
    client.force_login(staff)
    url = reverse("open311_keys:keys")
    page = client.post(url, {"name": "Ứng dụng phản ánh", "contact": "Sở Thông tin"})
    assert page.status_code == 200
    key = ClientKey.objects.get()
    secret = page.context["secret"]
    assert secret.startswith("o311_") and secret in page.content.decode() and key_for_secret(secret) == key
    again = client.get(url)
    assert secret not in again.content.decode() and key.hint in again.content.decode()
    client.post(reverse("open311_keys:revoke", args=[key.pk]))
    key.refresh_from_db()
    assert key.revoked_at is not None


def test_the_keys_page_is_for_centre_staff_only(client, db):
    newsroom = factories.Newsroom()
    client.force_login(newsroom.spokesperson)
    assert client.get(reverse("open311_keys:keys")).status_code == 403
    assert client.post(reverse("open311_keys:keys"), {"name": "Trộm"}).status_code == 403
    assert not ClientKey.objects.exists()


def test_posts_behind_a_trusted_proxy_are_limited_per_client(lighting, settings, db):
    settings.OPEN311_POSTS_PER_ADDRESS = 1
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    proxy, direct = GeoReportClient(), GeoReportClient()
    proxy.client = Client(REMOTE_ADDR="10.0.0.5")

    def post(via: GeoReportClient, forwarded: str) -> int:
        return via.post("/requests.json", report("o311_sai"), **{"X-Forwarded-For": forwarded}).status_code

    # Two visitors behind the proxy each have their own budget; a header they write is no disguise.
    assert [post(proxy, "198.51.100.1"), post(proxy, "198.51.100.2")] == [403, 403]
    assert post(proxy, "198.51.100.3, 198.51.100.1") == 429
    # A direct client's header is ignored: it cannot pose as a new address.
    assert [post(direct, "10.1.1.1"), post(direct, "10.1.1.2")] == [403, 429]
