import os

import pytest

from presscenter.audit.models import AuditEntry
from presscenter.cli import _worker_command, build_parser, main
from presscenter.orgs.models import Organisation

CSV = (
    "slug,kind,name,parent_slug\n"
    "ubnd-ha-noi,peoples_committee,UBND thành phố Hà Nội,\n"
    "so-y-te,department,Sở Y tế,ubnd-ha-noi\n"
    "phuong-hoan-kiem,ward,Phường Hoàn Kiếm,ubnd-ha-noi\n"
)


def test_a_command_is_required(capsys):
    with pytest.raises(SystemExit) as exited:
        main([])
    assert exited.value.code == 2


@pytest.mark.parametrize("argv", [["audit"], ["audit", "repair"], ["import-orgs"], ["serve", "--port", "x"]])
def test_bad_arguments_exit_with_usage_error(argv, capsys):
    with pytest.raises(SystemExit) as exited:
        main(argv)
    assert exited.value.code == 2


def test_server_options_are_parsed():
    options = build_parser().parse_args(["serve", "--host", "10.0.0.5", "--port", "9000", "--workers", "4"])
    assert (options.host, options.port, options.workers) == ("10.0.0.5", 9000, 4)
    assert build_parser().parse_args(["demo"]).port == 8000
    assert build_parser().parse_args(["import-orgs", "a.csv", "--replace"]).replace is True


def test_audit_verify_reports_an_intact_chain(newsroom, capsys):
    newsroom.publish()
    assert main(["audit", "verify"]) == 0
    count = AuditEntry.objects.count()
    assert f"Chuỗi nhật ký nguyên vẹn: {count} mục" in capsys.readouterr().out


def test_audit_verify_detects_an_altered_entry(newsroom, capsys):
    newsroom.publish()
    altered = AuditEntry.objects.order_by("id")[1]
    AuditEntry.objects.filter(pk=altered.pk).update(summary="Nội dung đã bị sửa")
    assert main(["audit", "verify"]) == 1
    err = capsys.readouterr().err
    assert f"Mục #{altered.pk}:" in err
    assert "bị phá vỡ tại 1 chỗ" in err


def test_audit_verify_detects_a_removed_entry(newsroom, capsys):
    newsroom.publish()
    removed = AuditEntry.objects.order_by("id")[1]
    AuditEntry.objects.filter(pk=removed.pk).delete()
    assert main(["audit", "verify"]) == 1
    assert "Mục #" in capsys.readouterr().err


def test_import_orgs_from_a_file(db, tmp_path, capsys):
    path = tmp_path / "co-quan.csv"
    path.write_bytes(b"\xef\xbb\xbf" + CSV.encode())
    assert main(["import-orgs", str(path)]) == 0
    assert "3 cơ quan mới" in capsys.readouterr().out
    assert Organisation.objects.get(slug="so-y-te").parent.slug == "ubnd-ha-noi"

    path.write_text(CSV.replace("phuong-hoan-kiem,ward,Phường Hoàn Kiếm,ubnd-ha-noi\n", ""), encoding="utf-8")
    assert main(["import-orgs", str(path), "--replace"]) == 0
    assert "1 ngừng hoạt động" in capsys.readouterr().out
    assert Organisation.objects.get(slug="phuong-hoan-kiem").active is False


def test_import_orgs_lists_errors_by_line_and_changes_nothing(db, tmp_path, capsys):
    path = tmp_path / "co-quan.csv"
    path.write_text(CSV + "so-x,so,Sở X,ubnd-ha-noi\nso-y-te,department,Sở Y tế,ubnd-ha-noi\n", encoding="utf-8")
    assert main(["import-orgs", str(path)]) == 1
    err = capsys.readouterr().err
    assert "Dòng 5: loại cơ quan “so” không hợp lệ" in err
    assert "Dòng 6: định danh “so-y-te” trùng với dòng 3" in err
    assert "chưa thay đổi gì" in err
    assert not Organisation.objects.exists()


def test_import_orgs_missing_file(db, tmp_path, capsys):
    assert main(["import-orgs", str(tmp_path / "khong-co.csv")]) == 1
    assert "Không đọc được tệp" in capsys.readouterr().err


def test_manage_passes_through_to_django(db, capsys):
    assert main(["manage", "check"]) == 0
    assert "no issues" in capsys.readouterr().out


def test_worker_follows_the_configured_task_backend(settings):
    settings.REDIS_URL = "redis://127.0.0.1:6379/0"
    assert _worker_command()[-4:] == ["rqworker", "--job-class", "django_tasks_rq.Job", "default"]
    settings.REDIS_URL = ""
    command = _worker_command()
    assert command[3:6] == ["db_worker", "--no-reload", "--worker-id"]
    assert command[6].split(":")[1] == str(os.getpid())  # exec keeps the pid: recovery can check it


def test_create_admin_makes_the_first_admin_once(db, monkeypatch, capsys):
    from presscenter.accounts.models import Role, User

    monkeypatch.setenv("PRESSCENTER_ADMIN_PASSWORD", "mot-mat-khau-dai-2026")
    assert main(["create-admin", "--username", "quantri", "--email", "qt@hanoi.gov.vn"]) == 0
    admin = User.objects.get(username="quantri")
    assert admin.role == Role.CENTER_ADMIN
    assert admin.check_password("mot-mat-khau-dai-2026")
    assert AuditEntry.objects.filter(action="account.bootstrap_admin", object_id=str(admin.pk)).exists()
    assert main(["create-admin", "--username", "quantri2"]) == 1
    assert "Đã có quản trị Trung tâm" in capsys.readouterr().err
    assert not User.objects.filter(username="quantri2").exists()


def test_create_admin_refuses_a_weak_password(db, monkeypatch, capsys):
    from presscenter.accounts.models import User

    monkeypatch.setenv("PRESSCENTER_ADMIN_PASSWORD", "123")
    assert main(["create-admin", "--username", "quantri"]) == 1
    assert not User.objects.exists()
