"""Decompression bombs are refused from the header, before anything is decoded or stored."""

import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from presscenter.accounts.models import User
from presscenter.core.errors import DomainError
from presscenter.core.images import TooManyPixels, opened, reencoded
from presscenter.press import domain as press_domain
from presscenter.press.models import JournalistProfile
from presscenter.releases.attachments import add_attachment
from presscenter.releases.models import Attachment
from tests.core.bombs import bomb_png, bomb_upload
from tests.press.conftest import make_outlet, signup_fields

ROOT = Path(__file__).resolve().parents[2]

# Peak resident memory (KB) that one fresh process grows by refusing the bomb, or, as the baseline
# that proves the measurement sees a decode, by decoding it.
MEASURE = """
import io, re, sys, warnings
from pathlib import Path
from PIL import Image
from presscenter.core.images import TooManyPixels, reencoded
from tests.core.bombs import bomb_png
# VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent process across exec.
peak = lambda: int(re.search(r"VmHWM:\\s+(\\d+)", Path("/proc/self/status").read_text()).group(1))
data = bomb_png()
start = peak()
if sys.argv[1] == "refuse":
    try:
        reencoded(data, max_px=640, alpha_format="PNG", quality=80)
    except TooManyPixels:
        pass
else:
    warnings.simplefilter("ignore")
    Image.open(io.BytesIO(data)).load()
print(peak() - start)
"""


def _peak_growth_kb(mode: str) -> int:
    done = subprocess.run([sys.executable, "-c", MEASURE, mode], cwd=ROOT, capture_output=True, text=True, check=True)
    return int(done.stdout)


def test_bomb_is_refused_without_decoding():
    assert _peak_growth_kb("decode") > 150_000  # 13,000² one-byte pixels
    assert _peak_growth_kb("refuse") < 10_000


def test_header_size_is_read_and_refused():
    data = bomb_png()
    assert len(data) < 100_000
    with pytest.raises(TooManyPixels):
        opened(data)
    with pytest.raises(TooManyPixels):
        reencoded(data, max_px=640, alpha_format="PNG", quality=80)


def test_just_under_the_budget_still_opens():
    with opened(bomb_png(side=6000)) as image:  # 36 MP
        assert image.size == (6000, 6000)


@pytest.mark.django_db
def test_signup_photo_bomb_is_refused_and_nothing_stored(settings):
    outlet = make_outlet()
    fields = signup_fields(outlet)
    with pytest.raises(DomainError) as refused:
        press_domain.sign_up(**fields, photo=bomb_upload(), photo_name="bom.png")
    assert refused.value.field == "photo"
    assert "quá lớn" in str(refused.value.message) and "40 triệu điểm ảnh" in str(refused.value.message)
    assert not User.objects.filter(email=fields["email"]).exists()
    assert not JournalistProfile.objects.exists()
    assert not list(Path(settings.MEDIA_ROOT).rglob("*.*"))


@pytest.mark.django_db
def test_signup_page_shows_the_bomb_error_in_english_too(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    outlet = make_outlet()
    post = {
        **signup_fields(outlet),
        "outlet": outlet.pk,
        "password_again": signup_fields(outlet)["password"],
        "photo": bomb_upload(),
    }
    response = client.post(reverse("press:signup"), post)
    assert response.status_code == 400
    assert "too large: at most 40 megapixels" in response.content.decode()
    assert not JournalistProfile.objects.exists()


def test_attachment_bomb_is_refused_and_nothing_stored(newsroom, settings):
    with pytest.raises(DomainError) as refused:
        add_attachment(newsroom.editor, newsroom.draft(), bomb_upload(), alt_text="bom")
    assert "quá lớn" in str(refused.value.message)
    assert not Attachment.objects.exists()
    assert not list(Path(settings.MEDIA_ROOT).rglob("*.*"))
