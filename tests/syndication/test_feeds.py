import datetime as dt
import json

import feedparser
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from jsonschema import Draft7Validator

from presscenter.orgs.models import Kind
from presscenter.releases import domain
from presscenter.releases.models import ItemType
from tests import factories
from tests.factories import Newsroom
from tests.syndication.conftest import load_json, publish_rich, published_earlier, revise, schema_path

pytestmark = pytest.mark.django_db


def feed_url(format: str, scope: str | None = None, slug: str | None = None) -> str:
    if scope is None:
        return reverse("syndication:feed", kwargs={"format": format})
    return reverse("syndication:feed", kwargs={"format": format, "scope": scope, "slug": slug})


def json_feed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/feed+json; charset=utf-8"
    return load_json(response)


def titles(client, url) -> list[str]:
    return [entry["title"] for entry in json_feed(client, url)["items"]]


def test_urls_are_vietnamese_and_both_names_reverse():
    assert feed_url("rss") == "/kenh-tin/rss/"
    assert feed_url("atom", "agency", "so-xay-dung") == "/kenh-tin/co-quan/so-xay-dung/atom/"
    assert feed_url("json", "topic", "giao-thong") == "/kenh-tin/chu-de/giao-thong/json/"
    assert feed_url("rss", "type", "press_release") == "/kenh-tin/loai/press_release/rss/"
    scoped = reverse("syndication:feed_scoped", kwargs={"format": "rss", "scope": "agency", "slug": "so-xay-dung"})
    assert scoped == "/kenh-tin/co-quan/so-xay-dung/rss/"


def test_json_feed_validates_and_carries_the_item(client, rich_item, settings):
    document = json_feed(client, feed_url("json"))
    with schema_path("jsonfeed/schema-v1.1.json").open() as schema:
        Draft7Validator(json.load(schema)).validate(document)
    assert document["version"] == "https://jsonfeed.org/version/1.1"
    assert document["title"] == f"Tin chính thức — {settings.SITE_NAME}"
    [entry] = document["items"]
    assert entry["id"] == f"urn:uuid:{rich_item.uid}"
    assert entry["url"] == f"{settings.SITE_URL}/tin/{rich_item.uid}/"
    assert entry["title"] == "Hà Nội phân luồng giao thông phục vụ lễ kỷ niệm"
    assert entry["summary"] == "Từ 6 giờ sáng, các tuyến phố quanh hồ Hoàn Kiếm cấm xe cơ giới."
    assert "Phố Đinh Tiên Hoàng" in entry["content_html"]
    assert entry["authors"] == [{"name": rich_item.organisation.name}]
    assert set(entry["tags"]) == {"Thông cáo báo chí", "Giao thông", "Phường Hoàn Kiếm"}
    assert entry["language"] == "vi"
    assert entry["image"].startswith(settings.SITE_URL)
    assert [a["mime_type"] for a in entry["attachments"]] == ["image/png", "application/pdf"]
    assert dt.datetime.fromisoformat(entry["date_published"]) == rich_item.first_published_at.replace(microsecond=0)


def test_rss_parses_cleanly_with_vietnamese_intact(client, rich_item, settings):
    response = client.get(feed_url("rss"))
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    parsed = feedparser.parse(response.content)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "rss20"
    assert parsed.feed.title == f"Tin chính thức — {settings.SITE_NAME}"
    assert parsed.feed.language == "vi"
    [entry] = parsed.entries
    assert entry.title == "Hà Nội phân luồng giao thông phục vụ lễ kỷ niệm"
    assert entry.link == f"{settings.SITE_URL}/tin/{rich_item.uid}/"
    assert entry.id == f"urn:uuid:{rich_item.uid}"
    assert entry.summary == "Từ 6 giờ sáng, các tuyến phố quanh hồ Hoàn Kiếm cấm xe cơ giới."
    assert "Người dân đi theo hướng dẫn của lực lượng chức năng &amp; biển báo." in entry.content[0].value
    assert entry.author == rich_item.organisation.name
    assert {tag.term for tag in entry.tags} == {"Thông cáo báo chí", "Giao thông", "Phường Hoàn Kiếm"}
    assert entry.published_parsed[:6] == rich_item.first_published_at.astimezone(dt.UTC).timetuple()[:6]
    assert entry.updated_parsed[:6] == rich_item.last_published_at.astimezone(dt.UTC).timetuple()[:6]
    assert len(entry.enclosures) == 1  # RSS allows one per item


def test_atom_parses_cleanly_with_content_and_all_files(client, rich_item, settings):
    response = client.get(feed_url("atom"))
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    parsed = feedparser.parse(response.content)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    [entry] = parsed.entries
    assert entry.id == f"urn:uuid:{rich_item.uid}"
    assert entry.title == "Hà Nội phân luồng giao thông phục vụ lễ kỷ niệm"
    assert entry.summary == "Từ 6 giờ sáng, các tuyến phố quanh hồ Hoàn Kiếm cấm xe cơ giới."
    assert "Phố Lê Thái Tổ" in entry.content[0].value
    assert entry.author == rich_item.organisation.name
    assert len(entry.enclosures) == 2


def test_scopes_select_agency_area_topic_and_type(client):
    works, health = Newsroom(), Newsroom()
    transport = factories.topic(name="Giao thông")
    ward = factories.organisation(kind="ward", name="Phường Hoàn Kiếm", slug="phuong-hoan-kiem")
    works.publish(title="Cầu Trần Hưng Đạo khởi công", topics=[transport], areas=[ward])
    health.publish(title="Tiêm chủng mở rộng", type=ItemType.ANNOUNCEMENT)
    assert titles(client, feed_url("json", "agency", works.org.slug)) == ["Cầu Trần Hưng Đạo khởi công"]
    assert titles(client, feed_url("json", "topic", transport.slug)) == ["Cầu Trần Hưng Đạo khởi công"]
    assert titles(client, feed_url("json", "area", ward.slug)) == ["Cầu Trần Hưng Đạo khởi công"]
    assert titles(client, feed_url("json", "type", ItemType.ANNOUNCEMENT)) == ["Tiêm chủng mở rộng"]
    assert len(titles(client, feed_url("json"))) == 2
    document = json_feed(client, feed_url("json", "agency", health.org.slug))
    assert document["title"] == f"Tin chính thức — {health.org.name}"
    assert document["home_page_url"].endswith(f"/co-quan/{health.org.slug}/")


def test_area_feed_carries_what_the_ward_issued_once(client):
    ward = Newsroom(kind=Kind.WARD, name="Phường Hoàn Kiếm")
    neighbour = factories.organisation(kind=Kind.WARD, name="Phường Cửa Nam")
    ward.publish(title="Lịch tiếp công dân tháng 12")
    ward.publish(title="Phân luồng quanh hồ Hoàn Kiếm", areas=[ward.org, neighbour])
    ward.publish(title="Phối hợp dọn vệ sinh phố Hàng Bông", areas=[neighbour])
    assert titles(client, feed_url("json", "area", ward.org.slug)) == [
        "Phối hợp dọn vệ sinh phố Hàng Bông",
        "Phân luồng quanh hồ Hoàn Kiếm",
        "Lịch tiếp công dân tháng 12",
    ]
    assert titles(client, feed_url("json", "area", neighbour.slug)) == [
        "Phối hợp dọn vệ sinh phố Hàng Bông",
        "Phân luồng quanh hồ Hoàn Kiếm",
    ]


@pytest.mark.parametrize(
    ("scope", "slug"),
    [
        ("agency", "khong-co"),
        ("area", "khong-co"),
        ("area", "so-thu-nghiem-1"),
        ("topic", "khong-co"),
        ("type", "tin_don"),
    ],
)
def test_unknown_scope_is_404(client, scope, slug):
    assert client.get(feed_url("rss", scope, slug)).status_code == 404


def test_only_public_items_are_syndicated(client, newsroom):
    newsroom.publish(title="Tin công khai")
    newsroom.draft(title="Bản nháp")
    newsroom.publish(title="Tin cấm đăng", embargo_until=timezone.now() + dt.timedelta(hours=2))
    withdrawn = newsroom.publish(title="Tin bị thu hồi")
    domain.withdraw(newsroom.spokesperson, withdrawn, "Thông tin chưa chính xác.")
    for format in ("rss", "atom"):
        parsed = feedparser.parse(client.get(feed_url(format)).content)
        assert [entry.title for entry in parsed.entries] == ["Tin công khai"]
    assert titles(client, feed_url("json")) == ["Tin công khai"]


def test_correction_updates_the_entry_and_moves_it_up(client, newsroom):
    first = published_earlier(newsroom.publish(title="Lịch cắt điện quận Ba Đình"), hours=3)
    newsroom.publish(title="Tin khác")
    revise(newsroom, first, title="Lịch cắt điện quận Ba Đình (đã sửa giờ)")
    document = json_feed(client, feed_url("json"))
    entry = document["items"][0]
    assert entry["id"] == f"urn:uuid:{first.uid}"
    assert entry["title"] == "Lịch cắt điện quận Ba Đình (đã sửa giờ)"
    assert entry["date_modified"] > entry["date_published"]
    assert "Sửa giờ bắt đầu phân luồng." in entry["content_html"]
    assert len(document["items"]) == 2


def test_feed_shows_the_published_version_not_the_working_copy(client, newsroom):
    item = newsroom.publish(title="Bản đã công bố")
    domain.update_item(newsroom.editor, item, title="Bản nháp đang sửa")
    assert titles(client, feed_url("json")) == ["Bản đã công bố"]


def test_conditional_get_with_etag(client, newsroom):
    newsroom.publish()
    url = feed_url("atom")
    first = client.get(url)
    etag = first["ETag"]
    assert first["Last-Modified"]
    repeat = client.get(url, headers={"If-None-Match": etag})
    assert repeat.status_code == 304
    assert repeat["ETag"] == etag
    assert repeat.content == b""
    newsroom.publish(title="Tin mới hơn")
    changed = client.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_conditional_get_with_last_modified_sees_withdrawal(client, newsroom):
    item = published_earlier(newsroom.publish(), hours=2)
    url = feed_url("rss")
    last_modified = client.get(url)["Last-Modified"]
    assert client.get(url, headers={"If-Modified-Since": last_modified}).status_code == 304
    domain.withdraw(newsroom.spokesperson, item, "Đăng nhầm.")
    after = client.get(url, headers={"If-Modified-Since": last_modified})
    assert after.status_code == 200
    assert feedparser.parse(after.content).entries == []


def test_etag_differs_between_formats_and_scopes(client, newsroom):
    newsroom.publish()
    tags = {client.get(url)["ETag"] for url in (feed_url("rss"), feed_url("atom"), feed_url("json"))}
    tags.add(client.get(feed_url("rss", "agency", newsroom.org.slug))["ETag"])
    assert len(tags) == 4


def test_empty_feeds_are_valid(client):
    assert json_feed(client, feed_url("json"))["items"] == []
    for format in ("rss", "atom"):
        assert feedparser.parse(client.get(feed_url(format)).content).bozo == 0


def test_feed_is_read_only(client):
    assert client.post(feed_url("rss")).status_code == 405


def test_feed_query_count_does_not_grow_with_items(client, newsroom, django_assert_max_num_queries):
    urls = [feed_url("rss"), feed_url("atom", "topic", "giao-thong"), feed_url("json", "agency", newsroom.org.slug)]
    transport = factories.topic(slug="giao-thong", name="Giao thông")
    for n in range(2):
        publish_rich(newsroom, title=f"Tin số {n}", topics=[transport, factories.topic()])
    baseline = {}
    for url in urls:
        with django_assert_max_num_queries(8) as few:
            client.get(url)
        baseline[url] = len(few.captured_queries)
    for n in range(6):
        publish_rich(newsroom, title=f"Tin thêm {n}", topics=[transport, factories.topic()])
    for url in urls:
        with django_assert_max_num_queries(baseline[url]):
            response = client.get(url)
        assert response.status_code == 200


def test_feeds_advertise_the_websub_hub(client, newsroom):
    newsroom.publish()
    link = client.get(feed_url("atom"))["Link"]
    assert 'rel="hub"' in link
    assert "/webhook/websub/" in link
    assert f'<{settings.SITE_URL}{feed_url("atom")}>; rel="self"' in link
