"""The demo's staff sign in with the printed password, then the printed secret or recovery code."""

import pytest
from django.test import Client
from django.urls import reverse

from presscenter.accounts.models import User
from presscenter.cli import demo_banner, main
from presscenter.demo import people
from presscenter.demo.seed import logins
from tests.accounts.conftest import current_code

pytestmark = pytest.mark.django_db


def test_demo_staff_sign_in_with_the_printed_secret_and_codes(capsys):
    assert main(["seed-demo"]) == 0
    banner = demo_banner("http://127.0.0.1:8000")
    assert people.DEMO_OTP_SECRET in banner and "demo-1" in banner
    staff = [login for login in logins() if login.second_factor]
    assert {login.username for login in staff} >= {"quantri", "dieuhanh", "yte.phatngon"}
    assert not any(login.second_factor for login in logins() if login.username in ("yte.bientap", "nhabao"))

    by_app = Client()
    by_app.post(reverse("accounts:login"), {"username": "yte.phatngon", "password": people.DEMO_PASSWORD})
    device = User.objects.get(username="yte.phatngon").totpdevice_set.get()
    assert by_app.post(reverse("accounts:otp_verify"), {"code": current_code(device)}).status_code == 302
    assert by_app.get(reverse("workspace:home")).status_code == 200

    by_code = Client()
    by_code.post(reverse("accounts:login"), {"username": "dieuhanh", "password": people.DEMO_PASSWORD})
    assert by_code.post(reverse("accounts:otp_verify"), {"code": "demo-1"}).status_code == 302
    assert by_code.get(reverse("workspace:home")).status_code == 200
