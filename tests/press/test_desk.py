import pytest
from django.urls import reverse

from presscenter.accounts.models import Role
from tests import factories


@pytest.mark.parametrize(("accredited", "shows_private_tools"), [(True, True), (False, False)])
def test_journalist_desk_links_to_their_tools(client, db, accredited, shows_private_tools):
    journalist = factories.user(Role.JOURNALIST, accredited=accredited)
    client.force_login(journalist)
    page = client.get(reverse("press:desk")).content.decode()
    assert reverse("subscriptions:list") in page
    assert reverse("live:centre") in page
    assert (reverse("live:embargo_inbox") in page) is shows_private_tools
    assert (reverse("webhooks:list") in page) is shows_private_tools


def test_header_sends_readers_to_their_desk_and_staff_to_the_workspace(client, db):
    client.force_login(factories.user(Role.PUBLIC))
    assert reverse("press:desk") in client.get("/").content.decode()
    client.force_login(factories.user(Role.CENTER_OPERATOR))
    home = client.get("/").content.decode()
    assert reverse("workspace:home") in home
    assert reverse("press:desk") not in home


def test_desk_needs_login(client, db):
    response = client.get(reverse("press:desk"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_desk_query_count(client, db, django_assert_max_num_queries):
    client.force_login(factories.user(Role.JOURNALIST, accredited=True))
    with django_assert_max_num_queries(8):
        assert client.get(reverse("press:desk")).status_code == 200
