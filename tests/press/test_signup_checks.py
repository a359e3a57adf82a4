"""Sign-up checks phone, citizen ID (CCCD) and press card numbers, and shows every problem at once."""

import datetime as dt

import pytest
from django.urls import reverse

from presscenter.accounts.models import Role, User
from presscenter.core.errors import DomainError
from presscenter.press import applicant, domain
from presscenter.press.models import JournalistProfile
from tests import factories
from tests.press.conftest import PASSWORD, photo_upload, signup_fields

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("0912345678", "0912345678"),
        ("0912 345 678", "0912345678"),
        ("091.234.5678", "0912345678"),
        ("+84 912 345 678", "0912345678"),
        ("+84912345678", "0912345678"),
        ("024 3825 1234", "02438251234"),
        ("", ""),
    ],
)
def test_phone_formats_accepted_and_normalised(typed, stored):
    assert applicant.phone_number(typed) == stored


@pytest.mark.parametrize("typed", ["12345", "091234567", "09123456789", "+1 555 123 4567", "0112345678", "số đt"])
def test_phone_formats_refused(typed):
    with pytest.raises(DomainError) as refused:
        applicant.phone_number(typed)
    assert refused.value.field == "phone"


@pytest.mark.parametrize(("typed", "stored"), [("001190012345", "001190012345"), ("001 190 012 345", "001190012345")])
def test_identity_number_is_twelve_digits(typed, stored):
    assert applicant.identity_number(typed) == stored


@pytest.mark.parametrize("typed", ["00119001234", "0011900123456", "00119001234A", "123"])
def test_identity_number_refused(typed):
    with pytest.raises(DomainError, match="đúng 12 chữ số"):
        applicant.identity_number(typed)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("HN-00123", "HN-00123"),
        ("hn 00123", "HN 00123"),
        ("BĐT 4567", "BĐT 4567"),
        ("012345", "012345"),
        ("HNM-2024-0173", "HNM-2024-0173"),
    ],
)
def test_press_card_numbers_accepted(typed, stored):
    assert applicant.press_card_number(typed) == stored


@pytest.mark.parametrize("typed", ["abc", "HN-12", "!!!00123", "HANOIXX-00123", "HN-1234567890123", "HN--0012"])
def test_press_card_numbers_refused_with_the_pattern_explained(typed):
    with pytest.raises(DomainError, match="ví dụ HN-00123"):
        applicant.press_card_number(typed)


def test_domain_refuses_a_bad_identity_number_too(outlet):
    with pytest.raises(DomainError) as refused:
        domain.sign_up(**signup_fields(outlet, identity_number="12345"))
    assert refused.value.field == "identity_number"
    assert not JournalistProfile.objects.exists()


def test_signup_page_shows_every_problem_at_once(client, outlet):
    taken = factories.user(Role.PUBLIC, email="dacoroi@baohanoimoi.vn")
    post = {
        "full_name": "Trần Thị Phóng Viên",
        "email": taken.email,
        "phone": "12345",
        "identity_number": "0011",
        "outlet": outlet.pk,
        "press_card_number": "??",
        "press_card_expiry": "2020-01-01",
        "password": "ngan",
        "password_again": "ngan",
        "photo": photo_upload("anh.png", b"khong phai anh"),
    }
    response = client.post(reverse("press:signup"), post)
    assert response.status_code == 400
    html = response.content.decode()
    for message in [
        "đã được dùng cho một tài khoản khác",
        "Số điện thoại không hợp lệ",
        "đúng 12 chữ số",
        "Số thẻ nhà báo không hợp lệ",
        "Thẻ nhà báo đã hết hạn",
        "không phải là ảnh hợp lệ",
    ]:
        assert message in html, message
    assert "quá ngắn" in html or "too short" in html  # Django's password validator
    assert not User.objects.filter(role=Role.JOURNALIST).exists()


def test_signup_page_stores_normalised_numbers(client, outlet):
    post = {
        **signup_fields(outlet, phone="+84 912 345 678", identity_number="001 190 012 345", press_card_number="hn 7"),
        "outlet": outlet.pk,
        "password_again": PASSWORD,
        "press_card_number": "hn-00777",
        "press_card_expiry": (dt.date.today() + dt.timedelta(days=300)).isoformat(),
    }
    assert client.post(reverse("press:signup"), post).status_code == 200
    profile = JournalistProfile.objects.select_related("user").get()
    assert profile.user.phone == "0912345678"
    assert profile.identity_number == "001190012345"
    assert profile.press_card_number == "HN-00777"
