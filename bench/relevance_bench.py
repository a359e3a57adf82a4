"""Relevance of search ranking, judged: nDCG@10 of the ranking in this checkout beside the
ranking as of commit d42ad72 (before adjacency and accents counted), in the same run.

    .venv/bin/python bench/relevance_bench.py                    # both halves, both rankings
    .venv/bin/python bench/relevance_bench.py --show "Hà Nội"    # matches as ranked, with grades
    .venv/bin/python bench/relevance_bench.py --timing           # ranking 1,000 candidates: ms

The judged set (bench/relevance/) was written for this project: queries graded 0-3 over the
demo's items (presscenter/demo/stories.py) and the items of bench/relevance/corpus.json.
Half the queries ("tune") were used to choose ranking's weights; the other half ("held-out")
were not looked at while tuning. Unjudged items count as 0.

Matching is the search's (every word, phrases in order within a column, accents folded),
computed here in Python: the rankings are what differ, and both read the same candidates the
backends would give them (index.text_columns)."""

import argparse
import importlib.util
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATA = Path(__file__).resolve().parent / "relevance"
BASELINE_COMMIT = "d42ad72"
CUTOFF = 10


@dataclass
class Document:
    key: str
    days_ago: float
    title: str
    lead: str
    body: str


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "presscenter.settings")
    import django

    django.setup()


def documents() -> list[Document]:
    """The demo's items and the corpus written for this bench, oldest first."""
    from presscenter.demo.stories import STORIES

    written = json.loads((DATA / "corpus.json").read_text(encoding="utf-8"))["items"]
    docs = [Document(s.key, s.days_ago, s.title, s.lead, "\n".join(s.body)) for s in STORIES]
    docs += [Document(d["key"], d["days_ago"], d["title"], d["lead"], "\n".join(d["body"])) for d in written]
    return sorted(docs, key=lambda doc: -doc.days_ago)


def baseline_ranking() -> ModuleType:
    """search/ranking.py as of BASELINE_COMMIT, loaded from a temporary copy."""
    source = subprocess.run(
        ["git", "-C", str(ROOT), "show", f"{BASELINE_COMMIT}:presscenter/search/ranking.py"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    with tempfile.TemporaryDirectory(prefix="relevance-") as directory:
        path = Path(directory) / "baseline_ranking.py"
        path.write_text(source, encoding="utf-8")
        spec = importlib.util.spec_from_file_location("baseline_ranking", path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module


class Corpus:
    def __init__(self, docs: list[Document]) -> None:
        from presscenter.search.index import text_columns

        self.keys = [doc.key for doc in docs]
        # Ids grow with publication, as in the index (ties in score go to the newest).
        self.rows = [
            (item_id, float(doc.days_ago), *text_columns(doc.title, doc.lead, doc.body))
            for item_id, doc in enumerate(docs, start=1)
        ]

    def candidates(self, terms: tuple[tuple[str, ...], ...]) -> list[tuple[Any, ...]]:
        """Rows (id, age, title, lead, body, opening, marked) holding every term, each term's
        tokens together in one column."""

        def holds(row: tuple[Any, ...], term: tuple[str, ...]) -> bool:
            return any(f" {' '.join(term)} " in f" {column} " for column in row[2:5])

        return [row for row in self.rows if terms and all(holds(row, term) for term in terms)]


def ranked_keys(corpus: Corpus, ranking: Any, rows: list[tuple[Any, ...]], marked: bool) -> list[str]:
    # New candidates: id, age, title, lead, opening, marked; the baseline's: without marked.
    ranking.add([(r[0], r[1], r[2], r[3], r[5], r[6]) if marked else (r[0], r[1], r[2], r[3], r[5]) for r in rows])
    return [corpus.keys[item_id - 1] for item_id, _score in ranking.ranked()]


def ndcg(keys: list[str], grades: dict[str, int]) -> float:
    def dcg(gains: list[int]) -> float:
        return sum((2**grade - 1) / math.log2(rank + 2) for rank, grade in enumerate(gains[:CUTOFF]))

    ideal = dcg(sorted(grades.values(), reverse=True))
    return dcg([grades.get(key, 0) for key in keys]) / ideal if ideal else 0.0


def timing(corpus: Corpus, judged: list[dict[str, Any]], baseline: ModuleType, rounds: int = 7) -> None:
    """Median milliseconds to rank 1,000 candidates (the corpus repeated) for each judged query,
    the baseline and this ranking alternating (ABBA), as a search ranks its newest matches."""
    from presscenter.search.parse import parse
    from presscenter.search.ranking import Ranking

    rows = [(n, *corpus.rows[n % len(corpus.rows)][1:]) for n in range(1, 1001)]
    new_rows = [(r[0], r[1], r[2], r[3], r[5], r[6]) for r in rows]
    old_rows = [(r[0], r[1], r[2], r[3], r[5]) for r in rows]
    queries = [parse(judgment["q"]) for judgment in judged]

    def run(make: Any, candidates: list[tuple[Any, ...]]) -> float:
        start = time.perf_counter()
        for query in queries:
            ranking = make(query)
            for chunk in range(0, len(candidates), 50):  # as the backends stream them
                ranking.add(candidates[chunk : chunk + 50])
            ranking.ranked()
        return (time.perf_counter() - start) * 1000 / len(queries)

    old: list[float] = []
    new: list[float] = []
    for _round in range(rounds):
        old.append(run(baseline.Ranking, old_rows))
        new += [run(Ranking, new_rows), run(Ranking, new_rows)]
        old.append(run(baseline.Ranking, old_rows))
    print(
        f"ranking 1,000 candidates, mean over {len(queries)} queries, median of {len(new)} runs:"
        f" {BASELINE_COMMIT} {statistics.median(old):.2f} ms, now {statistics.median(new):.2f} ms"
        f"; load average {' '.join(f'{load:.1f}' for load in os.getloadavg())}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--show", metavar="QUERY", help="list the matches of one query as both rankings order them")
    parser.add_argument("--timing", action="store_true", help="time both rankings over 1,000 candidates")
    args = parser.parse_args()
    setup_django()
    from presscenter.search.parse import parse
    from presscenter.search.ranking import Ranking

    baseline = baseline_ranking()
    corpus = Corpus(documents())
    judged = json.loads((DATA / "judgments.json").read_text(encoding="utf-8"))["queries"]

    def both(q: str) -> tuple[list[str], list[str]]:
        query = parse(q)
        rows = corpus.candidates(query.terms)
        return (
            ranked_keys(corpus, baseline.Ranking(query), rows, marked=False),
            ranked_keys(corpus, Ranking(query), rows, marked=True),
        )

    if args.timing:
        timing(corpus, judged, baseline)
        return
    if args.show:
        grades = next((j["grades"] for j in judged if j["q"] == args.show), {})
        old, new = both(args.show)
        for rank, key in enumerate(new, start=1):
            doc_title = next(d.title for d in documents() if d.key == key)
            print(f"{rank:3} (was {old.index(key) + 1:3})  grade {grades.get(key, '-')}  {key}: {doc_title}")
        return
    print(f"{len(corpus.keys)} items, {len(judged)} judged queries; nDCG@{CUTOFF}, baseline = {BASELINE_COMMIT}")
    for split in ("tune", "held-out"):
        print(f"\n{split}:")
        print(f"  {'query':42} {'kinds':38} {'baseline':>8} {'now':>6}")
        scores: list[tuple[float, float]] = []
        for judgment in (j for j in judged if j["split"] == split):
            old, new = both(judgment["q"])
            pair = (ndcg(old, judgment["grades"]), ndcg(new, judgment["grades"]))
            scores.append(pair)
            print(f"  {judgment['q']:42} {', '.join(judgment['kinds']):38} {pair[0]:8.3f} {pair[1]:6.3f}")
        old_mean, new_mean = (statistics.mean(column) for column in zip(*scores, strict=True))
        print(f"  {'mean of ' + str(len(scores)) + ' queries':81} {old_mean:8.3f} {new_mean:6.3f}")


if __name__ == "__main__":
    main()
