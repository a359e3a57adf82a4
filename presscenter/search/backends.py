"""The SQL that finds documents, per database vendor. Every user token reaches the database
as a quoted literal inside a bound parameter: it cannot change the query's syntax.

Speed at 200,000 items comes from three choices:
- every filter except the date range is a tag token inside the full-text document (agency,
  type, topic, area), so the full-text index filters without joins;
- embargoed items (few at any time) are excluded by id through a small partial index, instead
  of testing the embargo of every match;
- at most RANKED_MATCHES + 1 matches, the newest, are ever read: they are ranked, and one more
  tells whether the total is exact or only a lower bound (counting 135,000 matches of a common
  word costs more than the whole search);
- on PostgreSQL, a query whose every word is common first walks a bounded number of the newest
  documents, stopping at RANKED_MATCHES + 1 matches, instead of reading every match through
  the GIN index (PostgreSQLBackend.walk_budget).
"""

# ruff: noqa: S608 - the SQL below is assembled from constant fragments; values are bound parameters.

import datetime as dt
import functools
import math
from dataclasses import dataclass, field
from typing import Any

from django.db import connection

from presscenter.search.parse import ParsedQuery

RECENCY_DAYS = 30  # an item this old gets half the boost of one published today
RANKED_MATCHES = 1000  # the newest matches ranked by relevance; pages and counts stop there
TEXT_COLUMNS = "{title lead body}"


@dataclass
class Filters:
    """Resolved filters: tag tokens (see index.filter_tags) and aware datetimes."""

    now: dt.datetime
    tags: list[str] = field(default_factory=list)
    published_from: dt.datetime | None = None
    published_before: dt.datetime | None = None
    hide_embargoed: bool = True

    def where(self) -> tuple[list[str], list[Any]]:
        """SQL conditions on the document table `d` (the same SQL on both vendors)."""
        adapt = connection.ops.adapt_datetimefield_value
        clauses: list[str] = []
        params: list[Any] = []
        if self.published_from is not None:
            clauses.append("d.published_at >= %s")
            params.append(adapt(self.published_from))
        if self.published_before is not None:
            clauses.append("d.published_at < %s")
            params.append(adapt(self.published_before))
        if self.hide_embargoed:
            # Served by the partial index search_doc_embargoed: only embargoed rows are read.
            clauses.append(
                "d.item_id NOT IN (SELECT e.item_id FROM search_searchdocument e"
                " WHERE e.embargo_until IS NOT NULL AND e.embargo_until > %s)"
            )
            params.append(adapt(self.now))
        return clauses, params


@dataclass
class Matches:
    """The page-able matches, in result order, and whether more exist beyond them."""

    ids_and_scores: list[tuple[int, float]]
    more: bool


def _sql_where(clauses: list[str]) -> str:
    return " AND ".join(clauses) if clauses else "1 = 1"


class Backend:
    """Matches come from the full-text index, newest first; only the newest RANKED_MATCHES are
    ranked (ranking every match of a word found in most items costs seconds at 200k items)."""

    newest_first = "d.item_id DESC"
    # Whether the score is computed while matching (FTS5 ranking functions must be) or only
    # for the candidates (PostgreSQL would otherwise rank every match before the LIMIT).
    score_inside = False
    candidate_columns = ""

    def find(self, query: ParsedQuery, filters: Filters) -> Matches:
        """At most RANKED_MATCHES matches, best first (newest first without words)."""
        if query or filters.tags:
            sql, params = self._ranked_sql(query, filters)
        else:
            clauses, params = filters.where()
            # Newest first straight from the search_doc_latest btree index.
            sql = (
                f"SELECT d.item_id, 0 FROM search_searchdocument d WHERE {_sql_where(clauses)}"
                " ORDER BY d.published_at DESC, d.item_id DESC LIMIT %s"
            )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, RANKED_MATCHES + 1])
            rows = cursor.fetchall()
        return Matches([(row[0], float(row[1])) for row in rows[:RANKED_MATCHES]], len(rows) > RANKED_MATCHES)

    def _ranked_sql(self, query: ParsedQuery, filters: Filters) -> tuple[str, list[Any]]:
        matches, params = self.matches_sql(query, filters)
        if query:
            score, score_params = self.score_sql(query, filters)
            order = "score DESC, item_id DESC"
        else:
            score, score_params, order = "0", [], "published_at DESC, item_id DESC"
        inner_score, outer_score = (score, "score") if self.score_inside else ("0", score)
        sql = (
            f"SELECT item_id, {outer_score} AS score FROM ("
            f"SELECT d.item_id, d.published_at, {self.candidate_columns}{inner_score} AS score {matches}"
            f" ORDER BY {self.newest_first} LIMIT %s) AS d ORDER BY {order}"
        )
        return sql, [*score_params, *params]

    def matches_sql(self, query: ParsedQuery, filters: Filters) -> tuple[str, list[Any]]:
        """FROM ... WHERE ... over the document table `d`: every match, filters applied."""
        raise NotImplementedError

    def score_sql(self, query: ParsedQuery, filters: Filters) -> tuple[str, list[Any]]:
        raise NotImplementedError


def _fts5_phrase(term: tuple[str, ...]) -> str:
    # Tokens hold letters and digits only; doubling quotes keeps that true for any input.
    return '"' + " ".join(token.replace('"', '""') for token in term) + '"'


class SQLiteBackend(Backend):
    """FTS5 with bm25 (title weighs most), times a recency boost."""

    newest_first = "search_fts.rowid DESC"  # FTS5 walks its index in rowid order: no sorting
    score_inside = True

    def match(self, query: ParsedQuery, filters: Filters) -> str:
        parts = []
        if query:
            parts.append(f"{TEXT_COLUMNS} : ({' AND '.join(map(_fts5_phrase, query.terms))})")
        parts.extend(f"tags : {_fts5_phrase((tag,))}" for tag in filters.tags)
        return " AND ".join(parts)

    def matches_sql(self, query: ParsedQuery, filters: Filters) -> tuple[str, list[Any]]:
        clauses, params = filters.where()
        # CROSS JOIN keeps the full-text index as the outer loop; otherwise SQLite may walk
        # the documents and run the whole MATCH once per document.
        sql = (
            "FROM search_fts CROSS JOIN search_searchdocument d ON d.item_id = search_fts.rowid"
            f" WHERE search_fts MATCH %s AND {_sql_where(clauses)}"
        )
        return sql, [self.match(query, filters), *params]

    def score_sql(self, query: ParsedQuery, filters: Filters) -> tuple[str, list[Any]]:
        score = (
            "-bm25(search_fts, 10.0, 4.0, 1.0, 0.0) * (1.0 + 1.0 / (1.0 + "
            f"max(julianday(%s) - julianday(d.published_at), 0) / {RECENCY_DAYS}.0))"
        )
        return score, [connection.ops.adapt_datetimefield_value(filters.now)]


@dataclass(frozen=True)
class LexemeStatistics:
    """How many documents there are and the share of them holding each common lexeme."""

    documents: float
    frequencies: dict[str, float]


@functools.cache
def lexeme_statistics() -> LexemeStatistics:
    """Read once per process from the planner's statistics (refreshed by ANALYZE): a lexeme
    absent from most_common_elems is rarer than every listed one."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT greatest(c.reltuples, 0), s.most_common_elems::text::text[], s.most_common_elem_freqs"
            " FROM pg_class c LEFT JOIN pg_stats s ON s.tablename = c.relname AND s.attname = 'vector'"
            " AND s.schemaname = current_schema() WHERE c.oid = 'search_searchdocument'::regclass"
        )
        documents, lexemes, frequencies = cursor.fetchone()
    # The frequency array ends with three summary numbers (min, max, null share): zip stops first.
    return LexemeStatistics(float(documents), dict(zip(lexemes or [], frequencies or [], strict=False)))


def _tsquery_term(term: tuple[str, ...], weights: str) -> str:
    return " <-> ".join(f"'{token.replace(chr(39), '')}':{weights}" for token in term)


class PostgreSQLBackend(Backend):
    """tsvector over folded text ('simple' configuration, GIN index), ts_rank times a recency boost."""

    # ts_rank weights are {D, C, B, A}: tags (D) never count towards relevance.
    RANK_WEIGHTS = "{0, 0.2, 0.4, 1.0}"
    candidate_columns = "d.vector, "

    def __init__(self, walk_rows: int = 0) -> None:
        # Non-zero: match within only this many newest documents (see find).
        self.walk_rows = walk_rows

    def find(self, query: ParsedQuery, filters: Filters) -> Matches:
        if not self.walk_rows and (budget := self.walk_budget(query, filters)):
            walked = PostgreSQLBackend(walk_rows=budget).find(query, filters)
            if walked.more:  # the newest RANKED_MATCHES + 1 matches: what the full lookup finds
                return walked
        return super().find(query, filters)

    def walk_budget(self, query: ParsedQuery, filters: Filters) -> int:
        """How many of the newest documents to walk before falling back to the GIN lookup, or 0
        not to walk: the planner cannot tell, as it multiplies the words' shares, but the
        syllables of one Vietnamese phrase ("cong vien cay xanh") occur together.

        With share f of N documents matching, the walk reads about RANKED_MATCHES / f rows and
        the GIN lookup f * N rows; they cost the same at f = sqrt(RANKED_MATCHES / N), so the
        walk is tried above that share and given the rows it would read there (weighting GIN
        rows as dearer measured worse: a failed walk is wasted). f is estimated as the rarest
        word's share times each filter tag's share (agency, type, topic and area
        hardly depend on the words); a wrong guess costs at most that bounded walk. A date
        range is left to PostgreSQL, which combines it with the GIN lookup."""
        statistics = lexeme_statistics()
        if not query or filters.published_from or filters.published_before or statistics.documents <= 0:
            return 0
        share = min(statistics.frequencies.get(word, 0.0) for word in query.words)
        for tag in filters.tags:
            share *= statistics.frequencies.get(tag, 0.0)
        wanted = RANKED_MATCHES + 1
        if share <= math.sqrt(wanted / statistics.documents):
            return 0
        return math.ceil(math.sqrt(wanted * statistics.documents))

    def tsquery(self, query: ParsedQuery, filters: Filters) -> str:
        parts = [f"({_tsquery_term(term, 'ABC')})" for term in query.terms]
        parts.extend(_tsquery_term((tag,), "D") for tag in filters.tags)
        return " & ".join(parts)

    def matches_sql(self, query: ParsedQuery, filters: Filters) -> tuple[str, list[Any]]:
        clauses, params = filters.where()
        documents = "search_searchdocument d"
        walk: list[Any] = []
        if self.walk_rows:
            # A subquery with its own LIMIT is not flattened: the planner walks the primary key
            # backwards, whatever match count it estimates.
            documents = (
                "(SELECT d.item_id, d.published_at, d.vector FROM search_searchdocument d"
                f" ORDER BY {self.newest_first} LIMIT %s) d"
            )
            walk = [self.walk_rows]
        sql = f"FROM {documents} WHERE d.vector @@ to_tsquery('simple', %s) AND {_sql_where(clauses)}"
        return sql, [*walk, self.tsquery(query, filters), *params]

    def score_sql(self, query: ParsedQuery, filters: Filters) -> tuple[str, list[Any]]:
        score = (
            f"ts_rank('{self.RANK_WEIGHTS}', d.vector, to_tsquery('simple', %s)) * (1.0 + 1.0 / (1.0 + "
            f"greatest(extract(epoch from (%s - d.published_at)), 0) / {RECENCY_DAYS * 86400}.0))"
        )
        return score, [self.tsquery(query, Filters(now=filters.now)), filters.now]


def backend() -> Backend:
    if connection.vendor == "postgresql":
        return PostgreSQLBackend()
    if connection.vendor == "sqlite":
        return SQLiteBackend()
    raise NotImplementedError(f"search supports SQLite and PostgreSQL, not {connection.vendor}")
