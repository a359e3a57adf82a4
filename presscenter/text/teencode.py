"""Teencode and common abbreviations of written Vietnamese, expanded to the words they stand for.

People type questions fast: "ko dc", "lam ntn", "bn tien". The table maps folded tokens (see
`fold`: lowercase, no diacritics, đ -> d) to folded words, so it applies after folding and a
question typed with or without accents reads the same. Only forms that are unambiguous in the
questions and feedback a press centre receives are listed: "a" (anh? à?) and "v" (vậy? và?) are
left alone, while "k" is read as "không", as nearly everyone writes it. Imports no Django.
"""

import re

from presscenter.text.fold import fold

# folded teencode token -> folded words
TEENCODE: dict[str, str] = {
    # không ("hong", "kho" and "dk" are left alone: also "hỏng", "khó" and "đăng ký")
    "k": "khong", "ko": "khong", "kh": "khong", "khg": "khong", "kg": "khong", "k0": "khong",
    "hok": "khong", "hk": "khong", "hem": "khong", "khum": "khong", "khog": "khong",
    # được, gì, rồi, vậy, với, cũng, như thế nào, bao nhiêu
    "dc": "duoc", "dx": "duoc", "j": "gi", "ji": "gi", "r": "roi", "rui": "roi",
    "z": "vay", "zay": "vay", "vs": "voi", "cx": "cung", "cg": "cung", "cug": "cung",
    "ntn": "nhu the nao", "bn": "bao nhieu", "bnhieu": "bao nhieu", "bnh": "bao nhieu",
    # other words
    "nhiu": "nhieu", "lun": "luon", "wa": "qua", "qa": "qua", "trc": "truoc", "ns": "noi",
    "ng": "nguoi", "ngta": "nguoi ta", "mn": "moi nguoi", "mk": "minh", "mik": "minh",
    "bik": "biet", "bjt": "biet", "thik": "thich", "iu": "yeu", "fai": "phai", "lm": "lam",
    "ms": "moi", "tl": "tra loi", "tn": "tin nhan", "ck": "chong", "vk": "vo", "bme": "bo me",
    "tks": "cam on", "thks": "cam on", "thanks": "cam on", "thank": "cam on", "camon": "cam on",
    "hnay": "hom nay", "hqua": "hom qua", "bh": "bao gio", "bjo": "bao gio", "bgio": "bao gio",
    "lq": "lien quan", "kq": "ket qua", "hix": "",
    # abbreviations of people, places and bodies
    "dt": "dien thoai", "dth": "dien thoai", "sdt": "so dien thoai", "hs": "hoc sinh", "sv": "sinh vien",
    "gv": "giang vien", "bv": "benh vien", "tp": "thanh pho", "tphcm": "thanh pho ho chi minh",
    "hcm": "ho chi minh", "hn": "ha noi", "ubnd": "uy ban nhan dan", "csgt": "canh sat giao thong",
    "bhxh": "bao hiem xa hoi", "bhyt": "bao hiem y te", "gplx": "giay phep lai xe",
    "cccd": "can cuoc cong dan", "cmnd": "chung minh nhan dan",
}  # fmt: skip

_TOKEN_RE = re.compile(r"[^\W_]+")
# "quaaaa", "khongggg": three or more of one letter in a row are one letter.
_REPEATED_RE = re.compile(r"([a-z])\1{2,}")


def expand_folded(folded: str) -> str:
    """Folded text (see `fold`) with its teencode expanded, as space-separated folded words:
    `expand_folded("ko dc ntn") == "khong duoc nhu the nao"`."""
    words = []
    for token in _TOKEN_RE.findall(folded):
        if token not in TEENCODE:
            token = _REPEATED_RE.sub(r"\1", token)
        expanded = TEENCODE.get(token, token)
        if expanded:
            words.append(expanded)
    return " ".join(words)


def normalize_informal(text: str) -> str:
    """Any text folded, with teencode expanded: `normalize_informal("Ko đc à?") == "khong duoc a"`."""
    return expand_folded(fold(text))
