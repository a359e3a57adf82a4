"""A human check of our own for the anonymous forms (no outside service: nothing may load from
the internet). A small sum in Vietnamese words ("Bảy cộng hai bằng mấy?"), answered in digits or
words. The page carries a signed, time-limited token holding a nonce and a keyed hash of the
answer (never the answer itself: a signed value is readable); a token works once (the nonce is
remembered in the cache until the token expires). Once answered, the form carries a "passed"
token instead, so a form sent back for another mistake does not ask again."""

import secrets
from dataclasses import dataclass

from django.core import signing
from django.core.cache import cache
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from presscenter.text import fold

SALT = "presscenter.inquiries.human-check"
MAX_AGE = 60 * 60  # an hour to fill the form in
NUMBERS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười"]
# The words the question is shown with, in the page's language.
SHOWN = [
    pgettext_lazy("kiểm tra: số", "không"), pgettext_lazy("kiểm tra: số", "một"),
    pgettext_lazy("kiểm tra: số", "hai"), pgettext_lazy("kiểm tra: số", "ba"),
    pgettext_lazy("kiểm tra: số", "bốn"), pgettext_lazy("kiểm tra: số", "năm"),
    pgettext_lazy("kiểm tra: số", "sáu"), pgettext_lazy("kiểm tra: số", "bảy"),
    pgettext_lazy("kiểm tra: số", "tám"), pgettext_lazy("kiểm tra: số", "chín"),
    pgettext_lazy("kiểm tra: số", "mười"),
]  # fmt: skip
ENGLISH = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
]
WORD_VALUES = (
    {fold(word): value for value, word in enumerate(NUMBERS)}
    | {"muoi": 10, "mot": 1, "tu": 4, "lam": 5}
    | {word: value for value, word in enumerate(ENGLISH)}
)

WRONG = _("Câu trả lời kiểm tra chưa đúng. Hãy trả lời câu hỏi mới bên dưới.")
EXPIRED = _("Câu hỏi kiểm tra đã hết hạn hoặc đã được dùng. Hãy trả lời câu hỏi mới bên dưới.")


@dataclass(frozen=True)
class Challenge:
    question: str
    token: str


def _digest(nonce: str, answer: int) -> str:
    return salted_hmac(SALT, f"{nonce}:{answer}").hexdigest()[:20]


def issue() -> Challenge:
    first, second = secrets.randbelow(9) + 1, secrets.randbelow(9) + 1
    if secrets.randbelow(2) and first > second:
        answer, sign = first - second, _("trừ")
    else:
        answer, sign = first + second, _("cộng")
    nonce = secrets.token_urlsafe(12)
    question = _("%(first)s %(sign)s %(second)s bằng mấy?") % {
        "first": str(SHOWN[first]).capitalize(),
        "sign": sign,
        "second": SHOWN[second],
    }
    return Challenge(str(question), signing.dumps({"n": nonce, "h": _digest(nonce, answer)}, salt=SALT))


def passed_token() -> str:
    return signing.dumps({"n": secrets.token_urlsafe(12), "p": 1}, salt=SALT)


def read_answer(text: str) -> int | None:
    """ "7", "bảy", "bay", " Bảy " → 7; "mười bốn" → 14; anything else → None."""
    cleaned = fold(text or "").strip().rstrip(".")
    if cleaned.isdigit():
        return int(cleaned)
    words = cleaned.split()
    if len(words) == 2 and words[0] == "muoi" and words[1] in WORD_VALUES:  # "mười bốn", "mười lăm"
        return 10 + WORD_VALUES[words[1]]
    return WORD_VALUES.get(cleaned)


def _payload(token: str) -> dict[str, object] | None:
    try:
        payload = signing.loads(token or "", salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:  # also SignatureExpired
        return None
    return payload if isinstance(payload, dict) and isinstance(payload.get("n"), str) else None


def _use(nonce: str) -> bool:
    """True the first time a nonce is used."""
    return bool(cache.add(f"human-check:{nonce}", 1, timeout=MAX_AGE + 60))


def is_passed(token: str) -> bool:
    """A "passed" token not yet spent (reading does not spend it)."""
    payload = _payload(token)
    return payload is not None and payload.get("p") == 1 and cache.get(f"human-check:{payload['n']}") is None


def spend_passed(token: str) -> bool:
    payload = _payload(token)
    return payload is not None and payload.get("p") == 1 and _use(str(payload["n"]))


def check(token: str, answer: str) -> object | None:
    """None when the answer is right (the token is spent), else the reason to show."""
    payload = _payload(token)
    if payload is None or payload.get("p") == 1 or not isinstance(payload.get("h"), str):
        return EXPIRED
    value = read_answer(answer)
    if value is None or not constant_time_compare(_digest(str(payload["n"]), value), str(payload["h"])):
        _use(str(payload["n"]))  # one guess per question
        return WRONG
    if not _use(str(payload["n"])):
        return EXPIRED
    return None
