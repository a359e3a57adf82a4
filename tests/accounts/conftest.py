"""Accounts tests run with sign-in protection as in production: two-factor sign-in required for
staff and spokespersons, and django-axes counting failures (tests/conftest.py turns both off)."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from presscenter.accounts import twofactor
from tests.factories import PASSWORD


@pytest.fixture(autouse=True)
def _protected(settings):
    settings.PRESSCENTER_REQUIRE_STAFF_OTP = True
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 12


def current_code(device: TOTPDevice, steps_ahead: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits)
    totp.time += steps_ahead * device.step
    return f"{totp.token():06d}"


def enrolled(user: Any) -> tuple[TOTPDevice, list[str]]:
    """An authenticator confirmed through the real enrolment function, and its recovery codes."""
    device = twofactor.pending_authenticator(user)
    codes = twofactor.enable(user, device, current_code(device))
    device.refresh_from_db()
    return device, codes


def password_login(client: Client, user: Any, password: str = PASSWORD, **extra: Any) -> Any:
    return client.post(reverse("accounts:login"), {"username": user.username, "password": password}, **extra)


@pytest.fixture
def sign_in() -> Callable[[Client, Any], TOTPDevice]:
    """Password, then a code from an enrolled authenticator, through the real pages."""

    def _sign_in(client: Client, user: Any) -> TOTPDevice:
        device = twofactor.authenticator(user) or enrolled(user)[0]
        assert password_login(client, user).status_code == 302
        # The enrolment above used the current step; the next one is still inside the tolerance.
        response = client.post(reverse("accounts:otp_verify"), {"code": current_code(device, steps_ahead=1)})
        assert response.status_code == 302, response.content.decode()[:500]
        return device

    return _sign_in
