"""robots.txt and the sitemap (defect 21): absolute addresses on SITE_URL, public records only."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse
from django.utils import timezone
from lxml import etree

from presscenter.orgs.models import Kind
from presscenter.portal.sitemaps import ItemSitemap
from presscenter.releases import domain
from tests import factories
from tests.factories import Newsroom

SITE = "https://tin.hanoi.gov.vn"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


def local_date(moment: dt.datetime) -> str:
    """How the sitemap writes a lastmod: the date in Hanoi."""
    return timezone.localtime(moment).date().isoformat()


def entries(client, url: str) -> dict[str, str | None]:
    """loc -> lastmod of a sitemap or sitemap index."""
    response = client.get(url, HTTP_HOST="127.0.0.1")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    root = etree.fromstring(response.content)
    return {node.findtext("s:loc", namespaces=NS): node.findtext("s:lastmod", namespaces=NS) for node in root}


def test_robots_keeps_crawlers_out_of_private_areas_and_points_to_the_sitemap(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.text.splitlines()
    disallowed = {line.removeprefix("Disallow: ") for line in lines if line.startswith("Disallow: ")}
    private = [reverse("workspace:home"), reverse("accounts:login"), reverse("admin:index"), "/api/agency/items"]
    for path in private:
        assert any(path.startswith(prefix) for prefix in disallowed), path
    public = ["/", reverse("portal:agency_list"), reverse("search:search"), "/api/items", reverse("portal:sitemap")]
    for path in public:
        assert not any(path.startswith(prefix) for prefix in disallowed), path
    assert f"Sitemap: {SITE}/sitemap.xml" in lines
    assert lines[0] == "User-agent: *"


def test_sitemap_lists_public_items_only(client, db):
    newsroom = Newsroom()
    public = newsroom.publish(title="Công bố")
    embargoed = newsroom.publish(title="Cấm đăng", embargo_until=timezone.now() + dt.timedelta(hours=3))
    lifted = newsroom.publish(title="Hết cấm đăng", embargo_until=timezone.now() + dt.timedelta(hours=1))
    type(lifted).objects.filter(pk=lifted.pk).update(embargo_until=timezone.now() - dt.timedelta(minutes=1))
    withdrawn = newsroom.publish(title="Rút lại")
    domain.withdraw(newsroom.operator, withdrawn, reason="Sai số liệu")
    draft = newsroom.draft(title="Bản nháp")
    urls = entries(client, reverse("portal:sitemap_section", kwargs={"section": "tin"}))
    assert set(urls) == {SITE + public.get_absolute_url(), SITE + lifted.get_absolute_url()}
    for hidden in (embargoed, withdrawn, draft):
        assert SITE + hidden.get_absolute_url() not in urls
    assert urls[SITE + public.get_absolute_url()] == local_date(public.last_published_at)


def test_sitemap_lists_agency_topic_and_area_pages_with_lastmod(client, db):
    ward = Newsroom(kind=Kind.WARD, name="Phường Hoàn Kiếm")
    topic = factories.topic(name="Giao thông")
    item = ward.publish(title="Phân luồng", topics=[topic], areas=[ward.org])
    quiet = factories.organisation(name="Sở Chưa Đăng")
    agencies = entries(client, reverse("portal:sitemap_section", kwargs={"section": "co-quan"}))
    topics = entries(client, reverse("portal:sitemap_section", kwargs={"section": "chu-de"}))
    areas = entries(client, reverse("portal:sitemap_section", kwargs={"section": "dia-ban"}))
    published = local_date(item.last_published_at)
    assert agencies[SITE + reverse("portal:agency", args=[ward.org.slug])] == published
    assert agencies[SITE + reverse("portal:agency", args=[quiet.slug])] is None  # nothing published yet
    assert topics[SITE + reverse("portal:topic", args=[topic.slug])] == published
    assert areas[SITE + reverse("portal:area", args=[ward.org.slug])] == published
    for url in [*agencies, *topics, *areas]:
        assert resolve(url.removeprefix(SITE)).url_name in {"agency", "topic", "area"}


def test_index_lists_every_section_and_page_on_site_url(client, db, monkeypatch):
    newsroom = Newsroom()
    items = [newsroom.publish(title=f"Tin {n}") for n in range(5)]
    monkeypatch.setattr(ItemSitemap, "limit", 2)
    index = entries(client, reverse("portal:sitemap"))
    section = f"{SITE}/sitemap-tin.xml"
    assert [url for url in index if url.startswith(section)] == [section, f"{section}?p=2", f"{section}?p=3"]
    assert {f"{SITE}/sitemap-co-quan.xml", f"{SITE}/sitemap-chu-de.xml", f"{SITE}/sitemap-dia-ban.xml"} <= set(index)
    listed = set()
    for page in (1, 2, 3):
        listed |= set(entries(client, f"{reverse('portal:sitemap_section', kwargs={'section': 'tin'})}?p={page}"))
    assert listed == {SITE + item.get_absolute_url() for item in items}
    assert client.get("/sitemap-tin.xml?p=4").status_code == 404
    assert client.get("/sitemap-khong-co.xml").status_code == 404


@pytest.mark.parametrize("url", ["/sitemap.xml", "/sitemap-tin.xml", "/sitemap-co-quan.xml", "/sitemap-dia-ban.xml"])
def test_sitemap_query_count_does_not_grow_with_items(client, db, url):
    def queries_for(count: int) -> int:
        for n in range(count):
            ward = Newsroom(kind=Kind.WARD)
            ward.publish(title=f"Tin {n}", topics=[factories.topic()], areas=[ward.org])
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    assert queries_for(1) == queries_for(3)
