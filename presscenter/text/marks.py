"""Words with their accents, for telling an accented query's exact matches from folded ones:
"hà" and "hạ" fold alike, but a person who types the accents means them."""

import unicodedata
from functools import lru_cache

from presscenter.text.fold import fold
from presscenter.text.tokens import WORD_RE, tokens

# The five Vietnamese tone marks (huyền, sắc, ngã, hỏi, nặng), combining.
TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
# Letters typed in place of đ (see fold): they mean đ, as they fold to d.
_LIKE_D = str.maketrans({"ð": "đ", "ɖ": "đ"})


@lru_cache(maxsize=65_536)
def _marked_word(word: str) -> str:
    """A decomposed, case-folded word with its tone marks moved to its end: where the tone sits
    (old "hoà", new "hòa") does not change the word."""
    tones = "".join(char for char in word if char in TONE_MARKS)
    letters = "".join(char for char in word if char not in TONE_MARKS)
    return unicodedata.normalize("NFC", letters).translate(_LIKE_D) + tones


def marked_tokens(text: str) -> list[str]:
    """The word tokens of `text` with their accents, one for one with `tokens(text)`:
    `marked_tokens("Hà Nội, thuỷ") == marked_tokens("hà nội thủy")`, unlike "hạ nội". A text
    whose words do not each fold to one token (a mark on no letter, other scripts' marks) gives
    its folded tokens: then nothing in it is an exact accented match."""
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text or "").casefold())
    marked = [_marked_word(word) for word in WORD_RE.findall(decomposed)]
    folded = tokens(text)
    return marked if fold(" ".join(marked)) == " ".join(folded) else folded
