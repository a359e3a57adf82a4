"""A real decompression bomb: a valid PNG whose header declares 13,000 × 13,000 pixels."""

import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile

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
