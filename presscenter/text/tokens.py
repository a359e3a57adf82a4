"""Word tokens of folded text, and where words of the original text match folded terms."""

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import cache

from presscenter.text.fold import fold

_FOLDED_WORD_RE = re.compile(r"[^\W_]+")
# Combining marks belong to the word they sit on (text in NFD keeps its tone marks apart).
_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_LATIN_BLOCKS = (range(0x20, 0x250), range(0x1E00, 0x1F00))


def tokens(text: str) -> list[str]:
    """Folded word tokens: `tokens("Hà Nội, 2025!") == ["ha", "noi", "2025"]`."""
    return _FOLDED_WORD_RE.findall(fold(text))


@cache
def _spellings() -> dict[str, str]:
    """For each folded letter, a regex class of every Latin letter that folds to it (a: aàáảãạâầ…)."""
    variants: dict[str, set[str]] = defaultdict(set)
    for block in _LATIN_BLOCKS:
        for cp in block:
            folded = fold(chr(cp))
            if len(folded) == 1 and folded.isalnum():
                variants[folded].add(chr(cp))
    return {letter: "[" + re.escape("".join(sorted(chars))) + "]" for letter, chars in variants.items()}


def _term_pattern(term: str) -> str:
    spellings = _spellings()
    letters = (spellings.get(char, f"(?i:{re.escape(char)})") for char in term)
    return "".join(f"{letter}[{_MARKS}]*" for letter in letters)


@cache
def _terms_regex(terms: frozenset[str]) -> re.Pattern[str]:
    alternatives = "|".join(_term_pattern(term) for term in sorted(terms, key=len, reverse=True))
    # A mark before a word is stray (nothing to sit on), so only letters and digits join words there.
    return re.compile(rf"(?<![^\W_])(?:{alternatives})(?![^\W_]|[{_MARKS}])")


def _matches(text: str, terms: Iterable[str], start: int = 0) -> Iterator[re.Match[str]]:
    """Words of the text folding to one of `terms`, found one at a time from `start` (not
    endpos: it would cut a word short; the words around `start` still tell where one begins)."""
    wanted = frozenset(token for term in terms for token in tokens(term))
    return _terms_regex(wanted).finditer(text, start) if wanted else iter(())


def match_spans(text: str, terms: Iterable[str], start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Spans of the original text where a whole word folds to one of `terms` (folded tokens):
    `match_spans("Sở Giao thông Hà Nội", ["ha", "noi"]) == [(14, 16), (17, 20)]`; only within
    text[start:end] when given.

    One regular expression over the text (each letter matching all its accented spellings),
    so highlighting long bodies stays cheap."""
    spans = []
    for match in _matches(text, terms, start):
        if end is not None and match.end() > end:
            break
        spans.append(match.span())
    return spans


def first_match(text: str, terms: Iterable[str]) -> tuple[int, int] | None:
    """The span of the first word that folds to one of `terms`, or None; the rest of the text
    is not searched."""
    return next((match.span() for match in _matches(text, terms)), None)
