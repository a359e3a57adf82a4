"""The working-day calendar in a real browser: an operator finds it in the menu, is told why a make-up day
on a weekday is refused, enters a make-up Saturday, and sees it change a deadline."""

import datetime as dt
from typing import Any

import pytest

from presscenter.accounts.models import Role
from presscenter.workdays.calendar import VIETNAM, WorkCalendar
from presscenter.workdays.loader import load_calendar
from presscenter.workdays.models import DayException
from presscenter.workdays.public_holidays import VietnamHolidays
from tests import factories

pytestmark = pytest.mark.browser


def days_ahead() -> tuple[dt.date, dt.date]:
    """A Saturday some weeks ahead that is a day off, and the Friday before it if that is a working day."""
    public = WorkCalendar(VietnamHolidays())
    saturday = dt.date.today() + dt.timedelta(days=28 + (5 - dt.date.today().weekday()) % 7)
    while public.is_public_working_day(saturday) or not public.is_public_working_day(saturday - dt.timedelta(days=1)):
        saturday += dt.timedelta(days=7)
    return saturday, saturday - dt.timedelta(days=1)


def pick_date(page: Any, typed: str) -> None:
    """Type the date into the field with the date picker, then click away, as a person would."""
    field = page.locator("input[name=date]")
    field.and_(page.locator(".flatpickr-input")).wait_for()  # the picker is loaded after the page
    field.click()
    page.locator(".flatpickr-calendar.open").wait_for()
    field.fill(typed)
    page.locator("h1").first.click()  # a click outside closes the picker; it reads the typed text
    page.locator(".flatpickr-calendar.open").wait_for(state="hidden")


def test_an_operator_enters_a_make_up_saturday(live_server: Any, page: Any, login: Any, visit: Any, transactional_db):
    saturday, friday = days_ahead()
    login(factories.user(Role.CENTER_OPERATOR))
    visit("/lam-viec/")
    page.get_by_role("link", name="Lịch làm việc").click()
    page.get_by_role("heading", name=f"Lịch làm việc năm {dt.date.today().year}").wait_for()

    pick_date(page, f"{friday:%d/%m/%Y}")
    page.get_by_label("Ngày làm bù").check()
    page.fill("input[name=name]", "Làm bù")
    page.get_by_role("button", name="Thêm vào lịch").click()
    assert "vốn đã là ngày làm việc" in page.locator(".error-summary").inner_text()
    assert not DayException.objects.exists()

    pick_date(page, f"{saturday:%d/%m/%Y}")
    page.get_by_label("Ngày làm bù").check()
    page.fill("input[name=name]", "Làm bù cho ngày nghỉ hoán đổi")
    page.get_by_role("button", name="Thêm vào lịch").click()
    page.get_by_role("heading", name=f"Lịch làm việc năm {saturday.year}").wait_for()
    assert f"Đã thêm ngày {saturday:%d/%m/%Y} vào lịch." in page.locator(".messages").inner_text()
    assert "Làm bù cho ngày nghỉ hoán đổi" in page.locator("main").inner_text()

    start = dt.datetime.combine(friday, dt.time(10, 0), tzinfo=VIETNAM)
    assert load_calendar().add_working_days(start, 1) == dt.datetime.combine(saturday, dt.time(17, 0), tzinfo=VIETNAM)
