import re

import pytest
from django.urls import reverse

from presscenter.accounts.models import Role
from presscenter.releases.models import ItemType
from presscenter.subscriptions import domain, emails
from presscenter.subscriptions.emails import list_unsubscribe_headers, unsubscribe_url
from presscenter.subscriptions.matching import match
from presscenter.subscriptions.models import EmailSubscriber, Subscription
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, journalist):
    client.force_login(journalist)
    return client


def test_list_page_query_count_does_not_grow(signed_in, journalist, newsroom, django_assert_max_num_queries):
    topics = [factories.topic() for _ in range(3)]
    for n in range(15):
        domain.create_subscription(
            journalist, name=f"Đăng ký {n}", organisations=[newsroom.org], topics=topics, query="giao thông"
        )
    with django_assert_max_num_queries(10):
        response = signed_in.get(reverse("subscriptions:list"))
    assert response.status_code == 200
    assert response.content.decode().count("subscription-card") == 15


def test_editor_creates_and_edits(signed_in, journalist, newsroom):
    response = signed_in.post(
        reverse("subscriptions:create"),
        {
            "name": "Giao thông",
            "organisations": [newsroom.org.pk],
            "query": "giao thông",
            "cadence": "daily",
            "digest_hour": "7",
            "digest_weekday": "0",
            "channels": ["email", "live"],
            "active": "on",
        },
    )
    assert response.status_code == 302
    subscription = Subscription.objects.get(owner=journalist)
    assert subscription.channels == ["email", "live"]
    assert subscription.cadence == "daily"
    page = signed_in.get(reverse("subscriptions:edit", args=[subscription.pk]))
    assert 'value="giao thông"' in page.content.decode()
    response = signed_in.post(
        reverse("subscriptions:edit", args=[subscription.pk]),
        {"query": "buýt", "cadence": "immediate", "digest_hour": "7", "digest_weekday": "0", "channels": ["email"]},
    )
    assert response.status_code == 302
    subscription.refresh_from_db()
    assert (subscription.query, subscription.active) == ("buýt", False)


def test_editor_shows_bad_query_message(signed_in):
    response = signed_in.post(
        reverse("subscriptions:create"),
        {"query": "?!?", "cadence": "immediate", "digest_hour": "7", "digest_weekday": "0", "channels": ["email"]},
    )
    assert response.status_code == 200
    assert "ít nhất một chữ cái hoặc chữ số" in response.content.decode()
    assert not Subscription.objects.exists()


def test_public_user_is_not_offered_webhook(client):
    reader = factories.user(Role.PUBLIC)
    client.force_login(reader)
    page = client.get(reverse("subscriptions:create")).content.decode()
    assert 'value="email"' in page and 'value="webhook"' not in page
    response = client.post(
        reverse("subscriptions:create"),
        {"cadence": "immediate", "digest_hour": "7", "digest_weekday": "0", "channels": ["webhook"]},
    )
    assert response.status_code == 200
    assert not Subscription.objects.exists()


def test_other_peoples_subscriptions_are_not_found(signed_in):
    stranger = factories.user(Role.JOURNALIST, accredited=True)
    theirs = domain.create_subscription(stranger, everything=True)
    assert signed_in.get(reverse("subscriptions:edit", args=[theirs.pk])).status_code == 404
    assert signed_in.post(reverse("subscriptions:delete", args=[theirs.pk])).status_code == 404
    assert Subscription.objects.filter(pk=theirs.pk).exists()


def test_delete(signed_in, journalist):
    subscription = domain.create_subscription(journalist, everything=True)
    assert signed_in.post(reverse("subscriptions:delete", args=[subscription.pk])).status_code == 302
    assert not Subscription.objects.exists()


def test_live_preview_lists_recent_matches(signed_in, newsroom):
    wanted = newsroom.publish(title="Phân luồng giao thông phố cổ", type=ItemType.ANNOUNCEMENT)
    newsroom.publish(title="Khám bệnh miễn phí", type=ItemType.ANNOUNCEMENT)
    unpublished = newsroom.draft(title="Bản nháp giao thông")
    params = {"query": "giao thong", "types": [ItemType.ANNOUNCEMENT], "cadence": "immediate",
              "digest_hour": "7", "digest_weekday": "0", "channels": ["email"]}  # fmt: skip
    response = signed_in.get(reverse("subscriptions:preview"), params)
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body  # a partial for htmx
    assert wanted.get_absolute_url() in body
    assert "Khám bệnh" not in body and unpublished.title not in body
    assert "1 tin phù hợp" in body


def test_preview_without_javascript(signed_in, newsroom):
    newsroom.publish(title="Phân luồng giao thông phố cổ")
    response = signed_in.post(
        reverse("subscriptions:create"),
        {"query": "phố cổ", "preview": "1", "cadence": "immediate", "digest_hour": "7", "digest_weekday": "0",
         "channels": ["email"]},
    )  # fmt: skip
    assert response.status_code == 200
    assert "Phân luồng giao thông phố cổ" in response.content.decode()
    assert not Subscription.objects.exists()


def test_preview_reports_bad_query(signed_in):
    response = signed_in.get(reverse("subscriptions:preview"), {"query": "x" * 301, "cadence": "immediate",
                                                                 "digest_hour": "7", "digest_weekday": "0",
                                                                 "channels": ["email"]})  # fmt: skip
    assert response.status_code == 200
    assert "Chưa xem trước được" in response.content.decode()


def _link(message, name):
    text = message.get_body(("plain",)).get_content()
    return re.search(rf"https://baochi\.example\.vn(/dang-ky-nhan-tin/{name}/[^/\s]+/)", text).group(1)


def test_public_double_opt_in_and_one_click_unsubscribe(client, smtp, newsroom, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("subscriptions:public"),
            {"email": "Ban.Doc@Example.vn", "language": "vi", "organisations": [newsroom.org.pk]},
        )
    assert response.status_code == 200
    subscriber = EmailSubscriber.objects.get()
    assert subscriber.email == "ban.doc@example.vn" and subscriber.confirmed_at is None
    [message] = smtp.messages
    assert message["To"] == "ban.doc@example.vn"
    assert "Xác nhận" in message["Subject"]
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.get_body(("html",)) is not None
    item = newsroom.publish(title="Thông báo lịch cắt điện")
    assert match(item) == []

    confirm = _link(message, "xac-nhan")
    assert "Xác nhận đăng ký" in client.get(confirm).content.decode()
    assert EmailSubscriber.objects.get().confirmed_at is None  # a GET (mail scanner) confirms nothing
    assert client.post(confirm).status_code == 200
    assert [s.email_subscriber_id for s in match(item)] == [subscriber.pk]

    unsubscribe = _link(message, "huy")
    assert client.get(unsubscribe).status_code == 200
    response = client.post(unsubscribe, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    assert EmailSubscriber.objects.get().unsubscribed_at is not None
    assert match(item) == []


def test_confirmation_in_english(client, smtp, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("subscriptions:public"), {"email": "reader@example.com", "language": "en", "everything": "on"}
        )
    [message] = smtp.messages
    assert message["To"] == "reader@example.com"
    assert EmailSubscriber.objects.get().language == "en"


def test_public_form_refuses_bad_email(client, smtp):
    response = client.post(reverse("subscriptions:public"), {"email": "khong-phai-email", "language": "vi"})
    assert response.status_code == 200
    assert not EmailSubscriber.objects.exists()
    assert smtp.messages == []


def test_unknown_token(client):
    assert client.get(reverse("subscriptions:confirm", args=["khong-co"])).status_code == 404
    assert client.post(reverse("subscriptions:unsubscribe", args=["khong-co"])).status_code == 404


def test_unsubscribe_headers(settings, db):
    settings.SITE_URL = "https://baochi.example.vn"
    subscriber = EmailSubscriber.objects.create(email="a@example.vn")
    url = unsubscribe_url(subscriber)
    assert url == f"https://baochi.example.vn/dang-ky-nhan-tin/huy/{subscriber.token}/"
    assert list_unsubscribe_headers(subscriber) == {
        "List-Unsubscribe": f"<{url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def test_resubscribing_after_unsubscribe_needs_new_consent(newsroom, django_capture_on_commit_callbacks):
    subscriber = domain.subscribe_by_email("a@example.vn", everything=True)
    domain.confirm_email(subscriber.token)
    domain.unsubscribe_email(subscriber.token)
    subscriber = domain.subscribe_by_email("a@example.vn", everything=True)
    assert subscriber.confirmed_at is None
    assert match(newsroom.publish()) == []


def test_blank_editor_asks_instead_of_assuming(signed_in):
    page = signed_in.get(reverse("subscriptions:create")).content.decode()
    assert page.count("checked") == 1 and 'id="id_active" checked' in page  # nothing else is chosen for them
    response = signed_in.post(reverse("subscriptions:create"), {"digest_hour": "7", "digest_weekday": "0"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Hãy chọn tần suất nhận tin." in body and "Hãy chọn ít nhất một kênh nhận tin." in body
    assert not Subscription.objects.exists()
    chosen = {"cadence": "immediate", "digest_hour": "7", "digest_weekday": "0", "channels": ["email"], "active": "on"}
    response = signed_in.post(reverse("subscriptions:create"), chosen)
    assert response.status_code == 200
    assert "Nhận mọi tin" in response.content.decode()
    assert not Subscription.objects.exists()
    assert signed_in.post(reverse("subscriptions:create"), chosen | {"everything": "on"}).status_code == 302
    assert Subscription.objects.get().title == "Mọi tin"
    assert "Mọi tin" in signed_in.get(reverse("subscriptions:list")).content.decode()


def test_public_form_with_no_criterion_asks_for_everything(client, smtp):
    response = client.post(reverse("subscriptions:public"), {"email": "ban.doc@example.vn", "language": "vi"})
    assert response.status_code == 200
    assert "Nhận mọi tin" in response.content.decode()
    assert not EmailSubscriber.objects.exists() and smtp.messages == []


def test_account_stop_email_page_needs_no_login_and_only_post_acts(client, journalist, newsroom):
    subscription = domain.create_subscription(journalist, organisations=[newsroom.org], channels=["email"])
    path = reverse("subscriptions:stop_email", args=[emails.account_token(journalist)])
    page = client.get(path)
    assert page.status_code == 200 and journalist.email in page.content.decode()
    subscription.refresh_from_db()
    assert (subscription.channels, subscription.active) == (["email"], True)
    assert client.post(path).status_code == 200
    subscription.refresh_from_db()
    assert (subscription.channels, subscription.active) == ([], False)
    other = factories.user(Role.JOURNALIST, accredited=True)
    assert emails.account_of(emails.account_token(journalist)) == journalist != other
    assert client.get(reverse("subscriptions:stop_email", args=[f"{other.pk}:khong-ky"])).status_code == 404
