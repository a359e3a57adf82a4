import datetime as dt

from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone

from presscenter.orgs.models import Kind
from presscenter.portal import queries
from presscenter.releases.models import Priority
from tests import factories
from tests.factories import Newsroom


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_home_shows_urgent_banner_latest_agencies_and_topics(client, newsroom):
    topic = factories.topic(name="Phòng chống thiên tai")
    newsroom.publish(title="Lịch cắt điện tuần này", topics=[topic])
    newsroom.publish(title="Cảnh báo mưa lớn nội thành", priority=Priority.FLASH)
    html = get(client, reverse("portal:home"))
    banner = html.split('id="urgent-heading"')[1].split("</section>")[0]
    assert "Cảnh báo mưa lớn nội thành" in banner
    assert "Lịch cắt điện tuần này" not in banner
    assert "Lịch cắt điện tuần này" in html
    assert newsroom.org.name in html
    assert "Phòng chống thiên tai" in html


def test_old_urgent_items_leave_the_banner(client, newsroom):
    item = newsroom.publish(title="Cảnh báo cũ", priority=Priority.URGENT)
    type(item).objects.filter(pk=item.pk).update(last_published_at=timezone.now() - dt.timedelta(days=2))
    assert 'id="urgent-heading"' not in get(client, reverse("portal:home"))


def test_home_chrome_has_navigation_language_switch_and_feeds(client, db):
    html = get(client, reverse("portal:home"))
    assert '<html lang="vi">' in html
    assert 'href="#main"' in html
    for name in ("portal:latest", "portal:agency_list", "portal:topic_list", "portal:area_list",
                 "search:search", "authenticity:verify", "accounts:login"):  # fmt: skip
        assert f'href="{reverse(name)}"' in html
    assert f'action="{reverse("set_language")}"' in html
    assert reverse("syndication:feed", kwargs={"format": "rss"}) in html
    assert 'aria-current="page"' in html


def test_signed_in_users_get_a_workspace_link(client, newsroom):
    client.force_login(newsroom.editor)
    assert reverse("workspace:home") in get(client, reverse("portal:home"))


def test_language_switch_gives_english_chrome(client, db):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"}, follow=True)
    assert response.status_code == 200
    assert '<html lang="en">' in response.content.decode()
    client.post(reverse("set_language"), {"language": "vi", "next": "/"})
    assert '<html lang="vi">' in get(client, "/")


def test_latest_lists_items_newest_first_and_survives_bad_page_numbers(client, newsroom):
    newsroom.publish(title="Tin thứ nhất")
    newsroom.publish(title="Tin thứ hai")
    html = get(client, reverse("portal:latest"))
    assert html.index("Tin thứ hai") < html.index("Tin thứ nhất")
    assert "Tin thứ nhất" in get(client, reverse("portal:latest") + "?trang=abc")
    assert "Tin thứ hai" in get(client, reverse("portal:latest") + "?trang=999")


def test_latest_excludes_withdrawn_and_embargoed_items(client, newsroom):
    from presscenter.releases import domain

    withdrawn = newsroom.publish(title="Tin sẽ thu hồi")
    domain.withdraw(newsroom.spokesperson, withdrawn, "Sai số liệu.")
    newsroom.publish(title="Tin cấm đăng", embargo_until=timezone.now() + dt.timedelta(hours=1))
    html = get(client, reverse("portal:latest"))
    assert "Tin sẽ thu hồi" not in html
    assert "Tin cấm đăng" not in html


def test_agency_page_shows_contacts_children_and_items(client, db):
    newsroom = Newsroom(
        name="Sở Giao thông vận tải", spokesperson_name="Trần Thị Bình",
        spokesperson_title="Phó Giám đốc", spokesperson_phone="024 3825 1234",
    )  # fmt: skip
    child = factories.organisation(name="Ban Quản lý dự án giao thông", parent=newsroom.org)
    newsroom.publish(title="Điều chỉnh tuyến buýt 09")
    html = get(client, reverse("portal:agency", args=[newsroom.org.slug]))
    for text in ("Sở Giao thông vận tải", "Trần Thị Bình", "Phó Giám đốc", "Điều chỉnh tuyến buýt 09", child.name):
        assert text in html
    assert 'href="tel:02438251234"' in html


def test_agency_list_groups_agencies_but_not_wards(client, newsroom):
    ward = factories.organisation(kind=Kind.WARD, name="Phường Ba Đình")
    html = get(client, reverse("portal:agency_list"))
    assert newsroom.org.name in html
    assert ward.name not in html
    assert ward.name in get(client, reverse("portal:area_list"))


def test_area_page_lists_items_about_the_ward(client, newsroom):
    ward = factories.organisation(kind=Kind.WARD, name="Phường Hoàn Kiếm")
    newsroom.publish(title="Cấm xe phố đi bộ cuối tuần", areas=[ward])
    newsroom.publish(title="Tin không liên quan")
    html = get(client, reverse("portal:area", args=[ward.slug]))
    assert "Cấm xe phố đi bộ cuối tuần" in html
    assert "Tin không liên quan" not in html


def test_area_page_and_directory_count_what_the_ward_issued_once(client, db):
    ward = Newsroom(kind=Kind.WARD, name="Phường Hoàn Kiếm")
    ward.publish(title="Lịch tiếp công dân tháng 12")
    ward.publish(title="Phân luồng quanh hồ Hoàn Kiếm", areas=[ward.org])
    listed = queries.items_about_area(AnonymousUser(), ward.org)
    assert [item.title for item in listed] == ["Phân luồng quanh hồ Hoàn Kiếm", "Lịch tiếp công dân tháng 12"]
    assert queries.area_directory(AnonymousUser()).get(pk=ward.org.pk).item_count == 2
    html = get(client, reverse("portal:area", args=[ward.org.slug]))
    assert "Lịch tiếp công dân tháng 12" in html


def test_area_page_is_only_for_wards_and_communes(client, newsroom):
    assert client.get(reverse("portal:area", args=[newsroom.org.slug])).status_code == 404


def test_topic_pages(client, newsroom):
    topic = factories.topic(name="Y tế")
    newsroom.publish(title="Tiêm chủng mở rộng", topics=[topic])
    assert "Y tế" in get(client, reverse("portal:topic_list"))
    html = get(client, reverse("portal:topic", args=[topic.slug]))
    assert "Tiêm chủng mở rộng" in html


def test_unknown_slugs_are_404(client, db):
    for name in ("portal:agency", "portal:topic", "portal:area"):
        assert client.get(reverse(name, args=["khong-co"])).status_code == 404


def test_english_names_are_used_in_english(client, newsroom):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = get(client, reverse("portal:agency", args=[newsroom.org.slug]))
    assert newsroom.org.name_en in html


def test_not_found_page_is_in_vietnamese_with_site_chrome(client, db):
    response = client.get(reverse("portal:agency", args=["khong-co"]))
    assert response.status_code == 404
    html = response.content.decode()
    assert "Không tìm thấy trang" in html
    assert 'href="#main"' in html


def test_lists_show_each_story_once_in_the_readers_language(client, newsroom):
    bridge = newsroom.publish(title="Khởi công cầu Trần Hưng Đạo")
    newsroom.publish(title="Ground broken on Tran Hung Dao bridge", language="en", translation_of=bridge)
    newsroom.publish(title="Lịch cắt điện tuần này")  # no English version
    newsroom.publish(title="Hanoi welcomes foreign correspondents", language="en")  # written in English
    lists = [reverse("portal:home"), reverse("portal:latest"), reverse("portal:agency", args=[newsroom.org.slug])]
    always = ["Lịch cắt điện tuần này", "Hanoi welcomes foreign correspondents"]
    vietnamese, english = "Khởi công cầu Trần Hưng Đạo", "Ground broken on Tran Hung Dao bridge"

    for language, shown, hidden in [("vi", vietnamese, english), ("en", english, vietnamese)]:
        client.post(reverse("set_language"), {"language": language, "next": "/"})
        for url in lists:
            html = get(client, url)
            assert all(title in html for title in [shown, *always]), (language, url)
            assert hidden not in html, (language, url)
