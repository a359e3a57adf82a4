"""The confirmation step before publishing counts who an item would reach on each channel
(presscenter.delivery.fanout.audience): fan-out's own recipient planning, without writing.
How long that takes for one agency followed by 10,000 journalists, against the reverse match
alone (subscriptions.matching.match_ids) measured in the same run, interleaved ABBA.

    .venv/bin/python bench/audience_bench.py                   # SQLite file in a scratch directory
    .venv/bin/python bench/audience_bench.py --subscribers 2000
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--subscribers", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5, help="ABBA rounds after one warm-up")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="pc-audience-bench-"))
    os.environ.update(
        {
            "PRESSCENTER_ENV": "test",
            "PRESSCENTER_DATA_DIR": str(workdir),
            "LOG_LEVEL": "WARNING",
            "DJANGO_SETTINGS_MODULE": "presscenter.settings",
        }
    )
    os.environ.pop("DATABASE_URL", None)
    os.environ.pop("REDIS_URL", None)
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from django.db import connection

    from bench.fanout_bench import populate
    from presscenter.delivery.fanout import audience
    from presscenter.releases import domain
    from presscenter.subscriptions.matching import match_ids

    newsroom = populate(args.subscribers, 9, ["live", "webhook", "email"])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    item = domain.submit(newsroom.editor, newsroom.draft())
    print(f"database: {connection.vendor}; cores: {os.cpu_count()}; audience: {dict(audience(item))}")  # warm-up

    timings: dict[str, list[float]] = {"audience": [], "match_ids": []}

    def timed(name: str, run: object) -> None:
        started = time.perf_counter()
        run(item)  # type: ignore[operator]
        timings[name].append((time.perf_counter() - started) * 1000)

    for _round in range(args.rounds):
        timed("audience", audience)
        timed("match_ids", match_ids)
        timed("match_ids", match_ids)
        timed("audience", audience)
    for name, samples in timings.items():
        print(
            f"{name:>10}: median {statistics.median(samples):8.1f} ms   min {min(samples):8.1f} ms   (n={len(samples)})"
        )


if __name__ == "__main__":
    main()
