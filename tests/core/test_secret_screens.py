"""The two pages that issue a secret shown once (API tokens, Open311 keys) share their issuing and
revoking: each is checked here through its own page, with what the shared part must say."""

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from presscenter.accounts.models import ApiToken, Role
from presscenter.audit.models import AuditEntry
from presscenter.open311.models import ClientKey
from tests import factories

pytestmark = pytest.mark.django_db

PAGES = {
    "token": ("accounts:tokens", "accounts:token_revoke", ApiToken, {"name": "Hệ thống văn bản"}, "token.revoke"),
    "open311": ("open311_keys:keys", "open311_keys:revoke", ClientKey, {"name": "Ứng dụng"}, "open311_key.revoke"),
}


def _user(kind: str):
    return factories.Newsroom().editor if kind == "token" else factories.user(Role.CENTER_OPERATOR)


def _said(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.mark.parametrize("kind", PAGES)
def test_issue_shows_the_secret_once_and_revoke_twice_says_why(kind):
    page, revoke, model, data, action = PAGES[kind]
    client = Client()
    client.force_login(_user(kind))
    issued = client.post(reverse(page), data)
    secret = issued.context["secret"]
    assert secret and secret in issued.content.decode() and 'class="secret"' in issued.content.decode()
    assert not issued.context["form"].is_bound  # a fresh form after issuing
    item = model.objects.get()
    assert item.digest != secret and secret.startswith(item.hint)
    listed = client.get(reverse(page)).content.decode()
    assert secret not in listed and item.hint in listed
    first = client.post(reverse(revoke, args=[item.pk]))
    assert first["Location"] == reverse(page) and len(_said(first)) == 1
    second = client.post(reverse(revoke, args=[item.pk]), follow=True)
    assert any("thu hồi trước đó" in said for said in _said(second))
    assert AuditEntry.objects.filter(action=action).count() == 1


@pytest.mark.parametrize("kind", PAGES)
def test_a_refused_issue_stays_on_the_form_and_an_unknown_one_is_not_found(kind):
    page, revoke, model, _data, _action = PAGES[kind]
    client = Client()
    client.force_login(_user(kind))
    refused = client.post(reverse(page), {"name": "   "})
    assert refused.status_code == 200 and refused.context["secret"] is None
    assert refused.context["form"].errors and not model.objects.exists()
    missing = client.post(reverse(revoke, args=[999_999]), follow=True)
    assert any("Không tìm thấy" in said for said in _said(missing))
