"""The review screen: what changed in a revision, and what publishing will do before it happens."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from presscenter.accounts.models import Role
from presscenter.releases import domain
from presscenter.releases.models import State
from presscenter.subscriptions import domain as subscriptions
from presscenter.webhooks.domain import create_webhook
from tests import factories
from tests.delivery.conftest import journalist


def _audience(newsroom):
    """Who follows the agency: a journalist by email and in the browser, another by webhook, a
    confirmed public subscriber by email; and someone following another agency only."""
    reader = journalist()
    subscriptions.create_subscription(reader, organisations=[newsroom.org.pk], channels=["email", "live"])
    newsroom_system = journalist()
    create_webhook(newsroom_system, name="CMS tòa soạn", url="http://93.184.216.34/tin")
    subscriptions.create_subscription(newsroom_system, organisations=[newsroom.org.pk], channels=["webhook"])
    public = subscriptions.subscribe_by_email("ban.doc@example.vn", organisations=[newsroom.org.pk])
    subscriptions.confirm_email(public.token)
    elsewhere = journalist()
    subscriptions.create_subscription(elsewhere, organisations=[factories.organisation().pk], channels=["email"])


def _confirmation(client, item, **data):
    return client.post(reverse("workspace:item_action", args=[item.pk, "approve"]), data).content.decode()


def test_approving_first_says_who_gets_the_item_on_which_channels(newsroom, client):
    _audience(newsroom)
    item = domain.submit(newsroom.editor, newsroom.draft())
    client.force_login(newsroom.spokesperson)
    page = _confirmation(client, item, publish_at="")
    assert "Tin sẽ được công bố ngay và gửi tới:" in page
    assert "2 địa chỉ email" in page
    assert "1 webhook" in page
    assert "1 thông báo trực tiếp" in page
    item.refresh_from_db()
    assert item.state == State.IN_REVIEW


def test_under_embargo_the_public_subscriber_waits(newsroom, client):
    _audience(newsroom)
    item = newsroom.draft(embargo_until=timezone.now() + dt.timedelta(hours=3))
    domain.submit(newsroom.editor, item)
    client.force_login(newsroom.spokesperson)
    page = _confirmation(client, item, publish_at="")
    assert "1 địa chỉ email" in page  # the accredited journalist only
    assert "người đăng ký khác nhận khi hết cấm đăng" in page


def test_a_schedule_is_confirmed_with_its_time(newsroom, client):
    item = domain.submit(newsroom.editor, newsroom.draft())
    client.force_login(newsroom.spokesperson)
    local = timezone.localtime(timezone.now() + dt.timedelta(days=1)).replace(second=0, microsecond=0)
    page = _confirmation(client, item, publish_at=local.strftime("%Y-%m-%dT%H:%M"))
    assert local.strftime("Tin sẽ được công bố lúc %H:%M %d/%m/%Y") in page
    assert f'value="{local.strftime("%Y-%m-%dT%H:%M")}"' in page  # carried to the confirmed form


def test_force_publish_is_confirmed_and_flagged_in_the_history(newsroom, client):
    item = newsroom.draft()
    client.force_login(newsroom.operator)
    url = reverse("workspace:item_action", args=[item.pk, "force_publish"])
    page = client.post(url, {"reason": "Cảnh báo lũ quét"}).content.decode()
    assert "Công bố không qua duyệt. Lý do (công khai trên lịch sử của tin): Cảnh báo lũ quét" in page
    item.refresh_from_db()
    assert item.state == State.DRAFT
    client.post(url, {"reason": "Cảnh báo lũ quét", "confirmed": "1"})
    working = client.get(reverse("workspace:item", args=[item.pk])).content.decode()
    assert "không qua duyệt</strong>: Cảnh báo lũ quét" in working
    public = client.get(reverse("portal:item", args=[item.uid])).content.decode()
    assert "Công bố không qua duyệt: Cảnh báo lũ quét" in public


def test_the_approver_sees_the_revision_against_the_published_version(newsroom, client):
    item = newsroom.publish()
    domain.update_item(
        newsroom.editor,
        item,
        title="Hà Nội khởi công cầu Trần Hưng Đạo sáng 26/11",
        change_note="Bổ sung ngày khởi công.",
    )
    domain.submit(newsroom.editor, item)
    client.force_login(newsroom.spokesperson)
    page = client.get(reverse("workspace:item", args=[item.pk])).content.decode()
    assert "Thay đổi so với phiên bản 1 đang công bố" in page
    assert "Bổ sung ngày khởi công." in page
    assert "<ins> sáng 26/11</ins>" in page


def test_a_first_draft_has_nothing_to_compare(newsroom, client):
    item = domain.submit(newsroom.editor, newsroom.draft())
    client.force_login(factories.user(Role.SPOKESPERSON, newsroom.org))
    page = client.get(reverse("workspace:item", args=[item.pk])).content.decode()
    assert "Thay đổi so với phiên bản" not in page


def test_a_revision_reaches_those_its_new_text_matches(newsroom, client):
    item = newsroom.publish()
    reader = journalist()
    subscriptions.create_subscription(reader, query="hầm chui", channels=["email"])
    domain.update_item(
        newsroom.editor,
        item,
        body="<p>Cầu dài 5,4 km, kèm một hầm chui dưới nút giao.</p>",
        change_note="Bổ sung hầm chui.",
    )
    domain.submit(newsroom.editor, item)
    client.force_login(newsroom.spokesperson)
    page = _confirmation(client, item, publish_at="")
    assert "1 địa chỉ email" in page
    assert "Đây là bản cập nhật của tin đang công bố (phiên bản 1)" in page
    item.refresh_from_db()
    assert (
        item.current_version.number == 1
        and item.current_version.body == "<p>Cầu dài 5,4 km, dự kiến hoàn thành sau 36 tháng.</p>"
    )
