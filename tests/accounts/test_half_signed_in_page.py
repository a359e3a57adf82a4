"""A session that gave its password but not yet its one-time code gets the code page without the
live-notification bell: the page must not open the event stream, which refuses such a session
(the browser would log a failed stream). Once the code is given, the bell and its stream are there."""

import pytest
from django.test import Client
from django.urls import reverse

from presscenter.accounts.models import Role
from tests import factories
from tests.accounts.conftest import current_code, enrolled, password_login

pytestmark = pytest.mark.django_db

STREAM = 'data-live-stream="/'


def test_the_code_page_does_not_start_the_live_stream():
    user = factories.user(Role.SPOKESPERSON, factories.organisation())
    device, _codes = enrolled(user)
    client = Client()
    assert password_login(client, user).status_code == 302
    page = client.get(reverse("accounts:otp_verify"))
    body = page.content.decode()
    assert page.status_code == 200 and 'name="code"' in body
    assert STREAM not in body and "live/live.js" not in body
    # The stream itself refuses the session (the reason the page must not open it).
    assert client.get(reverse("live:stream")).status_code in (302, 401)
    assert client.post(reverse("accounts:otp_verify"), {"code": current_code(device, steps_ahead=1)}).status_code == 302
    body = client.get(reverse("workspace:home")).content.decode()
    assert STREAM in body and "live/live.js" in body


def test_a_signed_in_user_without_a_second_factor_gets_the_stream():
    client = Client()
    client.force_login(factories.user(Role.JOURNALIST, accredited=True))
    assert STREAM in client.get(reverse("portal:home")).content.decode()
