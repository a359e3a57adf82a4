"""Vietnamese alphabetical order, as ICU's `vi` collation (CLDR) has it. Imports no Django.

The alphabet is a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y (f, j, w, z in their
Latin places): ă, â, đ, ê, ô, ơ, ư are letters of their own. Tones come after the letter with
none, in the order of Vietnamese dictionaries: huyền, hỏi, ngã, sắc, nặng (a à ả ã á ạ). As in
ICU, names are compared level by level: letters first, over the whole name; then tones; then
case (lower before upper). PostgreSQL sorts with ICU's collation of the same name and SQLite
with this key (presscenter.core.collation), so both databases give one order.
"""

import unicodedata
from functools import lru_cache

ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
LETTER = {letter: rank for rank, letter in enumerate(ALPHABET)}
# Marks that make a letter of their own out of a base letter (they are primary, not tones).
LETTER_MARKS = {
    ("a", "\u0306"): "ă", ("a", "\u0302"): "â", ("e", "\u0302"): "ê",
    ("o", "\u0302"): "ô", ("o", "\u031b"): "ơ", ("u", "\u031b"): "ư",
}  # fmt: skip
# huyền (grave), hỏi (hook above), ngã (tilde), sắc (acute), nặng (dot below).
TONES = {mark: rank for rank, mark in enumerate("\u0300\u0309\u0303\u0301\u0323", start=1)}
OTHER_MARK = len(TONES) + 1
# Punctuation and symbols in ICU's order; they sort after spaces and before digits and letters.
PUNCTUATION = {char: rank for rank, char in enumerate("_-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$")}
SPACE, SYMBOL, DIGIT, VIETNAMESE, OTHER_LETTER = range(5)

Weight = tuple[int, int]
Key = tuple[tuple[Weight, ...], tuple[int, ...], tuple[int, ...], str]


def _clusters(text: str) -> list[tuple[str, list[str]]]:
    """(base character, its combining marks) for each character of the decomposed text; marks
    at the very start have no base ("")."""
    clusters: list[tuple[str, list[str]]] = []
    for char in unicodedata.normalize("NFD", text):
        if unicodedata.combining(char):
            if not clusters:
                clusters.append(("", []))
            clusters[-1][1].append(char)
        else:
            clusters.append((char, []))
    return clusters


def _primary(char: str) -> Weight:
    if char.isspace():
        return (SPACE, ord(char))
    if char in PUNCTUATION:
        return (SYMBOL, PUNCTUATION[char])
    if char.isdigit():
        return (DIGIT, unicodedata.digit(char, ord(char)))
    if char in LETTER:
        return (VIETNAMESE, LETTER[char])
    if char.isalpha():
        return (OTHER_LETTER, ord(char))
    return (SYMBOL, len(PUNCTUATION) + ord(char))


@lru_cache(maxsize=65536)
def sort_key(text: str) -> Key:
    """A key that sorts strings in Vietnamese alphabetical order; equal only for equal strings."""
    primary, secondary, tertiary = [], [], []
    for base, marks in _clusters(text):
        lower = base.lower()
        letter = next((LETTER_MARKS[lower, mark] for mark in marks if (lower, mark) in LETTER_MARKS), lower)
        tones = [TONES.get(mark, OTHER_MARK + ord(mark)) for mark in marks if (lower, mark) not in LETTER_MARKS]
        secondary.append(max(tones, default=0))
        if base:  # marks without a base letter weigh as tones only, as in ICU
            primary.append(_primary(letter))
            tertiary.append(int(base != lower))
    return (tuple(primary), tuple(secondary), tuple(tertiary), text)
