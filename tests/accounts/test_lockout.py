"""Sign-in throttling (django-axes): per username and address, and per address, before any password
is hashed. A username is never locked from every address: anyone could lock a named account."""

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from presscenter.accounts import domain
from presscenter.accounts.lockout import is_locked_out
from presscenter.accounts.models import Role
from presscenter.audit.models import AuditEntry
from presscenter.core.errors import PermissionDenied
from tests import factories
from tests.accounts.conftest import password_login
from tests.accounts.hashers import CountingHasher

pytestmark = pytest.mark.django_db
LIMIT = 5  # per username and address (tests/accounts/conftest.py)
ADDRESS_LIMIT = 12  # per address, under any usernames


def fail(client: Client, user, times: int = LIMIT, **extra):
    for _ in range(times):
        response = password_login(client, user, password="sai-mat-khau-roi", **extra)
    return response


def test_right_password_after_too_many_wrong_ones_is_refused():
    journalist = factories.user(Role.JOURNALIST)
    client = Client()
    assert fail(client, journalist, LIMIT - 1).status_code == 200  # the form again, with its error
    locked = password_login(client, journalist, password="sai-mat-khau-roi")
    assert locked.status_code == 429
    assert "Tạm khóa đăng nhập" in locked.content.decode()
    refused = password_login(client, journalist)
    assert refused.status_code == 429
    assert "_auth_user_id" not in client.session
    assert is_locked_out(journalist.username)


def test_lockout_page_is_english_for_an_english_reader(settings):
    journalist = factories.user(Role.JOURNALIST)
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "Sign-in temporarily locked" in fail(client, journalist).content.decode()


def test_username_case_does_not_dodge_the_lockout():
    journalist = factories.user(Role.JOURNALIST, username="phongvien")
    client = Client()
    for spelling in ["phongvien", "PhongVien", "PHONGVIEN", " phongvien", "phongVien"]:
        client.post(reverse("accounts:login"), {"username": spelling, "password": "sai-mat-khau-roi"})
    assert password_login(Client(), journalist).status_code == 429


def test_failures_from_one_address_do_not_lock_the_account_elsewhere():
    """The attacker at 10.0.0.1 locks only themselves out: the owner at 10.0.0.2 signs in."""
    journalist = factories.user(Role.JOURNALIST)
    assert fail(Client(), journalist, REMOTE_ADDR="10.0.0.1").status_code == 429
    assert password_login(Client(), journalist, REMOTE_ADDR="10.0.0.1").status_code == 429
    assert password_login(Client(), journalist, REMOTE_ADDR="10.0.0.2").status_code == 302
    assert fail(Client(), journalist, LIMIT + 3, REMOTE_ADDR="10.0.0.1").status_code == 429
    assert password_login(Client(), journalist, REMOTE_ADDR="10.0.0.2").status_code == 302


def test_the_address_is_locked_for_every_username():
    """Guessing a few passwords for each of many accounts from one address locks the address."""
    victims = [factories.user(Role.JOURNALIST) for _ in range(ADDRESS_LIMIT // 3)]
    client = Client()
    for victim in victims:
        fail(client, victim, 3, REMOTE_ADDR="10.0.0.7")
    other = factories.user(Role.PUBLIC)
    assert password_login(client, other, REMOTE_ADDR="10.0.0.7").status_code == 429
    assert password_login(client, other, REMOTE_ADDR="10.0.0.8").status_code == 302
    assert password_login(Client(), victims[0], REMOTE_ADDR="10.0.0.8").status_code == 302


def test_an_attackers_own_sign_in_does_not_reset_the_addresses_count():
    attacker = factories.user(Role.PUBLIC)
    victims = [factories.user(Role.JOURNALIST) for _ in range(ADDRESS_LIMIT // 4)]
    client = Client()
    for victim in victims[:-1]:
        fail(client, victim, 4, REMOTE_ADDR="10.0.0.7")
    assert password_login(Client(), attacker, REMOTE_ADDR="10.0.0.7").status_code == 302
    fail(client, victims[-1], 4, REMOTE_ADDR="10.0.0.7")
    assert password_login(Client(), attacker, REMOTE_ADDR="10.0.0.7").status_code == 429


def test_admin_site_login_is_throttled_too():
    admin = factories.user(Role.CENTER_ADMIN, is_staff=True, is_superuser=True)
    client = Client()
    url = reverse("admin:login")
    for _ in range(LIMIT):
        response = client.post(url, {"username": admin.username, "password": "sai-mat-khau-roi"})
    assert response.status_code == 429
    assert client.post(url, {"username": admin.username, "password": factories.PASSWORD}).status_code == 429


def test_a_locked_out_attempt_hashes_no_password(settings):
    settings.PASSWORD_HASHERS = ["tests.accounts.hashers.CountingHasher"]
    journalist = factories.user(Role.JOURNALIST)
    client = Client()
    CountingHasher.calls.clear()
    fail(client, journalist)
    assert CountingHasher.calls  # the wrong passwords were checked
    CountingHasher.calls.clear()
    for password in ["sai-mat-khau-roi", factories.PASSWORD, "doan-tiep"]:
        assert password_login(client, journalist, password=password).status_code == 429
    assert CountingHasher.calls == []


def test_an_attempt_from_a_locked_address_hashes_no_password(settings):
    settings.PASSWORD_HASHERS = ["tests.accounts.hashers.CountingHasher"]
    for _ in range(ADDRESS_LIMIT // 3):
        fail(Client(), factories.user(Role.PUBLIC), 3, REMOTE_ADDR="10.0.0.7")
    fresh = factories.user(Role.JOURNALIST)
    CountingHasher.calls.clear()
    assert password_login(Client(), fresh, REMOTE_ADDR="10.0.0.7").status_code == 429
    assert CountingHasher.calls == []


def test_operator_unlocks_an_account_and_it_is_audited():
    operator = factories.user(Role.CENTER_OPERATOR)
    journalist = factories.user(Role.JOURNALIST)
    fail(Client(), journalist)
    assert domain.unlock(operator, journalist) == 1  # one address, one record of its failures
    assert not is_locked_out(journalist.username)
    assert password_login(Client(), journalist).status_code == 302
    entry = AuditEntry.objects.get(action="account.unlock")
    assert entry.actor == operator and entry.object_id == str(journalist.pk)


def test_operator_unlock_lifts_the_lock_of_the_address_the_account_signs_in_from():
    """The newsroom's shared address was locked by failures under other usernames."""
    operator = factories.user(Role.CENTER_OPERATOR)
    journalist = factories.user(Role.JOURNALIST)
    for _ in range(ADDRESS_LIMIT // 3):
        fail(Client(), factories.user(Role.PUBLIC), 3, REMOTE_ADDR="10.0.0.7")
    assert password_login(Client(), journalist, REMOTE_ADDR="10.0.0.7").status_code == 429
    assert is_locked_out(journalist.username)
    assert domain.unlock(operator, journalist) == ADDRESS_LIMIT // 3 + 1
    assert not is_locked_out(journalist.username)
    assert password_login(Client(), journalist, REMOTE_ADDR="10.0.0.7").status_code == 302
    entry = AuditEntry.objects.get(action="account.unlock")
    assert entry.after["addresses_unlocked"] == ["10.0.0.7"]


def test_operator_cannot_unlock_an_admin_nor_themselves():
    operator = factories.user(Role.CENTER_OPERATOR)
    admin = factories.user(Role.CENTER_ADMIN)
    for account in (admin, operator):
        with pytest.raises(PermissionDenied):
            domain.unlock(operator, account)
    assert not AuditEntry.objects.filter(action="account.unlock").exists()


def test_unlock_from_the_workspace(sign_in):
    operator = factories.user(Role.CENTER_OPERATOR)
    journalist = factories.user(Role.JOURNALIST)
    fail(Client(REMOTE_ADDR="10.0.0.3"), journalist)
    client = Client()
    sign_in(client, operator)
    page = client.get(reverse("workspace:account_edit", args=[journalist.pk])).content.decode()
    assert "bị tạm khóa đăng nhập" in page
    response = client.post(reverse("workspace:account_unlock", args=[journalist.pk]))
    assert response.status_code == 302
    assert not is_locked_out(journalist.username)
    assert AuditEntry.objects.filter(action="account.unlock", actor=operator).exists()


def test_axes_reset_command_unlocks():
    journalist = factories.user(Role.JOURNALIST)
    fail(Client(), journalist)
    call_command("axes_reset")
    assert not AccessAttempt.objects.exists()
    assert password_login(Client(), journalist).status_code == 302


def test_lockout_counts_the_address_a_trusted_proxy_forwarded(settings):
    """Behind the proxy each visitor has their own lock; a header they write does not dodge it."""
    settings.TRUSTED_PROXIES = ["10.0.0.5"]
    journalist = factories.user(Role.JOURNALIST)
    proxy = {"REMOTE_ADDR": "10.0.0.5"}
    fail(Client(), journalist, HTTP_X_FORWARDED_FOR="198.51.100.1", **proxy)
    assert password_login(Client(), journalist, HTTP_X_FORWARDED_FOR="198.51.100.1", **proxy).status_code == 429
    spoofed = password_login(Client(), journalist, HTTP_X_FORWARDED_FOR="198.51.100.2, 198.51.100.1", **proxy)
    assert spoofed.status_code == 429
    assert password_login(Client(), journalist, HTTP_X_FORWARDED_FOR="198.51.100.2", **proxy).status_code == 302
    assert AccessAttempt.objects.filter(ip_address="198.51.100.1").exists()


def test_lockout_ignores_the_header_of_an_untrusted_peer(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.5"]
    journalist = factories.user(Role.JOURNALIST)
    fail(Client(), journalist, REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="198.51.100.1")
    locked = password_login(Client(), journalist, REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert locked.status_code == 429
    assert not AccessAttempt.objects.filter(ip_address="198.51.100.1").exists()
