"""Full-text search at scale: build N generated Vietnamese items, index them, time queries.

    .venv/bin/python bench/search_bench.py                      # SQLite in a throwaway file
    .venv/bin/python bench/search_bench.py --items 20000        # smaller run
    .venv/bin/python bench/search_bench.py --database-url postgres://postgres@127.0.0.1:5432/pc_bench

A PostgreSQL database named on the command line is DROPPED and recreated: give a scratch one.
With --reuse it is kept: no data is generated, only the queries run against the existing corpus
(one built earlier by this script), e.g. to time a change to the search SQL.
Prints the index build time and p50/p95/p99 of presscenter.search.query.search() beside a
baseline measured in the same run (icontains over the unfolded text, as without an index).
"""

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

# Vietnamese fragments written for this benchmark; combined at random they give varied text
# with a realistic mix of very common words (thành phố, Hà Nội) and rare ones (place names, numbers).
SUBJECTS = [
    "Ủy ban nhân dân thành phố", "Sở Giao thông vận tải", "Sở Y tế Hà Nội", "Sở Giáo dục và Đào tạo",
    "Ban Quản lý dự án", "Công an thành phố", "Sở Tài nguyên và Môi trường", "Sở Văn hóa và Thể thao",
    "Ủy ban nhân dân phường", "Sở Xây dựng", "Sở Công Thương", "Sở Nông nghiệp và Môi trường",
    "Bộ Chỉ huy quân sự Thủ đô", "Trung tâm Báo chí", "Sở Khoa học và Công nghệ", "Sở Nội vụ",
]  # fmt: skip
ACTIONS = [
    "thông báo phân luồng giao thông", "khởi công xây dựng", "tổ chức kiểm tra", "ban hành kế hoạch",
    "triển khai chiến dịch", "cảnh báo người dân về", "đẩy nhanh tiến độ", "công bố kết quả",
    "tăng cường phòng chống", "hướng dẫn thủ tục", "tạm dừng hoạt động", "hoàn thành cải tạo",
    "phát động phong trào", "tiếp nhận phản ánh về", "điều chỉnh lộ trình", "xử lý vi phạm về",
]  # fmt: skip
OBJECTS = [
    "cầu vượt", "đường vành đai 4", "tuyến đường sắt đô thị", "trường học", "bệnh viện tuyến huyện",
    "sốt xuất huyết", "ô nhiễm không khí", "ngập úng sau mưa lớn", "an toàn thực phẩm",
    "lễ hội mùa thu", "chuyển đổi số", "nhà ở xã hội", "rác thải sinh hoạt", "giá điện", "cấp nước sạch",
    "tuyển sinh lớp 10", "hồ điều hòa", "công viên cây xanh", "xe buýt điện", "phố đi bộ",
    "di tích lịch sử", "thủy lợi", "hòa bình và hữu nghị", "khoẻ mạnh cộng đồng", "thuỷ triều đỏ",
]  # fmt: skip
PLACES = [
    "Hoàn Kiếm", "Ba Đình", "Đống Đa", "Hai Bà Trưng", "Long Biên", "Cầu Giấy", "Tây Hồ", "Thanh Xuân",
    "Hoàng Mai", "Hà Đông", "Nam Từ Liêm", "Bắc Từ Liêm", "Sơn Tây", "Ba Vì", "Đông Anh", "Gia Lâm",
    "Sóc Sơn", "Mê Linh", "Thạch Thất", "Quốc Oai", "Chương Mỹ", "Thanh Oai", "Thường Tín", "Phú Xuyên",
    "Ứng Hòa", "Mỹ Đức", "Đan Phượng", "Hoài Đức", "Phúc Thọ", "Thanh Trì", "Giảng Võ", "Ô Chợ Dừa",
    "Láng", "Kim Liên", "Văn Miếu", "Phú Thượng", "Yên Hòa", "Nghĩa Đô", "Bồ Đề", "Việt Hưng",
]  # fmt: skip
TIMES = [
    "trong tháng này", "từ ngày mai", "trước Tết Nguyên đán", "trong quý IV", "cuối tuần này",
    "từ 6 giờ sáng", "đến hết năm", "trong mùa mưa bão", "dịp Quốc khánh", "sau khi có ý kiến",
]  # fmt: skip
DETAILS = [
    "Người dân cần chủ động theo dõi thông tin chính thức", "Lực lượng chức năng túc trực 24/24",
    "Tổng mức đầu tư dự kiến {n} tỷ đồng", "Đã có {n} hộ dân được hỗ trợ", "Dự án dài {n} km",
    "Mọi phản ánh xin gửi về đường dây nóng", "Kết quả sẽ được công khai trên cổng thông tin",
    "Đơn vị thi công cam kết bảo đảm an toàn", "Thành phố yêu cầu các quận, huyện phối hợp chặt chẽ",
    "Có {n} trường hợp vi phạm bị xử lý", "Đường Trần Hưng Đạo tạm cấm xe tải", "Học sinh được nghỉ học",
]  # fmt: skip
TOPICS = [
    "Giao thông", "Y tế", "Giáo dục", "Môi trường", "Văn hóa", "Xây dựng", "An ninh trật tự",
    "Kinh tế", "Du lịch", "Nông nghiệp", "Khoa học công nghệ", "Thể thao", "Lao động việc làm",
    "Đô thị", "Cải cách hành chính", "Phòng chống thiên tai", "Nhà ở", "Tài chính", "Xã hội", "Quốc phòng",
]  # fmt: skip


def zipf_choice(rng: random.Random, words: list[str]) -> str:
    """Early entries much more often than later ones, as in real text."""
    return words[min(int(rng.paretovariate(1.2)) - 1, len(words) - 1)] if rng.random() < 0.6 else rng.choice(words)


def sentence(rng: random.Random) -> str:
    detail = rng.choice(DETAILS).format(n=rng.randint(2, 9999))
    return (
        f"{zipf_choice(rng, SUBJECTS)} {rng.choice(ACTIONS)} {zipf_choice(rng, OBJECTS)} tại "
        f"{rng.choice(PLACES)} {rng.choice(TIMES)}. {detail}."
    )


def article(rng: random.Random) -> tuple[str, str, str]:
    """A body of 1,400-3,200 characters, as long as real Vietnamese news (the real articles of
    ../shared/data/vfnd: median 2,069, mean 2,384)."""
    title = f"{rng.choice(ACTIONS).capitalize()} {rng.choice(OBJECTS)} tại {rng.choice(PLACES)}"
    lead = sentence(rng)
    body = "".join(f"<p>{sentence(rng)} {sentence(rng)}</p>" for _ in range(rng.randint(6, 12)))
    return title, lead, body


def setup_django(database_url: str | None, workdir: Path, reuse: bool) -> None:
    os.environ["DEBUG"] = "0"  # DEBUG keeps every query in memory
    os.environ["PRESSCENTER_ENV"] = "test"
    os.environ["PRESSCENTER_DATA_DIR"] = str(workdir)
    if database_url:
        os.environ["DATABASE_URL"] = database_url
        if not reuse:
            recreate_postgresql(database_url)
    else:
        os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "presscenter.settings")
    import django

    django.setup()


def recreate_postgresql(database_url: str) -> None:
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(database_url)
    maintenance = psycopg.connect(
        dbname="postgres", user=config["USER"], host=config["HOST"], port=config["PORT"] or 5432,
        password=config["PASSWORD"] or None, autocommit=True,
    )  # fmt: skip
    with maintenance:
        maintenance.execute(f'DROP DATABASE IF EXISTS "{config["NAME"]}"')
        maintenance.execute(f'CREATE DATABASE "{config["NAME"]}"')


def chunks(n: int, size: int) -> Iterator[range]:
    for start in range(0, n, size):
        yield range(start, min(n, start + size))


def build_corpus(n_items: int, rng: random.Random) -> dict[str, list[Any]]:
    """Organisations, topics, items and their published versions, in bulk (no workflow)."""
    from django.db import connection, transaction
    from django.utils import timezone

    from presscenter.accounts.models import User
    from presscenter.orgs.models import Kind, Organisation
    from presscenter.releases.models import Item, ItemType, State, Topic, Version

    agencies = Organisation.objects.bulk_create(
        Organisation(kind=Kind.DEPARTMENT, name=name, slug=f"co-quan-{i}") for i, name in enumerate(SUBJECTS)
    )
    areas = Organisation.objects.bulk_create(
        Organisation(kind=Kind.WARD, name=f"Phường {name}", slug=f"phuong-{i}") for i, name in enumerate(PLACES)
    )
    topics = Topic.objects.bulk_create(Topic(slug=f"chu-de-{i}", name=name) for i, name in enumerate(TOPICS))
    author = User.objects.create(username="bench", role="editor")
    now = timezone.now()
    types = list(ItemType.values)
    for block in chunks(n_items, 5000):
        with transaction.atomic():
            items, bodies = [], []
            for n in block:
                title, lead, body = article(rng)
                # Published in id order over three years, as the workflow creates them; one in
                # twenty was corrected later, which moves its last publication.
                published = now - dt.timedelta(minutes=3 * 365 * 24 * 60 * (n_items - n) / n_items)
                corrected = min(now, published + dt.timedelta(days=rng.randint(1, 30)))
                # An embargo lifts within two days: only the newest items can still be under one.
                recent = now - published < dt.timedelta(days=2)
                embargo = now + dt.timedelta(hours=rng.randint(1, 48)) if recent and rng.random() < 0.05 else None
                items.append(
                    Item(
                        type=rng.choice(types),
                        organisation=rng.choice(agencies),
                        author=author,
                        state=State.PUBLISHED,
                        title=title,
                        lead=lead,
                        first_published_at=published,
                        last_published_at=corrected if rng.random() < 0.05 else published,
                        embargo_until=embargo,
                        verification_code=f"B{n:09d}",
                    )
                )
                bodies.append(body)
            Item.objects.bulk_create(items)
            Version.objects.bulk_create(
                Version(
                    item=item,
                    number=1,
                    title=item.title,
                    lead=item.lead,
                    body=body,
                    published_at=item.last_published_at,
                    published_by=author,
                    author=author,
                    signed_bytes=b"",
                    signature="",
                    key_id="bench",
                    text_digest="",
                )
                for item, body in zip(items, bodies, strict=True)
            )
            Item.topics.through.objects.bulk_create(
                Item.topics.through(item_id=item.pk, topic_id=topic.pk)
                for item in items
                for topic in rng.sample(topics, rng.randint(1, 2))
            )
            Item.areas.through.objects.bulk_create(
                Item.areas.through(item_id=item.pk, organisation_id=area.pk)
                for item in items
                if rng.random() < 0.5
                for area in rng.sample(areas, 1)
            )
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE releases_item SET current_version_id ="
            " (SELECT v.id FROM releases_version v WHERE v.item_id = releases_item.id)"
        )
        cursor.execute("ANALYZE")
    return {"agencies": agencies, "areas": areas, "topics": topics}


def existing_corpus() -> dict[str, list[Any]]:
    """The organisations and topics build_corpus stored in an earlier run."""
    from presscenter.orgs.models import Organisation
    from presscenter.releases.models import Topic

    return {
        "agencies": list(Organisation.objects.filter(slug__startswith="co-quan-")),
        "areas": list(Organisation.objects.filter(slug__startswith="phuong-")),
        "topics": list(Topic.objects.filter(slug__startswith="chu-de-")),
    }


def queries(n: int, rng: random.Random, corpus: dict[str, list[Any]]) -> list[Any]:
    """Varied queries: accented and not, upper case, phrases, rare and common words, filters."""
    from presscenter.search.query import SearchParams
    from presscenter.text import fold

    today = dt.date.today()
    vocabulary = [*OBJECTS, *PLACES, *ACTIONS, *TOPICS]
    made: list[SearchParams] = []
    for i in range(n):
        words = " ".join(rng.sample(vocabulary, rng.choice((1, 1, 2))))
        kind = i % 8
        params = SearchParams(q=words)
        if kind == 1:
            params.q = fold(words)  # typed without accents
        elif kind == 2:
            params.q = f'"{rng.choice(OBJECTS)}"'  # phrase
        elif kind == 3:
            params.q = fold(rng.choice(PLACES)).upper()
        elif kind == 4:
            params.organisation = rng.choice(corpus["agencies"]).slug
        elif kind == 5:
            params.topic = rng.choice(corpus["topics"]).slug
            params.q = fold(rng.choice(OBJECTS))
        elif kind == 6:
            params.date_from = today - dt.timedelta(days=rng.randint(30, 400))
            params.date_to = params.date_from + dt.timedelta(days=90)
        elif kind == 7:
            params.q = ""  # filters only: newest first
            params.area = rng.choice(corpus["areas"]).slug
        made.append(params)
    return made


def baseline(params: Any) -> int:
    """What a site without a search index does: icontains over the published text, newest first."""
    from django.db.models import Q

    from presscenter.releases.access import public_items

    items = public_items()
    for word in params.q.replace('"', " ").split():
        items = items.filter(
            Q(current_version__title__icontains=word)
            | Q(current_version__lead__icontains=word)
            | Q(current_version__body__icontains=word)
        )
    if params.organisation:
        items = items.filter(organisation__slug=params.organisation)
    page = list(items.select_related("organisation", "current_version").order_by("-last_published_at")[:20])
    return items.count() if page else 0


def build_index(rebuild: Callable[[], int]) -> int:
    """As an operator would run it (rebuild_index builds the full-text index in one pass after
    the load), then fresh statistics for the whole database and, on PostgreSQL, what autovacuum
    does after a bulk load (the visibility map lets the embargo check read its index only) and
    a checkpoint, all counted in the index time."""
    from django.db import connection

    indexed = rebuild()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM ANALYZE")
            # Written out now rather than by a checkpoint in the middle of the timed queries.
            cursor.execute("CHECKPOINT")
        else:
            cursor.execute("ANALYZE")
    return indexed


def timed(function: Callable[[Any], Any], inputs: list[Any]) -> list[float]:
    latencies = []
    for argument in inputs:
        start = time.perf_counter()
        function(argument)
        latencies.append((time.perf_counter() - start) * 1000)
    return latencies


def percentiles(latencies: list[float]) -> str:
    cuts = statistics.quantiles(latencies, n=100, method="inclusive")
    return f"p50 {cuts[49]:8.1f} ms   p95 {cuts[94]:8.1f} ms   p99 {cuts[98]:8.1f} ms   (n={len(latencies)})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--items", type=int, default=200_000)
    parser.add_argument("--queries", type=int, default=400)
    parser.add_argument("--baseline-queries", type=int, default=40, help="the baseline is slow: fewer")
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL"))
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--reuse", action="store_true", help="keep the database's corpus; only run the queries")
    args = parser.parse_args()
    if args.reuse and not args.database_url:
        parser.error("--reuse needs --database-url (the SQLite corpus lives in a throwaway file)")
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="search-bench-") as workdir:
        setup_django(args.database_url, Path(workdir), args.reuse)
        from django.core.management import call_command
        from django.db import connection

        from presscenter.search.backends import RANKED_MATCHES
        from presscenter.search.index import rebuild_index
        from presscenter.search.query import search

        call_command("migrate", verbosity=0)
        print(
            f"database: {connection.vendor} {connection.Database.__name__}; cpus: {os.cpu_count()};"
            f" load average at start: {' '.join(f'{load:.2f}' for load in os.getloadavg())}"
        )
        if args.reuse:
            corpus = existing_corpus()
        else:
            start = time.perf_counter()
            corpus = build_corpus(args.items, rng)
            print(f"corpus:   {args.items} items generated and stored in {time.perf_counter() - start:.1f} s")
            start = time.perf_counter()
            indexed = build_index(rebuild_index)
            print(f"index:    {indexed} items indexed in {time.perf_counter() - start:.1f} s (rebuild_index)")
        workload = queries(args.queries, rng, corpus)
        timed(search, workload[:20])  # warm caches
        results = [search(params) for params in workload]
        capped = sum(result.total_is_lower_bound for result in results)
        ours = timed(search, workload)
        print(
            f"search:   {percentiles(ours)}   median hits {statistics.median(r.total for r in results):.0f}"
            f" ({capped} of {len(results)} totals are 'more than {RANKED_MATCHES}')"
        )
        text_queries = [params for params in workload if params.q][: args.baseline_queries]
        theirs = timed(baseline, text_queries)
        ours_same = timed(search, text_queries)
        print(f"baseline: {percentiles(theirs)}   (icontains, no index)")
        print(f"search:   {percentiles(ours_same)}   (same queries as the baseline)")
        print(f"load average at end: {' '.join(f'{load:.2f}' for load in os.getloadavg())}")


if __name__ == "__main__":
    main()
