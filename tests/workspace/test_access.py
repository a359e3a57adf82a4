"""Every working screen: anonymous visitors go to the login page, the wrong role gets a 403 page."""

import pytest
from django.urls import reverse

from presscenter.accounts.models import Role
from tests import factories

AGENCY_SCREENS = [
    ("workspace:home", []),
    ("workspace:queue", ["drafts"]),
    ("workspace:queue", ["review"]),
    ("workspace:queue", ["published"]),
    ("workspace:item_create", []),
]
STAFF_SCREENS = [
    ("workspace:late_publications", []),
    ("workspace:audit_log", []),
    ("workspace:account_list", []),
    ("workspace:account_create", []),
    ("workspace:organisation_list", []),
    ("workspace:organisation_create", []),
]


@pytest.mark.parametrize(("name", "args"), AGENCY_SCREENS + STAFF_SCREENS)
def test_anonymous_visitors_are_sent_to_login(client, db, name, args):
    response = client.get(reverse(name, args=args))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize(("name", "args"), AGENCY_SCREENS + STAFF_SCREENS)
def test_journalists_get_a_403_page(login, db, name, args):
    response = login(factories.user(Role.JOURNALIST, accredited=True)).get(reverse(name, args=args))
    assert response.status_code == 403
    assert "Không có quyền truy cập" in response.content.decode()


@pytest.mark.parametrize(("name", "args"), STAFF_SCREENS)
def test_agency_members_cannot_open_center_screens(newsroom, login, name, args):
    assert login(newsroom.spokesperson).get(reverse(name, args=args)).status_code == 403


@pytest.mark.parametrize(("name", "args"), AGENCY_SCREENS + STAFF_SCREENS)
def test_operators_open_every_screen(newsroom, login, name, args):
    assert login(newsroom.operator).get(reverse(name, args=args)).status_code == 200


def test_other_agency_cannot_open_an_item(newsroom, login):
    item = newsroom.draft()
    outsider = login(factories.user(Role.SPOKESPERSON, factories.organisation()))
    assert outsider.get(reverse("workspace:item", args=[item.pk])).status_code == 403
    assert outsider.post(reverse("workspace:item_action", args=[item.pk, "submit"])).status_code == 403


def test_unknown_queue_is_not_found(newsroom, login):
    assert login(newsroom.editor).get(reverse("workspace:queue", args=["khong-co"])).status_code == 404
