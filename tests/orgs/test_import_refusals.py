"""Broken files are refused whole, with the line to fix, in the reader's language (defect 8)."""

import pytest
from django.utils import translation

from presscenter.audit.models import AuditEntry
from presscenter.cli import main
from presscenter.orgs.importing import ImportRejected, import_organisations
from presscenter.orgs.models import Organisation

HEADER = "slug,kind,name,parent_slug,phone\n"
CITY = "ubnd-ha-noi,peoples_committee,UBND thành phố Hà Nội,,\n"
HEALTH = "so-y-te,department,Sở Y tế,ubnd-ha-noi,024 3000 1080\n"
FINANCE = "so-tai-chinh,department,Sở Tài chính,ubnd-ha-noi,\n"


def department(name: str, phone: str = "") -> str:
    return f"so-a,department,{name},ubnd-ha-noi,{phone}\n"


# (file, line of the error, Vietnamese words, English words)
BROKEN = {
    "unclosed quote": (
        HEADER + CITY + 'so-a,department,"Sở A,ubnd-ha-noi,\n' + FINANCE,
        3,
        "không được đóng",
        "never closed",
    ),
    "stray quote": (HEADER + CITY + department('"Sở A"B') + FINANCE, 3, "đặt sai chỗ", "misplaced"),
    "nul byte": (HEADER + CITY + department("Sở\x00A"), 3, "ký tự điều khiển", "control"),
    "line break in a name": (HEADER + CITY + department('"Sở\nA"') + FINANCE, 3, "ký tự điều khiển", "control"),
    "tab": (HEADER + CITY + department("Sở\tA"), 3, "ký tự điều khiển", "control"),
    "bidi override": (HEADER + CITY + department("Sở \u202eA"), 3, "ký tự điều khiển", "control"),
    "huge field": (HEADER + CITY + HEALTH + department("x" * 200_000), 4, "có ô dài quá", "longer than"),
    "long name": (HEADER + CITY + department("Sở " + "a" * 253), 3, "name dài quá 255", "name is longer than 255"),
    "formula =": (HEADER + CITY + department("=HYPERLINK(1)"), 3, "công thức", "formula"),
    "formula +": (HEADER + CITY + department("+1+2"), 3, "công thức", "formula"),
    "formula -": (HEADER + CITY + department("-2+3"), 3, "công thức", "formula"),
    "formula @": (HEADER + CITY + department("@SUM(1)"), 3, "công thức", "formula"),
    "formula in a phone": (HEADER + CITY + department("Sở A", "+SUM(1)"), 3, "công thức", "formula"),
    "second root": (HEADER + CITY + "ubnd-khac,peoples_committee,UBND khác,,\n", 3, "một cấp cao nhất", "one top"),
    "repeated column": ("slug,kind,name,name\n" + CITY, 1, "cột lặp lại", "more than once"),
    "missing column": ("slug,name\n" + CITY, 1, "thiếu: kind", "missing: kind"),
    "duplicate slug": (HEADER + CITY + HEALTH + HEALTH, 4, "trùng với dòng 3", "duplicates line 3"),
    "unknown parent": (HEADER + CITY + "so-a,department,Sở A,khong-co,\n", 3, "“khong-co”", "“khong-co”"),
    "cycle": (HEADER + CITY + "a,department,A,b,\nb,department,B,a,\n", 3, "vòng lặp", "loop"),
}


def rejected(data: bytes | str) -> ImportRejected:
    with pytest.raises(ImportRejected) as caught:
        import_organisations(None, data)
    return caught.value


@pytest.mark.parametrize("case", BROKEN)
def test_broken_file_is_refused_by_line_and_changes_nothing(db, case):
    data, line, vietnamese, english = BROKEN[case]
    error = rejected(data).errors[0]
    assert error.line == line
    assert vietnamese in str(error.message)
    assert str(error).startswith(f"Dòng {line}: ")
    with translation.override("en"):
        error = rejected(data).errors[0]
        assert english in str(error.message)
        assert str(error).startswith(f"Line {line}: ")
    assert not Organisation.objects.exists()
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize("case", BROKEN)
def test_cli_exits_with_1_and_prints_the_line(db, tmp_path, capsys, case):
    data, line, vietnamese, _english = BROKEN[case]
    path = tmp_path / "co-quan.csv"
    path.write_text(data, encoding="utf-8")
    assert main(["import-orgs", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"Dòng {line}: " in err
    assert vietnamese in err
    assert "chưa thay đổi gì" in err
    assert not Organisation.objects.exists()


def test_unclosed_quote_no_longer_swallows_the_next_row_into_a_second_root(db):
    # Before: 'Sở A,ubnd-ha-noi\nso-tai-chinh,...' became one name, and so-a a second top.
    errors = rejected(HEADER + CITY + 'so-a,department,"Sở A,ubnd-ha-noi,\n' + FINANCE).errors
    assert [error.line for error in errors] == [3]


def test_wrong_encoding_names_the_line_of_the_first_bad_byte(db, tmp_path, capsys):
    data = (HEADER + CITY + HEALTH).encode("utf-8") + department("Ban Tài chính").encode("cp1258")
    error = rejected(data).errors[0]
    assert (error.line, "không phải UTF-8" in str(error.message)) == (4, True)
    path = tmp_path / "co-quan.csv"
    path.write_bytes(data)
    assert main(["import-orgs", str(path)]) == 1
    assert "Dòng 4: tệp không phải UTF-8" in capsys.readouterr().err
    assert not Organisation.objects.exists()


def test_utf16_file_is_refused(db):
    assert "UTF-8" in str(rejected((HEADER + CITY).encode("utf-16")).errors[0].message)


def test_bom_is_accepted_from_the_cli(db, tmp_path, capsys):
    path = tmp_path / "co-quan.csv"
    path.write_bytes((HEADER + CITY + HEALTH).encode("utf-8-sig"))
    assert main(["import-orgs", str(path)]) == 0
    assert Organisation.objects.get(slug="so-y-te").parent.slug == "ubnd-ha-noi"


def test_international_phone_numbers_are_not_formulas(db):
    import_organisations(None, HEADER + CITY + department("Sở A", "+84 (24) 3825-3536"))
    assert Organisation.objects.get(slug="so-a").phone == "+84 (24) 3825-3536"


def test_a_new_top_is_refused_while_another_is_active(db):
    import_organisations(None, HEADER + CITY)
    error = rejected(HEADER + "ubnd-moi,peoples_committee,UBND mới,,\n").errors[0]
    assert "ubnd-ha-noi" in str(error.message)
    # Listing the same top again, or replacing the whole tree, is fine.
    import_organisations(None, HEADER + CITY + HEALTH)
    import_organisations(None, HEADER + "ubnd-moi,peoples_committee,UBND mới,,\n", replace=True)
    assert list(Organisation.objects.filter(active=True).values_list("slug", flat=True)) == ["ubnd-moi"]
