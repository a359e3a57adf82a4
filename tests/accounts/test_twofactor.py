"""Two-factor sign-in: required for staff and spokespersons, optional for others; recovery codes;
a fresh sign-in before account changes; what an unverified session may do."""

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken

from presscenter.accounts import twofactor
from presscenter.accounts.models import ApiToken, Role
from presscenter.audit.models import AuditEntry
from presscenter.core.errors import PermissionDenied
from presscenter.releases import domain as releases
from presscenter.releases.models import State
from tests import factories
from tests.accounts.conftest import current_code, enrolled, password_login

pytestmark = pytest.mark.django_db


def in_review(newsroom):
    item = newsroom.draft()
    return releases.submit(newsroom.editor, item)


def test_spokesperson_with_password_only_cannot_reach_workspace_nor_approve(newsroom):
    item = in_review(newsroom)
    client = Client()
    response = password_login(client, newsroom.spokesperson)
    assert response["Location"] == reverse("workspace:home")
    page = client.get(reverse("workspace:home"))
    assert page.status_code == 302 and page["Location"].startswith(reverse("accounts:otp_verify"))
    approve = client.post(reverse("workspace:item_action", args=[item.pk, "approve"]), {"publish_at": ""})
    assert approve.status_code == 302 and approve["Location"].startswith(reverse("accounts:otp_verify"))
    item.refresh_from_db()
    assert item.state == State.IN_REVIEW
    # Without an authenticator yet, the code page sends them to enrolment.
    assert client.get(page["Location"])["Location"].startswith(reverse("accounts:otp_setup"))


def test_enrolment_then_verified_spokesperson_approves(newsroom):
    item = in_review(newsroom)
    client = Client()
    password_login(client, newsroom.spokesperson)
    setup = client.get(reverse("accounts:otp_setup") + "?next=/lam-viec/")
    html = setup.content.decode()
    assert 'src="data:image/svg+xml' in html and "<script" not in html.split("<main", 1)[-1]
    device = twofactor.pending_authenticator(newsroom.spokesperson)
    done = client.post(reverse("accounts:otp_setup"), {"code": current_code(device), "next": "/lam-viec/"})
    codes = re.findall(r'<code class="secret">([a-z0-9]+)</code>', done.content.decode())
    assert len(codes) == twofactor.RECOVERY_CODE_COUNT
    assert done["Cache-Control"] == "no-store"
    assert client.get(reverse("workspace:home")).status_code == 200
    client.post(reverse("workspace:item_action", args=[item.pk, "approve"]), {"publish_at": "", "confirmed": "1"})
    item.refresh_from_db()
    assert item.state == State.PUBLISHED
    assert AuditEntry.objects.filter(action="account.otp_enable", actor=newsroom.spokesperson).exists()


def test_wrong_code_keeps_the_gate_closed(newsroom):
    enrolled(newsroom.operator)
    client = Client()
    password_login(client, newsroom.operator)
    response = client.post(reverse("accounts:otp_verify"), {"code": "000000"})
    assert response.status_code == 400
    assert "Mã xác thực không đúng" in response.content.decode()
    assert client.get(reverse("workspace:home")).status_code == 302


def test_recovery_code_works_once(newsroom):
    _device, codes = enrolled(newsroom.operator)
    first = Client()
    password_login(first, newsroom.operator)
    assert first.post(reverse("accounts:otp_verify"), {"code": codes[0].upper()}).status_code == 302
    assert first.get(reverse("workspace:home")).status_code == 200
    again = Client()
    password_login(again, newsroom.operator)
    assert again.post(reverse("accounts:otp_verify"), {"code": codes[0]}).status_code == 400
    assert twofactor.recovery_codes_left(newsroom.operator) == len(codes) - 1


def test_regenerated_codes_replace_the_old_ones(newsroom, sign_in):
    client = Client()
    sign_in(client, newsroom.operator)
    old = set(StaticToken.objects.filter(device__user=newsroom.operator).values_list("token", flat=True))
    page = client.post(reverse("accounts:otp_codes")).content.decode()
    new = set(re.findall(r'<code class="secret">([a-z0-9]+)</code>', page))
    assert len(new) == twofactor.RECOVERY_CODE_COUNT and not new & old
    assert set(StaticToken.objects.filter(device__user=newsroom.operator).values_list("token", flat=True)) == new
    assert AuditEntry.objects.filter(action="account.otp_recovery_codes").exists()


def test_journalist_is_not_asked_until_they_enable_it():
    journalist = factories.user(Role.JOURNALIST)
    client = Client()
    assert password_login(client, journalist)["Location"] == reverse("press:desk")
    assert client.get(reverse("press:desk")).status_code == 200
    enrolled(journalist)
    later = Client()
    password_login(later, journalist)
    assert later.get(reverse("press:desk"))["Location"].startswith(reverse("accounts:otp_verify"))


def test_optional_roles_may_turn_it_off_required_roles_may_not(newsroom):
    enrolled(newsroom.editor)
    twofactor.disable(newsroom.editor)
    assert not twofactor.is_enabled(newsroom.editor)
    enrolled(newsroom.spokesperson)
    with pytest.raises(PermissionDenied):
        twofactor.disable(newsroom.spokesperson)
    assert twofactor.is_enabled(newsroom.spokesperson)


def test_api_treats_an_unverified_session_as_anonymous(newsroom, sign_in):
    item = newsroom.publish(embargo_until=timezone.now() + dt.timedelta(days=1))
    unverified = Client()
    password_login(unverified, newsroom.operator)
    assert unverified.get(f"/api/items/{item.uid}").status_code == 404
    verified = Client()
    sign_in(verified, newsroom.operator)
    assert verified.get(f"/api/items/{item.uid}").status_code == 200


def test_api_tokens_are_issued_only_from_a_verified_session(newsroom, sign_in):
    client = Client()
    password_login(client, newsroom.spokesperson)
    client.post(reverse("accounts:tokens"), {"name": "Hệ thống văn bản"})
    assert not ApiToken.objects.exists()
    verified = Client()
    sign_in(verified, newsroom.spokesperson)
    verified.post(reverse("accounts:tokens"), {"name": "Hệ thống văn bản"})
    assert ApiToken.objects.filter(user=newsroom.spokesperson).exists()


def test_account_changes_ask_for_a_fresh_sign_in(newsroom, sign_in, settings):
    client = Client()
    sign_in(client, newsroom.operator)
    edit = reverse("workspace:account_edit", args=[newsroom.editor.pk])
    assert client.get(edit).status_code == 200  # password and code were just given
    settings.REAUTH_MINUTES = 0
    response = client.get(edit)
    assert response["Location"].startswith(reverse("accounts:reauth"))
    changed = client.post(edit, {"full_name": "x", "role": Role.SPOKESPERSON, "organisation": newsroom.org.pk})
    assert changed.status_code == 302 and changed["Location"].startswith(reverse("accounts:reauth"))
    newsroom.editor.refresh_from_db()
    assert newsroom.editor.role == Role.EDITOR


def test_reauth_needs_password_and_code(newsroom, sign_in):
    client = Client()
    sign_in(client, newsroom.operator)
    session = client.session
    session["auth_at"] = 0  # signed in long ago
    session.save()
    # The authenticator's codes of this half-minute are used up; a recovery code stands in.
    code = StaticToken.objects.filter(device__user=newsroom.operator).first().token
    edit = reverse("workspace:account_edit", args=[newsroom.editor.pk])
    assert client.get(edit)["Location"].startswith(reverse("accounts:reauth"))
    wrong = client.post(reverse("accounts:reauth"), {"password": "sai-mat-khau", "code": code, "next": edit})
    assert wrong.status_code == 400
    right = client.post(reverse("accounts:reauth"), {"password": factories.PASSWORD, "code": code, "next": edit})
    assert right["Location"] == edit
    assert client.get(edit).status_code == 200


def test_operator_resets_a_lost_authenticator_audited(newsroom, sign_in):
    enrolled(newsroom.editor)
    client = Client()
    sign_in(client, newsroom.operator)
    client.post(reverse("workspace:account_otp_reset", args=[newsroom.editor.pk]))
    assert not twofactor.is_enabled(newsroom.editor)
    assert AuditEntry.objects.filter(action="account.otp_reset", actor=newsroom.operator).exists()


def test_a_password_alone_cannot_manage_the_second_factor():
    journalist = factories.user(Role.JOURNALIST)
    _device, codes = enrolled(journalist)
    client = Client()
    password_login(client, journalist)
    assert client.get(reverse("accounts:otp_setup"))["Location"].startswith(reverse("accounts:otp_verify"))
    for action in ("accounts:otp_codes", "accounts:otp_disable"):
        response = client.post(reverse(action))
        assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:otp_verify"))
    assert twofactor.is_enabled(journalist)
    assert set(StaticToken.objects.filter(device__user=journalist).values_list("token", flat=True)) == set(codes)
