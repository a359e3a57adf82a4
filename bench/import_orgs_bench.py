"""Importing the organisation tree (presscenter.orgs.importing) from CSV files of 1,000 and 8,000
rows shaped as a chain (each organisation the parent of the next: the deepest possible tree)
beside a flat tree of the same size (the city and every other row under it): the baseline,
whose depth is 1. The checks (parse + validate) and the whole import (checks, writes, audit
entry) are timed separately; each import is rolled back, so every run starts from an empty table.

    .venv/bin/python bench/import_orgs_bench.py
    .venv/bin/python bench/import_orgs_bench.py --sizes 1000 8000 --repeat 2

Runs alternate flat, chain, chain, flat (ABBA) after one warm-up; the figure is the mean.
"""

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def setup_django() -> None:
    workdir = Path(tempfile.mkdtemp(prefix="pc-import-bench-"))
    os.environ.update(
        PRESSCENTER_ENV="test",
        PRESSCENTER_DATA_DIR=str(workdir),
        DATABASE_URL=f"sqlite:///{workdir / 'bench.sqlite3'}",
        LOG_LEVEL="WARNING",
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "presscenter.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def csv_file(rows: int, shape: str) -> str:
    lines = ["slug,kind,name,parent_slug", "thanh-pho,peoples_committee,Ủy ban nhân dân Thành phố Hà Nội,"]
    for n in range(1, rows):
        parent = f"co-quan-{n - 1}" if shape == "chain" and n > 1 else "thanh-pho"
        lines.append(f"co-quan-{n},department,Cơ quan thử nghiệm {n},{parent}")
    return "\n".join(lines) + "\n"


def timed(action: Callable[[], object]) -> float:
    from django.db import transaction

    with transaction.atomic():
        began = time.perf_counter()
        action()
        elapsed = time.perf_counter() - began
        transaction.set_rollback(True)
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 8000])
    parser.add_argument("--repeat", type=int, default=2, help="ABBA rounds (each runs both shapes twice)")
    args = parser.parse_args()
    setup_django()
    from presscenter.orgs.importing import import_organisations, read_rows, validate

    def checks(data: str) -> Callable[[], object]:
        return lambda: validate(read_rows(data), replace=False)

    def whole(data: str) -> Callable[[], object]:
        return lambda: import_organisations(None, data)

    timed(whole(csv_file(200, "chain")))  # warm-up
    print(f"{'rows':>6} {'shape':<6} {'checks':>10} {'import':>10}")
    for size in args.sizes:
        files = {shape: csv_file(size, shape) for shape in ("flat", "chain")}
        results: dict[str, dict[str, list[float]]] = {shape: {"checks": [], "import": []} for shape in files}
        for _round in range(args.repeat):
            for shape in ("flat", "chain", "chain", "flat"):
                results[shape]["checks"].append(timed(checks(files[shape])))
                results[shape]["import"].append(timed(whole(files[shape])))
        for shape, figures in results.items():
            mean = {name: sum(values) / len(values) for name, values in figures.items()}
            print(f"{size:>6} {shape:<6} {mean['checks']:>9.3f}s {mean['import']:>9.3f}s")


if __name__ == "__main__":
    main()
