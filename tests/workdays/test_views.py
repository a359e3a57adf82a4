"""The "Lịch làm việc" page: a year's holidays and configured days, year navigation, and forms that say
what is wrong in Vietnamese and change nothing."""

import datetime as dt

import pytest
from django.conf import settings
from django.test import Client

from presscenter.accounts.models import Role
from presscenter.audit.models import AuditEntry
from presscenter.workdays.models import DayException, DayKind
from tests import factories

PAGE = "/lam-viec/lich-lam-viec/"


@pytest.fixture
def operator_client(db, frozen_today) -> Client:
    client = Client()
    client.force_login(factories.user(Role.CENTER_OPERATOR))
    return client


def test_this_years_page_with_navigation(operator_client):
    page = operator_client.get(PAGE)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Lịch làm việc năm 2026" in html
    assert f"{PAGE}nam-2025/" in html and f"{PAGE}nam-2027/" in html
    assert "Ngày nghỉ (thay cho ngày 22/08/2026)" in html  # the package's 2026 swap, in Vietnamese
    assert "22/08/2026" in html and "Đi làm" in html


def test_a_year_lists_the_holidays_in_vietnamese(operator_client):
    html = operator_client.get(f"{PAGE}nam-2027/").content.decode()
    for words in ("Tết Dương lịch", "Giao thừa Tết Nguyên Đán", "Mùng năm Tết Nguyên Đán", "Ngày Giỗ Tổ Hùng Vương"):
        assert words in html
    assert "06/02/2027" in html


def test_the_page_in_english_names_the_holidays_in_english(operator_client):
    operator_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = operator_client.get(f"{PAGE}nam-2027/").content.decode()
    assert "Lunar New Year" in html


@pytest.mark.parametrize("year", ["1999", "2101", "0", "99999"])
def test_years_outside_the_calendar_are_not_found(operator_client, year):
    assert operator_client.get(f"{PAGE}nam-{year}/").status_code == 404


def test_the_workspace_menu_links_the_calendar(operator_client, newsroom):
    assert f'href="{PAGE}"' in operator_client.get("/lam-viec/").content.decode()
    editor = Client()
    editor.force_login(newsroom.editor)
    assert f'href="{PAGE}"' in editor.get("/lam-viec/").content.decode()


def test_adding_a_day_from_the_page(operator_client):
    response = operator_client.post(
        f"{PAGE}them/", {"date": "30/01/2027", "kind": "make_up", "name": "Làm bù cho 03/02", "note": "TB 1"}
    )
    assert response.status_code == 302 and response["Location"] == f"{PAGE}nam-2027/"
    exception = DayException.objects.get()
    assert (exception.date, exception.kind, exception.note) == (dt.date(2027, 1, 30), DayKind.MAKE_UP, "TB 1")
    html = operator_client.get(response["Location"]).content.decode()
    assert "Đã thêm ngày 30/01/2027 vào lịch." in html and "Làm bù cho 03/02" in html


@pytest.mark.parametrize(
    ("form", "words"),
    [
        ({"date": "03/02/2027", "kind": "make_up", "name": "Làm bù"}, "vốn đã là ngày làm việc"),
        ({"date": "30/01/2027", "kind": "day_off", "name": "Nghỉ"}, "ngày nghỉ cuối tuần"),
        ({"date": "01/01/2027", "kind": "day_off", "name": "Nghỉ"}, "Tết Dương lịch"),
        ({"date": "05/01/2032", "kind": "day_off", "name": "Nghỉ"}, "trong vòng 5 năm"),
        ({"date": "31/02/2027", "kind": "day_off", "name": "Nghỉ"}, "Ngày không hợp lệ"),
        ({"date": "01/01/0001", "kind": "day_off", "name": "Nghỉ"}, "trong vòng 5 năm"),
        ({"date": "03/02/2027", "kind": "holiday", "name": "Nghỉ"}, "Select a valid choice"),
        ({"date": "03/02/2027", "kind": "day_off", "name": ""}, "Trường này là bắt buộc"),
    ],
)
def test_refused_input_is_explained_and_changes_nothing(operator_client, form, words):
    entries = AuditEntry.objects.count()
    response = operator_client.post(f"{PAGE}them/", form)
    assert response.status_code == 400
    html = response.content.decode()
    assert "error-summary" in html
    if words != "Select a valid choice":
        assert words in html
    assert "Select a valid choice" not in html  # Django's own messages come in Vietnamese too
    assert not DayException.objects.exists() and AuditEntry.objects.count() == entries


def test_a_duplicate_is_refused(operator_client):
    factories.day_exception(dt.date(2027, 2, 3))
    response = operator_client.post(f"{PAGE}them/", {"date": "03/02/2027", "kind": "day_off", "name": "Lần nữa"})
    assert response.status_code == 400
    assert "đã có trong lịch" in response.content.decode()
    assert DayException.objects.count() == 1


def test_editing_shows_the_vietnamese_date_and_saves(operator_client):
    exception = factories.day_exception(dt.date(2027, 2, 3), name="Nghỉ thêm")
    form_page = operator_client.get(f"{PAGE}{exception.pk}/sua/")
    assert form_page.status_code == 200 and 'value="03/02/2027"' in form_page.content.decode()
    refused = operator_client.post(f"{PAGE}{exception.pk}/sua/", {"date": "13/02/2027", "kind": "day_off", "name": "X"})
    assert refused.status_code == 400 and "ngày nghỉ cuối tuần" in refused.content.decode()
    saved = operator_client.post(f"{PAGE}{exception.pk}/sua/", {"date": "02/02/2027", "kind": "day_off", "name": "Y"})
    assert saved.status_code == 302
    exception.refresh_from_db()
    assert (exception.date, exception.name) == (dt.date(2027, 2, 2), "Y")


def test_removing_asks_first(operator_client):
    exception = factories.day_exception(dt.date(2027, 2, 3))
    confirm = operator_client.get(f"{PAGE}{exception.pk}/xoa/")
    assert confirm.status_code == 200 and "03/02/2027" in confirm.content.decode()
    assert DayException.objects.exists()
    assert operator_client.post(f"{PAGE}{exception.pk}/xoa/").status_code == 302
    assert not DayException.objects.exists()
    assert operator_client.get(f"{PAGE}{exception.pk}/sua/").status_code == 404
    assert operator_client.post(f"{PAGE}{exception.pk}/xoa/").status_code == 404
