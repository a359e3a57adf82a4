import datetime as dt
import hashlib
import hmac

import pytest
from django.conf import settings as django_settings
from django.urls import reverse
from django.utils import timezone

from presscenter.webhooks import websub
from presscenter.webhooks.models import WebSubSubscription
from presscenter.webhooks.tasks import websub_push_task

HUB = "/webhook/websub/"


def site_feed(format="rss"):
    return f"{django_settings.SITE_URL}{reverse('syndication:feed', kwargs={'format': format})}"


def echo_challenge(request):
    """A subscriber's callback: echo the challenge of a verification GET, accept pushed content."""
    if request.method == "GET":
        return 200, request.query["hub.challenge"][0].encode()
    return 200, b"ok"


@pytest.fixture
def callbacks(receiver, settings):
    settings.WEBSUB_ALLOW_PRIVATE_CALLBACKS = True
    receiver.answers["/cb"] = echo_challenge
    return receiver


def subscribe(client, callback, topic, **extra):
    return client.post(HUB, {"hub.mode": "subscribe", "hub.topic": topic, "hub.callback": callback, **extra})


def test_hub_url_is_absolute():
    assert websub.hub_url() == f"{django_settings.SITE_URL}/webhook/websub/"


def test_round_trip_subscribe_verify_push_unsubscribe(client, db, newsroom, callbacks):
    topic = site_feed()
    response = subscribe(client, callbacks.url("/cb"), topic, **{"hub.secret": "bi-mat", "hub.lease_seconds": "86400"})
    assert response.status_code == 202

    [check] = callbacks.to("/cb", "GET")
    assert check.query["hub.mode"] == ["subscribe"]
    assert check.query["hub.topic"] == [topic]
    assert check.query["hub.lease_seconds"] == ["86400"]
    subscription = WebSubSubscription.objects.get(topic=topic, callback=callbacks.url("/cb"))
    assert subscription.verified_at is not None and subscription.expires_at is not None

    item = newsroom.publish(title="Thành phố công bố lịch cắt điện")
    assert websub_push_task.enqueue(item_id=item.pk).return_value == 1

    [push] = callbacks.to("/cb", "POST")
    headers = {k.lower(): v for k, v in push.headers.items()}
    assert "Thành phố công bố lịch cắt điện" in push.body.decode()
    assert headers["content-type"].startswith("application/rss+xml")
    assert f'<{websub.hub_url()}>; rel="hub"' in headers["link"]
    assert f'<{topic}>; rel="self"' in headers["link"]
    expected = hmac.new(b"bi-mat", push.body, hashlib.sha256).hexdigest()
    assert headers["x-hub-signature"] == f"sha256={expected}"

    response = client.post(HUB, {"hub.mode": "unsubscribe", "hub.topic": topic, "hub.callback": callbacks.url("/cb")})
    assert response.status_code == 202
    assert callbacks.to("/cb", "GET")[-1].query["hub.mode"] == ["unsubscribe"]
    assert not WebSubSubscription.objects.exists()


def test_a_callback_that_does_not_echo_the_challenge_is_not_subscribed(client, db, callbacks):
    callbacks.answers["/sai"] = lambda _r: (200, b"something else")
    assert subscribe(client, callbacks.url("/sai"), site_feed()).status_code == 202
    assert not WebSubSubscription.objects.exists()


def test_only_feeds_that_carry_the_item_are_pushed(client, newsroom, callbacks):
    other_agency = f"{django_settings.SITE_URL}/kenh-tin/co-quan/{newsroom.org.slug}x/atom/"
    assert subscribe(client, callbacks.url("/cb"), other_agency).status_code == 400  # no such agency
    agency_topic = f"{django_settings.SITE_URL}{reverse('syndication:feed', kwargs={'scope': 'agency', 'slug': newsroom.org.slug, 'format': 'atom'})}"
    subscribe(client, callbacks.url("/cb"), agency_topic)
    item = newsroom.publish()
    assert websub.push_updates(item) == 1
    embargoed = newsroom.publish(embargo_until=timezone.now() + dt.timedelta(days=1))
    assert websub.push_updates(embargoed) == 0


@pytest.mark.parametrize(
    "topic",
    [
        "https://evil.example/rss/",
        "/kenh-tin/rss/",
        f"{django_settings.SITE_URL}/tai-khoan/",
        f"{django_settings.SITE_URL}/kenh-tin/rss/?x=1",
    ],
)
def test_a_topic_that_is_not_our_feed_is_refused(client, db, callbacks, topic):
    response = subscribe(client, callbacks.url("/cb"), topic)
    assert response.status_code == 400
    assert "kênh tin" in response.content.decode()
    assert callbacks.requests == []


def test_a_private_callback_is_refused_unless_allowed(client, db, receiver, settings):
    settings.WEBSUB_ALLOW_PRIVATE_CALLBACKS = False
    response = subscribe(client, receiver.url("/cb"), site_feed())
    assert response.status_code == 400
    assert "mạng nội bộ" in response.content.decode()
    assert receiver.requests == []


@pytest.mark.parametrize(
    ("field", "value"), [("hub.mode", "publish"), ("hub.lease_seconds", "mot-ngay"), ("hub.secret", "x" * 200)]
)
def test_malformed_requests_are_refused(client, db, callbacks, field, value):
    params = {"hub.mode": "subscribe", "hub.topic": site_feed(), "hub.callback": callbacks.url("/cb"), field: value}
    assert client.post(HUB, params).status_code == 400
    assert not WebSubSubscription.objects.exists()


def test_the_hub_answers_only_post(client, db):
    assert client.get(HUB).status_code == 405
