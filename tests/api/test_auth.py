"""Tokens: issued and revoked through the domain; a bad, revoked or orphaned token is a 401."""

import datetime as dt

import pytest
from django.utils import timezone

from presscenter.accounts.models import ApiToken, Role
from presscenter.accounts.tokens import issue_token, revoke_token, token_for_secret
from presscenter.audit.models import AuditEntry
from presscenter.core.errors import DomainError, PermissionDenied
from presscenter.core.issued_secrets import digest as hash_token
from tests import factories
from tests.api.conftest import ApiClient, assert_error


def test_issue_stores_only_the_digest(newsroom):
    token, raw = issue_token(newsroom.editor, newsroom.editor, newsroom.org, "CMS của Sở")
    assert raw.startswith("pc_")
    assert token.digest == hash_token(raw) and raw not in token.digest
    assert token.hint == raw[:10]
    assert AuditEntry.objects.filter(action="token.issue", object_id=str(token.pk)).exists()


def test_agency_token_must_be_bound_to_own_agency(newsroom):
    other = factories.organisation()
    with pytest.raises(DomainError):
        issue_token(newsroom.editor, newsroom.editor, other, "CMS")
    with pytest.raises(DomainError):
        issue_token(newsroom.editor, newsroom.editor, None, "CMS")
    with pytest.raises(DomainError):
        issue_token(newsroom.editor, newsroom.editor, newsroom.org, "  ")
    assert not ApiToken.objects.exists()


def test_only_owner_or_center_admin_issues_and_revokes(newsroom):
    with pytest.raises(PermissionDenied):
        issue_token(newsroom.spokesperson, newsroom.editor, newsroom.org, "CMS")
    admin = factories.user(Role.CENTER_ADMIN)
    token, _raw = issue_token(admin, newsroom.editor, newsroom.org, "CMS")
    with pytest.raises(PermissionDenied):
        revoke_token(newsroom.spokesperson, token)
    revoke_token(newsroom.editor, token)
    token.refresh_from_db()
    assert token.revoked_at is not None
    with pytest.raises(DomainError):
        revoke_token(admin, token)


def test_use_records_last_used_at(newsroom):
    token, raw = issue_token(newsroom.editor, newsroom.editor, newsroom.org, "CMS")
    assert token.last_used_at is None
    assert token_for_secret(raw) == token
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_revoked_token_is_401(newsroom):
    token, raw = issue_token(newsroom.editor, newsroom.editor, newsroom.org, "CMS")
    revoke_token(newsroom.editor, token)
    error = assert_error(ApiClient(raw).get("/api/items"), 401, "not_authenticated")
    assert error["message"] == "Mã truy cập không hợp lệ hoặc đã bị thu hồi."
    assert_error(ApiClient(raw).post("/api/agency/items", {"title": "Tin"}), 401, "not_authenticated")


def test_token_of_inactive_user_is_401(newsroom):
    _token, raw = issue_token(newsroom.editor, newsroom.editor, newsroom.org, "CMS")
    newsroom.editor.is_active = False
    newsroom.editor.save(update_fields=["is_active"])
    assert_error(ApiClient(raw).get("/api/agency/items"), 401, "not_authenticated")


@pytest.mark.parametrize("header", ["Bearer pc_made-up", "Bearer not-even-prefixed"])
def test_unknown_token_is_401(db, header):
    response = ApiClient().client.get("/api/items", headers={"Authorization": header})
    assert_error(response, 401, "not_authenticated")


def test_write_endpoints_need_a_token_not_a_session(newsroom):
    client = ApiClient()
    client.client.force_login(newsroom.editor)
    assert_error(client.post("/api/agency/items", {"title": "Tin"}), 401, "not_authenticated")


def test_session_reads_see_embargoed_items(newsroom, journalist):
    item = newsroom.publish(embargo_until=timezone.now() + dt.timedelta(days=1))
    anonymous = ApiClient()
    assert_error(anonymous.get(f"/api/items/{item.uid}"), 404, "not_found")
    browser = ApiClient()
    browser.client.force_login(journalist)
    assert browser.get(f"/api/items/{item.uid}").status_code == 200
    assert [i["uid"] for i in browser.get("/api/items").json()["results"]] == [str(item.uid)]
    assert anonymous.get("/api/items").json()["total"] == 0


def test_journalist_token_reads_embargoed_items(newsroom, journalist):
    item = newsroom.publish(embargo_until=timezone.now() + dt.timedelta(days=1))
    _token, raw = issue_token(journalist, journalist, None, "Tòa soạn")
    assert ApiClient(raw).get(f"/api/items/{item.uid}").status_code == 200
