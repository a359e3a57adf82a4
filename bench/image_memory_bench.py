"""Peak memory and time of checking one uploaded image, each case in a fresh process.

    .venv/bin/python bench/image_memory_bench.py

Files (generated, one colour, lossless): a 1.6 KB WebP of 39.9 megapixels (just under the
attachment budget), a WebP of 11.9 megapixels (just under the portrait budget) and a PNG of
36 megapixels. Cases: the baseline is Pillow decoding the file (Image.open(...).load()), the
least any check that decodes can cost; "portrait" is the sign-up photo and outlet logo path
(12-megapixel budget), "attachment" an item's image (40-megapixel budget). Peak memory is the
growth of VmHWM (the process's resident high-water mark) while the case runs.
"""

import io
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[1]

CASE = """
import io, re, sys, time, warnings
from pathlib import Path
from PIL import Image
from presscenter.core.images import TooManyPixels, reencoded
from presscenter.press.images import ACCEPTED_FORMATS, IMAGE_MAX_PIXELS, IMAGE_MAX_PX
peak = lambda: int(re.search(r"VmHWM:\\s+(\\d+)", Path("/proc/self/status").read_text()).group(1))
data = Path(sys.argv[2]).read_bytes()
Path("/proc/self/clear_refs").write_text("5")  # the high-water mark restarts here
start, began = peak(), time.perf_counter()
outcome = "re-encoded"
try:
    if sys.argv[1] == "baseline":
        warnings.simplefilter("ignore")
        Image.open(io.BytesIO(data)).load()
        outcome = "decoded"
    elif sys.argv[1] == "portrait":
        reencoded(data, max_px=IMAGE_MAX_PX, alpha_format="PNG", quality=85, formats=ACCEPTED_FORMATS,
                  max_pixels=IMAGE_MAX_PIXELS)
    else:
        reencoded(data, max_px=640, alpha_format="WEBP", quality=82)
except TooManyPixels:
    outcome = "refused"
print((peak() - start) / 1024, time.perf_counter() - began, outcome)
"""


def generated(folder: Path) -> dict[str, Path]:
    files = {
        "WebP 6320 × 6313 (39.9 MP)": ((6320, 6313), "WEBP"),
        "WebP 4000 × 2990 (11.9 MP)": ((4000, 2990), "WEBP"),
        "PNG 6000 × 6000 (36 MP)": ((6000, 6000), "PNG"),
    }
    paths = {}
    for label, (size, kind) in files.items():
        output = io.BytesIO()
        Image.new("RGB", size, (200, 30, 30)).save(output, kind, **({"lossless": True} if kind == "WEBP" else {}))
        path = folder / re.sub(r"\W+", "-", label)
        path.write_bytes(output.getvalue())
        paths[f"{label}, {len(output.getvalue()):,} B"] = path
    return paths


def measured(case: str, path: Path) -> str:
    done = subprocess.run(
        [sys.executable, "-c", CASE, case, str(path)], cwd=ROOT, capture_output=True, text=True, check=True
    )
    megabytes, seconds, outcome = done.stdout.split()
    return f"{case:<10} {float(megabytes):8.1f} MB {float(seconds):7.2f} s   {outcome}"


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        for label, path in generated(Path(folder)).items():
            print(label)
            for case in ("baseline", "portrait", "attachment"):
                print("   ", measured(case, path))


if __name__ == "__main__":
    main()
