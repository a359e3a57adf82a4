"""Peak memory of an exhibition entry's photo and of a 120-photo catalogue, each in a fresh process.

    .venv/bin/python bench/exhibitions_bench.py [--photos 120]

1. Photo: a 36-megapixel JPEG (7,350 × 4,900, camera-like detail) through
   `presscenter.exhibitions.photos.processed` (header checks, EXIF, web copy and thumbnail from one
   reduced decode), beside the baseline of Pillow decoding the same file in full
   (Image.open(...).load()), the least any check that decodes can cost.
2. Catalogue: --photos entries (1,800 × 1,200 JPEGs) submitted, selected and published through the
   domain in a scratch SQLite database, then `catalogue.build`; beside the baseline of reading every
   web-sized derivative into memory (what the PDF must at least hold).

Peak memory is the growth of VmHWM (the resident high-water mark) while the case runs.
"""

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PHOTO_CASE = """
import io, re, sys, time
from pathlib import Path
from PIL import Image
sys.path.insert(0, sys.argv[3])
peak = lambda: int(re.search(r"VmHWM:\\s+(\\d+)", Path("/proc/self/status").read_text()).group(1))
data = Path(sys.argv[2]).read_bytes()
from presscenter.exhibitions import photos  # noqa: E402
Path("/proc/self/clear_refs").write_text("5")
start, began = peak(), time.perf_counter()
if sys.argv[1] == "baseline":
    Image.open(io.BytesIO(data)).load()
else:
    photos.processed(io.BytesIO(data), "anh.jpg")
print((peak() - start) / 1024, time.perf_counter() - began)
"""

CATALOGUE_CASE = """
import datetime as dt, io, os, re, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[3])
work = Path(sys.argv[2])
os.environ.update(PRESSCENTER_ENV="test", DEBUG="0", PRESSCENTER_DATA_DIR=str(work),
                  DATABASE_URL=f"sqlite:///{work / 'db.sqlite3'}", DJANGO_SETTINGS_MODULE="presscenter.settings")
import django
django.setup()
from presscenter.exhibitions import catalogue
from presscenter.exhibitions.models import Exhibition
peak = lambda: int(re.search(r"VmHWM:\\s+(\\d+)", Path("/proc/self/status").read_text()).group(1))
exhibition = Exhibition.objects.select_related("event__organiser", "event__room__venue", "event__venue").get()
Path("/proc/self/clear_refs").write_text("5")
start, began = peak(), time.perf_counter()
if sys.argv[1] == "baseline":
    held = [entry.web.read() for entry in exhibition.entries.filter(status="selected")]
    size = sum(len(data) for data in held)
else:
    size = len(catalogue.build(exhibition))
print((peak() - start) / 1024, time.perf_counter() - began, size)
"""

POPULATE = """
import datetime as dt, io, os, sys
from pathlib import Path
sys.path.insert(0, sys.argv[3])
work = Path(sys.argv[2])
os.environ.update(PRESSCENTER_ENV="test", DEBUG="0", PRESSCENTER_DATA_DIR=str(work),
                  DATABASE_URL=f"sqlite:///{work / 'db.sqlite3'}", DJANGO_SETTINGS_MODULE="presscenter.settings")
import django
django.setup()
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone
call_command("migrate", verbosity=0)
from presscenter.accounts.models import Role, User
from presscenter.demo.exhibitions import photo_jpeg
from presscenter.events import domain as events
from presscenter.exhibitions import domain
from presscenter.events.models import Venue
from presscenter.orgs.models import Organisation
from presscenter.press.models import Accreditation, JournalistProfile, Outlet
photos = int(sys.argv[1])
agency = Organisation.objects.create(name="Sở Văn hóa và Thể thao", slug="so-van-hoa")
operator = User.objects.create(username="dieuhanh", role=Role.CENTER_OPERATOR, full_name="Trần Đức Minh")
outlet = Outlet.objects.create(name="Báo Thử nghiệm", licence_number="GP-1")
now = timezone.now()
event = events.create_event(operator, organiser=agency, type="exhibition", title="Triển lãm đo hiệu năng",
                            starts_at=now + dt.timedelta(days=2), ends_at=now + dt.timedelta(days=20), capacity=0,
                            venue=Venue.objects.create(name="Cung Văn hóa Hữu nghị Việt Xô"))
exhibition = domain.create_exhibition(operator, event, call_text="Mời gửi ảnh.", intro="Giới thiệu.",
    opens_at=now - dt.timedelta(hours=1), closes_at=now + dt.timedelta(days=1), max_entries=10, licence="cc-by-4.0")
entries = []
for number in range(photos):
    if number % 10 == 0:
        user = User.objects.create(username=f"nhabao{number}", role=Role.JOURNALIST, accredited=True,
                                   full_name=f"Phóng viên {number}")
        JournalistProfile.objects.create(user=user, outlet=outlet, press_card_number=str(number),
            press_card_expiry=(now + dt.timedelta(days=300)).date(), status=Accreditation.APPROVED)
    data = photo_jpeg(("#f6c28b", "#3a7ca5", "#d7263d"), now, number)
    entries.append(domain.submit(user, exhibition, upload=SimpleUploadedFile("a.jpg", data), name="a.jpg",
                                 caption=f"Ảnh số {number}: phố phường Hà Nội trong nắng sớm."))
domain.close_call(operator, exhibition)
for position, entry in enumerate(entries, start=1):
    domain.curate(operator, entry, status="selected", position=position)
domain.publish(operator, exhibition)
"""


def run(code: str, *args: str) -> list[float]:
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True, cwd=ROOT)
    return [float(value) for value in out.stdout.split()]


def camera_like_jpeg(path: Path) -> None:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (7350, 4900), "#6a8caf")
    draw = ImageDraw.Draw(image)
    for index in range(0, 7350, 45):
        draw.line((index, 0, 7350 - index, 4900), fill=(index % 255, (index * 3) % 255, (index * 7) % 255), width=9)
    image.save(path, "JPEG", quality=90)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos", type=int, default=120)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        photo = work / "camera.jpg"
        camera_like_jpeg(photo)
        print(f"photo: {photo.stat().st_size / 1e6:.1f} MB JPEG, 36.0 megapixels")
        for case in ("baseline", "processed", "processed", "baseline"):
            memory, seconds = run(PHOTO_CASE, case, str(photo), str(ROOT))
            print(f"  {case:<10} peak +{memory:7.1f} MB  {seconds:6.2f} s")
        run(POPULATE, str(options.photos), str(work), str(ROOT))
        print(f"catalogue: {options.photos} selected photos")
        for case in ("baseline", "catalogue", "catalogue", "baseline"):
            memory, seconds, size = run(CATALOGUE_CASE, case, str(work), str(ROOT))
            print(f"  {case:<10} peak +{memory:7.1f} MB  {seconds:6.2f} s  {size / 1e6:6.1f} MB")


if __name__ == "__main__":
    main()
