"""Similar open questions, found while someone asks: so a duplicate joins the question already
being handled instead of being answered twice.

People write the same question very differently: with or without diacritics, in teencode ("ko",
"dc", "j"), with typos. Both texts are folded (presscenter.text), the common teencode is spelled
out, and each text becomes a bag of features: its words, its word pairs and the three-letter
pieces of its words (which survive a typo). Candidates are ranked by the cosine of their TF-IDF
vectors; `rank` is a pure function, `open_similar` feeds it the open, non-merged questions of the
last days.

What the asker is shown of another's question: its code, subject (personal data redacted), the
agency handling it and its state; never who asked it."""

import datetime as dt
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import Any

from django.conf import settings
from django.utils import timezone

from presscenter.inquiries.models import OPEN_STATES, PRESS_KINDS, PUBLIC_KINDS, Inquiry
from presscenter.text import tokens
from presscenter.text.redact import redact

THRESHOLD = 0.28
LIMIT = 5
MAX_CANDIDATES = 2000
TEXT_CHARS = 400

# Common teencode and abbreviations of Vietnamese chat, folded, spelled out.
TEENCODE = {
    "ko": "khong", "k": "khong", "kh": "khong", "hok": "khong", "hem": "khong",
    "khg": "khong", "kg": "khong", "dc": "duoc", "dk": "duoc", "j": "gi",
    "ntn": "nhu the nao", "bn": "bao nhieu", "vs": "voi", "ng": "nguoi", "trc": "truoc",
    "r": "roi", "ns": "noi", "mn": "moi nguoi", "cx": "cung", "cg": "cung", "nhg": "nhung",
    "tp": "thanh pho", "hn": "ha noi", "p": "phuong", "q": "quan",
    "oto": "o to", "bt": "binh thuong", "lm": "lam", "ms": "moi",
    "h": "gio", "bh": "bao gio", "z": "vay", "v": "vay",
}  # fmt: skip
# Words that say little about what the question is about (folded).
STOPWORDS = frozenset(
    [
        "a",
        "ah",
        "oi",
        "nhe",
        "nha",
        "a",
        "la",
        "cua",
        "va",
        "cho",
        "nay",
        "kia",
        "cac",
        "mot",
        "nhung",
        "voi",
        "thi",
        "ma",
        "da",
        "dang",
        "se",
        "ve",
        "tai",
        "tu",
        "o",
        "roi",
        "vay",
        "gi",
        "sao",
        "lam",
        "the",
        "nao",
        "nhu",
        "ai",
        "xin",
        "hoi",
        "cho",
        "em",
        "toi",
        "minh",
        "chung",
        "chau",
        "anh",
        "chi",
        "oi",
        "duoc",
        "bi",
    ]
)


def words(text: str) -> list[str]:
    """Folded words with teencode spelled out and filler words dropped."""
    spelled: list[str] = []
    for word in tokens(text):
        spelled.extend(TEENCODE.get(word, word).split())
    return [word for word in spelled if word not in STOPWORDS]


def features(text: str, found: list[str] | None = None) -> Counter[str]:
    """Words, word pairs and the three-letter pieces of words (typos keep most of them)."""
    found = words(text) if found is None else found
    bag: Counter[str] = Counter(found)
    bag.update(f"{first}_{second}" for first, second in pairwise(found))
    for word in found:
        bag.update(_pieces(word))
    return bag


@lru_cache(maxsize=50_000)
def _pieces(word: str) -> tuple[str, ...]:
    padded = f"#{word}#"
    return tuple(f"~{padded[i : i + 3]}" for i in range(len(padded) - 2))


def _weights(bag: Counter[str], idf: dict[str, float]) -> dict[str, float]:
    vector = {term: (1 + math.log(count)) * idf[term] for term, count in bag.items()}
    norm = math.sqrt(sum(value * value for value in vector.values())) or 1.0
    return {term: value / norm for term, value in vector.items()}


def rank(
    query: str, candidates: Iterable[tuple[Any, str]], *, threshold: float = THRESHOLD, limit: int = LIMIT
) -> list[tuple[Any, float]]:
    """The candidates (key, text) whose text is like `query`, best first, as (key, score) with a
    score of at least `threshold`. Pure: no database, no Django."""
    asked_words = words(query)
    if not asked_words:
        return []
    asked = features(query, asked_words)
    # Only texts sharing words with the query can reach the threshold in practice; the rest are
    # not worth their three-letter pieces (a keystroke's look-up stays fast over thousands).
    wanted = set(asked_words)
    shared = 1 if len(wanted) < 4 else 2
    pool = []
    for key, text in candidates:
        found = words(text)
        if len(wanted.intersection(found)) >= shared:
            pool.append((key, features(text, found)))
    documents = [asked, *(bag for _key, bag in pool)]
    frequency: Counter[str] = Counter()
    for bag in documents:
        frequency.update(bag.keys())
    total = len(documents)
    idf = {term: math.log((1 + total) / (1 + count)) + 1 for term, count in frequency.items()}
    asked_vector = _weights(asked, idf)
    scored = []
    for key, bag in pool:
        vector = _weights(bag, idf)
        score = sum(weight * vector.get(term, 0.0) for term, weight in asked_vector.items())
        if score >= threshold:
            scored.append((key, round(score, 4)))
    scored.sort(key=lambda pair: -pair[1])
    return scored[:limit]


def rank_among(
    items: Sequence[tuple[Any, str]], targets: Iterable[Any], *, threshold: float = THRESHOLD, limit: int = LIMIT
) -> dict[Any, list[tuple[Any, float]]]:
    """For each key of `targets`, the other items (key, text) whose text is like its own, best
    first, as `rank` finds them, but over one vocabulary for the whole set: each text is read and
    weighed once, and only texts sharing words are compared, so a few hundred texts (an event's
    question queue) are ranked against each other at once. Pure: no database, no Django."""
    found = {key: words(text) for key, text in items}
    bags = {key: features(text, found[key]) for key, text in items if found[key]}
    frequency: Counter[str] = Counter()
    for bag in bags.values():
        frequency.update(bag.keys())
    total = len(bags)
    idf = {term: math.log((1 + total) / (1 + count)) + 1 for term, count in frequency.items()}
    vectors = {key: _weights(bag, idf) for key, bag in bags.items()}
    having: dict[str, set[Any]] = {}
    for key in bags:
        for word in set(found[key]):
            having.setdefault(word, set()).add(key)
    ranked: dict[Any, list[tuple[Any, float]]] = {}
    for key in targets:
        if key not in vectors:
            continue
        wanted = set(found[key])
        shared = 1 if len(wanted) < 4 else 2
        overlap = Counter(other for word in wanted for other in having[word] if other != key)
        vector = vectors[key]
        scored = []
        for other, count in overlap.items():
            if count < shared:
                continue
            theirs = vectors[other]
            score = sum(weight * theirs.get(term, 0.0) for term, weight in vector.items())
            if score >= threshold:
                scored.append((other, round(score, 4)))
        scored.sort(key=lambda pair: -pair[1])
        if scored:
            ranked[key] = scored[:limit]
    return ranked


@dataclass(frozen=True)
class Similar:
    """What an asker may see of another's question."""

    pk: int
    code: str
    subject: str
    agency: str
    state: str
    score: float


def candidates(*, press: bool, days: int | None = None, exclude: Sequence[int] = ()) -> Any:
    """Open, non-merged questions of the same audience (the press's among the press's, citizens'
    among citizens'), received in the last `days` days."""
    days = days or settings.INQUIRY_SIMILAR_DAYS
    since = timezone.now() - dt.timedelta(days=days)
    return (
        Inquiry.objects.filter(
            state__in=OPEN_STATES,
            merged_into__isnull=True,
            received_at__gte=since,
            kind__in=PRESS_KINDS if press else PUBLIC_KINDS,
        )
        .exclude(pk__in=exclude)
        .order_by("-received_at")
    )


def open_similar(
    subject: str, text: str = "", *, press: bool, exclude: Sequence[int] = (), limit: int = LIMIT
) -> list[Similar]:
    query = f"{subject} {subject} {text[:TEXT_CHARS]}"  # the subject says most: it counts twice
    if not words(query):
        return []
    rows = {
        row.pk: row
        for row in candidates(press=press, exclude=exclude)
        .select_related("organisation")
        .only("pk", "code", "subject", "text", "state", "organisation__name", "organisation__name_en")[:MAX_CANDIDATES]
    }
    ranked = rank(
        query, ((pk, f"{row.subject} {row.subject} {row.text[:TEXT_CHARS]}") for pk, row in rows.items()), limit=limit
    )
    found = []
    for pk, score in ranked:
        row = rows[pk]
        found.append(
            Similar(
                pk=pk,
                code=row.code,
                subject=redact(row.subject),
                agency=row.organisation.display_name if row.organisation else "",
                state=row.get_state_display(),
                score=score,
            )
        )
    return found
