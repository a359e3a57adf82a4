"""Every role against every accreditation and outlet action, through the domain (the choke point)
and through the pages."""

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from presscenter.accounts.models import Role
from presscenter.core.errors import PermissionDenied
from presscenter.press import domain
from presscenter.press.models import Accreditation, JournalistProfile, Outlet, OutletType
from tests import factories
from tests.press.conftest import journalist, photo_upload, signup_fields

pytestmark = pytest.mark.django_db

ROLES = ["center_admin", "center_operator", "spokesperson", "editor", "journalist", "public", "anonymous"]
ALLOWED = {"center_admin", "center_operator"}
ACTIONS = {
    "approve": (Accreditation.PENDING, ""),
    "reject": (Accreditation.PENDING, "Hồ sơ thiếu"),
    "suspend": (Accreditation.APPROVED, "Đang xác minh"),
    "revoke": (Accreditation.APPROVED, "Vi phạm"),
}


def make_actor(role: str) -> Any:
    if role == "anonymous":
        return AnonymousUser()
    organisation = factories.organisation() if role in ("spokesperson", "editor") else None
    if role == "journalist":
        return factories.user(Role.JOURNALIST, accredited=True)
    return factories.user(role, organisation)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_accreditation_decisions(outlet, role, action):
    start, reason = ACTIONS[action]
    profile = journalist(outlet)
    JournalistProfile.objects.filter(pk=profile.pk).update(status=start)
    actor = make_actor(role)
    if role in ALLOWED:
        assert domain.decide(actor, profile, action, reason).status != start
        return
    with pytest.raises(PermissionDenied):
        domain.decide(actor, profile, action, reason)
    profile.refresh_from_db()
    assert profile.status == start


@pytest.mark.parametrize("role", ROLES)
def test_outlet_create(db, role):
    actor = make_actor(role)
    if role in ALLOWED:
        assert domain.save_outlet(actor, None, name="Báo Kinh tế Đô thị", type=OutletType.NEWSPAPER).pk
        return
    with pytest.raises(PermissionDenied):
        domain.save_outlet(actor, None, name="Báo Kinh tế Đô thị", type=OutletType.NEWSPAPER)
    assert not Outlet.objects.exists()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_decision_pages(client, outlet, role, action):
    start, reason = ACTIONS[action]
    profile = journalist(outlet)
    JournalistProfile.objects.filter(pk=profile.pk).update(status=start)
    actor = make_actor(role)
    if role != "anonymous":
        client.force_login(actor)
    response = client.post(reverse("press:decide", args=[profile.pk, action]), {"reason": reason})
    profile.refresh_from_db()
    if role in ALLOWED:
        assert response.status_code == 302 and profile.status != start
    else:
        assert response.status_code == (302 if role == "anonymous" else 403)
        assert profile.status == start


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", ["press:queue", "press:outlets", "press:outlet_create"])
def test_operator_pages(client, db, role, page):
    if role != "anonymous":
        client.force_login(make_actor(role))
    response = client.get(reverse(page))
    expected = 200 if role in ALLOWED else (302 if role == "anonymous" else 403)
    assert response.status_code == expected


def test_journalist_photo_is_for_staff_only(client, outlet, operator):
    profile = domain.sign_up(**signup_fields(outlet), photo=photo_upload(), photo_name="a.png")
    url = reverse("press:photo", args=[profile.pk])
    client.force_login(profile.user)
    assert client.get(url).status_code == 403
    client.force_login(operator)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"] == "private, no-store"
