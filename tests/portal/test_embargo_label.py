"""Every list that shows an item under embargo labels it with the lift time (and the data the
countdown script reads); people who may not read it never see the item in those lists."""

import datetime as dt

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from presscenter.accounts.models import Role
from presscenter.orgs.models import Kind
from presscenter.releases.models import Priority
from tests import factories
from tests.live.conftest import journalist

pytestmark = pytest.mark.django_db

TITLE = "Kết quả thi tuyển công chức thành phố"
LIFT = dt.datetime(2030, 12, 2, 7, 0, tzinfo=dt.UTC)  # 14:00 in Hà Nội
LABEL = 'Cấm đăng đến <time datetime="2030-12-02T14:00:00+07:00">14:00 02/12/2030</time>'


@pytest.fixture
def public(newsroom):
    return newsroom.publish(title="Tin đã công khai")


@pytest.fixture
def embargoed(newsroom, public):
    topic, ward = factories.topic(), factories.organisation(kind=Kind.WARD)
    return newsroom.publish(
        title=TITLE,
        topics=[topic.pk],
        areas=[ward.pk],
        related=[public.pk],
        embargo_until=LIFT,
    )


def list_urls(item, public) -> dict[str, str]:
    return {
        "home": reverse("portal:home"),
        "latest": reverse("portal:latest"),
        "agency": reverse("portal:agency", args=[item.organisation.slug]),
        "topic": reverse("portal:topic", args=[item.topics.get().slug]),
        "area": reverse("portal:area", args=[item.areas.get().slug]),
        "search": f"{reverse('search:search')}?q=công+chức",
        "related on an item page": public.get_absolute_url(),
        "subscription preview": f"{reverse('subscriptions:preview')}?query=công+chức&cadence=immediate"
        "&digest_hour=7&digest_weekday=0&channels=email",
    }


def test_each_list_labels_the_embargo_for_an_accredited_journalist(client, embargoed, public):
    client.force_login(journalist())
    urls = {**list_urls(embargoed, public), "embargo inbox": reverse("live:embargo_inbox")}
    for name, url in urls.items():
        html = client.get(url).content.decode()
        assert TITLE in html, name
        # One label: the item under embargo, not the public one beside it.
        assert html.count('class="embargo-label"') == 1, name
        assert LABEL in html, name
        assert 'data-left-hours="còn {hours} giờ {minutes} phút"' in html, name


def test_home_banner_labels_an_urgent_item_under_embargo(client, newsroom):
    newsroom.publish(title=TITLE, priority=Priority.URGENT, embargo_until=LIFT)
    client.force_login(journalist())
    html = client.get(reverse("portal:home")).content.decode()
    banner = html.split('id="urgent-heading"')[1].split("</section>")[0]
    assert LABEL in banner


def test_label_and_countdown_phrases_in_english(client, embargoed):
    client.force_login(journalist())
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(reverse("portal:latest")).content.decode()
    assert 'Embargoed until <time datetime="2030-12-02T14:00:00+07:00">14:00 02/12/2030</time>' in html
    assert 'data-left-hours="{hours} h {minutes} min left"' in html


def test_nobody_else_sees_the_item_in_any_list(client, embargoed, public):
    for reader in (None, factories.user(Role.PUBLIC), factories.user(Role.EDITOR, factories.organisation())):
        client.logout()
        if reader is not None:
            client.force_login(reader)
        for name, url in list_urls(embargoed, public).items():
            assert TITLE not in client.get(url).content.decode(), (reader, name)


def test_no_label_once_the_embargo_lifts(client, newsroom):
    item = newsroom.publish(title=TITLE, embargo_until=timezone.now() + dt.timedelta(hours=1))
    type(item).objects.filter(pk=item.pk).update(embargo_until=timezone.now() - dt.timedelta(minutes=1))  # lifted
    html = client.get(reverse("portal:latest")).content.decode()
    assert TITLE in html and "embargo-label" not in html


def test_api_list_items_carry_the_lift_time(client, embargoed, public):
    client.force_login(journalist())
    lifts = {entry["uid"]: entry["embargo_until"] for entry in client.get("/api/items").json()["results"]}
    assert dt.datetime.fromisoformat(lifts[str(embargoed.uid)]) == LIFT
    assert lifts[str(public.uid)] is None
