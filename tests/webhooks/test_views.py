import pytest
from django.urls import reverse

from presscenter.accounts.models import Role
from presscenter.audit.models import AuditEntry
from presscenter.core.errors import PermissionDenied
from presscenter.webhooks import domain, signing
from presscenter.webhooks.models import Webhook, WebhookAttempt
from tests import factories
from tests.webhooks.conftest import CONNECT_FAILED, PUBLIC_ADDRESS_URL, closed_port_url, loopback_webhook

USERS = {
    "accredited journalist": lambda: factories.user(Role.JOURNALIST, accredited=True),
    "journalist without accreditation": lambda: factories.user(Role.JOURNALIST, accredited=False),
    "public": lambda: factories.user(Role.PUBLIC),
    "staff": lambda: factories.user(Role.CENTER_OPERATOR),
    "anonymous": lambda: None,
}
MAY_CREATE = {"accredited journalist"}
MAY_ALLOW_PRIVATE = {"staff"}


@pytest.mark.parametrize("who", USERS)
def test_permission_matrix(client, db, who):
    owner = factories.user(Role.JOURNALIST, accredited=True)
    webhook = domain.create_webhook(owner, name="Tòa soạn", url=PUBLIC_ADDRESS_URL)
    user = USERS[who]()
    if user is not None:
        client.force_login(user)

    create = client.post(reverse("webhooks:create"), {"name": "Mới", "url": "http://93.184.216.34/moi"})
    allow = client.post(reverse("webhooks:admin_private", args=[webhook.pk]), {"allow": "1"})

    created = Webhook.objects.filter(name="Mới").exists()
    webhook.refresh_from_db()
    assert created == (who in MAY_CREATE)
    assert webhook.allow_private_network == (who in MAY_ALLOW_PRIVATE)
    expected_refusal = 302 if user is None else 403
    assert create.status_code == (200 if who in MAY_CREATE else expected_refusal)
    assert allow.status_code == (302 if who in MAY_ALLOW_PRIVATE else expected_refusal)
    if user is not None and who not in MAY_CREATE:
        with pytest.raises(PermissionDenied):
            domain.create_webhook(user, name="Qua miền", url=PUBLIC_ADDRESS_URL)


def test_create_shows_the_secret_once_and_audits(client, journalist):
    client.force_login(journalist)
    response = client.post(reverse("webhooks:create"), {"name": "CMS tòa soạn", "url": PUBLIC_ADDRESS_URL})
    webhook = Webhook.objects.get(owner=journalist)
    assert webhook.secret in response.content.decode()
    assert webhook.secret not in client.get(reverse("webhooks:detail", args=[webhook.pk])).content.decode()
    assert AuditEntry.objects.filter(action="webhook.create", object_id=str(webhook.pk)).exists()


@pytest.mark.parametrize("url", ["http://127.0.0.1:8080/hook", "http://169.254.169.254/", "ftp://93.184.216.34/"])
def test_create_refuses_unsafe_addresses_with_a_message(client, journalist, url):
    client.force_login(journalist)
    response = client.post(reverse("webhooks:create"), {"name": "CMS", "url": url})
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert not Webhook.objects.exists()


def test_editing_to_a_private_address_needs_the_operators_permission(client, journalist, newsroom):
    webhook = domain.create_webhook(journalist, name="CMS", url=PUBLIC_ADDRESS_URL)
    client.force_login(journalist)
    edit = reverse("webhooks:edit", args=[webhook.pk])
    refused = client.post(edit, {"name": "CMS", "url": "http://10.0.0.8/hook"})
    assert refused.status_code == 200
    webhook.refresh_from_db()
    assert webhook.url == PUBLIC_ADDRESS_URL
    domain.set_allow_private_network(newsroom.operator, webhook, True)
    assert client.post(edit, {"name": "CMS", "url": "http://10.0.0.8/hook"}).status_code == 302
    webhook.refresh_from_db()
    assert webhook.url == "http://10.0.0.8/hook"


def test_send_test_posts_a_signed_payload_and_shows_the_result(client, journalist, newsroom, receiver):
    webhook = loopback_webhook(journalist, newsroom.operator, receiver.url("/thu"))
    client.force_login(journalist)
    response = client.post(reverse("webhooks:test", args=[webhook.pk]), follow=True)
    assert "Gửi thử thành công" in response.content.decode()
    [post] = receiver.to("/thu")
    headers = {k.lower(): v for k, v in post.headers.items()}
    assert headers["x-presscenter-event"] == "test"
    assert signing.verify(
        webhook.secret, headers["x-presscenter-timestamp"], post.body, headers["x-presscenter-signature"]
    )
    attempt = WebhookAttempt.objects.get(webhook=webhook)
    assert (attempt.is_test, attempt.status_code) == (True, 200)


def test_send_test_reports_a_failure(client, journalist, newsroom, receiver):
    receiver.answers["/loi"] = lambda _r: (500, b"")
    webhook = loopback_webhook(journalist, newsroom.operator, receiver.url("/loi"))
    client.force_login(journalist)
    response = client.post(reverse("webhooks:test", args=[webhook.pk]), follow=True)
    assert "Gửi thử không thành công" in response.content.decode()
    webhook.refresh_from_db()
    assert webhook.consecutive_failures == 0  # tests never count towards disabling


def test_send_test_explains_a_connection_failure_without_libcurls_words(client, journalist, newsroom):
    webhook = loopback_webhook(journalist, newsroom.operator, closed_port_url("/thu"))
    client.force_login(journalist)
    page = client.post(reverse("webhooks:test", args=[webhook.pk]), follow=True).content.decode()
    assert f"Gửi thử không thành công: {CONNECT_FAILED}" in page
    assert "curl" not in page and "Failed to connect" not in page
    assert WebhookAttempt.objects.get(webhook=webhook).error == CONNECT_FAILED


def test_rotate_reenable_and_delete(client, journalist):
    webhook = domain.create_webhook(journalist, name="CMS", url=PUBLIC_ADDRESS_URL)
    old_secret = webhook.secret
    client.force_login(journalist)
    response = client.post(reverse("webhooks:rotate", args=[webhook.pk]))
    webhook.refresh_from_db()
    assert webhook.secret != old_secret and webhook.secret in response.content.decode()

    Webhook.objects.filter(pk=webhook.pk).update(active=False, disabled_reason="lỗi", consecutive_failures=10)
    client.post(reverse("webhooks:reenable", args=[webhook.pk]))
    webhook.refresh_from_db()
    assert (webhook.active, webhook.consecutive_failures, webhook.disabled_reason) == (True, 0, "")

    assert client.get(reverse("webhooks:delete", args=[webhook.pk])).status_code == 200
    assert client.post(reverse("webhooks:delete", args=[webhook.pk])).status_code == 302
    assert not Webhook.objects.exists()
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"webhook.rotate_secret", "webhook.reenable", "webhook.delete"} <= actions


def test_another_journalists_webhook_is_not_found(client, journalist):
    other = factories.user(Role.JOURNALIST, accredited=True)
    webhook = domain.create_webhook(other, name="CMS", url=PUBLIC_ADDRESS_URL)
    client.force_login(journalist)
    assert client.get(reverse("webhooks:detail", args=[webhook.pk])).status_code == 404
    assert client.post(reverse("webhooks:delete", args=[webhook.pk])).status_code == 404
    assert Webhook.objects.filter(pk=webhook.pk).exists()


def test_list_queries_are_bounded(client, journalist, django_assert_max_num_queries):
    for n in range(12):
        domain.create_webhook(journalist, name=f"CMS {n}", url=PUBLIC_ADDRESS_URL)
    client.force_login(journalist)
    with django_assert_max_num_queries(6):
        response = client.get(reverse("webhooks:list"))
    assert response.content.decode().count("CMS ") == 12


def test_delivery_log_is_paginated_with_bounded_queries(client, journalist, django_assert_max_num_queries):
    webhook = domain.create_webhook(journalist, name="CMS", url=PUBLIC_ADDRESS_URL)
    WebhookAttempt.objects.bulk_create(WebhookAttempt(webhook=webhook, status_code=200) for _ in range(40))
    client.force_login(journalist)
    with django_assert_max_num_queries(7):
        response = client.get(reverse("webhooks:detail", args=[webhook.pk]), {"trang": 2})
    assert response.status_code == 200
    assert response.context["page"].number == 2 and len(response.context["page"]) == 15


def test_admin_list_queries_are_bounded(client, newsroom, django_assert_max_num_queries):
    for _ in range(10):
        owner = factories.user(Role.JOURNALIST, accredited=True)
        domain.create_webhook(owner, name="CMS", url=PUBLIC_ADDRESS_URL)
    client.force_login(newsroom.operator)
    with django_assert_max_num_queries(7):
        response = client.get(reverse("webhooks:admin"))
    assert response.status_code == 200
    assert response.content.decode().count("Cho phép mạng nội bộ") == 10
