import io
import struct
import zlib

import pytest
from PIL import Image

from presscenter.core.errors import DomainError
from presscenter.exhibitions import photos
from presscenter.exhibitions.models import Entry
from tests.exhibitions import helpers

pytestmark = pytest.mark.django_db


def _png_header_bomb(width: int, height: int) -> bytes:
    """A tiny PNG whose header declares width × height pixels (the pixels themselves are not there)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")
    )


def _encoded(kind: str, size: tuple[int, int] = (300, 200), mode: str = "RGB") -> bytes:
    output = io.BytesIO()
    Image.new(mode, size, "#884422").save(output, kind)
    return output.getvalue()


def _refused(data: bytes, name: str) -> DomainError:
    exhibition = helpers.exhibition()
    with pytest.raises(DomainError) as refused:
        helpers.entry(exhibition, upload=helpers.upload(data, name), name=name)
    assert not Entry.objects.exists()
    return refused.value


def test_a_file_over_25_mb_is_refused_before_reading_it(monkeypatch):
    monkeypatch.setattr(photos, "PHOTO_MAX_BYTES", 50_000)
    error = _refused(helpers.jpeg(1200, 900) + b"\0" * 60_000, "lon.jpg")
    assert "quá lớn" in str(error.message)
    assert error.field == "photo"


def test_text_renamed_as_jpeg_is_refused():
    error = _refused(b"<html><script>alert(1)</script></html>" * 20, "anh-that.jpg")
    assert "không phải là ảnh" in str(error.message)


def test_a_truncated_jpeg_is_refused():
    _refused(helpers.jpeg()[:600], "hong.jpg")


def test_a_pixel_bomb_is_refused_from_its_header():
    data = _png_header_bomb(20_000, 20_000)  # 400 megapixels declared in under 200 bytes
    assert len(data) < 300
    error = _refused(data, "bom.png")
    assert "triệu điểm ảnh" in str(error.message)


def test_a_webp_bomb_is_refused_from_its_header():
    canvas = _encoded("WEBP", (64, 64))
    # VP8X header declaring a 16,000 × 16,000 canvas
    vp8x = b"VP8X" + struct.pack("<I", 10) + b"\x00\x00\x00\x00" + (15999).to_bytes(3, "little") * 2
    forged = b"RIFF" + struct.pack("<I", 4 + len(vp8x) + len(canvas) - 12) + b"WEBP" + vp8x + canvas[12:]
    error = _refused(forged, "bom.webp")
    assert "triệu điểm ảnh" in str(error.message)


@pytest.mark.parametrize("kind", ["GIF", "BMP", "TIFF"])
def test_other_image_types_are_refused_whatever_their_name(kind):
    _refused(_encoded(kind), "anh.jpg")


@pytest.mark.parametrize("kind", ["PNG", "WEBP"])
def test_png_and_webp_are_accepted_and_derived_as_jpeg(kind):
    exhibition = helpers.exhibition()
    data = _encoded(kind, (2400, 1600), "RGBA")
    entry = helpers.entry(exhibition, upload=helpers.upload(data, "anh.bin"), name="anh.bin")
    assert entry.original.name.endswith(".png" if kind == "PNG" else ".webp")
    assert (entry.width, entry.height) == (2400, 1600)
    assert (entry.web_width, entry.web_height) == (1600, 1067)
    with Image.open(entry.thumb.path) as thumb:
        assert thumb.format == "JPEG"
        assert max(thumb.size) == photos.THUMB_PX


def test_the_derivatives_carry_no_gps_nor_any_exif():
    exhibition = helpers.exhibition()
    entry = helpers.entry(exhibition, upload=helpers.upload(helpers.jpeg(2000, 1500)))
    assert entry.had_gps
    with Image.open(entry.original.path) as original:
        assert original.getexif().get_ifd(0x8825)  # kept for the jury
    for derivative in (entry.web, entry.thumb):
        with Image.open(derivative.path) as image:
            assert not image.getexif()
            assert "exif" not in image.info


def test_a_photo_without_exif_is_accepted_with_an_empty_summary():
    exhibition = helpers.exhibition()
    entry = helpers.entry(exhibition, upload=helpers.upload(helpers.jpeg(exif=False, gps=False)))
    assert entry.exif == {}
    assert entry.had_gps is False
