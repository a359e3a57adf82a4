import json
from pathlib import Path

from django.contrib.staticfiles import finders
from django.urls import reverse

from presscenter.live import domain, sender, views
from presscenter.live.models import FeedToken, Notification
from tests import factories
from tests.live.conftest import deliver_live, journalist, revoke


def test_retried_delivery_notifies_once(newsroom, reporter):
    batch = deliver_live(newsroom.publish(), reporter)
    assert sender.send(batch)[0].ok  # a retry after a crash between sending and marking sent
    assert Notification.objects.filter(user=reporter).count() == 1


def test_centre_lists_and_marks_read(client, newsroom, reporter, django_assert_max_num_queries):
    items = [newsroom.publish(title=f"Thông cáo {n}") for n in range(5)]
    for item in items:
        deliver_live(item, reporter)
    deliver_live(items[0], journalist())  # someone else's
    client.force_login(reporter)
    with django_assert_max_num_queries(8):
        page = client.get(reverse("live:centre"))
    assert page.status_code == 200
    assert page.content.decode().count('data-live-id="') == 5
    assert page.context["unread"] == 5

    first = Notification.objects.filter(user=reporter).last()
    answer = client.post(reverse("live:mark_read", args=[first.pk]), headers={"Accept": "application/json"})
    assert json.loads(answer.content) == {"unread_count": 4}
    assert client.post(reverse("live:mark_all_read")).status_code == 302
    assert domain.unread_count(reporter) == 0


def test_centre_pages_with_the_sites_pagination(client, newsroom, reporter, monkeypatch):
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    for n in range(3):
        deliver_live(newsroom.publish(title=f"Thông cáo {n}"), reporter)
    client.force_login(reporter)
    first = client.get(reverse("live:centre"))
    assert "workspace/_pagination.html" in [template.name for template in first.templates]
    assert '<a href="?trang=2" rel="next">Trang sau</a>' in first.content.decode()
    second = client.get(reverse("live:centre"), {"trang": 2}).content.decode()
    assert '<a href="?trang=1" rel="prev">Trang trước</a>' in second and "Trang 2/2" in second


def test_cannot_mark_someone_elses_notification(client, newsroom, reporter):
    deliver_live(newsroom.publish(), reporter)
    theirs = Notification.objects.get(user=reporter)
    client.force_login(journalist())
    client.post(reverse("live:mark_read", args=[theirs.pk]))
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_mark_read_needs_post(client, reporter):
    client.force_login(reporter)
    assert client.get(reverse("live:mark_all_read")).status_code == 405


def _feed_url(client, user, fmt="json"):
    client.force_login(user)
    page = client.post(reverse("live:feed_token"))
    assert page.status_code == 200
    return reverse("live:private_feed", args=[page.context["raw"], fmt])


def test_private_feed_includes_embargoed_items_marked(client, newsroom, reporter, embargoed):
    public = newsroom.publish(title="Tin công khai")
    url = _feed_url(client, reporter)
    client.logout()
    feed = json.loads(client.get(url).content)
    titles = [entry["title"] for entry in feed["items"]]
    assert public.title in titles
    marked = [t for t in titles if "Tết Nguyên đán" in t]
    assert marked and marked[0].startswith("[Cấm đăng đến ")
    atom = client.get(url.replace("/json/", "/atom/"))
    assert atom["Content-Type"].startswith("application/atom+xml")
    assert "Cấm đăng đến" in atom.content.decode()
    assert "no-store" in atom["Cache-Control"]


def test_feed_token_is_stored_hashed_and_rotation_kills_old_url(client, reporter):
    old = _feed_url(client, reporter)
    raw = old.split("/")[-3]
    assert FeedToken.objects.get(user=reporter).digest == FeedToken.hash(raw)
    assert not FeedToken.objects.filter(digest=raw).exists()
    new = _feed_url(client, reporter)
    client.logout()
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200


def test_revoked_journalists_feed_is_closed(client, reporter, embargoed):
    url = _feed_url(client, reporter)
    revoke(reporter)
    client.logout()
    response = client.get(url)
    assert response.status_code == 403
    assert b"T\xe1\xba\xbft" not in response.content  # "Tết": nothing of the item


def test_unaccredited_get_no_token_nor_inbox(client, db):
    for user in (journalist(status="pending"), factories.user()):
        client.force_login(user)
        assert client.post(reverse("live:feed_token")).status_code == 403
        assert client.get(reverse("live:embargo_inbox")).status_code == 403
    assert not FeedToken.objects.exists()


def test_unknown_token_is_404(client, db):
    assert client.get(reverse("live:private_feed", args=["nope", "atom"])).status_code == 404


def test_embargo_inbox_lists_with_countdown(client, newsroom, reporter, embargoed, django_assert_max_num_queries):
    newsroom.publish(title="Tin không cấm đăng")
    for n in range(3):
        newsroom.publish(title=f"Tin cấm đăng {n}", embargo_until=embargoed.embargo_until)
    client.force_login(reporter)
    with django_assert_max_num_queries(8):
        page = client.get(reverse("live:embargo_inbox"))
    body = page.content.decode()
    assert "Tết Nguyên đán" in body and "Tin không cấm đăng" not in body
    assert body.count("<tr>") == 5  # header and four items
    assert body.count('class="embargo-label"') == 4
    assert "còn 2 giờ" in body  # rendered on the server, kept current by countdown.js


def test_bell_is_a_drawn_icon_with_its_zero_count_hidden(client, reporter):
    client.force_login(reporter)
    page = client.get(reverse("portal:home")).content.decode()
    bell = page[page.index('class="live-bell"') : page.index("</summary>")]
    assert '<svg class="live-bell-icon"' in bell and "🔔" not in bell
    assert "data-live-count" in bell and " hidden>0</span>" in bell  # shown by live.js once there is something
    css = Path(finders.find("presscenter/site.css")).read_text()
    assert "[hidden] { display: none !important; }" in css  # no class rule can show the hidden "0"
