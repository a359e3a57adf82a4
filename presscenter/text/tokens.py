"""Word tokens of folded text, and where words of the original text match folded terms."""

import re
from collections.abc import Iterable, Iterator
from functools import cache, lru_cache
from itertools import takewhile

from presscenter.text.fold import fold

_FOLDED_WORD_RE = re.compile(r"[^\W_]+")
# Combining marks belong to the word they sit on (text in NFD keeps its tone marks apart). A mark
# before a word is stray (nothing to sit on), so a word starts with a letter or digit.
_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
WORD_RE = re.compile(rf"(?<![^\W_])[^\W_](?:[^\W_]|[{_MARKS}])*")
# Vietnamese in NFC, as agencies' systems write it, is ASCII and these Latin blocks.
_LATIN_BLOCKS = (range(0x250), range(0x1E00, 0x1F00))
_BEYOND_LATIN_BLOCKS = "\u0250-\u1dff\u1f00-\U0010ffff"


def tokens(text: str) -> list[str]:
    """Folded word tokens: `tokens("Hà Nội, 2025!") == ["ha", "noi", "2025"]`."""
    return _FOLDED_WORD_RE.findall(fold(text))


@cache
def _one_for_one() -> tuple[dict[int, str], re.Pattern[str]]:
    """A str.translate table folding each character of the Latin blocks whose fold is one
    character (whitespace stays whitespace), and a pattern finding any other character: a text
    without one folds to a text of the same length, where a match's span is the original's."""
    table: dict[int, str] = {}
    others: list[str] = []
    for block in _LATIN_BLOCKS:
        for cp in block:
            folded = " " if chr(cp).isspace() else fold(chr(cp))
            if len(folded) == 1:
                table[cp] = folded
            else:
                others.append(re.escape(chr(cp)))
    return table, re.compile(f"[{''.join(others)}{_BEYOND_LATIN_BLOCKS}]")


def _folded_in_place(text: str) -> str | None:
    """The text folded one character for one, or None if it has a character that does not
    (a combining mark, another script, ß)."""
    table, others = _one_for_one()
    return None if others.search(text) else text.translate(table)


@lru_cache(maxsize=1024)
def _terms_regex(wanted: frozenset[str]) -> re.Pattern[str]:
    alternatives = "|".join(sorted(map(re.escape, wanted), key=len, reverse=True))
    return re.compile(rf"(?<![^\W_])(?:{alternatives})(?![^\W_])")


@lru_cache(maxsize=65_536)
def _word_tokens(word: str) -> frozenset[str]:
    return frozenset(tokens(word))


def matches(text: str, terms: Iterable[str], start: int = 0) -> Iterator[tuple[int, int]]:
    """Spans of the words of the text folding to one of `terms`, found one at a time from
    `start` (not endpos: it would cut a word short; the characters before `start` still tell
    where a word begins).

    Most text folds one character for one: the folded terms are looked for in the folded text.
    Otherwise each word of the text is folded (once per distinct word) and looked up. A pattern
    spelling out every accented form of the terms took 9 ms to compile for seven words."""
    wanted = frozenset(token for term in terms for token in tokens(term))
    if not wanted:
        return iter(())
    folded = _folded_in_place(text)
    if folded is not None:
        return (match.span() for match in _terms_regex(wanted).finditer(folded, start))
    words = WORD_RE.finditer(text, start)
    return (word.span() for word in words if not wanted.isdisjoint(_word_tokens(word.group())))


def match_spans(text: str, terms: Iterable[str], start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Spans of the original text where a whole word folds to one of `terms` (folded tokens):
    `match_spans("Sở Giao thông Hà Nội", ["ha", "noi"]) == [(14, 16), (17, 20)]`; only within
    text[start:end] when given."""
    return list(takewhile(lambda span: end is None or span[1] <= end, matches(text, terms, start)))


def first_match(text: str, terms: Iterable[str]) -> tuple[int, int] | None:
    """The span of the first word that folds to one of `terms`, or None; the rest of the text
    is not searched."""
    return next(matches(text, terms), None)
