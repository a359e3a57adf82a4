import pytest

from presscenter.accounts.models import Role
from presscenter.audit.domain import verify
from presscenter.audit.models import AuditEntry
from presscenter.core.errors import PermissionDenied
from presscenter.orgs.importing import ImportRejected, import_organisations
from presscenter.orgs.models import Organisation
from tests import factories

HEADER = (
    "slug,kind,name,name_en,short_name,parent_slug,address,phone,email,website,"
    "spokesperson_name,spokesperson_title,spokesperson_phone,spokesperson_email\n"
)
CITY = "ubnd-ha-noi,peoples_committee,UBND thành phố Hà Nội,Hanoi People's Committee,UBND TP,,,,,,,,,\n"
HEALTH = (
    'so-y-te,department,Sở Y tế,Department of Health,SYT,ubnd-ha-noi,"4 Sơn Tây, Hà Nội",024 3000 1080,'
    "soyte@hanoi.gov.vn,https://soyte.hanoi.gov.vn,Nguyễn Thị Lan Anh,Phó Giám đốc Sở,024 3000 1081,"
    "phatngon.soyte@hanoi.gov.vn\n"
)
WARD = "phuong-hoan-kiem,ward,Phường Hoàn Kiếm,Hoan Kiem Ward,,ubnd-ha-noi,,,,,,,,\n"


def test_valid_file_builds_the_tree_with_one_audit_entry(db):
    report = import_organisations(None, HEADER + CITY + HEALTH + WARD)
    assert sorted(report.created) == ["phuong-hoan-kiem", "so-y-te", "ubnd-ha-noi"]
    health = Organisation.objects.get(slug="so-y-te")
    assert health.parent.slug == "ubnd-ha-noi"
    assert health.address == "4 Sơn Tây, Hà Nội"
    assert health.spokesperson_email == "phatngon.soyte@hanoi.gov.vn"
    entry = AuditEntry.objects.get()
    assert entry.action == "orgs.import"
    assert entry.after["created"] == report.created
    assert list(verify()) == []


def test_children_may_come_before_their_parent_and_bom_is_accepted(db):
    data = ("\ufeff" + HEADER + WARD + HEALTH + CITY).encode()
    import_organisations(None, data)
    assert Organisation.objects.get(slug="phuong-hoan-kiem").parent.slug == "ubnd-ha-noi"


def test_reimport_updates_changed_rows_only(db):
    import_organisations(None, HEADER + CITY + HEALTH)
    renamed = HEALTH.replace("Sở Y tế,", "Sở Y tế Hà Nội,")
    report = import_organisations(None, HEADER + CITY + renamed)
    assert report.updated == ["so-y-te"]
    assert report.unchanged == ["ubnd-ha-noi"]
    assert Organisation.objects.get(slug="so-y-te").name == "Sở Y tế Hà Nội"
    assert AuditEntry.objects.count() == 2
    assert not import_organisations(None, HEADER + CITY + renamed).changed
    assert AuditEntry.objects.count() == 2  # nothing changed, nothing recorded


def rejected_lines(data: str) -> dict[int, str]:
    with pytest.raises(ImportRejected) as caught:
        import_organisations(None, data)
    return {error.line: str(error.message) for error in caught.value.errors}


@pytest.mark.parametrize(
    ("bad_row", "expected"),
    [
        ("so-a,agency,Sở A,,,ubnd-ha-noi,,,,,,,,\n", "loại cơ quan “agency” không hợp lệ"),
        ("so-a,department,,,,ubnd-ha-noi,,,,,,,,\n", "thiếu tên cơ quan"),
        ("so-a,department,Sở A,,,khong-co,,,,,,,,\n", "cơ quan cấp trên “khong-co”"),
        ("so-a,department,Sở A,,,ubnd-ha-noi,,,thu-sai,,,,,\n", "địa chỉ thư “thu-sai”"),
        ("so-a,department,Sở A,,,ubnd-ha-noi,,,,,,,,a@b\n", "địa chỉ thư “a@b”"),
        ("so-a,department,Sở A,,,ubnd-ha-noi,,,,khong-phai-url,,,,\n", "trang thông tin"),
        ("so-a,department,Sở A,,VIẾT TẮT QUÁ DÀI" + "x" * 60 + ",ubnd-ha-noi,,,,,,,,\n", "short_name dài quá 60"),
        ("sở a,department,Sở A,,,ubnd-ha-noi,,,,,,,,\n", "định danh “sở a”"),
        (",department,Sở A,,,ubnd-ha-noi,,,,,,,,\n", "thiếu định danh"),
        ("so-a,department,Sở A,,,ubnd-ha-noi,,,,,,,,,thừa\n", "nhiều ô hơn số cột"),
    ],
)
def test_bad_row_is_reported_by_line_and_nothing_changes(db, bad_row, expected):
    import_organisations(None, HEADER + CITY)
    before = (Organisation.objects.count(), AuditEntry.objects.count())
    errors = rejected_lines(HEADER + CITY + HEALTH + bad_row)
    assert list(errors) == [4]
    assert expected in errors[4]
    assert (Organisation.objects.count(), AuditEntry.objects.count()) == before
    assert not Organisation.objects.filter(slug="so-y-te").exists()


def test_duplicate_slug_names_both_lines(db):
    errors = rejected_lines(HEADER + CITY + HEALTH + HEALTH)
    assert list(errors) == [4]
    assert "trùng với dòng 3" in errors[4]


def test_cycle_is_reported_on_every_row_of_the_cycle(db):
    rows = "a,department,A,,,b,,,,,,,,\nb,department,B,,,a,,,,,,,,\nc,department,C,,,c,,,,,,,,\n"
    errors = rejected_lines(HEADER + CITY + rows)
    assert list(errors) == [3, 4, 5]
    assert all("vòng lặp" in message for message in errors.values())
    assert not Organisation.objects.exists()


def test_cycle_through_an_existing_organisation(db):
    import_organisations(None, HEADER + CITY + HEALTH)  # so-y-te sits under ubnd-ha-noi
    moved_city = CITY.replace(",UBND TP,,", ",UBND TP,so-y-te,")
    errors = rejected_lines(HEADER + moved_city)
    assert "vòng lặp" in errors[2]


def test_several_errors_are_all_reported_in_line_order(db):
    rows = "x,kind,,,,,,,,,,,,\ny,department,Y,,,nowhere,,,,,,,,\n"
    with pytest.raises(ImportRejected) as caught:
        import_organisations(None, HEADER + rows)
    assert [error.line for error in caught.value.errors] == [2, 2, 3]
    assert str(caught.value.errors[0]).startswith("Dòng 2: ")


def test_unreadable_files(db):
    assert "UTF-8" in rejected_lines("slug,kind,name\nso-a,department,Sở A\n".encode("utf-16"))[1]
    assert "tiêu đề cột sai" in rejected_lines("ma,loai,ten\n")[1]
    assert "không có dòng dữ liệu" in rejected_lines(HEADER)[1]
    assert "không có dòng dữ liệu" in rejected_lines("")[1]


def test_only_required_columns_are_needed(db):
    import_organisations(None, "slug,kind,name\nubnd-ha-noi,peoples_committee,UBND thành phố Hà Nội\n")
    assert Organisation.objects.get().name == "UBND thành phố Hà Nội"


def test_replace_deactivates_missing_organisations_without_deleting(db):
    import_organisations(None, HEADER + CITY + HEALTH + WARD)
    report = import_organisations(None, HEADER + CITY + HEALTH, replace=True)
    assert report.deactivated == ["phuong-hoan-kiem"]
    ward = Organisation.objects.get(slug="phuong-hoan-kiem")
    assert ward.active is False
    assert AuditEntry.objects.latest("id").after["deactivated"] == ["phuong-hoan-kiem"]
    # Listed again: active again.
    report = import_organisations(None, HEADER + CITY + HEALTH + WARD, replace=True)
    assert report.updated == ["phuong-hoan-kiem"]
    assert Organisation.objects.get(slug="phuong-hoan-kiem").active is True


def test_replace_refuses_a_parent_that_would_be_deactivated(db):
    import_organisations(None, HEADER + CITY)
    with pytest.raises(ImportRejected) as caught:
        import_organisations(None, HEADER + HEALTH, replace=True)
    assert "ubnd-ha-noi" in str(caught.value.errors[0].message)
    assert Organisation.objects.get(slug="ubnd-ha-noi").active is True


def test_without_replace_an_existing_parent_may_be_used(db):
    import_organisations(None, HEADER + CITY)
    import_organisations(None, HEADER + HEALTH)
    assert Organisation.objects.get(slug="so-y-te").parent.slug == "ubnd-ha-noi"


def test_only_center_staff_may_import(db):
    journalist = factories.user(Role.JOURNALIST)
    with pytest.raises(PermissionDenied):
        import_organisations(journalist, HEADER + CITY)
    operator = factories.user(Role.CENTER_OPERATOR)
    import_organisations(operator, HEADER + CITY)
    assert AuditEntry.objects.get().actor == operator
