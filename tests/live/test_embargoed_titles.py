"""The lists of what a journalist was sent, the notification centre (/truc-tiep/) and the
delivery log (/gui-tin/cua-toi/), follow the embargo rule as it stands now: after a suspension
or a lapsed card an embargoed item's title is hidden until the lift, with a label saying why."""

import datetime as dt
import json

import pytest
from asgiref.sync import async_to_sync
from django.urls import reverse
from django.utils import timezone

from presscenter.press import domain as press
from presscenter.press.models import JournalistProfile
from presscenter.releases import domain as releases
from presscenter.releases.models import Item
from tests import factories
from tests.live.conftest import deliver_live, journalist
from tests.live.test_stream import Tab, session_cookie

PUBLIC = "Lịch tiếp công dân tháng 12"
WITHHELD = "Tin đang cấm đăng: tiêu đề được ẩn cho đến khi hết hạn cấm đăng."
PAGES = ["live:centre", "delivery:mine"]


@pytest.fixture
def sent(newsroom, embargoed):
    """An accredited, a suspended and a lapsed journalist who were all sent the embargoed item
    and a public one while accredited."""
    public = newsroom.publish(title=PUBLIC)
    readers = {name: journalist() for name in ("accredited", "suspended", "lapsed")}
    for item in (embargoed, public):
        deliver_live(item, *readers.values())
    operator = factories.user("center_operator")
    press.suspend(operator, readers["suspended"].journalist, "Đang xác minh phản ánh")
    JournalistProfile.objects.filter(user=readers["lapsed"]).update(
        press_card_expiry=press.today_local() - dt.timedelta(days=1)
    )
    assert press.expire_lapsed_cards() == 1
    return readers


def page_of(client, user, name: str) -> str:
    client.force_login(user)
    response = client.get(reverse(name))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("who", ["suspended", "lapsed"])
def test_cut_off_journalists_see_no_embargoed_title(client, sent, embargoed, name, who):
    html = page_of(client, sent[who], name)
    assert embargoed.title not in html
    assert WITHHELD in html
    assert PUBLIC in html


@pytest.mark.parametrize("name", PAGES)
def test_an_accredited_journalist_sees_every_title(client, sent, embargoed, name):
    html = page_of(client, sent["accredited"], name)
    assert embargoed.title in html and PUBLIC in html
    assert WITHHELD not in html


@pytest.mark.parametrize("name", PAGES)
def test_the_title_shows_again_at_the_lift(client, sent, embargoed, name):
    Item.objects.filter(pk=embargoed.pk).update(embargo_until=timezone.now() - dt.timedelta(minutes=1))
    html = page_of(client, sent["lapsed"], name)
    assert embargoed.title in html and WITHHELD not in html


def test_the_delivery_log_shows_the_title_sent_not_unpublished_edits(client, newsroom, reporter):
    item = newsroom.publish(title=PUBLIC)
    deliver_live(item, reporter)
    releases.update_item(newsroom.editor, item, title="Bản sửa chưa được duyệt")
    html = page_of(client, reporter, "delivery:mine")
    assert PUBLIC in html and "Bản sửa chưa được duyệt" not in html


def test_a_reconnecting_tab_is_not_replayed_embargoed_titles_out_of_reach(settings, newsroom, embargoed):
    """A journalist whose new press card awaits approval still listens (public items), but a
    reconnect's replay leaves out the embargoed items they may no longer read."""
    reader = journalist()
    public = newsroom.publish(title=PUBLIC)
    for item in (embargoed, public):
        deliver_live(item, reader)
    press.renew_card(
        reader,
        reader.journalist,
        press_card_number="HN-77777",
        press_card_expiry=press.today_local() + dt.timedelta(days=700),
    )
    settings.LIVE_HEARTBEAT_SECONDS = 0.05
    tab = Tab(session_cookie(reader), last_event_id="0")

    async def scenario() -> list[dict]:
        await tab.open()
        try:
            return await tab.until(1, event="heartbeat")  # the whole replay comes before it
        finally:
            await tab.close()

    frames = async_to_sync(scenario)()
    titles = [json.loads(f["data"])["title"] for f in frames if f.get("event") == "notification"]
    assert titles == [PUBLIC]
