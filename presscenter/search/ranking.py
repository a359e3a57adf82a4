"""Relevance of the matches a search found, computed here from the folded text the index
stores, so that SQLite and PostgreSQL order results alike. The databases' own ranking cost more
than finding the matches: FTS5's bm25 first counts every document holding each phrase (70 ms
for two common phrases over 200,000 items), PostgreSQL's ts_rank reads every candidate's vector.

Every word of the query is in every match (the words are AND-ed), so what tells matches apart
is where the words are (title over lead over body), how often (with diminishing returns, in
proportion to the text's length, as in BM25), whether words typed one after the other stand
together (Vietnamese words are mostly two or more syllables: "Hà Nội" is one word, "Hạ tầng …
nội đô" two others), whether an accented query's words match with their accents, and how recent
the item is. Weights are tuned with bench/relevance_bench.py."""

from collections.abc import Sequence
from itertools import pairwise, repeat

from presscenter.search.parse import ParsedQuery, Term
from presscenter.text import marked_tokens

COLUMN_WEIGHTS = (10.0, 4.0, 1.0)  # title, lead, body
SATURATION = 1.2  # BM25's k1: the third mention of a word adds far less than the first
LENGTH_NORMALISATION = 0.75  # BM25's b: a long body needs more mentions for the same score
# Two words typed one after the other and found side by side count this many times a word: a
# two-syllable word found whole outranks its syllables found apart, even in the title.
ADJACENCY_WEIGHT = 6.0
RECENCY_DAYS = 30  # an item this old gets half the boost of one published today
# Of the body, only the opening is read for ranking (about the first two paragraphs, after the
# title and the lead): news puts what matters first, and a search then costs the same whatever
# the length of the bodies; a thousand candidates' text crossing the database's client protocol
# is a large part of a search (docs/benchmarks.md). The index stores it (SearchDocument.opening).
BODY_CHARS = 500


# What the backends read for each match: item id, age in days, then the folded title, lead and
# the first BODY_CHARS of the body (tokens joined by single spaces), and the same title, lead
# and opening with their accents (see marked_columns). An accented query reads only the accented
# text, any other only the folded text; what is not read is "".
Candidate = tuple[int, float, str, str, str, str]
COLUMN_SEPARATOR = "\n"


def _padded(text: str) -> str:
    return f" {text} "


def _pattern(term: tuple[str, ...]) -> str:
    return _padded(" ".join(term))


def opening(body: str) -> str:
    """The body as ranking reads it: its first BODY_CHARS, without a token cut short at the end
    (the index stores the first BODY_CHARS as they are, the same in SQL and in Python)."""
    return body if len(body) < BODY_CHARS else body[:BODY_CHARS].rpartition(" ")[0]


def marked_columns(title: str, lead: str, body: str, body_opening: str) -> str:
    """Title, lead and the body's opening with their accents (text.marked_tokens joined by single
    spaces), in one value: the index stores it (SearchDocument.marked), ranking reads it instead
    of the folded columns for an accented query. `body` is the body's text and `body_opening` the folded opening the index
    stores: the accented opening holds the tokens that ranking reads of it."""
    count = len(opening(body_opening).split())
    # Twice the opening's length in text holds the opening's tokens whole, unless the text is
    # mostly punctuation: then the whole body is read.
    marked_body = marked_tokens(body[: 2 * BODY_CHARS])
    if len(marked_body) <= count:
        marked_body = marked_tokens(body)
    parts = (marked_tokens(title), marked_tokens(lead), marked_body[:count])
    return COLUMN_SEPARATOR.join(" ".join(part) for part in parts)


def adjacent_pairs(terms: tuple[Term, ...]) -> list[Term]:
    """The last token of each term with the first of the next, as the user typed them."""
    return [(first[-1], second[0]) for first, second in pairwise(terms)]


def _mentions(columns: tuple[list[str], ...], pattern: str) -> list[float]:
    """Per candidate, the pattern's mentions, each weighted by the column it is in (str.count
    over each column costs less than a Python loop over the candidates)."""
    title, lead, body = (map(str.count, column, repeat(pattern)) for column in columns)
    title_weight, lead_weight, body_weight = COLUMN_WEIGHTS
    return [
        title_weight * in_title + lead_weight * in_lead + body_weight * in_body
        for in_title, in_lead, in_body in zip(title, lead, body, strict=True)
    ]


def recency_boost(age_days: float) -> float:
    return 1.0 + 1.0 / (1.0 + max(age_days, 0.0) / RECENCY_DAYS)


class Ranking:
    """Candidates are counted as they arrive and scored once all are in: a search streams them
    from the database, so counting overlaps with the database's work on the next ones.
    `by_date` orders them newest first, whatever their words.

    A query typed with accents is counted in the accented text: a mention with other accents
    ("thủy lôi" for "thủy lợi") found the item but does not rank it. Counting it for a share of an
    exact mention as well ranked no better on the judged set (bench/relevance_bench.py) and
    cost a second count of every term."""

    def __init__(self, query: ParsedQuery, by_date: bool = False) -> None:
        words = () if by_date else (query.marked or query.terms)
        self.accented = query.accented
        self.patterns = [_pattern(term) for term in (*words, *adjacent_pairs(words))]
        self.weights = [1.0] * len(words) + [ADJACENCY_WEIGHT] * len(adjacent_pairs(words))
        self.ids: list[int] = []
        self.ages: list[float] = []
        self.lengths: list[int] = []
        # Per term (then per pair of adjacent terms), per candidate: its weighted mentions.
        self.frequencies: list[list[float]] = [[] for _pattern in self.patterns]

    def __len__(self) -> int:
        return len(self.ids)

    @property
    def reads_text(self) -> bool:
        """Without words, or by date, there is nothing to count: only ages."""
        return bool(self.patterns)

    @property
    def reads_marks(self) -> bool:
        """The accented text instead of the folded one."""
        return self.reads_text and self.accented

    def add(self, candidates: Sequence[Candidate]) -> None:
        """Count the terms in these candidates, column by column. A term counts where its tokens
        stand together, in order, as whole tokens; a token repeated right after itself ("ha ha")
        counts once: the two would share the space between them."""
        self.ids += [candidate[0] for candidate in candidates]
        self.ages += [candidate[1] for candidate in candidates]
        if not self.patterns:
            return
        if self.accented:
            # The accented opening holds whole tokens already (marked_columns).
            texts = [candidate[5].split(COLUMN_SEPARATOR) for candidate in candidates]
        else:
            texts = [[candidate[2], candidate[3], opening(candidate[4])] for candidate in candidates]
        self.lengths += [text[2].count(" ") + 1 for text in texts]
        columns = tuple([_padded(text[column]) for text in texts] for column in range(3))
        for pattern, frequencies in zip(self.patterns, self.frequencies, strict=True):
            frequencies += _mentions(columns, pattern)

    def ranked(self) -> list[tuple[int, float]]:
        """(item id, score), best first; equal scores newest (highest id) first. Without words or
        by date, all score 0, newest publication first (a correction publishes an item again)."""
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
        for weight, frequencies in zip(self.weights, self.frequencies, strict=True):
            relevance = [
                r + weight * f * (SATURATION + 1) / (f + norm)
                for r, f, norm in zip(relevance, frequencies, norms, strict=True)
            ]
        scored = [
            (item_id, r * recency_boost(age)) for item_id, age, r in zip(self.ids, self.ages, relevance, strict=True)
        ]
        scored.sort(key=lambda pair: (pair[1], pair[0]), reverse=True)
        return scored
