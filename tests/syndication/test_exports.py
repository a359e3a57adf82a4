"""ninjs 3.1 and NewsML-G2 2.35 exports, checked against IPTC's own schemas."""

import datetime as dt
import json

import pytest
from django.urls import reverse
from django.utils import timezone
from jsonschema import Draft202012Validator
from lxml import etree
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

from presscenter.accounts.models import Role
from presscenter.releases import domain
from presscenter.releases.models import ItemType, Priority
from presscenter.syndication.newsml import NAR, XHTML, to_newsml
from presscenter.syndication.ninjs import to_ninjs
from tests import factories
from tests.factories import PASSWORD
from tests.syndication.conftest import load_json, publish_rich, revise, schema_path

pytestmark = pytest.mark.django_db
NS = {"n": NAR, "x": XHTML}


@pytest.fixture(scope="module")
def ninjs_validator() -> Draft202012Validator:
    geojson = json.loads(schema_path("ninjs/GeoJSON.json").read_text())
    registry = Registry().with_resource(
        "https://geojson.org/schema/GeoJSON.json", Resource.from_contents(geojson, default_specification=DRAFT7)
    )
    schema = json.loads(schema_path("ninjs/ninjs-schema_3.1.json").read_text())
    return Draft202012Validator(schema, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER)


@pytest.fixture(scope="module")
def newsml_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(schema_path("newsml-g2/NewsML-G2_2.35-spec-All-Power.xsd"))))


def valid_newsml(schema: etree.XMLSchema, data: bytes) -> etree._Element:
    document = etree.fromstring(data)
    schema.assertValid(document)
    return document


def ninjs_url(item, **query) -> str:
    url = reverse("syndication:ninjs", kwargs={"uid": item.uid})
    return f"{url}?version={query['version']}" if query else url


def newsml_url(item) -> str:
    return reverse("syndication:newsml", kwargs={"uid": item.uid})


def test_ninjs_of_a_rich_item_is_valid_and_complete(rich_item, ninjs_validator, settings):
    document = to_ninjs(rich_item)
    ninjs_validator.validate(document)
    assert document["uri"] == f"urn:uuid:{rich_item.uid}"
    assert document["type"] == "text"
    assert document["version"] == "1"
    assert document["pubStatus"] == "usable"
    assert document["urgency"] == 1  # flash
    assert document["language"] == "vi"
    assert document["headlines"][0]["value"] == "Hà Nội phân luồng giao thông phục vụ lễ kỷ niệm"
    assert document["descriptions"][0] == {
        "role": "summary",
        "contentType": "text/plain",
        "value": "Từ 6 giờ sáng, các tuyến phố quanh hồ Hoàn Kiếm cấm xe cơ giới.",
    }
    assert "<li>Phố Đinh Tiên Hoàng</li>" in document["bodies"][0]["value"]
    assert [s["name"] for s in document["subjects"]] == ["Giao thông"]
    assert [p["name"] for p in document["places"]] == ["Phường Hoàn Kiếm"]
    assert document["organisations"][0]["name"] == rich_item.organisation.name
    assert document["genres"][0]["name"] == "Thông cáo báo chí"
    assert document["altIds"] == [{"role": "verificationCode", "value": rich_item.verification_code}]
    assert document["renditions"][0]["href"] == f"{settings.SITE_URL}/tin/{rich_item.uid}/"
    image, pdf = document["associations"]
    assert image["type"] == "picture"
    assert image["by"] == "Sở Xây dựng"
    assert {d["role"]: d["value"] for d in image["descriptions"]} == {
        "caption": "Sơ đồ phân luồng",
        "alt": "Bản đồ các tuyến phố cấm xe quanh hồ Hoàn Kiếm",
    }
    assert pdf["renditions"][0]["contentType"] == "application/pdf"
    assert pdf["renditions"][0]["title"] == "phương-án.pdf"


def test_ninjs_of_a_corrected_item_keeps_each_version(rich_item, newsroom, ninjs_validator, client):
    revise(newsroom, rich_item, title="Hà Nội phân luồng giao thông từ 5 giờ sáng")
    current = load_json(client.get(ninjs_url(rich_item)))
    ninjs_validator.validate(current)
    assert current["version"] == "2"
    assert current["headlines"][0]["value"] == "Hà Nội phân luồng giao thông từ 5 giờ sáng"
    assert {"role": "changeNote", "contentType": "text/plain", "value": "Sửa giờ bắt đầu phân luồng."} in current[
        "descriptions"
    ]
    assert current["versionCreated"] >= current["firstCreated"]
    first = load_json(client.get(ninjs_url(rich_item, version=1)))
    ninjs_validator.validate(first)
    assert first["version"] == "1"
    assert first["headlines"][0]["value"] == "Hà Nội phân luồng giao thông phục vụ lễ kỷ niệm"
    assert len(first["associations"]) == 2  # the files signed with version 1


def test_ninjs_of_a_correction_item_points_to_the_corrected_one(newsroom, ninjs_validator):
    original = newsroom.publish(title="Lịch thi tuyển sinh lớp 10")
    correction = newsroom.publish(
        title="Đính chính lịch thi tuyển sinh lớp 10", type=ItemType.CORRECTION, corrects=original
    )
    document = to_ninjs(correction)
    ninjs_validator.validate(document)
    assert document["profile"] == "correction"
    assert document["associations"] == [
        {"name": "corrects", "rel": "corrects", "uri": f"urn:uuid:{original.uid}", "type": "text"}
    ]


def test_ninjs_of_a_withdrawn_item_is_canceled_without_content(rich_item, newsroom, ninjs_validator, client):
    domain.withdraw(newsroom.spokesperson, rich_item, "Thông tin chưa được kiểm chứng.")
    document = load_json(client.get(ninjs_url(rich_item)))
    ninjs_validator.validate(document)
    assert document["pubStatus"] == "canceled"
    assert "bodies" not in document
    assert "associations" not in document
    assert document["descriptions"] == [
        {"role": "withdrawal", "contentType": "text/plain", "value": "Thông tin chưa được kiểm chứng."}
    ]


def test_ninjs_endpoint(client, rich_item):
    response = client.get(ninjs_url(rich_item))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert "Hà Nội phân luồng" in response.content.decode()  # UTF-8, not \\u escapes


@pytest.mark.parametrize("version", ["9", "abc", "-1"])
def test_unknown_version_is_404(client, rich_item, version):
    assert client.get(ninjs_url(rich_item, version=version)).status_code == 404


def test_embargoed_item_only_for_accredited_readers(client, newsroom, ninjs_validator, newsml_schema):
    embargo = timezone.now() + dt.timedelta(hours=3)
    item = newsroom.publish(title="Kết quả kỳ họp Hội đồng nhân dân", embargo_until=embargo)
    assert client.get(ninjs_url(item)).status_code == 404
    assert client.get(newsml_url(item)).status_code == 404
    journalist = factories.user(Role.JOURNALIST, accredited=True)
    client.login(username=journalist.username, password=PASSWORD)
    response = client.get(ninjs_url(item))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    document = load_json(response)
    ninjs_validator.validate(document)
    assert dt.datetime.fromisoformat(document["embargoedUntil"]) == embargo.replace(microsecond=0)
    newsml = valid_newsml(newsml_schema, client.get(newsml_url(item)).content)
    assert newsml.findtext("n:itemMeta/n:embargoed", namespaces=NS) == document["embargoedUntil"]


def test_unpublished_and_unknown_items_are_404(client, newsroom):
    draft = newsroom.draft()
    assert client.get(ninjs_url(draft)).status_code == 404
    client.login(username=newsroom.editor.username, password=PASSWORD)  # its agency may open the draft page
    assert client.get(ninjs_url(draft)).status_code == 404
    assert client.get(newsml_url(draft)).status_code == 404


def test_newsml_of_a_rich_item_is_valid(rich_item, newsml_schema, client):
    response = client.get(newsml_url(rich_item))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.iptc.g2.newsitem+xml; charset=utf-8"
    document = valid_newsml(newsml_schema, response.content)
    assert document.get("guid") == f"urn:uuid:{rich_item.uid}"
    assert document.get("version") == "1"
    assert document.findtext("n:contentMeta/n:headline", namespaces=NS) == rich_item.title
    assert document.findtext("n:contentMeta/n:urgency", namespaces=NS) == "1"
    assert document.find("n:itemMeta/n:pubStatus", namespaces=NS).get("qcode") == "stat:usable"
    assert document.findtext("n:contentMeta/n:subject/n:name", namespaces=NS) == "Giao thông"
    assert document.findtext("n:contentMeta/n:located/n:name", namespaces=NS) == "Phường Hoàn Kiếm"
    assert document.findtext("n:contentMeta/n:creator/n:name", namespaces=NS) == rich_item.organisation.name
    body = document.find("n:contentSet/n:inlineXML/x:html/x:body", namespaces=NS)
    assert [li.text for li in body.iterfind("x:ul/x:li", namespaces=NS)] == ["Phố Đinh Tiên Hoàng", "Phố Lê Thái Tổ"]
    assert body.find("x:p", namespaces=NS).text.endswith("lực lượng chức năng & biển báo.")
    links = document.findall("n:itemMeta/n:link[@rel='irel:associatedWith']", namespaces=NS)
    assert [link.get("contenttype") for link in links] == ["image/png", "application/pdf"]


def test_newsml_of_revised_withdrawn_and_bare_items_is_valid(newsroom, newsml_schema):
    revised = publish_rich(newsroom, priority=Priority.NORMAL)
    revise(
        newsroom,
        revised,
        body="<p>Giờ phân luồng: 5 giờ sáng.<br>Áp dụng đến 12 giờ.</p><table><tr><td>A</td></tr></table>",
    )
    document = valid_newsml(newsml_schema, to_newsml(revised))
    assert document.get("version") == "2"
    assert document.find("n:itemMeta/n:signal", namespaces=NS).get("qcode") == "sig:update"
    assert document.findtext("n:itemMeta/n:edNote", namespaces=NS) == "Sửa giờ bắt đầu phân luồng."
    first = valid_newsml(newsml_schema, to_newsml(revised, revised.versions.get(number=1)))
    assert first.get("version") == "1"

    bare = newsroom.publish(title="Thông báo ngắn", lead="", body="")
    valid_newsml(newsml_schema, to_newsml(bare))

    domain.withdraw(newsroom.spokesperson, revised, "Sai số liệu.")
    revised.refresh_from_db()
    withdrawn = valid_newsml(newsml_schema, to_newsml(revised))
    assert withdrawn.find("n:itemMeta/n:pubStatus", namespaces=NS).get("qcode") == "stat:canceled"
    assert withdrawn.find("n:contentSet", namespaces=NS) is None


def test_control_characters_do_not_break_xml(newsroom, newsml_schema, client):
    """Text pasted from office software can carry characters XML 1.0 forbids; they are dropped."""
    item = newsroom.publish(title="Họp báo\x0b quý III", lead="Sáng\x01 nay", body="<p>Nội\x0c dung</p>")
    document = valid_newsml(newsml_schema, to_newsml(item))
    assert document.findtext("n:contentMeta/n:headline", namespaces=NS) == "Họp báo quý III"
    for format in ("rss", "atom"):
        response = client.get(reverse("syndication:feed", kwargs={"format": format}))
        assert etree.fromstring(response.content) is not None
