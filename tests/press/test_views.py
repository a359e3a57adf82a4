"""The press pages end to end: sign-up, queue, outlet registry and the journalist's profile."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from presscenter.accounts.models import Role, User
from presscenter.orgs.models import Kind
from presscenter.press import domain
from presscenter.press.models import Accreditation, JournalistProfile, Outlet
from presscenter.subscriptions.models import Channel
from tests import factories
from tests.press.conftest import PASSWORD, journalist, make_outlet, photo_upload

pytestmark = pytest.mark.django_db


def _signup_post(outlet, /, **changes):
    data = {
        "full_name": "Trần Thị Phóng Viên",
        "email": "phongvien@baohanoimoi.vn",
        "phone": "0987654321",
        "identity_number": "001190012345",
        "outlet": outlet.pk,
        "press_card_number": "HN-00123",
        "press_card_expiry": (timezone.localdate() + dt.timedelta(days=400)).isoformat(),
        "password": PASSWORD,
        "password_again": PASSWORD,
        "photo": photo_upload(),
    }
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


def test_signup_page_creates_pending_application(client, outlet):
    page = client.get(reverse("press:signup"))
    assert page.status_code == 200
    assert outlet.name in page.content.decode()
    response = client.post(reverse("press:signup"), _signup_post(outlet))
    assert response.status_code == 200
    assert "Đã nhận đăng ký" in response.content.decode()
    profile = JournalistProfile.objects.get()
    assert profile.status == Accreditation.PENDING and profile.photo
    assert client.login(username="phongvien@baohanoimoi.vn", password=PASSWORD)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"press_card_expiry": "2020-01-01"}, "Thẻ nhà báo đã hết hạn"),
        ({"photo": photo_upload("anh.png", b"day khong phai la anh")}, "không phải là ảnh hợp lệ"),
        ({"outlet": None}, "Trường này là bắt buộc"),
        ({"password_again": "khac-hoan-toan-123"}, "Hai mật khẩu không khớp"),
    ],
)
def test_signup_bad_input_shows_translated_error(client, outlet, changes, message):
    response = client.post(reverse("press:signup"), _signup_post(outlet, **changes))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not User.objects.filter(role=Role.JOURNALIST).exists()


def test_queue_filters_and_detail(client, operator):
    first, second = make_outlet(), make_outlet()
    waiting = journalist(first)
    approved = journalist(second, approved_by=operator)
    client.force_login(operator)
    listing = client.get(reverse("press:queue"), {"status": "pending"}).content.decode()
    assert waiting.user.full_name in listing and approved.user.full_name not in listing
    by_outlet = client.get(reverse("press:queue"), {"outlet": second.pk}).content.decode()
    assert approved.user.full_name in by_outlet and waiting.user.full_name not in by_outlet
    detail = client.get(reverse("press:journalist", args=[waiting.pk])).content.decode()
    assert waiting.press_card_number in detail and "Cấp thẻ tác nghiệp" in detail


def test_reject_without_reason_from_page_changes_nothing(client, outlet, operator):
    profile = journalist(outlet)
    client.force_login(operator)
    response = client.post(reverse("press:decide", args=[profile.pk, "reject"]), {"reason": ""}, follow=True)
    assert "Hãy ghi lý do." in response.content.decode()
    profile.refresh_from_db()
    assert profile.status == Accreditation.PENDING


def test_unknown_action_is_not_found(client, outlet, operator):
    client.force_login(operator)
    assert client.post(reverse("press:decide", args=[journalist(outlet).pk, "xoa"])).status_code == 404


def test_outlet_create_edit_deactivate(client, operator):
    client.force_login(operator)
    data = {"name": "Báo Hànội Mới", "type": "newspaper", "licence_number": "GP 01/2026", "logo_upload": photo_upload()}
    assert client.post(reverse("press:outlet_create"), data).status_code == 302
    outlet = Outlet.objects.get()
    assert outlet.logo.name.endswith(".jpg")
    assert client.get(reverse("press:outlet_logo", args=[outlet.pk])).status_code == 200
    edit = {"name": "Báo Hà Nội Mới", "type": "newspaper", "licence_number": "GP 01/2026"}
    assert client.post(reverse("press:outlet_edit", args=[outlet.pk]), edit).status_code == 302
    client.post(reverse("press:outlet_active", args=[outlet.pk]), {"active": "0"})
    outlet.refresh_from_db()
    assert outlet.name == "Báo Hà Nội Mới" and outlet.active is False
    client.get(reverse("press:outlets"))  # shows (and so clears) the success messages
    assert "Báo Hà Nội Mới" not in client.get(reverse("press:signup")).content.decode()


def test_outlet_bad_logo_and_duplicate_name(client, operator):
    existing = make_outlet()
    client.force_login(operator)
    bad_logo = {"name": "Đài Phát thanh", "type": "radio", "logo_upload": photo_upload("logo.png", b"GIF89a rac")}
    response = client.post(reverse("press:outlet_create"), bad_logo)
    assert response.status_code == 400 and "không phải là ảnh hợp lệ" in response.content.decode()
    duplicate = {"name": f"  {existing.name} ", "type": "radio"}
    response = client.post(reverse("press:outlet_create"), duplicate)
    assert response.status_code == 400
    assert Outlet.objects.count() == 1


def test_profile_page_saves_preferences(client, outlet, operator):
    profile = journalist(outlet, approved_by=operator)
    beat = factories.topic()
    ward = factories.organisation(kind=Kind.WARD, name="Phường Hoàn Kiếm")
    client.force_login(profile.user)
    page = client.get(reverse("press:profile")).content.decode()
    assert "Đã cấp" in page and profile.press_card_expiry.strftime("%d/%m/%Y") in page
    data = {
        "beats": [beat.pk],
        "areas": [ward.pk],
        "languages": ["vi", "en"],
        "preferred_channels": ["email", "live"],
        "quiet_hours_start": "22:00",
        "quiet_hours_end": "06:00",
    }
    assert client.post(reverse("press:profile"), data).status_code == 302
    profile.refresh_from_db()
    assert list(profile.beats.all()) == [beat] and list(profile.areas.all()) == [ward]
    assert profile.languages == ["vi", "en"] and profile.preferred_channels == ["email", "live"]
    assert profile.quiet_hours_start == dt.time(22, 0) and profile.quiet_hours_end == dt.time(6, 0)


def test_profile_channels_are_the_subscription_channels(client, outlet):
    """One list of channels, with one set of names, for the profile and for subscriptions."""
    profile = journalist(outlet)
    client.force_login(profile.user)
    form = client.get(reverse("press:profile")).context["form"]
    assert form.fields["preferred_channels"].choices == Channel.choices
    response = client.post(reverse("press:profile"), {"preferred_channels": ["email", "fax"]})
    assert response.status_code == 400
    profile.refresh_from_db()
    assert profile.preferred_channels == []


def test_profile_half_quiet_hours_and_non_area_refused(client, outlet):
    profile = journalist(outlet)
    department = factories.organisation(kind=Kind.DEPARTMENT)
    client.force_login(profile.user)
    response = client.post(reverse("press:profile"), {"quiet_hours_start": "22:00"})
    assert response.status_code == 400 and "giờ kết thúc" in response.content.decode()
    response = client.post(reverse("press:profile"), {"areas": [department.pk]})
    assert response.status_code == 400
    profile.refresh_from_db()
    assert profile.quiet_hours_start is None and not profile.areas.exists()


def test_profile_card_renewal(client, outlet, operator):
    profile = journalist(outlet, approved_by=operator)
    client.force_login(profile.user)
    expiry = (timezone.localdate() + dt.timedelta(days=800)).isoformat()
    response = client.post(reverse("press:profile"), {"press_card_number": "HN-77777", "press_card_expiry": expiry})
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.press_card_number == "HN-77777" and profile.status == Accreditation.PENDING


def test_profile_page_is_for_journalists_with_a_profile(client):
    client.force_login(factories.user(Role.PUBLIC))
    assert client.get(reverse("press:profile")).status_code == 403
    client.logout()
    assert client.get(reverse("press:profile")).status_code == 302


def test_queue_query_count_does_not_grow(client, operator, django_assert_max_num_queries):
    outlets = [make_outlet() for _ in range(3)]
    for n in range(30):
        journalist(outlets[n % 3], approved_by=operator if n % 2 else None)
    client.force_login(operator)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("press:queue"))
    assert response.status_code == 200


def test_outlet_list_query_count_does_not_grow(client, operator, django_assert_max_num_queries):
    for _ in range(30):
        make_outlet()
    client.force_login(operator)
    with django_assert_max_num_queries(6):
        response = client.get(reverse("press:outlets"))
    assert response.status_code == 200


def offered_actions(client, profile):
    page = client.get(reverse("press:journalist", args=[profile.pk])).content.decode()
    return {action for action in domain.TRANSITIONS if reverse("press:decide", args=[profile.pk, action]) in page}


def test_journalist_page_offers_only_the_actions_of_the_status(client, outlet, operator):
    client.force_login(operator)
    assert offered_actions(client, journalist(outlet)) == {"approve", "reject"}  # no "Thu hồi" on an application
    assert offered_actions(client, journalist(make_outlet(), approved_by=operator)) == {"suspend", "revoke"}
