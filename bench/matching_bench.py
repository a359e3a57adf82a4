"""Matching one new item against 100,000 subscriptions through the in-memory reverse index
(presscenter.subscriptions.matching.match), beside a naive loop measured in the same run; also
the index's build time and memory, and the cost of picking up one changed subscription.

    .venv/bin/python bench/matching_bench.py                      # SQLite in a throwaway folder
    .venv/bin/python bench/matching_bench.py --database-url postgres://postgres@127.0.0.1:5432/pc_bench_match

A PostgreSQL database named on the command line is DROPPED and recreated: give a scratch one.
Baseline: every subscription's criteria already in memory, each evaluated against the item in
Python (`accepts`, the rule the index implements): the cheapest form of "query each in turn".
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# Realistic beats of a city press center, written for this benchmark.
PHRASES = [
    "giao thông", "ùn tắc", "ngập lụt", "mưa lớn", "bão", "sông Hồng", "đê điều", "thoát nước",
    "dịch bệnh", "y tế", "bệnh viện", "tiêm chủng", "sốt xuất huyết", "an toàn thực phẩm",
    "giáo dục", "tuyển sinh", "học sinh", "trường học", "đại học", "thi tốt nghiệp",
    "đầu tư", "quy hoạch", "đất đai", "giải phóng mặt bằng", "nhà ở xã hội", "chung cư",
    "môi trường", "ô nhiễm", "không khí", "rác thải", "cây xanh", "cấp nước", "điện lực",
    "xây dựng", "cầu", "đường sắt đô thị", "metro", "xe buýt", "vành đai", "cao tốc",
    "phòng cháy chữa cháy", "cứu nạn", "an ninh", "trật tự", "tội phạm", "ma túy",
    "du lịch", "lễ hội", "văn hóa", "di tích", "thể thao", "bóng đá", "Tết Nguyên đán",
    "thuế", "ngân sách", "doanh nghiệp", "khởi nghiệp", "chuyển đổi số", "dịch vụ công",
    "cải cách hành chính", "bầu cử", "Hội đồng nhân dân", "tiếp công dân", "khiếu nại",
    "lao động", "việc làm", "bảo hiểm xã hội", "người cao tuổi", "trẻ em", "an sinh",
    "nông nghiệp", "nông thôn mới", "làng nghề", "chợ", "giá cả", "xăng dầu", "lương thực",
    "Hoàn Kiếm", "Ba Đình", "Đống Đa", "Cầu Giấy", "Long Biên", "Hà Đông", "Tây Hồ", "Sóc Sơn",
]  # fmt: skip
FILLER = str.split(
    "thành phố người dân cơ quan ngày năm theo kế hoạch triển khai thực hiện chỉ đạo Ủy ban nhân dân "
    "các đơn vị liên quan tổ chức kiểm tra báo cáo kết quả trong thời gian tới đảm bảo hiệu quả"
)
N_AGENCIES, N_WARDS, N_TOPICS, N_OWNERS = 40, 60, 25, 3000
BATCH = 5000


def cuts(samples: list[float]) -> list[float]:
    return statistics.quantiles(sorted(samples), n=100, method="inclusive")


def percentiles(samples: list[float]) -> str:
    cut = cuts(samples)
    return f"p50 {cut[49]:8.2f} ms   p95 {cut[94]:8.2f} ms   p99 {cut[98]:8.2f} ms   (n={len(samples)})"


def reset_postgres(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def setup_django(database_url: str | None) -> None:
    workdir = Path(tempfile.mkdtemp(prefix="pc-match-bench-"))
    if database_url:
        reset_postgres(database_url)
    else:
        database_url = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ.update(
        PRESSCENTER_ENV="test", PRESSCENTER_DATA_DIR=str(workdir), DATABASE_URL=database_url, LOG_LEVEL="WARNING"
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "presscenter.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def random_criteria(rng: random.Random, agencies: list[int], wards: list[int], topics: list[int]) -> Any:
    from presscenter.releases.models import ItemType, Priority
    from presscenter.search.parse import parse
    from presscenter.subscriptions.matching import Criteria

    def some(values: list[Any], most: int) -> frozenset[Any]:
        return frozenset(rng.sample(values, rng.randint(1, most)))

    if rng.random() < 0.01:
        return Criteria()  # everything
    query = ""
    organisations = some(agencies, 2) if rng.random() < 0.4 else frozenset()
    chosen_topics = some(topics, 2) if rng.random() < 0.35 else frozenset()
    areas = some(wards, 1) if rng.random() < 0.15 else frozenset()
    if rng.random() < 0.5 or not (organisations or chosen_topics or areas):
        chosen = rng.sample(PHRASES, rng.randint(1, 2))
        query = " ".join(f'"{phrase}"' if " " in phrase and rng.random() < 0.5 else phrase for phrase in chosen)
    return Criteria(
        organisations=organisations,
        topics=chosen_topics,
        areas=areas,
        types=some(list(ItemType.values), 2) if rng.random() < 0.1 else frozenset(),
        priorities=some([Priority.URGENT, Priority.FLASH], 2) if rng.random() < 0.1 else frozenset(),
        query=parse(query),
    )


def build(count: int, items: int, seed: int) -> tuple[list[Any], list[Any]]:
    """Fixtures, `count` subscriptions with their index rows, and `items` unsaved-version items."""
    from django.db import transaction

    from presscenter.accounts.models import Role, User
    from presscenter.orgs.models import Kind, Organisation
    from presscenter.releases.models import Item, ItemType, Priority, Topic
    from presscenter.subscriptions.models import Channel, Subscription, SubscriptionTerm

    rng = random.Random(seed)
    with transaction.atomic():
        agencies = Organisation.objects.bulk_create(
            Organisation(kind=Kind.DEPARTMENT, name=f"Sở {n}", slug=f"so-{n}") for n in range(N_AGENCIES)
        )
        wards = Organisation.objects.bulk_create(
            Organisation(kind=Kind.WARD, name=f"Phường {n}", slug=f"phuong-{n}") for n in range(N_WARDS)
        )
        topics = Topic.objects.bulk_create(Topic(slug=f"chu-de-{n}", name=f"Chủ đề {n}") for n in range(N_TOPICS))
        owners = User.objects.bulk_create(
            User(username=f"nha-bao-{n}", role=Role.JOURNALIST, accredited=True, email=f"nb{n}@example.vn")
            for n in range(N_OWNERS)
        )
    agency_ids, ward_ids, topic_ids = [o.pk for o in agencies], [w.pk for w in wards], [t.pk for t in topics]
    criteria_list = []
    started = time.perf_counter()
    for start in range(0, count, BATCH):
        chunk = [random_criteria(rng, agency_ids, ward_ids, topic_ids) for _ in range(min(BATCH, count - start))]
        with transaction.atomic():
            subscriptions = Subscription.objects.bulk_create(
                Subscription(
                    owner=rng.choice(owners),
                    channels=[Channel.EMAIL],
                    types=sorted(criteria.types),
                    priorities=sorted(criteria.priorities),
                    query=" ".join(
                        f'"{" ".join(term)}"' if len(term) > 1 else term[0] for term in criteria.query.terms
                    ),
                    required=criteria.required,
                    has_phrases=bool(criteria.phrases),
                )
                for criteria in chunk
            )
            relations = (
                (Subscription.organisations.through, "organisation_id", "organisations"),
                (Subscription.topics.through, "topic_id", "topics"),
                (Subscription.areas.through, "organisation_id", "areas"),
            )
            for through, column, attribute in relations:
                through.objects.bulk_create(
                    through(subscription_id=subscription.pk, **{column: value})
                    for subscription, criteria in zip(subscriptions, chunk, strict=True)
                    for value in getattr(criteria, attribute)
                )
            SubscriptionTerm.objects.bulk_create(
                SubscriptionTerm(subscription_id=subscription.pk, field=field, value=value)
                for subscription, criteria in zip(subscriptions, chunk, strict=True)
                for field, value in criteria.terms()
            )
        criteria_list.extend(chunk)
    print(f"built {count:,} subscriptions, {SubscriptionTerm.objects.count():,} index rows "
          f"in {time.perf_counter() - started:.1f} s")  # fmt: skip

    def text(subjects: list[str], words: int) -> str:
        """An item is about two or three subjects, in everyday administrative language."""
        return " ".join(rng.choice(subjects) if rng.random() < 0.1 else rng.choice(FILLER) for _ in range(words))

    with transaction.atomic():
        subjects = [rng.sample(PHRASES, rng.randint(2, 3)) for _ in range(items)]
        generated = Item.objects.bulk_create(
            Item(
                organisation_id=rng.choice(agency_ids),
                author=owners[0],
                type=rng.choice(ItemType.values),
                priority=rng.choices(Priority.values, weights=[90, 8, 2])[0],
                title=text(about, 12),
                lead=text(about, 35),
                body="".join(f"<p>{text(about, 60)}</p>" for _ in range(rng.randint(2, 6))),
            )
            for about in subjects
        )
        Item.topics.through.objects.bulk_create(
            Item.topics.through(item_id=item.pk, topic_id=pk)
            for item in generated
            for pk in rng.sample(topic_ids, rng.randint(1, 2))
        )
        Item.areas.through.objects.bulk_create(
            Item.areas.through(item_id=item.pk, organisation_id=pk)
            for item in generated
            for pk in rng.sample(ward_ids, rng.randint(0, 2))
        )
    return criteria_list, generated


def refresh_timings(item: Any, owner_id: int, rounds: int = 20) -> list[float]:
    """match_ids() right after a subscription write: the matcher reloads just that one."""
    from presscenter.accounts.models import User
    from presscenter.subscriptions import domain
    from presscenter.subscriptions.matching import match_ids

    owner = User.objects.get(pk=owner_id)
    subscription = domain.create_subscription(owner, query="giao thông")
    timings = []
    for n in range(rounds):
        domain.update_subscription(owner, subscription, query=["giao thông", "ngập lụt"][n % 2])
        started = time.perf_counter()
        match_ids(item)
        timings.append((time.perf_counter() - started) * 1000)
    domain.delete_subscription(owner, subscription)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", help="scratch PostgreSQL database (dropped and recreated)")
    parser.add_argument("--subscriptions", type=int, default=100_000)
    parser.add_argument("--items", type=int, default=200)
    parser.add_argument("--baseline-items", type=int, default=20)
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()
    setup_django(args.database_url)

    from django.db import connection

    from presscenter.subscriptions.matching import MATCHER, accepts, match, match_ids, terms_of
    from presscenter.subscriptions.models import Subscription

    criteria_list, items = build(args.subscriptions, args.items, args.seed)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # both databases: plan with real statistics
    started = time.perf_counter()
    MATCHER.rebuild()
    build_seconds = time.perf_counter() - started
    tracemalloc.start()  # a second build, traced (tracing slows it down): the index's own memory
    MATCHER.rebuild()
    index_bytes = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    refresh = refresh_timings(items[0], owner_id=Subscription.objects.values_list("owner_id", flat=True).first())

    for item in items[:5]:  # warm caches and connections
        match(item)
    search, timings, matched = [], [], []
    for item in items:
        started = time.perf_counter()
        match_ids(item)
        search.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        found = match(item)
        timings.append((time.perf_counter() - started) * 1000)
        matched.append(len(found))

    ids = list(Subscription.objects.order_by("pk").values_list("pk", flat=True))  # bulk-created in order
    baseline, agreed = [], 0
    for item in items[: args.baseline_items]:
        started = time.perf_counter()
        terms = terms_of(item)
        expected = [pk for pk, criteria in zip(ids, criteria_list, strict=True) if accepts(criteria, terms)]
        baseline.append((time.perf_counter() - started) * 1000)
        agreed += expected == [subscription.pk for subscription in match(item)]

    print(f"database: {connection.vendor}; {args.subscriptions:,} subscriptions; {len(items)} items")
    print(f"matches per item: mean {statistics.mean(matched):.0f}, max {max(matched)}")
    print(f"index: {len(MATCHER):,} subscriptions built in {build_seconds:.2f} s, {index_bytes / 2**20:.0f} MiB")
    print(f"match_ids() after a write:  {percentiles(refresh)}")
    print(f"reverse search match_ids(): {percentiles(search)}")
    print(f"match() (+ load objects):   {percentiles(timings)}")
    print(f"naive loop (baseline):      {percentiles(baseline)}")
    print(f"speed-up at p50: {cuts(baseline)[49] / cuts(search)[49]:.0f}x (ids), "
          f"{cuts(baseline)[49] / cuts(timings)[49]:.0f}x (objects); "
          f"index and naive loop agree on {agreed}/{len(baseline)} items")  # fmt: skip


if __name__ == "__main__":
    main()
