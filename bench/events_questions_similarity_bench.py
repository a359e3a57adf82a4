"""The duplicates the moderation queue suggests: every waiting question of an event ranked against
the others by presscenter.inquiries.similar.rank_among (one vocabulary, each text weighed once,
only texts sharing words compared), beside the baseline measured in the same run: `rank` called
once per question over all the others (what the asking form does for one question). Queues of
50, 200 and 500 questions written from a city press conference's topics, with the usual ways of
typing them (no diacritics, teencode); the queue page recomputes this on every refresh.

    .venv/bin/python bench/events_questions_similarity_bench.py

Runs alternate (baseline, batch, batch, baseline) after a warm-up; medians are printed, with how
often both give the same best suggestion."""

import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "presscenter.settings")

import django  # noqa: E402

django.setup()

from presscenter.inquiries import similar  # noqa: E402
from presscenter.text.fold import fold  # noqa: E402

SUBJECTS = [
    "phân luồng giao thông quanh hồ Hoàn Kiếm dịp Tết",
    "số chuyến xe buýt tăng cường đêm Giao thừa",
    "tiến độ tuyến đường sắt đô thị Nhổn – ga Hà Nội",
    "thời điểm thông xe cầu vượt Mai Dịch",
    "bãi đỗ xe tạm quanh các điểm bắn pháo hoa",
    "xử lý xe dù, bến cóc quanh bến xe Giáp Bát",
    "giá vé xe khách Tết có tăng không",
    "kế hoạch chống ùn tắc cửa ngõ phía Nam",
    "lắp đặt camera phạt nguội trên vành đai 3",
    "cấm xe tải vào nội đô giờ cao điểm",
    "vốn đầu tư cải tạo nút giao Ngã Tư Sở",
    "lịch thu phí không dừng tại các trạm BOT",
]
FRAMES = [
    "Xin Sở cho biết {s}?",
    "Đề nghị lãnh đạo Sở thông tin về {s}.",
    "Phóng viên muốn hỏi về {s} ra sao ạ?",
    "{s} như thế nào, khi nào có kết quả?",
    "Người dân đang quan tâm {s}, Sở trả lời thế nào?",
]


def queue(size: int, rng: random.Random) -> list[tuple[int, str]]:
    texts = []
    for n in range(size):
        text = rng.choice(FRAMES).format(s=rng.choice(SUBJECTS))
        if rng.random() < 0.3:
            text = fold(text)  # typed without diacritics
        if rng.random() < 0.2:
            text = text.replace("không", "ko").replace("khong", "k").replace("được", "dc")
        texts.append((n, f"{text} (câu {n})"))
    return texts


def baseline(items: list[tuple[int, str]]) -> dict[int, list[tuple[int, float]]]:
    found = {}
    for key, text in items:
        ranked = similar.rank(text, ((other, t) for other, t in items if other != key), limit=3)
        if ranked:
            found[key] = ranked
    return found


def batch(items: list[tuple[int, str]]) -> dict[int, list[tuple[int, float]]]:
    return similar.rank_among(items, [key for key, _text in items], limit=3)


def timed(run, items) -> tuple[float, dict[int, list[tuple[int, float]]]]:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = run(items)
    return time.perf_counter() - start, result


def main() -> None:
    rng = random.Random(14)
    print(f"{'questions':>9} {'rank each (s)':>14} {'rank_among (s)':>15} {'speed-up':>9} {'same best':>10}")
    for size in (50, 200, 500):
        items = queue(size, rng)
        batch(items[:20])  # warm-up (caches of the folding)
        base_times, batch_times = [], []
        for order in ("AB", "BA"):
            for variant in order:
                seconds, result = timed(baseline if variant == "A" else batch, items)
                (base_times if variant == "A" else batch_times).append(seconds)
                if variant == "A":
                    base_result = result
                else:
                    batch_result = result
        same = sum(
            1
            for key, _text in items
            if [pair[0] for pair in base_result.get(key, [])[:1]] == [pair[0] for pair in batch_result.get(key, [])[:1]]
        )
        base, fast = statistics.median(base_times), statistics.median(batch_times)
        print(f"{size:>9} {base:>14.3f} {fast:>15.3f} {base / fast:>8.1f}× {same / size:>9.0%}")


if __name__ == "__main__":
    main()
