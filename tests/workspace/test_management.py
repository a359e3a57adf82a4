"""Accounts, organisations and the audit log, managed by the center."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from presscenter.accounts import domain as accounts
from presscenter.accounts.models import Role, User
from presscenter.audit.models import AuditEntry
from presscenter.core.errors import DomainError, PermissionDenied
from presscenter.orgs import domain as orgs
from presscenter.orgs.models import Organisation
from tests import factories


def test_operator_creates_agency_account_through_the_screen(newsroom, login):
    response = login(newsroom.operator).post(
        reverse("workspace:account_create"),
        {"username": "bientap-moi", "full_name": "Nguyễn Văn A", "role": Role.EDITOR, "organisation": newsroom.org.pk},
    )
    assert response.status_code == 302
    account = User.objects.get(username="bientap-moi")
    assert (account.role, account.organisation) == (Role.EDITOR, newsroom.org)
    assert not account.has_usable_password()
    assert AuditEntry.objects.filter(action="account.create", object_id=str(account.pk)).exists()


def test_agency_account_needs_an_organisation(newsroom, login):
    response = login(newsroom.operator).post(
        reverse("workspace:account_create"), {"username": "khong-co-quan", "role": Role.SPOKESPERSON}
    )
    assert response.status_code == 200
    assert "phải gắn với một cơ quan" in response.content.decode()
    assert not User.objects.filter(username="khong-co-quan").exists()


def test_operator_cannot_create_or_edit_operators(newsroom, login):
    client = login(newsroom.operator)
    response = client.post(reverse("workspace:account_create"), {"username": "dhv2", "role": Role.CENTER_OPERATOR})
    assert response.status_code == 200
    assert not User.objects.filter(username="dhv2").exists()
    other_operator = factories.user(Role.CENTER_OPERATOR)
    assert client.get(reverse("workspace:account_edit", args=[other_operator.pk])).status_code == 403
    with pytest.raises(PermissionDenied):
        accounts.update_account(newsroom.operator, newsroom.editor, role=Role.CENTER_ADMIN)


def test_admin_manages_operators(newsroom, login):
    admin = factories.user(Role.CENTER_ADMIN)
    login(admin).post(
        reverse("workspace:account_edit", args=[newsroom.operator.pk]),
        {"full_name": "Điều hành", "role": Role.CENTER_OPERATOR, "is_active": ""},
    )
    newsroom.operator.refresh_from_db()
    assert not newsroom.operator.is_active


def test_journalist_accreditation_and_deactivation(newsroom, login):
    journalist = factories.user(Role.JOURNALIST)
    accounts.update_account(newsroom.operator, journalist, accredited=True)
    journalist.refresh_from_db()
    assert journalist.accredited
    login(newsroom.operator).post(reverse("workspace:account_deactivate", args=[journalist.pk]))
    journalist.refresh_from_db()
    assert not journalist.is_active
    assert AuditEntry.objects.filter(action="account.deactivate", object_id=str(journalist.pk)).exists()


def test_nobody_deactivates_themselves(newsroom):
    with pytest.raises(PermissionDenied):
        accounts.deactivate(newsroom.operator, newsroom.operator)


def test_duplicate_username_is_refused(newsroom):
    with pytest.raises(DomainError):
        accounts.create_account(newsroom.operator, username=newsroom.editor.username.upper(), role=Role.PUBLIC)


def test_organisation_tree_is_indented(newsroom, login):
    ward = factories.organisation(kind="ward", name="Phường Ba Đình", parent=newsroom.org)
    html = login(newsroom.operator).get(reverse("workspace:organisation_list")).content.decode()
    assert html.index(newsroom.org.name) < html.index(ward.name)
    assert 'class="depth-1"><a href="{}"'.format(reverse("workspace:organisation_edit", args=[ward.pk])) in html


def test_operator_edits_spokesperson_contacts(newsroom, login):
    data = {
        "kind": newsroom.org.kind,
        "name": newsroom.org.name,
        "slug": newsroom.org.slug,
        "spokesperson_name": "Trần Thị B",
        "spokesperson_phone": "024 3825 0000",
        "spokesperson_email": "phatngon@hanoi.gov.vn",
        "active": "on",
    }
    response = login(newsroom.operator).post(reverse("workspace:organisation_edit", args=[newsroom.org.pk]), data)
    assert response.status_code == 302
    newsroom.org.refresh_from_db()
    assert newsroom.org.spokesperson_name == "Trần Thị B"
    assert AuditEntry.objects.filter(action="org.update", object_id=str(newsroom.org.pk)).exists()


def test_operator_creates_organisation_and_slug_must_be_unique(newsroom, login):
    client = login(newsroom.operator)
    data = {"kind": "commune", "name": "Xã Sóc Sơn", "slug": "xa-soc-son", "parent": newsroom.org.pk, "active": "on"}
    assert client.post(reverse("workspace:organisation_create"), data).status_code == 302
    assert Organisation.objects.get(slug="xa-soc-son").parent == newsroom.org
    assert client.post(reverse("workspace:organisation_create"), data).status_code == 200
    assert Organisation.objects.filter(slug="xa-soc-son").count() == 1


def test_tree_cannot_loop(newsroom):
    child = orgs.create_organisation(
        newsroom.operator, kind="ward", name="Phường Con", slug="phuong-con", parent=newsroom.org
    )
    with pytest.raises(DomainError):
        orgs.update_organisation(newsroom.operator, newsroom.org, parent=child)


def test_agency_cannot_change_organisations(newsroom, login):
    with pytest.raises(PermissionDenied):
        orgs.update_organisation(newsroom.spokesperson, newsroom.org, name="Đổi tên")
    response = login(newsroom.spokesperson).post(
        reverse("workspace:organisation_edit", args=[newsroom.org.pk]), {"name": "Đổi tên"}
    )
    assert response.status_code == 403


def test_audit_browser_filters(newsroom, login):
    item = newsroom.publish(title="Tin kiểm toán")
    factories.user(Role.JOURNALIST)
    accounts.create_account(newsroom.operator, username="nhabao-x", role=Role.JOURNALIST)
    client = login(newsroom.operator)
    url = reverse("workspace:audit_log")

    def listed(**query):
        page = client.get(url, query).context["page"]
        return {(entry.action, entry.actor_label) for entry in page.object_list}

    assert listed(action="item.publish") == {("item.publish", newsroom.spokesperson.username)}
    assert listed(actor=newsroom.editor.username) == {
        ("item.create", newsroom.editor.username),
        ("item.submit", newsroom.editor.username),
    }
    assert {action for action, _ in listed(object_type="accounts.user")} == {"account.create"}
    today = timezone.localdate()
    assert listed(since=today.isoformat(), until=today.isoformat())
    assert listed(until=(today - dt.timedelta(days=1)).isoformat()) == set()
    assert str(item.pk) in client.get(url, {"action": "item"}).content.decode()
