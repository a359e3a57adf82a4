import json
import threading
import time
from pathlib import Path

import pytest

from presscenter.accounts.models import Role
from presscenter.delivery import channels
from presscenter.delivery.models import Delivery, EventKind, OutboxEvent
from presscenter.webhooks import domain, signing
from presscenter.webhooks.models import Webhook, WebhookAttempt
from tests import factories
from tests.conftest import skip_or_fail
from tests.webhooks.conftest import loopback_webhook

NINJS_SCHEMA = Path(__file__).resolve().parents[2] / ".." / "shared" / "schemas" / "ninjs" / "ninjs-schema_3.1.json"


def delivery_to(webhook: Webhook, item, kind=EventKind.PUBLISHED) -> Delivery:
    version = item.current_version.number
    event = OutboxEvent.objects.create(kind=kind, item=item, version=version)
    return Delivery.objects.create(
        event=event,
        item=item,
        version=version,
        kind=kind,
        channel="webhook",
        recipient=webhook.owner,
        target=str(webhook.pk),
        key=f"webhook:{webhook.pk}:{item.uid}:v{version}:{kind}",
    )


@pytest.fixture
def sender():
    return channels.get("webhook")


def test_targets_are_the_users_active_webhooks(sender, journalist, newsroom):
    first = domain.create_webhook(journalist, name="A", url="http://93.184.216.34/a")
    second = domain.create_webhook(journalist, name="B", url="http://93.184.216.34/b")
    Webhook.objects.filter(pk=second.pk).update(active=False)
    domain.create_webhook(factories.user(Role.JOURNALIST, accredited=True), name="C", url="http://93.184.216.34/c")
    assert sender.targets(journalist) == [str(first.pk)]


def test_targets_for_many_users_match_targets_of_each(sender, journalist, newsroom):
    other = factories.user(Role.JOURNALIST, accredited=True)
    nobody = factories.user(Role.JOURNALIST, accredited=True)
    for owner, name in [(journalist, "A"), (journalist, "B"), (other, "C")]:
        domain.create_webhook(owner, name=name, url=f"http://93.184.216.34/{name}")
    found = sender.targets_for([journalist, other, nobody])
    assert found == {user.pk: sender.targets(user) for user in (journalist, other)}
    assert len(found[journalist.pk]) == 2


def test_a_delivery_is_a_signed_ninjs_post(sender, journalist, newsroom, receiver):
    webhook = loopback_webhook(journalist, newsroom.operator, receiver.url("/tin"))
    item = newsroom.publish(title="Hà Nội mở thêm tuyến buýt điện")
    delivery = delivery_to(webhook, item)

    [result] = sender.send([delivery])

    assert result.ok
    [post] = receiver.to("/tin")
    headers = {k.lower(): v for k, v in post.headers.items()}
    assert headers["x-presscenter-event"] == "published"
    assert headers["x-presscenter-delivery"] == delivery.key
    assert headers["host"] == receiver.base_url.removeprefix("http://")
    assert signing.verify(
        webhook.secret, headers["x-presscenter-timestamp"], post.body, headers["x-presscenter-signature"]
    )
    payload = json.loads(post.body)
    assert (payload["event"], payload["delivery"]) == ("published", delivery.key)
    assert payload["item"]["headlines"][0]["value"] == "Hà Nội mở thêm tuyến buýt điện"
    attempt = WebhookAttempt.objects.get(webhook=webhook)
    assert (attempt.status_code, attempt.delivery_id, attempt.is_test) == (200, delivery.pk, False)
    if not NINJS_SCHEMA.exists():
        skip_or_fail("the ninjs 3.1 schema in ../shared is missing")
    import jsonschema

    schema = json.loads(NINJS_SCHEMA.read_text())
    jsonschema.validators.validator_for(schema)(schema).validate(payload["item"])


def test_a_server_error_is_retried_and_counted(sender, journalist, newsroom, receiver):
    receiver.answers["/loi"] = lambda _r: (500, b"internal error")
    webhook = loopback_webhook(journalist, newsroom.operator, receiver.url("/loi"))
    [result] = sender.send([delivery_to(webhook, newsroom.publish())])
    assert (result.ok, result.retry, result.error) == (False, True, "HTTP 500")
    webhook.refresh_from_db()
    assert (webhook.active, webhook.consecutive_failures) == (True, 1)
    assert WebhookAttempt.objects.get(webhook=webhook).status_code == 500


def test_success_resets_the_failure_count(sender, journalist, newsroom, receiver):
    webhook = loopback_webhook(journalist, newsroom.operator, receiver.url("/tin"))
    Webhook.objects.filter(pk=webhook.pk).update(consecutive_failures=4)
    [result] = sender.send([delivery_to(webhook, newsroom.publish())])
    assert result.ok
    webhook.refresh_from_db()
    assert webhook.consecutive_failures == 0


def test_a_slow_receiver_does_not_hold_up_a_fast_one(sender, journalist, newsroom, receiver, settings):
    settings.WEBHOOK_TIMEOUT = 1
    fast_arrived = threading.Event()
    seen_while_slow_waited = []

    def slow(_request):
        seen_while_slow_waited.append(fast_arrived.wait(10))
        time.sleep(2)  # longer than the sender's timeout
        return 200, b"too late"

    def fast(_request):
        fast_arrived.set()
        return 200, b"ok"

    receiver.answers.update({"/cham": slow, "/nhanh": fast})
    slow_hook = loopback_webhook(journalist, newsroom.operator, receiver.url("/cham"), name="Chậm")
    fast_hook = loopback_webhook(journalist, newsroom.operator, receiver.url("/nhanh"), name="Nhanh")
    item = newsroom.publish()

    slow_result, fast_result = sender.send([delivery_to(slow_hook, item), delivery_to(fast_hook, item)])

    assert seen_while_slow_waited == [True]  # both were in flight at once
    assert fast_result.ok
    assert (slow_result.ok, slow_result.retry) == (False, True)
    assert slow_result.error == "Máy nhận không trả lời trong thời gian cho phép."


def test_repeated_failures_disable_the_webhook_and_tell_the_owner(sender, journalist, newsroom, receiver, mailbox):
    receiver.answers["/hong"] = lambda _r: (503, b"")
    webhook = loopback_webhook(journalist, newsroom.operator, receiver.url("/hong"))
    delivery = delivery_to(webhook, newsroom.publish())

    results = [sender.send([delivery])[0] for _ in range(domain.FAILURES_BEFORE_DISABLE)]

    assert all(r.retry for r in results[:-1]) and not results[-1].retry
    webhook.refresh_from_db()
    assert not webhook.active and webhook.disabled_at is not None
    assert "503" in webhook.disabled_reason
    [mail] = mailbox.messages
    assert mail["To"] == journalist.email
    assert "tạm dừng" in str(mail.get_payload(decode=True), "utf-8")
    # A disabled webhook receives nothing more.
    [after] = sender.send([delivery])
    assert (after.ok, after.retry) == (False, False)
    assert len(receiver.to("/hong")) == domain.FAILURES_BEFORE_DISABLE


def test_410_gone_disables_at_once(sender, journalist, newsroom, receiver, mailbox):
    receiver.answers["/cu"] = lambda _r: (410, b"")
    webhook = loopback_webhook(journalist, newsroom.operator, receiver.url("/cu"))
    [result] = sender.send([delivery_to(webhook, newsroom.publish())])
    assert (result.ok, result.retry) == (False, False)
    webhook.refresh_from_db()
    assert not webhook.active
    assert len(mailbox.messages) == 1


def test_an_address_that_turned_private_is_refused_at_send_time(sender, journalist, newsroom, receiver):
    webhook = loopback_webhook(journalist, newsroom.operator, receiver.url("/tin"))
    domain.set_allow_private_network(newsroom.operator, webhook, False)
    [result] = sender.send([delivery_to(webhook, newsroom.publish())])
    assert (result.ok, result.retry) == (False, False)
    assert "mạng nội bộ" in result.error
    assert receiver.requests == []
