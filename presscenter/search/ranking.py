"""Relevance of the matches a search found, computed here from the folded text the index
stores, so that SQLite and PostgreSQL order results alike. The databases' own ranking cost more
than finding the matches: FTS5's bm25 first counts every document holding each phrase (70 ms
for two common phrases over 200,000 items), PostgreSQL's ts_rank reads every candidate's vector.

Every word of the query is in every match (the words are AND-ed), so what tells matches apart
is where the words are (title over lead over body), how often (with diminishing returns, in
proportion to the text's length, as in BM25) and how recent the item is."""

from collections.abc import Sequence
from itertools import repeat

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


def opening(body: str) -> str:
    """The body as ranking reads it: its first BODY_CHARS, without a token cut short at the end
    (the index stores the first BODY_CHARS as they are, the same in SQL and in Python)."""
    return body if len(body) < BODY_CHARS else body[:BODY_CHARS].rpartition(" ")[0]


def recency_boost(age_days: float) -> float:
    return 1.0 + 1.0 / (1.0 + max(age_days, 0.0) / RECENCY_DAYS)


class Ranking:
    """Candidates are counted as they arrive and scored once all are in: a search streams them
    from the database, so counting overlaps with the database's work on the next ones."""

    def __init__(self, query: ParsedQuery) -> None:
        self.patterns = [_pattern(term) for term in query.terms]
        self.ids: list[int] = []
        self.ages: list[float] = []
        self.lengths: list[int] = []
        # Per term, per candidate: its mentions, each weighted by the column it is in.
        self.frequencies: list[list[float]] = [[] for _pattern in self.patterns]

    def __len__(self) -> int:
        return len(self.ids)

    @property
    def reads_text(self) -> bool:
        """Without words there is nothing to count: only ages."""
        return bool(self.patterns)

    def add(self, candidates: Sequence[Candidate]) -> None:
        """Count the terms in these candidates, column by column (str.count over each column
        costs less than a Python loop over the candidates). A term counts where its tokens stand
        together, in order, as whole tokens; a token repeated right after itself ("ha ha") counts
        once: the two would share the space between them."""
        self.ids += [candidate[0] for candidate in candidates]
        self.ages += [candidate[1] for candidate in candidates]
        if not self.patterns:
            return
        bodies = [opening(candidate[4]) for candidate in candidates]
        self.lengths += [body.count(" ") + 1 for body in bodies]
        columns = (
            [_padded(candidate[2]) for candidate in candidates],
            [_padded(candidate[3]) for candidate in candidates],
            [_padded(body) for body in bodies],
        )
        title_weight, lead_weight, body_weight = COLUMN_WEIGHTS
        for pattern, frequencies in zip(self.patterns, self.frequencies, strict=True):
            title, lead, body = (map(str.count, column, repeat(pattern)) for column in columns)
            frequencies += [
                title_weight * in_title + lead_weight * in_lead + body_weight * in_body
                for in_title, in_lead, in_body in zip(title, lead, body, strict=True)
            ]

    def ranked(self) -> list[tuple[int, float]]:
        """(item id, score), best first; equal scores newest (highest id) first. Without words,
        all score 0, newest publication first (a correction publishes an item again)."""
        if not self.patterns:
            by_age = sorted(zip(self.ages, self.ids, strict=True), key=lambda pair: (pair[0], -pair[1]))
            return [(item_id, 0.0) for _age, item_id in by_age]
        if not self.ids:
            return []
        average_length = sum(self.lengths) / len(self.lengths)
        norms = [
            SATURATION * (1 - LENGTH_NORMALISATION + LENGTH_NORMALISATION * n / average_length) for n in self.lengths
        ]
        relevance = [0.0] * len(self.ids)
        for frequencies in self.frequencies:
            relevance = [
                r + f * (SATURATION + 1) / (f + norm) for r, f, norm in zip(relevance, frequencies, norms, strict=True)
            ]
        scored = [
            (item_id, r * recency_boost(age)) for item_id, age, r in zip(self.ids, self.ages, relevance, strict=True)
        ]
        scored.sort(key=lambda pair: (pair[1], pair[0]), reverse=True)
        return scored
