"""Real decompression bombs: valid PNG and WebP files whose headers declare far more pixels than
their size suggests."""

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

SIDE = 13_000


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def bomb_png(side: int = SIDE) -> bytes:
    """1-bit greyscale, all rows zero: about 20 KB on disk, 169 MB once decoded (507 MB as RGB)."""
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    row = b"\x00" * (1 + (side + 7) // 8)  # filter byte + packed bits
    compressor = zlib.compressobj(9)
    body = b"".join(compressor.compress(row) for _ in range(side)) + compressor.flush()
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", body) + _chunk(b"IEND", b"")


def bomb_upload(name: str = "bom.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, bomb_png(), content_type="image/png")


def bomb_webp(width: int = 6320, height: int = 6313) -> bytes:
    """A lossless WebP of one colour: about 1.6 KB on disk for 39.9 megapixels (the default)."""
    output = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(output, "WEBP", lossless=True)
    return output.getvalue()
