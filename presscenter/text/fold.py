"""Folding makes spellings that people consider the same compare equal: case, Unicode
composition (NFC/NFD), diacritics and tone marks (wherever they sit: hoà/hòa, thuỷ/thủy) and đ."""

import re
import unicodedata
from functools import cache

# Letters with a bar or stroke do not decompose in Unicode; Vietnamese đ is one of them, and
# Icelandic ð / African ɖ are often typed in its place.
_LETTER_MAP = {"đ": "d", "ð": "d", "ɖ": "d"}
_SPACE_RE = re.compile(r"\s+")
_OTHER_THAN_ASCII_OR_LATIN_MARK_RE = re.compile("[^\x00-\x7f\u0300-\u036f]")
# Planes 0-3 and 14 (variation selectors) hold every combining mark; 4-13 are unassigned.
_ASSIGNED_PLANES = (range(0x40000), range(0xE0000, 0xF0000))


@cache
def _fold_table() -> dict[int, str | None]:
    """str.translate table: every combining mark removed (C speed, unlike a per-character loop)."""
    table: dict[int, str | None] = {
        cp: None for plane in _ASSIGNED_PLANES for cp in plane if unicodedata.category(chr(cp)) in ("Mn", "Me")
    }
    table.update({ord(letter): plain for letter, plain in _LETTER_MAP.items()})
    return table


def normalize(text: str) -> str:
    """NFC with whitespace collapsed: how text is shown and compared before folding."""
    return _SPACE_RE.sub(" ", unicodedata.normalize("NFC", text or "")).strip()


def fold(text: str) -> str:
    """Lowercase, without diacritics (đ -> d), compatibility forms unified, whitespace collapsed."""
    # Decompose before and after case folding: casefold can produce letters that decompose
    # (İ -> i + dot), and compatibility decomposition can produce capitals (ℌ -> H).
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text or "").casefold())
    # Fast path: once đ is replaced, Vietnamese is ASCII plus Latin marks, which encoding drops;
    # other scripts take the (slower) table of every combining mark.
    stripped = decomposed.replace("đ", "d")
    if _OTHER_THAN_ASCII_OR_LATIN_MARK_RE.search(stripped) is None:
        stripped = stripped.encode("ascii", "ignore").decode("ascii")
    else:
        stripped = stripped.translate(_fold_table())
    return " ".join(stripped.split())
