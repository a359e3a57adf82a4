"""The package's Vietnamese holidays checked against the Labour Code 2019 (art. 111(3), 112), and where
they part (presscenter/workdays/public_holidays.py says what we do about it)."""

import datetime as dt

import holidays
import pytest

from presscenter.workdays.public_holidays import VietnamHolidays

YEARS = range(2021, 2036)  # 2/9 has two days since 2021 (art. 112(1)(đ))


def weekday_days_off(year: int) -> list[dt.date]:
    return [day for day in VietnamHolidays(language="vi").days_off(year) if day.weekday() < 5]


def all_make_up_days() -> set[dt.date]:
    return set(holidays.country_holidays("VN", years=range(2014, 2037)).weekend_workdays)


@pytest.mark.parametrize("year", YEARS)
def test_eleven_paid_days_a_year_on_working_days(year):
    """Art. 112(1): 11 days; art. 111(3): one on a weekend is made up on the next working day, so all 11
    take a working day. A government swap adds a weekday off and a Saturday worked (net zero). From 2026
    the package adds 24/11 (Resolution 80-NQ/TW), not in art. 112 as enacted."""
    swaps = len([day for day in all_make_up_days() if day.year == year])
    expected = 11 + (1 if year >= 2026 else 0)
    assert len(weekday_days_off(year)) - swaps == expected


@pytest.mark.parametrize("year", YEARS)
def test_fixed_days_are_there(year):
    days_off = VietnamHolidays(language="vi").days_off(year)
    for month, day in [(1, 1), (4, 30), (5, 1), (9, 2)]:
        assert dt.date(year, month, day) in days_off
    # Quốc khánh: 2/9 and the day before or after it.
    assert dt.date(year, 9, 1) in days_off or dt.date(year, 9, 3) in days_off


def test_tet_and_hung_kings_follow_the_lunar_calendar():
    vi = VietnamHolidays(language="vi")
    # Mùng 1 Tết: 17/2/2026, 6/2/2027, 26/1/2028; Giỗ Tổ (10/3 lunar): 26/4/2026, 16/4/2027, 4/4/2028.
    assert vi.days_off(2026)[dt.date(2026, 2, 17)] == "Tết Nguyên Đán"
    assert vi.days_off(2027)[dt.date(2027, 2, 6)] == "Tết Nguyên Đán"
    assert vi.days_off(2028)[dt.date(2028, 1, 26)] == "Tết Nguyên Đán"
    assert vi.days_off(2026)[dt.date(2026, 4, 26)] == "Ngày Giỗ Tổ Hùng Vương"
    assert vi.days_off(2027)[dt.date(2027, 4, 16)] == "Ngày Giỗ Tổ Hùng Vương"
    assert vi.days_off(2028)[dt.date(2028, 4, 4)] == "Ngày Giỗ Tổ Hùng Vương"


@pytest.mark.parametrize("year", range(2024, 2031))
def test_tet_takes_five_working_days(year):
    """Art. 112(1)(b): five days of Tết. The exact days are the Prime Minister's (art. 112(3)); 2024-2026
    match the announced schedules (8-14/2/2024; 27-31/1/2025; 16-20/2/2026 on working days)."""
    days_off = VietnamHolidays(language="vi").days_off(year)
    tet_weekdays = [
        day for day, name in days_off.items() if "Tết" in name and "Dương lịch" not in name and day.weekday() < 5
    ]
    assert len(tet_weekdays) == 5


def test_announced_tet_schedules():
    def tet(year: int) -> list[dt.date]:
        days_off = VietnamHolidays(language="vi").days_off(year)
        return sorted(
            day for day, name in days_off.items() if "Tết" in name and "Dương lịch" not in name and day.weekday() < 5
        )

    assert tet(2026) == [dt.date(2026, 2, day) for day in range(16, 21)]
    assert tet(2025) == [dt.date(2025, 1, day) for day in range(27, 32)]
    assert tet(2027) == [dt.date(2027, 2, 4), dt.date(2027, 2, 5), *(dt.date(2027, 2, day) for day in range(8, 11))]


def test_the_packages_swaps_are_make_up_days():
    vi = VietnamHolidays(language="vi")
    assert dt.date(2026, 8, 22) in vi.make_up_days(2026)
    assert dt.date(2026, 8, 31) in vi.days_off(2026)
    assert dt.date(2025, 4, 26) in vi.make_up_days(2025)
    assert vi.make_up_days(2027) == {}


def test_names_in_the_pages_language():
    assert VietnamHolidays(language="vi").days_off(2027)[dt.date(2027, 9, 2)] == "Quốc khánh"
    assert VietnamHolidays(language="en").days_off(2027)[dt.date(2027, 9, 2)] == "National Day"
    assert VietnamHolidays(language="vi").days_off(2027)[dt.date(2027, 5, 3)] == "Ngày Quốc tế Lao động (nghỉ bù)"


def test_the_package_gives_nothing_after_2100():
    """Why the calendar refuses years after 2100: the package would answer "no holidays" there."""
    assert VietnamHolidays(language="vi").days_off(2101) == {}
    assert len(VietnamHolidays(language="vi").days_off(2100)) >= 10
