"""The sign-up photo is cheap to refuse: its header is checked against the portrait budget
(12 megapixels) before anything is decoded, and it is decoded only when the rest of the form is
right, so an anonymous visitor cannot buy a decode with a form that fails anyway."""

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from presscenter.accounts.models import Role, User
from presscenter.press.models import JournalistProfile, Outlet
from tests.core.bombs import bomb_png, bomb_webp
from tests.press.conftest import PASSWORD, signup_fields

pytestmark = pytest.mark.django_db

OVERSIZED = {  # 12.3 and 12.25 megapixels, a few hundred bytes to a few KB on disk
    "anh.webp": lambda: bomb_webp(4100, 3000),
    "anh.png": lambda: bomb_png(side=3500),
}


def _post(outlet: Outlet, photo: SimpleUploadedFile, **changes: str) -> dict:
    fields = signup_fields(outlet)
    return {
        **fields,
        "outlet": outlet.pk,
        "press_card_expiry": fields["press_card_expiry"].isoformat(),
        "password_again": PASSWORD,
        "photo": photo,
        **changes,
    }


def _truncated_png() -> bytes:
    """A PNG whose header is right and whose pixels are cut off: only decoding finds it broken."""
    output = io.BytesIO()
    Image.effect_noise((300, 300), 64).save(output, "PNG")
    return output.getvalue()[: len(output.getvalue()) // 2]


@pytest.mark.parametrize("name", sorted(OVERSIZED))
def test_oversized_photo_is_refused_and_nothing_created(client, outlet, settings, name):
    photo = SimpleUploadedFile(name, OVERSIZED[name]())
    response = client.post(reverse("press:signup"), _post(outlet, photo))
    assert response.status_code == 400
    assert f"Ảnh “{name}” có kích thước quá lớn: tối đa 12 triệu điểm ảnh" in response.content.decode()
    assert not User.objects.filter(role=Role.JOURNALIST).exists()
    assert not JournalistProfile.objects.exists()
    assert not list(Path(settings.MEDIA_ROOT).rglob("*.*"))


def test_oversized_photo_is_refused_beside_other_errors(client, outlet):
    """The header check decodes nothing, so it still reports with every other problem."""
    photo = SimpleUploadedFile("anh.webp", OVERSIZED["anh.webp"]())
    html = client.post(reverse("press:signup"), _post(outlet, photo, phone="12345")).content.decode()
    assert "Số điện thoại không hợp lệ" in html
    assert "tối đa 12 triệu điểm ảnh" in html


def test_photo_is_decoded_only_when_everything_else_is_right(client, outlet):
    broken = _truncated_png()
    with_typo = _post(outlet, SimpleUploadedFile("anh.png", broken), phone="12345")
    response = client.post(reverse("press:signup"), with_typo)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Số điện thoại không hợp lệ" in html
    assert "không phải là ảnh hợp lệ" not in html  # never decoded
    response = client.post(reverse("press:signup"), _post(outlet, SimpleUploadedFile("anh.png", broken)))
    assert response.status_code == 400
    assert "Tệp “anh.png” không phải là ảnh hợp lệ" in response.content.decode()
    assert not JournalistProfile.objects.exists()


def test_valid_photo_is_stored_once_reencoded(client, outlet):
    output = io.BytesIO()
    Image.new("RGB", (4000, 2990), (200, 30, 30)).save(output, "PNG")  # 11.96 megapixels: allowed
    response = client.post(
        reverse("press:signup"), _post(outlet, SimpleUploadedFile("chan-dung.png", output.getvalue()))
    )
    assert response.status_code == 200
    profile = JournalistProfile.objects.get()
    assert profile.photo.name.endswith(".jpg")
    with Image.open(profile.photo) as stored:
        assert stored.size == (1200, 897)


def test_outlet_logo_has_the_portrait_budget(client, operator):
    client.force_login(operator)
    logo = SimpleUploadedFile("logo.png", OVERSIZED["anh.png"]())
    response = client.post(
        reverse("press:outlet_create"), {"name": "Đài Phát thanh", "type": "radio", "logo_upload": logo}
    )
    assert response.status_code == 400
    assert "tối đa 12 triệu điểm ảnh" in response.content.decode()
    assert not Outlet.objects.exists()
