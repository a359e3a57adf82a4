"""The media kit ZIP: memory and speed of streaming it (presscenter.events.after.kit_chunks)
beside the naive way (read each file whole, build the ZIP in memory, send it at once).

    .venv/bin/python bench/events_after_bench.py                    # 6 files of 20 MB
    .venv/bin/python bench/events_after_bench.py --files 12 --mb 20

No database: the files are written to a scratch folder and described by unsaved attachments.
Photos (stored) and scanned documents (deflated) alternate, with incompressible contents, the
worst case for both. Each variant runs --rounds times, alternating which goes first (ABBA);
printed: peak Python memory (tracemalloc) and throughput, and the ZIP's size.
"""

import argparse
import io
import os
import sys
import tempfile
import time
import tracemalloc
import zipfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def setup(media: Path) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "presscenter.settings")
    import django
    from django.conf import settings

    django.setup()
    settings.MEDIA_ROOT = str(media)


def kit(media: Path, files: int, size: int) -> tuple[Any, list[Any]]:
    from presscenter.events.models import Event
    from presscenter.releases.models import Attachment, Item

    event = Event(title="Họp báo thử nghiệm bộ tài liệu", slug="hop-bao-thu-nghiem")
    item = Item(title="Nội dung họp báo: thử nghiệm", verification_code="BENCH234")
    attachments = []
    for number in range(files):
        image = number % 2 == 0
        name = f"attachments/bench/{number:02d}.{'jpg' if image else 'pdf'}"
        path = media / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(os.urandom(size))
        attachment = Attachment(
            item=item, kind="image" if image else "document", original_name=Path(name).name,
            extension=Path(name).suffix, mime_type="image/jpeg" if image else "application/pdf",
            size=size, sha256="0" * 64, published=True,
        )  # fmt: skip
        attachment.file.name = name
        attachments.append(attachment)
    return event, attachments


def streamed(event: Any, attachments: list[Any]) -> int:
    from presscenter.events.after import kit_chunks

    return sum(len(chunk) for chunk in kit_chunks(event, attachments))


def naive(event: Any, attachments: list[Any]) -> int:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for attachment in attachments:
            data = attachment.file.storage.open(attachment.file.name, "rb").read()
            kind = zipfile.ZIP_STORED if attachment.kind == "image" else zipfile.ZIP_DEFLATED
            archive.writestr(attachment.original_name, data, compress_type=kind)
    return len(buffer.getvalue())


def measure(variant: Any, event: Any, attachments: list[Any]) -> tuple[float, int, int]:
    tracemalloc.start()
    started = time.perf_counter()
    size = variant(event, attachments)
    elapsed = time.perf_counter() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return elapsed, peak, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=6)
    parser.add_argument("--mb", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=4)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        media = Path(scratch)
        setup(media)
        event, attachments = kit(media, args.files, args.mb * 1024 * 1024)
        measure(streamed, event, attachments)  # warm-up: imports, page cache
        results: dict[str, list[tuple[float, int, int]]] = {"streamed": [], "naive": []}
        for round_number in range(args.rounds):
            order = ["streamed", "naive"] if round_number % 2 == 0 else ["naive", "streamed"]
            for name in order:
                results[name].append(measure(streamed if name == "streamed" else naive, event, attachments))
    total = args.files * args.mb
    print(f"media kit: {args.files} files × {args.mb} MB = {total} MB, {args.rounds} rounds each (ABBA)")
    for name, runs in results.items():
        best = min(elapsed for elapsed, _peak, _size in runs)
        peak = max(peak for _elapsed, peak, _size in runs)
        size = runs[0][2]
        print(
            f"  {name:9s} peak memory {peak / 1024 / 1024:8.1f} MB   "
            f"best {best:6.2f} s ({total / best:6.0f} MB/s)   ZIP {size / 1024 / 1024:.1f} MB"
        )


if __name__ == "__main__":
    main()
