"""After signing in each role lands on its own home; `next` only when safe and theirs to see."""

import pytest
from django.test import Client
from django.urls import reverse

from presscenter.accounts.models import Role
from tests import factories
from tests.accounts.conftest import password_login

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _password_only(settings):
    settings.PRESSCENTER_REQUIRE_STAFF_OTP = False


@pytest.mark.parametrize(
    ("role", "home"),
    [
        (Role.CENTER_ADMIN, "workspace:home"),
        (Role.CENTER_OPERATOR, "workspace:home"),
        (Role.SPOKESPERSON, "workspace:home"),
        (Role.EDITOR, "workspace:home"),
        (Role.JOURNALIST, "press:desk"),
        (Role.PUBLIC, "portal:home"),
    ],
)
def test_each_role_lands_on_its_home_and_may_open_it(role, home):
    organisation = factories.organisation() if role in (Role.SPOKESPERSON, Role.EDITOR) else None
    user = factories.user(role, organisation)
    client = Client()
    response = password_login(client, user)
    assert response["Location"] == reverse(home)
    assert client.get(response["Location"]).status_code == 200


def test_safe_next_that_the_user_may_open_is_honoured():
    journalist = factories.user(Role.JOURNALIST)
    client = Client()
    url = reverse("accounts:login") + "?next=" + reverse("press:profile")
    response = client.post(url, {"username": journalist.username, "password": factories.PASSWORD})
    assert response["Location"] == reverse("press:profile")


@pytest.mark.parametrize("wanted", ["https://evil.example/", "//evil.example/lam-viec/", "/khong-co-trang-nay/"])
def test_unsafe_or_unknown_next_goes_home(wanted):
    journalist = factories.user(Role.JOURNALIST)
    client = Client()
    response = client.post(
        reverse("accounts:login"), {"username": journalist.username, "password": factories.PASSWORD, "next": wanted}
    )
    assert response["Location"] == reverse("press:desk")


def test_next_to_a_staff_screen_is_not_followed_by_a_journalist():
    journalist = factories.user(Role.JOURNALIST)
    client = Client()
    response = client.post(
        reverse("accounts:login"),
        {"username": journalist.username, "password": factories.PASSWORD, "next": reverse("workspace:home")},
    )
    assert response["Location"] == reverse("press:desk")
