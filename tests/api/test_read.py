"""Public reading: lists with filters and pages, details, signed versions, keys, organisations."""

import base64
import datetime as dt
import json

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from django.utils import timezone

from presscenter.orgs.models import Kind
from presscenter.releases import domain
from presscenter.releases.models import ItemType
from tests import factories
from tests.api.conftest import ApiClient, assert_error, token_for


def uids(response) -> list[str]:
    return [item["uid"] for item in response.json()["results"]]


def test_list_shows_only_public_items(newsroom, anonymous):
    published = newsroom.publish()
    newsroom.draft(title="Bản nháp chưa công bố")
    response = anonymous.get("/api/items")
    assert response.status_code == 200
    assert uids(response) == [str(published.uid)]
    first = response.json()["results"][0]
    assert first["organisation"] == {"slug": newsroom.org.slug, "name": newsroom.org.name}
    assert first["version"] == 1


def test_list_filters(newsroom, anonymous):
    traffic = factories.topic(slug="giao-thong")
    ward = factories.organisation(kind=Kind.WARD, slug="phuong-hoan-kiem", name="Phường Hoàn Kiếm")
    matching = newsroom.publish(type=ItemType.STATEMENT, topics=[traffic], areas=[ward])
    newsroom.publish()
    other = factories.Newsroom()
    other.publish(type=ItemType.STATEMENT, topics=[traffic])
    today = timezone.localdate().isoformat()

    def found(**params) -> list[str]:
        return uids(anonymous.get("/api/items", **params))

    assert found(agency=newsroom.org.slug, type="statement") == [str(matching.uid)]
    assert found(agency=newsroom.org.slug, topic="giao-thong") == [str(matching.uid)]
    assert found(area="phuong-hoan-kiem") == [str(matching.uid)]
    assert len(found(date_from=today, date_to=today)) == 3
    assert found(date_to=(timezone.localdate() - dt.timedelta(days=1)).isoformat()) == []
    assert found(language="en") == []
    assert found(agency="khong-ton-tai") == []


def test_area_filter_includes_what_the_ward_issued(anonymous):
    ward = factories.Newsroom(kind=Kind.WARD, slug="phuong-hoan-kiem")
    tagged = ward.publish(title="Phân luồng quanh hồ", areas=[ward.org])
    untagged = ward.publish(title="Lịch tiếp công dân")
    response = anonymous.get("/api/items", area="phuong-hoan-kiem")
    assert uids(response) == [str(untagged.uid), str(tagged.uid)]
    assert response.json()["total"] == 2


def test_pagination_with_links(newsroom, anonymous):
    for n in range(5):
        newsroom.publish(title=f"Tin số {n}")
    first = anonymous.get("/api/items", page_size=2, agency=newsroom.org.slug).json()
    assert first["total"] == 5 and len(first["results"]) == 2
    assert first["previous"] is None
    assert "page=2" in first["next"] and f"agency={newsroom.org.slug}" in first["next"]
    third = anonymous.client.get(first["next"].replace("page=2", "page=3")).json()
    assert len(third["results"]) == 1 and third["next"] is None and "page=2" in third["previous"]
    beyond = anonymous.get("/api/items", page=9, page_size=2).json()
    assert beyond["results"] == [] and beyond["total"] == 5


def test_list_query_count_does_not_grow(newsroom, anonymous, django_assert_max_num_queries):
    topic = factories.topic()
    for n in range(12):
        newsroom.publish(title=f"Tin số {n}", topics=[topic], areas=[newsroom.org])
    with django_assert_max_num_queries(6):
        response = anonymous.get("/api/items")
    assert len(response.json()["results"]) == 12


def test_detail_shows_the_published_version_not_the_working_copy(newsroom, anonymous):
    item = newsroom.publish()
    domain.update_item(newsroom.editor, item, title="Tiêu đề đang sửa")
    body = anonymous.get(f"/api/items/{item.uid}").json()
    assert body["title"] == "Hà Nội khởi công cầu Trần Hưng Đạo"
    assert body["body"] == "<p>Cầu dài 5,4 km, dự kiến hoàn thành sau 36 tháng.</p>"
    assert body["verification_code"] == item.verification_code
    assert body["attachments"] == []


def test_drafts_are_hidden_from_the_public_and_other_agencies(newsroom, anonymous, editor_api):
    draft = newsroom.draft()
    assert_error(anonymous.get(f"/api/items/{draft.uid}"), 404, "not_found")
    assert editor_api.get(f"/api/items/{draft.uid}").json()["version"] is None
    # A staff member's token bound to another agency does not reach this agency's drafts.
    other = factories.organisation()
    scoped_staff = ApiClient(token_for(newsroom.operator, other))
    assert_error(scoped_staff.get(f"/api/items/{draft.uid}"), 404, "not_found")


def test_withdrawn_item_keeps_its_notice(newsroom, anonymous):
    item = newsroom.publish()
    domain.withdraw(newsroom.spokesperson, item, "Thông tin chưa chính xác")
    body = anonymous.get(f"/api/items/{item.uid}").json()
    assert body["withdrawn"] is True and body["withdrawal_reason"] == "Thông tin chưa chính xác"
    assert anonymous.get("/api/items").json()["total"] == 0


def test_versions_are_listed_and_verify_with_the_published_key(newsroom, anonymous):
    item = newsroom.publish()
    domain.update_item(newsroom.editor, item, lead="Sáng 26/11, khởi công.", change_note="Sửa ngày.")
    domain.submit(newsroom.editor, item)
    domain.approve(newsroom.spokesperson, item)
    versions = anonymous.get(f"/api/items/{item.uid}/versions").json()
    assert [(v["number"], v["change_note"]) for v in versions] == [(1, ""), (2, "Sửa ngày.")]

    version = anonymous.get(f"/api/items/{item.uid}/versions/2").json()
    keys = {key["key_id"]: key for key in anonymous.get("/api/keys").json()}
    key = keys[version["key_id"]]
    assert base64.b64decode(key["public_key_base64"]).hex() == key["public_key_hex"]
    assert "private_key" not in json.dumps(keys)
    signed = base64.b64decode(version["signed_bytes"])
    public = Ed25519PublicKey.from_public_bytes(bytes.fromhex(key["public_key_hex"]))
    public.verify(bytes.fromhex(version["signature"]), signed)  # raises if the signature is wrong
    assert json.loads(signed)["lead"] == "Sáng 26/11, khởi công."

    assert_error(anonymous.get(f"/api/items/{item.uid}/versions/3"), 404, "not_found")


def test_keys_include_retired_ones(newsroom, anonymous):
    from presscenter.authenticity.keys import rotate

    newsroom.publish()
    rotate()
    keys = anonymous.get("/api/keys").json()
    assert len(keys) == 2
    assert sum(1 for key in keys if key["retired_at"] is None) == 1


def test_organisations_list_and_detail_with_tree(db, anonymous, django_assert_max_num_queries):
    city = factories.organisation(kind=Kind.PEOPLES_COMMITTEE, slug="ubnd-ha-noi", name="UBND thành phố Hà Nội")
    department = factories.organisation(parent=city, slug="so-xay-dung", name="Sở Xây dựng")
    for n in range(5):
        factories.organisation(kind=Kind.WARD, parent=city, slug=f"phuong-{n}", name=f"Phường {n}")
    with django_assert_max_num_queries(3):
        listing = anonymous.get("/api/organisations", parent="ubnd-ha-noi").json()
    assert listing["total"] == 6
    assert {o["parent"]["slug"] for o in listing["results"]} == {"ubnd-ha-noi"}
    assert anonymous.get("/api/organisations", kind="ward").json()["total"] == 5
    assert anonymous.get("/api/organisations", q="xây").json()["results"][0]["slug"] == "so-xay-dung"

    detail = anonymous.get("/api/organisations/ubnd-ha-noi").json()
    assert detail["parent"] is None
    assert len(detail["children"]) == 6
    assert anonymous.get(f"/api/organisations/{department.slug}").json()["parent"]["slug"] == "ubnd-ha-noi"
    assert_error(anonymous.get("/api/organisations/khong-co"), 404, "not_found")


@pytest.mark.parametrize(("lang", "name"), [("vi", "Giao thông"), ("en", "Transport")])
def test_topics_in_the_request_language(db, lang, name):
    factories.topic(slug="giao-thong", name="Giao thông", name_en="Transport")
    response = ApiClient().get("/api/topics", lang=lang)
    assert response.json() == [{"slug": "giao-thong", "name": name}]
