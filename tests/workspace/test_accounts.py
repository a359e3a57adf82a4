"""Signing in and out, password change and API tokens."""

from django.urls import reverse

from presscenter.accounts.models import ApiToken, Role
from tests import factories
from tests.factories import PASSWORD


def test_login_page_is_vietnamese_and_signs_in(newsroom, client):
    page = client.get(reverse("accounts:login"))
    assert page.status_code == 200
    assert "Đăng nhập" in page.content.decode()
    response = client.post(reverse("accounts:login"), {"username": newsroom.editor.username, "password": PASSWORD})
    assert response["Location"] == reverse("workspace:home")


def test_wrong_password_is_refused(newsroom, client):
    response = client.post(reverse("accounts:login"), {"username": newsroom.editor.username, "password": "sai"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_logout_needs_post(newsroom, login):
    client = login(newsroom.editor)
    assert client.get(reverse("accounts:logout")).status_code == 405
    client.post(reverse("accounts:logout"))
    assert "_auth_user_id" not in client.session


def test_password_change(newsroom, login):
    client = login(newsroom.editor)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "cau-tran-hung-dao-2026",
            "new_password2": "cau-tran-hung-dao-2026",
        },
    )
    assert response["Location"] == reverse("accounts:password_change_done")
    newsroom.editor.refresh_from_db()
    assert newsroom.editor.check_password("cau-tran-hung-dao-2026")


def test_agency_member_issues_and_revokes_a_token(newsroom, login):
    client = login(newsroom.editor)
    response = client.post(reverse("accounts:tokens"), {"name": "Hệ thống văn bản"})
    secret = response.context["secret"]
    assert secret.startswith(ApiToken.PREFIX)
    token = ApiToken.objects.get(user=newsroom.editor)
    assert token.organisation == newsroom.org
    assert secret not in client.get(reverse("accounts:tokens")).content.decode()  # shown once only
    client.post(reverse("accounts:token_revoke", args=[token.pk]))
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_others_cannot_revoke_or_use_token_screen(newsroom, login):
    client = login(newsroom.editor)
    client.post(reverse("accounts:tokens"), {"name": "Hệ thống"})
    token = ApiToken.objects.get()
    login(newsroom.spokesperson).post(reverse("accounts:token_revoke", args=[token.pk]))
    token.refresh_from_db()
    assert token.revoked_at is None
    assert login(factories.user(Role.JOURNALIST)).get(reverse("accounts:tokens")).status_code == 403
