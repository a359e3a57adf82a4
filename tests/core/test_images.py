"""Decompression bombs are refused from the header, before anything is decoded or stored."""

import io
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse
from PIL import Image

from presscenter.accounts.models import User
from presscenter.core.errors import DomainError
from presscenter.core.images import TooManyPixels, opened, reencoded
from presscenter.press import domain as press_domain
from presscenter.press.models import JournalistProfile
from presscenter.releases.attachments import add_attachment
from presscenter.releases.models import Attachment
from tests.core.bombs import bomb_png, bomb_upload, bomb_webp
from tests.press.conftest import make_outlet, signup_fields

ROOT = Path(__file__).resolve().parents[2]

# Peak resident memory (KB) that one fresh process grows by checking an image: refusing a bomb,
# re-encoding a large photo, or, as the baseline that proves the measurement sees a decode,
# decoding the file.
MEASURE = """
import io, re, sys, warnings
from pathlib import Path
from PIL import Image
from presscenter.core.images import TooManyPixels, reencoded
from tests.core.bombs import bomb_png, bomb_webp
# VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent process across exec.
peak = lambda: int(re.search(r"VmHWM:\\s+(\\d+)", Path("/proc/self/status").read_text()).group(1))
if sys.argv[2] == "photo":  # 36 megapixels, RGB
    output = io.BytesIO()
    Image.new("RGB", (6000, 6000), (200, 30, 30)).save(output, "PNG")
    data = output.getvalue()
else:
    data = bomb_webp(4100, 3000) if sys.argv[2] == "webp" else bomb_png()
Path("/proc/self/clear_refs").write_text("5")  # the high-water mark restarts here, after making the file
start = peak()
if sys.argv[1] == "refuse":
    try:
        reencoded(data, max_px=640, alpha_format="PNG", quality=80, max_pixels=12_000_000)
    except TooManyPixels:
        pass
elif sys.argv[1] == "reencode":
    reencoded(data, max_px=640, alpha_format="WEBP", quality=82)
else:
    warnings.simplefilter("ignore")
    Image.open(io.BytesIO(data)).load()
print(peak() - start)
"""


def _peak_growth_kb(mode: str, kind: str = "png") -> int:
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, mode, kind], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return int(done.stdout)


def test_bomb_is_refused_without_decoding():
    assert _peak_growth_kb("decode") > 150_000  # 13,000² one-byte pixels
    assert _peak_growth_kb("refuse") < 10_000


def test_webp_bomb_is_refused_before_pillow_opens_it():
    """Pillow's WebP reader allocates its canvases when it opens the file: 12.3 megapixels
    cost over 150 MB to decode, and nothing to refuse."""
    assert _peak_growth_kb("decode", "webp") > 150_000
    assert _peak_growth_kb("refuse", "webp") < 10_000


def test_a_big_photo_is_shrunk_before_anything_copies_it():
    """Re-encoding a 36-megapixel photo costs about its decode (138 MB), not the two full-size
    copies that turning it upright and converting it made before it was shrunk (289 MB)."""
    decode = _peak_growth_kb("decode", "photo")
    assert decode > 100_000
    assert _peak_growth_kb("reencode", "photo") < decode * 1.3


@pytest.mark.parametrize("kind", ["png", "webp"])
def test_the_pixel_budget_is_the_callers(kind):
    data = bomb_webp(4100, 3000) if kind == "webp" else bomb_png(side=3500)  # 12.3 megapixels
    with pytest.raises(TooManyPixels):
        opened(data, 12_000_000)
    with opened(data) as image:  # the attachments' budget, 40 megapixels
        assert image.width * image.height > 12_000_000


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
    assert "quá lớn" in str(refused.value.message) and "12 triệu điểm ảnh" in str(refused.value.message)
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
    assert "too large: at most 12 megapixels" in response.content.decode()
    assert not JournalistProfile.objects.exists()


def test_attachment_bomb_is_refused_and_nothing_stored(newsroom, settings):
    with pytest.raises(DomainError) as refused:
        add_attachment(newsroom.editor, newsroom.draft(), bomb_upload(), alt_text="bom")
    assert "quá lớn" in str(refused.value.message)
    assert not Attachment.objects.exists()
    assert not list(Path(settings.MEDIA_ROOT).rglob("*.*"))


def test_a_big_photo_is_shrunk_turned_upright_and_stripped_of_its_metadata():
    """Shrinking now comes before turning upright: the result is the same, and no EXIF is left."""
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: the camera was turned, the picture must be rotated 90°
    exif[0x8825] = {1: "N", 2: (21.0, 1.0, 30.0)}  # a GPS position
    photo = io.BytesIO()
    Image.new("RGB", (4000, 2000), (200, 30, 30)).save(photo, "JPEG", exif=exif)
    content, suffix = reencoded(photo.getvalue(), max_px=640, alpha_format="WEBP", quality=82)
    with Image.open(io.BytesIO(content)) as copy:
        assert (suffix, copy.size) == (".jpg", (320, 640))
        assert not copy.getexif()
