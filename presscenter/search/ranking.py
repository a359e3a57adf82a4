"""Relevance of the matches a search found, computed here from the folded text the index
stores, so that SQLite and PostgreSQL order results alike. The databases' own ranking cost more
than finding the matches: FTS5's bm25 first counts every document holding each phrase (70 ms
for two common phrases over 200,000 items), PostgreSQL's ts_rank reads every candidate's vector.

Every word of the query is in every match (the words are AND-ed), so what tells matches apart
is where the words are (title over lead over body), how often (with diminishing returns, in
proportion to the text's length, as in BM25) and how recent the item is."""

from collections.abc import Sequence

from presscenter.search.parse import ParsedQuery

COLUMN_WEIGHTS = (10.0, 4.0, 1.0)  # title, lead, body
SATURATION = 1.2  # BM25's k1: the third mention of a word adds far less than the first
LENGTH_NORMALISATION = 0.75  # BM25's b: a long body needs more mentions for the same score
RECENCY_DAYS = 30  # an item this old gets half the boost of one published today
# Of the body, only the opening is read for ranking (about the first two paragraphs, after the
# title and the lead): news puts what matters first, and a search then costs the same whatever
# the length of the bodies; a thousand candidates' text crossing the database's client protocol
# is a large part of a search (docs/benchmarks.md). The index stores it (SearchDocument.opening).
BODY_CHARS = 500


# What the backends read for each match: item id, age in days, then the folded title, lead and
# the first BODY_CHARS of the body (tokens joined by single spaces).
Candidate = tuple[int, float, str, str, str]


def _padded(text: str) -> str:
    return f" {text} "


def _pattern(term: tuple[str, ...]) -> str:
    return _padded(" ".join(term))


def occurrences(text: str, term: tuple[str, ...]) -> int:
    """How often the tokens appear together, in order, as whole tokens. A token repeated right
    after itself ("ha ha") counts once: the two would share the space between them."""
    return _padded(text).count(_pattern(term))


def opening(body: str) -> str:
    """The body as ranking reads it: its first BODY_CHARS, without a token cut short at the end
    (the index stores the first BODY_CHARS as they are, the same in SQL and in Python)."""
    return body if len(body) < BODY_CHARS else body[:BODY_CHARS].rpartition(" ")[0]


def recency_boost(age_days: float) -> float:
    return 1.0 + 1.0 / (1.0 + max(age_days, 0.0) / RECENCY_DAYS)


def ranked(candidates: Sequence[Candidate], query: ParsedQuery) -> list[tuple[int, float]]:
    """(item id, score), best first; equal scores newest (highest id) first. Counted column by
    column over all candidates: a thousand candidates take a few milliseconds. Without words,
    all score 0, newest publication first (a correction publishes an item again)."""
    if not query.terms:
        return [(candidate[0], 0.0) for candidate in sorted(candidates, key=lambda c: (c[1], -c[0]))]
    if not candidates:
        return []
    bodies = [opening(candidate[4]) for candidate in candidates]
    columns = (
        [_padded(candidate[2]) for candidate in candidates],
        [_padded(candidate[3]) for candidate in candidates],
        [_padded(body) for body in bodies],
    )
    lengths = [body.count(" ") + 1 for body in bodies]
    average_length = sum(lengths) / len(lengths)
    norms = [SATURATION * (1 - LENGTH_NORMALISATION + LENGTH_NORMALISATION * n / average_length) for n in lengths]
    relevance = [0.0] * len(candidates)
    for term in query.terms:
        pattern = _pattern(term)
        frequencies = [0.0] * len(candidates)
        for weight, texts in zip(COLUMN_WEIGHTS, columns, strict=True):
            frequencies = [f + weight * text.count(pattern) for f, text in zip(frequencies, texts, strict=True)]
        relevance = [
            r + f * (SATURATION + 1) / (f + norm) for r, f, norm in zip(relevance, frequencies, norms, strict=True)
        ]
    scored = [
        (candidate[0], r * recency_boost(candidate[1])) for candidate, r in zip(candidates, relevance, strict=True)
    ]
    scored.sort(key=lambda pair: (pair[1], pair[0]), reverse=True)
    return scored
