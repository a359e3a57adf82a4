"""Demo accounts whose role requires two-factor sign-in get an authenticator and recovery codes
already set up, so a visitor signs in with the printed secret instead of enrolling first."""

from base64 import b32decode

from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from presscenter.accounts.models import User
from presscenter.accounts.twofactor import DEVICE_NAME, role_requires
from presscenter.demo import people


def otpauth_uri() -> str:
    return f"otpauth://totp/presscenter-demo?secret={people.DEMO_OTP_SECRET}&issuer=presscenter-demo"


def seed_second_factor(accounts: list[User]) -> None:
    key = b32decode(people.DEMO_OTP_SECRET).hex()
    staff = [account for account in accounts if role_requires(account.role)]
    TOTPDevice.objects.bulk_create(
        [TOTPDevice(user=account, name=DEVICE_NAME, key=key, confirmed=True) for account in staff]
    )
    devices = StaticDevice.objects.bulk_create(
        [StaticDevice(user=account, name="recovery", confirmed=True) for account in staff]
    )
    StaticToken.objects.bulk_create(
        [StaticToken(device=device, token=code) for device in devices for code in people.DEMO_RECOVERY_CODES]
    )
