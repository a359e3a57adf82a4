"""Every role against the calendar: who sees it (page, notes in the API) and who changes it (domain,
page, API)."""

import datetime as dt

import pytest
from django.test import Client

from presscenter.audit.models import AuditEntry
from presscenter.core.errors import PermissionDenied
from presscenter.workdays import access, domain
from presscenter.workdays.models import DayException, DayKind
from tests import factories
from tests.test_permission_matrix import ROLES, make_actor

VIEWERS = {"center_admin", "center_operator", "spokesperson_own", "spokesperson_other", "editor_own", "editor_other"}
EDITORS = {"center_admin", "center_operator"}


@pytest.mark.parametrize("role", ROLES)
def test_access_matrix(db, frozen_today, role):
    actor = make_actor(role, factories.organisation(), factories.organisation())
    assert access.can_view_calendar(actor) == (role in VIEWERS)
    assert access.can_edit_calendar(actor) == (role in EDITORS)


@pytest.mark.parametrize("role", ROLES)
def test_domain_matrix(db, frozen_today, role):
    existing = factories.day_exception(dt.date(2027, 2, 3))
    actor = make_actor(role, factories.organisation(), factories.organisation())
    entries = AuditEntry.objects.count()
    writes = [
        lambda: domain.add_exception(actor, date=dt.date(2027, 1, 30), kind=DayKind.MAKE_UP, name="Làm bù"),
        lambda: domain.change_exception(actor, existing, date=dt.date(2027, 2, 2), kind=DayKind.DAY_OFF, name="Sửa"),
        lambda: domain.remove_exception(actor, existing),
    ]
    for write in writes:
        if role in EDITORS:
            write()
        else:
            with pytest.raises(PermissionDenied):
                write()
    if role in EDITORS:
        assert not DayException.objects.filter(pk=existing.pk).exists()
        assert AuditEntry.objects.count() == entries + 3
    else:
        assert list(DayException.objects.values_list("date", "name")) == [(dt.date(2027, 2, 3), "Nghỉ thêm")]
        assert AuditEntry.objects.count() == entries


def client_for(role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(make_actor(role, factories.organisation(), factories.organisation()))
    return client


PAGE_ROLES = [role for role in ROLES if role != "deactivated_operator"]  # cannot sign in


@pytest.mark.parametrize("role", PAGE_ROLES)
def test_page_matrix(db, frozen_today, role):
    factories.day_exception(dt.date(2027, 2, 3), note="Thông báo số 1/TB")
    response = client_for(role).get("/lam-viec/lich-lam-viec/nam-2027/")
    if role == "anonymous":
        assert response.status_code == 302 and "/tai-khoan/" in response["Location"]
    elif role in VIEWERS:
        assert response.status_code == 200
        page = response.content.decode()
        assert "Tết Nguyên Đán" in page and "Thông báo số 1/TB" in page
        assert ("Thêm vào lịch" in page) == (role in EDITORS)
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("role", PAGE_ROLES)
def test_page_writes_matrix(db, frozen_today, role):
    existing = factories.day_exception(dt.date(2027, 2, 3))
    client = client_for(role)
    form = {"date": "30/01/2027", "kind": "make_up", "name": "Làm bù", "note": ""}
    responses = [
        client.post("/lam-viec/lich-lam-viec/them/", form),
        client.post(f"/lam-viec/lich-lam-viec/{existing.pk}/sua/", {**form, "date": "02/02/2027", "kind": "day_off"}),
        client.post(f"/lam-viec/lich-lam-viec/{existing.pk}/xoa/"),
    ]
    if role in EDITORS:
        assert [r.status_code for r in responses] == [302, 302, 302]
        assert list(DayException.objects.values_list("date", flat=True)) == [dt.date(2027, 1, 30)]
    else:
        assert all(r.status_code == (302 if role == "anonymous" else 403) for r in responses)
        assert list(DayException.objects.values_list("date", flat=True)) == [dt.date(2027, 2, 3)]
