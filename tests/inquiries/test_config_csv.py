"""Routing rules as CSV: exported and imported back unchanged; an import is checked whole (errors by
line, in Vietnamese), applied all or nothing, audited once; a hostile file changes nothing."""

import csv
import io

import pytest

from presscenter.accounts.models import Role
from presscenter.audit.models import AuditEntry
from presscenter.core.errors import PermissionDenied
from presscenter.inquiries import config, rules_csv
from presscenter.inquiries.models import RoutingRule
from tests import factories

pytestmark = pytest.mark.django_db

HEADER = "category_code,area_slug,topic_slug,organisation_slug,note\n"


@pytest.fixture
def world():
    class World:
        staff = factories.user(Role.CENTER_OPERATOR)
        city = factories.organisation(kind="peoples_committee", slug="ubnd-tp", name="UBND Thành phố")
        ward = factories.organisation(kind="ward", slug="phuong-hoan-kiem", name="Phường Hoàn Kiếm", parent=city)
        transport = factories.organisation(slug="so-xay-dung", name="Sở Xây dựng")
        environment = factories.organisation(slug="so-nn-mt", name="Sở Nông nghiệp và Môi trường")
        roads = factories.category(code="giao-thong", name="Giao thông")
        waste = factories.category(code="rac-thai", name="Rác thải")
        topic = factories.topic(slug="do-thi", name="Đô thị")

    return World


def rows_of(text):
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


def keys():
    rules = RoutingRule.objects.filter(active=True)
    return sorted(((r.category_id or 0, r.area_id or 0, r.topic_id or 0), r.organisation_id, r.note) for r in rules)


def test_export_then_import_round_trips(world):
    config.create_rule(world.staff, organisation=world.city, note="Mặc định: UBND Thành phố")
    config.create_rule(world.staff, category=world.roads, organisation=world.transport)
    config.create_rule(
        world.staff, category=world.waste, area=world.ward, topic=world.topic, organisation=world.environment,
        note="=HYPERLINK(\"http://x\") – ghi chú có dấu phẩy, và “ngoặc”",
    )  # fmt: skip
    exported = rules_csv.export_csv(rules_csv.active_rules())
    assert exported.startswith("\ufeffcategory_code,area_slug,topic_slug,organisation_slug,note\r\n")
    assert ["rac-thai", "phuong-hoan-kiem", "do-thi", "so-nn-mt"] in [row[:4] for row in rows_of(exported)]
    before = keys()
    RoutingRule.objects.all().delete()
    result = rules_csv.import_rules(world.staff, exported.encode("utf-8"))
    assert result.count("create") == 3
    assert keys() == before  # the note starting with "=" came back as it was
    # Importing the same file again changes nothing and writes no audit entry.
    AuditEntry.objects.all().delete()
    again = rules_csv.import_rules(world.staff, exported.encode("utf-8"))
    assert again.count("same") == 3 and not again.changes
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_exported_formula_cells_are_neutralised(world, start):
    config.create_rule(world.staff, organisation=world.city, note=f"{start}cmd|' /C calc'!A0")
    cells = rows_of(rules_csv.export_csv(rules_csv.active_rules()))[1]
    assert cells[4] == f"'{start}cmd|' /C calc'!A0"
    assert all(not cell.startswith(("=", "+", "-", "@")) for cell in cells)


def test_an_import_is_audited_once_and_updates_or_replaces(world):
    old = config.create_rule(world.staff, category=world.roads, organisation=world.city)
    gone = config.create_rule(world.staff, category=world.waste, organisation=world.city)
    AuditEntry.objects.all().delete()
    data = HEADER + "giao-thong,,,so-xay-dung,Đường sá\n,phuong-hoan-kiem,,ubnd-tp,\n"
    preview = rules_csv.plan(data, replace=True)
    assert [line.action for line in preview.lines] == ["update", "create"]
    assert preview.deactivate == [gone]
    assert RoutingRule.objects.get(pk=old.pk).organisation == world.city  # a preview writes nothing
    result = rules_csv.import_rules(world.staff, data.encode(), replace=True)
    assert result.summary() == "1 quy tắc mới, 1 thay đổi, 0 giữ nguyên, 1 ngừng áp dụng."
    old.refresh_from_db()
    gone.refresh_from_db()
    assert old.organisation == world.transport and old.note == "Đường sá" and not gone.active
    entry = AuditEntry.objects.get()
    assert entry.action == "routing_rule.import" and entry.actor == world.staff
    assert entry.after["updated"] == [old.pk] and entry.after["deactivated"] == [gone.pk]
    assert len(entry.after["file_sha256"]) == 64


def test_without_replace_rules_absent_from_the_file_stay(world):
    kept = config.create_rule(world.staff, category=world.waste, organisation=world.city)
    rules_csv.import_rules(world.staff, HEADER + "giao-thong,,,so-xay-dung,\n")
    kept.refresh_from_db()
    assert kept.active and RoutingRule.objects.filter(active=True).count() == 2


def test_errors_name_their_lines_and_nothing_changes(world):
    world.environment.active = False
    world.environment.save()
    world.roads.active = False
    world.roads.save()
    data = (
        HEADER
        + "khong-co,,,so-xay-dung,\n"  # 2
        + ",khong-co-phuong,,so-xay-dung,\n"  # 3
        + ",,khong-co-chu-de,so-xay-dung,\n"  # 4
        + "rac-thai,,,,\n"  # 5
        + "rac-thai,,do-thi,khong-co-so,\n"  # 6
        + "rac-thai,phuong-hoan-kiem,,so-nn-mt,\n"  # 7
        + "giao-thong,,,so-xay-dung,\n"  # 8
        + ",,,ubnd-tp,\n"  # 9
        + ",,,so-xay-dung,trùng\n"  # 10
        + "rac-thai,phuong-hoan-kiem,do-thi,ubnd-tp,"
        + "x" * 301
        + "\n"  # 11
        + "a,b,c,d,e,f\n"  # 12
        + ',,do-thi,ubnd-tp,"hai\ndòng"\n'  # 13
        + ",phuong-hoan-kiem,do-thi,ubnd-tp,\u202egnap\n"  # 15
    )
    with pytest.raises(rules_csv.ImportRejected) as rejected:
        rules_csv.import_rules(world.staff, data.encode())
    messages = [str(error) for error in rejected.value.errors]
    assert messages == [
        "Dòng 2: không có lĩnh vực mã “khong-co”.",
        "Dòng 3: không có địa bàn “khong-co-phuong”.",
        "Dòng 4: không có chủ đề “khong-co-chu-de”.",
        "Dòng 5: thiếu cơ quan chịu trách nhiệm (organisation_slug).",
        "Dòng 6: không có cơ quan “khong-co-so”.",
        "Dòng 7: cơ quan “Sở Nông nghiệp và Môi trường” đã ngừng hoạt động.",
        "Dòng 8: lĩnh vực “Giao thông” đã ngừng sử dụng.",
        "Dòng 10: trùng lĩnh vực, địa bàn và chủ đề với dòng 9.",
        "Dòng 11: ghi chú dài quá 300 ký tự.",
        "Dòng 12: nhiều ô hơn số cột của tiêu đề.",
        "Dòng 13: cột note chứa ký tự điều khiển hoặc ký tự ẩn (như NUL, xuống dòng, tab).",
        "Dòng 15: cột note chứa ký tự điều khiển hoặc ký tự ẩn (như NUL, xuống dòng, tab).",
    ]
    assert str(rejected.value.message) == "Tệp có 12 lỗi; chưa thay đổi gì."
    assert not RoutingRule.objects.exists() and not AuditEntry.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "Dòng 1: dòng tiêu đề phải là"),
        (HEADER.encode(), "Dòng 1: tệp không có dòng quy tắc nào."),
        (b"slug,name\nx,y\n", "Dòng 1: dòng tiêu đề phải là"),
        (HEADER.encode() + b",,,ubnd-tp,Ph\xf2ng\n", "Dòng 2: tệp không phải UTF-8"),
        (
            "category_code,area_slug,topic_slug,organisation_slug,note\n".encode("utf-16"),
            "Dòng 1: tệp không phải UTF-8",
        ),
        (HEADER.encode() + b',,,ubnd-tp,"unclosed\n', "Dòng 2: dấu ngoặc kép"),
        (
            HEADER.encode() + b',,,ubnd-tp,"' + b"x" * 200_000 + b'"\n',
            "Dòng 2: dấu ngoặc kép đặt sai chỗ hoặc ô quá dài.",
        ),
        (HEADER.encode() + b"x" * 1_000_001, "Dòng 1: tệp lớn quá 1 MB."),
    ],
)
def test_a_hostile_or_broken_file_is_refused_whole(world, data, message):
    with pytest.raises(rules_csv.ImportRejected) as rejected:
        rules_csv.import_rules(world.staff, data)
    assert str(rejected.value.errors[0]).startswith(message)
    assert not RoutingRule.objects.exists() and not AuditEntry.objects.exists()


def test_a_100k_row_file_is_refused_at_the_row_limit(world):
    line = ",,,ubnd-tp,\n"
    data = HEADER + line * 100_000  # 1.2 MB as text: refused by size
    with pytest.raises(rules_csv.ImportRejected, match="lỗi") as rejected:
        rules_csv.import_rules(world.staff, data.encode())
    assert "1 MB" in str(rejected.value.errors[0])
    small = HEADER + ",,,a,\n" * 5_001  # under the size limit, over the row limit
    with pytest.raises(rules_csv.ImportRejected) as rejected:
        rules_csv.plan(small.encode())
    assert str(rejected.value.errors[0]) == "Dòng 5002: tệp có quá 5,000 quy tắc; hãy chia nhỏ."
    assert not RoutingRule.objects.exists()


def test_a_bom_and_a_file_without_the_note_column_are_read(world):
    result = rules_csv.import_rules(
        world.staff,
        ("\ufeff" + "category_code,area_slug,topic_slug,organisation_slug\r\ngiao-thong,,,so-xay-dung\r\n").encode(),
    )
    assert result.count("create") == 1
    assert RoutingRule.objects.get().organisation == world.transport


def test_only_the_centre_imports(world):
    editor = factories.user(Role.EDITOR, world.transport)
    with pytest.raises(PermissionDenied):
        rules_csv.import_rules(editor, HEADER + ",,,ubnd-tp,\n")
    assert not RoutingRule.objects.exists()
