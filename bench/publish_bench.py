"""Publish path: approval -> visible in search, feeds and the API, measured over HTTP against a
real web process (uvicorn), plus that process's resident memory afterwards.

    .venv/bin/python bench/publish_bench.py                       # SQLite in a throwaway folder
    .venv/bin/python bench/publish_bench.py --database-url postgres://postgres@127.0.0.1:5432/pc_bench_pub

A PostgreSQL database named on the command line is DROPPED and recreated: give a scratch one.
Baseline, measured in the same run: the same three HTTP reads for an item that is already visible,
so the ratio shows what publishing adds on top of plain request cost.
"""

import argparse
import json
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def cuts(samples: list[float]) -> list[float]:
    return statistics.quantiles(sorted(samples), n=100, method="inclusive")


def percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)
    cut = cuts(ordered)
    return f"p50 {cut[49]:7.1f} ms   p95 {cut[94]:7.1f} ms   p99 {cut[98]:7.1f} ms   (n={len(ordered)})"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (loopback only)
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""
    except urllib.error.URLError:  # not listening yet
        return 0, b""


def reset_postgres(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def visible_everywhere(base: str, uid: str, word: str) -> bool:
    status, _ = get(f"{base}/api/items/{uid}")
    if status != 200:
        return False
    _, found = get(f"{base}/api/items/search?q={word}")
    if uid.encode() not in found:
        return False
    _, feed = get(f"{base}/kenh-tin/rss/")
    return uid.encode() in feed


def read_all(base: str, uid: str, word: str) -> None:
    """The same three reads, without waiting for anything: what a reader pays anyway."""
    for url in (f"{base}/api/items/{uid}", f"{base}/api/items/search?q={word}", f"{base}/kenh-tin/rss/"):
        assert get(url)[0] == 200


def wait_until(base: str, uid: str, word: str, deadline_s: float = 10.0) -> float:
    start = time.perf_counter()
    while not visible_everywhere(base, uid, word):
        if time.perf_counter() - start > deadline_s:
            raise RuntimeError(f"item {uid} not visible after {deadline_s} s")
        time.sleep(0.005)
    return time.perf_counter() - start


def rss_mb(pid: int) -> tuple[float, float]:
    fields = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line)
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default="")
    parser.add_argument("--background", type=int, default=300, help="published items already there")
    parser.add_argument("--rounds", type=int, default=100)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="pc-publish-bench-"))
    (workdir / "static").mkdir()
    env = dict(os.environ, PRESSCENTER_ENV="demo", PRESSCENTER_DATA_DIR=str(workdir), LOG_LEVEL="WARNING")
    env.pop("REDIS_URL", None)
    if args.database_url:
        reset_postgres(args.database_url)
        env["DATABASE_URL"] = args.database_url
    else:
        env.pop("DATABASE_URL", None)
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "presscenter.settings")

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from presscenter.accounts.models import Role, User
    from presscenter.orgs.models import Kind, Organisation
    from presscenter.releases import domain

    call_command("migrate", verbosity=0)
    org = Organisation.objects.create(kind=Kind.DEPARTMENT, name="Sở Xây dựng", slug="so-xay-dung")
    editor = User.objects.create(username="editor", role=Role.EDITOR, organisation=org)
    spokesperson = User.objects.create(username="spokesperson", role=Role.SPOKESPERSON, organisation=org)

    def draft(word: str) -> Any:
        item = domain.create_item(
            editor,
            org,
            title=f"Thông báo điều chỉnh tổ chức giao thông {word}",
            lead="Sở Xây dựng thông báo điều chỉnh tổ chức giao thông trên tuyến đường Trần Hưng Đạo.",
            body="<p>Thời gian áp dụng từ 6 giờ sáng ngày mai. Người dân chú ý biển báo.</p>",
        )
        return domain.submit(editor, item)

    for n in range(args.background):
        domain.approve(spokesperson, draft(f"nen{n}"))

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "presscenter.asgi:application",
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
    )
    try:
        for _ in range(200):
            if get(f"{base}/api/topics")[0] == 200:
                break
            time.sleep(0.1)
        reference = draft("mauchuan")
        domain.approve(spokesperson, reference)
        wait_until(base, str(reference.uid), "mauchuan")

        publish_ms, visible_ms, baseline_ms = [], [], []
        for _ in range(args.rounds):
            word = "ma" + secrets.token_hex(4)
            item = draft(word)
            started = time.perf_counter()
            domain.approve(spokesperson, item)
            committed = time.perf_counter()
            waited = wait_until(base, str(item.uid), word)
            publish_ms.append((committed - started) * 1000)
            visible_ms.append((committed - started + waited) * 1000)
            began = time.perf_counter()
            read_all(base, str(reference.uid), "mauchuan")
            baseline_ms.append((time.perf_counter() - began) * 1000)

        rss, peak = rss_mb(server.pid)
        print(f"database: {connection.vendor}; {args.background} items already published; {args.rounds} rounds")
        print(f"approve() transaction (sign, version, index, audit): {percentiles(publish_ms)}")
        print(f"approval -> visible in API + search + RSS:          {percentiles(visible_ms)}")
        print(f"baseline: the same 3 reads of a visible item:       {percentiles(baseline_ms)}")
        print(f"web process resident memory: {rss:.0f} MB now, {peak:.0f} MB peak")
        print(json.dumps({"p95_visible_ms": round(cuts(visible_ms)[94], 1), "rss_mb": round(rss)}))
    finally:
        server.terminate()
        server.wait(timeout=20)


if __name__ == "__main__":
    main()
