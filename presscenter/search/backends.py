"""The SQL that finds documents, per database vendor. Every user token reaches the database
as a quoted literal inside a bound parameter: it cannot change the query's syntax.

Speed at 200,000 items comes from these choices:
- every filter except the date range is a tag token inside the full-text document (agency,
  type, topic, area), so the full-text index filters without joins;
- embargoed items (few at any time) are excluded by id, read once per search from a small
  partial index, instead of testing the embargo of every match;
- at most RANKED_MATCHES + 1 matches, the newest, are ever read: they are ranked (in Python, see
  ranking.py), and one more tells whether the total is exact or only a lower bound (counting
  135,000 matches of a common word costs more than the whole search);
- a date range is also a range of item ids (ids grow with creation, which publication follows),
  so matches are read only among the ids published in it (Backend.id_bounds);
- on PostgreSQL, a query whose every word is common reads the newest documents first, walking
  them or looking up a window of ids in the GIN index, instead of reading every match
  (PostgreSQLBackend.newest_matches); the documents are partitioned by ranges of ids, so such a
  lookup reads only the partitions that overlap its window (search.partitions).
"""

# ruff: noqa: S608 - the SQL below is assembled from constant fragments; values are bound parameters.

import datetime as dt
import functools
import math
from collections import defaultdict
from collections.abc import Iterator
from contextlib import nullcontext
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.backends.utils import CursorDebugWrapper
from psycopg import pq

from presscenter.search.parse import ParsedQuery
from presscenter.search.partitions import PARTITION_SIZE, partition_start
from presscenter.search.ranking import Ranking

RANKED_MATCHES = 1000  # the newest matches ranked by relevance; pages and counts stop there
CHUNKED_MODE_LIBPQ = 170000  # libpq 17
# Rows a statement hands over at a time (see PostgreSQLBackend.stream): 50 and 25 measured
# alike, 100 0.5 ms and 200 1.4 ms slower per search.
CHUNK = 50
TEXT_COLUMNS = "{title lead body}"


@dataclass
class Filters:
    """Resolved filters: tag tokens (see index.filter_tags) and aware datetimes."""

    now: dt.datetime
    tags: list[str] = field(default_factory=list)
    published_from: dt.datetime | None = None
    published_before: dt.datetime | None = None
    # Items under embargo now, hidden from this reader (see embargoed_ids): few at any time.
    embargoed: list[int] = field(default_factory=list)

    @property
    def dated(self) -> bool:
        return self.published_from is not None or self.published_before is not None

    def date_where(self) -> tuple[list[str], list[Any]]:
        """SQL conditions on the document table `d` for the date range."""
        adapt = connection.ops.adapt_datetimefield_value
        clauses: list[str] = []
        params: list[Any] = []
        if self.published_from is not None:
            clauses.append("d.published_at >= %s")
            params.append(adapt(self.published_from))
        if self.published_before is not None:
            clauses.append("d.published_at < %s")
            params.append(adapt(self.published_before))
        return clauses, params

    def where(self) -> tuple[list[str], list[Any]]:
        """SQL conditions on the document table `d` (the same SQL on both vendors)."""
        clauses, params = self.date_where()
        if self.embargoed:
            clauses.append(f"d.item_id NOT IN ({', '.join(['%s'] * len(self.embargoed))})")
            params.extend(self.embargoed)
        return clauses, params


def embargoed_ids(now: dt.datetime, except_organisation: int | None = None) -> list[int]:
    """Items under embargo at `now`, but those of `except_organisation` (whose members may read
    them, releases.access.embargo_reach), read once per search from the small partial index
    search_doc_embargoed, instead of testing the embargo of every match (or repeating this
    subquery in each of a search's queries)."""
    sql = "SELECT item_id FROM search_searchdocument WHERE embargo_until IS NOT NULL AND embargo_until > %s"
    params: list[Any] = [connection.ops.adapt_datetimefield_value(now)]
    if except_organisation is not None:
        sql += " AND organisation_id <> %s"
        params.append(except_organisation)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [item_id for (item_id,) in cursor.fetchall()]


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

    def find(self, query: ParsedQuery, filters: Filters, by_date: bool = False) -> Matches:
        """At most RANKED_MATCHES matches, best first (newest first without words or `by_date`)."""
        limit = RANKED_MATCHES + 1
        if query or filters.tags:
            matches, params = self.matches_sql(query, filters)
            ranking = Ranking(query, by_date)
            found = self.candidates(matches, params, filters, limit, ranking)
            return Matches(ranking.ranked(), found > RANKED_MATCHES)
        clauses, params = filters.where()
        # Newest first straight from the search_doc_latest btree index.
        sql = (
            f"SELECT d.item_id, 0 FROM search_searchdocument d WHERE {_sql_where(clauses)}"
            " ORDER BY d.published_at DESC, d.item_id DESC LIMIT %s"
        )
        rows = self._fetch(sql, [*params, limit])
        return Matches([(row[0], 0.0) for row in rows[:RANKED_MATCHES]], len(rows) > RANKED_MATCHES)

    def candidates(self, matches: str, params: list[Any], filters: Filters, limit: int, ranking: Ranking) -> int:
        """Feed the newest `limit` matches to `ranking` (as ranking.Candidate rows, at most
        RANKED_MATCHES in all) and tell how many there were. Their text comes from the row that
        matching has just read (on PostgreSQL, looking it up again by primary key cost twice as
        much), and of the body only its opening, all that ranking reads; for an accented query the
        accented text instead. Without words, or by date, nothing is ranked, and no text is read."""
        folded = ["d.title", "d.lead", "d.opening"] if ranking.reads_text and not ranking.reads_marks else []
        marked = ["d.marked"] if ranking.reads_marks else []
        read = "".join(f", {column}" for column in (*folded, *marked))
        candidate = ", ".join([*(folded or ["''"] * 3), *(marked or ["''"])])
        sql = (
            f"SELECT d.item_id, {self.age_days_sql()}, {candidate}"
            f" FROM (SELECT d.item_id, d.published_at{read} {matches} ORDER BY {self.newest_first} LIMIT %s) AS d"
            " ORDER BY d.item_id DESC"
        )
        found = 0
        for rows in self.stream(sql, [connection.ops.adapt_datetimefield_value(filters.now), *params, limit]):
            found += len(rows)
            ranking.add(rows[: RANKED_MATCHES - len(ranking)])
        return found

    @staticmethod
    def stream(sql: str, params: list[Any]) -> Iterator[list[tuple[Any, ...]]]:
        """The rows in chunks of CHUNK (SQLite makes each row as it is fetched)."""
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            while rows := cursor.fetchmany(CHUNK):
                yield rows

    @staticmethod
    def _fetch(sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def id_bounds(self, filters: Filters) -> tuple[int, int]:
        """The lowest and highest item id published in the date range, or of all documents
        (an empty range if none). Ids grow with creation, and publication follows creation: a
        date range is also a narrow range of ids, which full-text matches can be walked in."""
        clauses, params = filters.date_where()
        # With a date range, "+ 0" keeps both planners from walking the primary key from either
        # end, filtering on the date, instead of reading the range from search_doc_latest.
        item_id = "d.item_id + 0" if clauses else "d.item_id"
        sql = f"SELECT min({item_id}), max({item_id}) FROM search_searchdocument d WHERE {_sql_where(clauses)}"
        [(lowest, highest)] = self._fetch(sql, params)
        return (lowest, highest) if lowest is not None else (1, 0)

    def age_days_sql(self) -> str:
        """Days from d.published_at to the instant bound first (the search's now)."""
        raise NotImplementedError

    def matches_sql(self, query: ParsedQuery, filters: Filters) -> tuple[str, list[Any]]:
        """FROM ... WHERE ... over the document table `d`: every match, filters applied."""
        raise NotImplementedError


def _fts5_phrase(term: tuple[str, ...]) -> str:
    # Tokens hold letters and digits only; doubling quotes keeps that true for any input.
    return '"' + " ".join(token.replace('"', '""') for token in term) + '"'


class SQLiteBackend(Backend):
    """FTS5 over the folded columns; the tags column only through tag filters."""

    newest_first = "search_fts.rowid DESC"  # FTS5 walks its index in rowid order: no sorting

    def match(self, query: ParsedQuery, filters: Filters) -> str:
        parts = []
        if query:
            parts.append(f"{TEXT_COLUMNS} : ({' AND '.join(map(_fts5_phrase, query.terms))})")
        parts.extend(f"tags : {_fts5_phrase((tag,))}" for tag in filters.tags)
        return " AND ".join(parts)

    def matches_sql(self, query: ParsedQuery, filters: Filters) -> tuple[str, list[Any]]:
        clauses, params = filters.where()
        if filters.dated:
            # FTS5 walks only the ids published in the range, not every newer match first.
            clauses.append("search_fts.rowid BETWEEN %s AND %s")
            params.extend(self.id_bounds(filters))
        # CROSS JOIN keeps the full-text index as the outer loop; otherwise SQLite may walk
        # the documents and run the whole MATCH once per document.
        sql = (
            "FROM search_fts CROSS JOIN search_searchdocument d ON d.item_id = search_fts.rowid"
            f" WHERE search_fts MATCH %s AND {_sql_where(clauses)}"
        )
        return sql, [self.match(query, filters), *params]

    def age_days_sql(self) -> str:
        return "julianday(%s) - julianday(d.published_at)"


@dataclass(frozen=True)
class LexemeStatistics:
    """How many documents there are and the share of them holding each common lexeme."""

    documents: float
    shares: dict[str, float]


@functools.cache
def lexeme_statistics() -> LexemeStatistics:
    """Read once per process from the planner's statistics of each partition (autovacuum keeps
    them fresh; it never analyzes the partitioned table itself), weighted by its size: a lexeme
    absent from a partition's most_common_elems is rarer there than every listed one."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT greatest(c.reltuples, 0), s.most_common_elems::text::text[], s.most_common_elem_freqs"
            " FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid LEFT JOIN pg_stats s"
            " ON s.tablename = c.relname AND s.attname = 'vector' AND s.schemaname = current_schema()"
            " WHERE i.inhparent = 'search_searchdocument'::regclass"
        )
        partitions = cursor.fetchall()
    documents = sum(size for size, _lexemes, _frequencies in partitions)
    shares: dict[str, float] = defaultdict(float)
    for size, lexemes, frequencies in partitions:
        # The frequency array ends with three summary numbers (min, max, null share): zip stops
        # first. A partition never analyzed has neither array.
        for lexeme, frequency in zip(lexemes or [], frequencies or [], strict=False):
            shares[lexeme] += frequency * size / documents
    return LexemeStatistics(float(documents), dict(shares))


def tag_lexeme(tag: str) -> str:
    """A filter tag as the vector holds it (migration 0005): '#' keeps it apart from any word."""
    return f"#{tag}"


def _lexeme(token: str) -> str:
    # Tokens and tags hold letters, digits and '#'; dropping quotes keeps that true for any input.
    return "'" + token.replace("'", "") + "'"


class PostgreSQLBackend(Backend):
    """tsvector over folded text ('simple' configuration, GIN index)."""

    # Walking the newest documents one by one costs about 1 µs each. A GIN lookup costs about
    # 3 µs per match it returns, plus reading each word's list in every partition that the
    # window of ids overlaps (search.partitions): about 1 ms per partition of 50,000 documents
    # when all words are common. Measured on the 200,000-item benchmark.
    PROBE_MAX = 2000  # the first walk: measures the share of matches among the newest documents
    WALK_MAX = 2000  # beyond this many documents, a GIN lookup in a window of ids costs less
    MARGIN = 1.5  # a window a little wider than the share found so far needs
    GIN_ONLY = 2  # fewer expected matches than this many times RANKED_MATCHES: no walk at all

    @staticmethod
    def stream(sql: str, params: list[Any]) -> Iterator[list[tuple[Any, ...]]]:
        """The rows in chunks of CHUNK as PostgreSQL finds them (libpq's chunked mode): ranking
        counts the words in one chunk while the database, on the other core, walks on to the
        next (Django's cursor would wait for the last row; a walk and its ranking took 9.5 ms
        this way against 18 ms one after the other). The statement is logged as Django logs
        its own, so query counts still see it. Chunked mode needs libpq 17 (psycopg[binary] brings
        it); with an older libpq the rows come all at once."""
        if pq.version() < CHUNKED_MODE_LIBPQ:
            yield from Backend.stream(sql, params)
            return
        with connection.cursor() as cursor:
            logged = cursor.debug_sql(sql, params) if isinstance(cursor, CursorDebugWrapper) else nullcontext()
            with logged, connection.wrap_database_errors:
                chunk: list[tuple[Any, ...]] = []
                for row in cursor.cursor.stream(sql, params, size=CHUNK):
                    chunk.append(row)
                    if len(chunk) == CHUNK:
                        yield chunk
                        chunk = []
                if chunk:
                    yield chunk

    def find(self, query: ParsedQuery, filters: Filters, by_date: bool = False) -> Matches:
        if (query or filters.tags) and (start := self.first_read(query, filters)):
            return self.newest_matches(query, filters, *start, self.id_bounds(filters), by_date=by_date)
        return super().find(query, filters, by_date)

    def first_read(self, query: ParsedQuery, filters: Filters) -> tuple[int, bool] | None:
        """How to start reading the newest documents, (span, one_by_one), or None to go straight
        to one GIN lookup of every match, which is cheap when it finds few. The share of matches
        is first estimated as the rarest word's share times each filter tag's share (agency,
        type, topic and area hardly depend on the words). A short walk is taken when it should
        do. Otherwise, with words, a walk of at most PROBE_MAX documents measures the real share
        first: the planner cannot tell, as it multiplies the words' shares, but the syllables of
        one Vietnamese phrase ("cong vien cay xanh") occur together. Without words (a tag's share
        is what the statistics say), or when even the estimate leaves a partition few matches, a
        GIN lookup in a window starts at once."""
        statistics = lexeme_statistics()
        share = min((statistics.shares.get(word, 0.0) for word in query.words), default=1.0)
        for tag in filters.tags:
            share *= statistics.shares.get(tag_lexeme(tag), 0.0)
        wanted = RANKED_MATCHES + 1
        if share * statistics.documents <= self.GIN_ONLY * wanted:
            return None
        span = math.ceil(self.MARGIN * wanted / share)
        if span <= self.WALK_MAX or (query and share * PARTITION_SIZE > self.GIN_ONLY * wanted):
            return min(span, self.PROBE_MAX), True
        # No document holds more of the words than of the rarest one: the estimate is the most
        # the share can be, so a partition's lookup cannot return many more matches than needed.
        return span, False

    def newest_matches(
        self,
        query: ParsedQuery,
        filters: Filters,
        span: int,
        one_by_one: bool,
        ids: tuple[int, int],
        by_date: bool = False,
    ) -> Matches:
        """The newest matches among `ids` (lowest, highest), reading downwards: first `span`
        documents (walked `one_by_one`, or looked up in the GIN index), then, sized from the
        share of matches found so far, either a walk or a GIN lookup limited to a window of ids,
        until RANKED_MATCHES + 1 are found."""
        wanted = RANKED_MATCHES + 1
        lowest, highest = ids
        ranking, found = Ranking(query, by_date), 0
        upper = highest + 1
        while True:
            lower = max(upper - span, lowest)
            if not one_by_one:
                # One partition at a time: the share of matches is re-measured before reading
                # another partition's lists, instead of trusting the estimate or a walk's few matches.
                lower = max(lower, partition_start(upper - 1))
            matches, params = self.matches_sql(query, filters, ids=(lower, upper), one_by_one=one_by_one)
            found += self.candidates(matches, params, filters, wanted - found, ranking)
            upper = lower
            if found >= wanted or upper <= lowest:
                return Matches(ranking.ranked(), found > RANKED_MATCHES)
            share = found / (highest + 1 - upper)
            still_to_walk = (wanted - found) / share if found else math.inf
            one_by_one = still_to_walk <= self.WALK_MAX
            # A walk stops at the last match it needs: its margin costs nothing.
            span = math.ceil(min(self.MARGIN * still_to_walk, upper - lowest))

    def tsquery(self, query: ParsedQuery, filters: Filters) -> str:
        """Every word and tag AND-ed, as a tsquery literal: the vector holds exactly these lexemes,
        so no text search parser runs and the GIN index needs no re-check."""
        lexemes = [*sorted(query.words), *map(tag_lexeme, filters.tags)]
        return " & ".join(map(_lexeme, lexemes))

    @staticmethod
    def phrases_where(query: ParsedQuery) -> tuple[list[str], list[Any]]:
        """Words of a phrase must also stand together, in order, within one column; checked on
        the folded text of the documents that hold all the words. The body's opening is in the
        row, the body mostly compressed out of it: the opening is tried first (unpadded at its
        end, where a word may be cut short: a phrase there is found in the body)."""
        clauses: list[str] = []
        params: list[Any] = []
        for term in query.terms:
            if len(term) > 1:
                clauses.append(
                    "(strpos(' ' || d.title || ' ', %s) > 0 OR strpos(' ' || d.lead || ' ', %s) > 0"
                    " OR strpos(' ' || d.opening, %s) > 0 OR strpos(' ' || d.body || ' ', %s) > 0)"
                )
                params.extend([f" {' '.join(term)} "] * 4)
        return clauses, params

    def matches_sql(
        self, query: ParsedQuery, filters: Filters, ids: tuple[int, int] | None = None, one_by_one: bool = False
    ) -> tuple[str, list[Any]]:
        """With `ids` (lowest, beyond highest): only the documents in that range, through the
        GIN index or, `one_by_one`, walked newest first."""
        clauses, params = filters.where()
        phrases, phrase_params = self.phrases_where(query)
        documents = "search_searchdocument d"
        walk: list[Any] = []
        if ids and one_by_one:
            # A subquery with its own LIMIT (never reached) is not flattened: the planner walks
            # the primary key backwards, whatever match count it estimates.
            documents = (
                "(SELECT d.item_id, d.published_at, d.vector, d.title, d.lead, d.body, d.opening, d.marked"
                " FROM search_searchdocument d"
                f" WHERE d.item_id >= %s AND d.item_id < %s ORDER BY {self.newest_first} LIMIT %s) d"
            )
            walk = [*ids, ids[1] - ids[0]]
        elif ids:
            clauses.append("d.item_id >= %s AND d.item_id < %s")
            params.extend(ids)
        where = f"d.vector @@ %s::tsquery AND {_sql_where([*phrases, *clauses])}"
        where_params = [self.tsquery(query, filters), *phrase_params, *params]
        if ids and not one_by_one:
            # The window's matches are read through the GIN index, then sorted: OFFSET 0 keeps
            # the caller's ORDER BY ... LIMIT out of this subquery, or the planner may walk the
            # primary key backwards through the window instead (3x slower, measured). Columns
            # that the caller does not read are not read.
            fenced = (
                f"SELECT d.item_id, d.published_at, d.title, d.lead, d.opening, d.marked FROM {documents} WHERE {where}"
            )
            return f"FROM ({fenced} OFFSET 0) d", where_params
        return f"FROM {documents} WHERE {where}", [*walk, *where_params]

    def age_days_sql(self) -> str:
        return "date_part('epoch', %s - d.published_at) / 86400"  # float8; extract() is numeric


def backend() -> Backend:
    if connection.vendor == "postgresql":
        return PostgreSQLBackend()
    if connection.vendor == "sqlite":
        return SQLiteBackend()
    raise NotImplementedError(f"search supports SQLite and PostgreSQL, not {connection.vendor}")
