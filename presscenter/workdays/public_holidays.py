"""Vietnam's public holidays from the `holidays` package (holidays.VN), in the words of the page's language.

What the package gives, checked against the Labour Code 2019 (tests/workdays/test_public_holidays.py):

- art. 112(1): Tết Dương lịch 1/1; Tết Âm lịch 5 days; Giỗ Tổ Hùng Vương 10/3 lunar; 30/4; 1/5;
  Quốc khánh 2/9 and one day next to it (since 2021). 11 days a year.
- art. 111(3): a holiday that falls on a weekly rest day is made up on the next working day (the
  package's "(nghỉ bù)" days). For the civil service's five-day week that is Saturday and Sunday.
- Government swaps announced in past years (e.g. 2/5/2025 off, Saturday 26/4/2025 worked; 31/8/2026 off,
  Saturday 22/8/2026 worked) are in the package: the days off as holidays, the Saturdays as make-up
  working days (`weekend_workdays`), which this module passes on.

Where the package and the law part:

- art. 112(3) leaves the exact five days of Tết and the day next to 2/9 to the Prime Minister each year.
  The package estimates them (Tết: the eve and the first four days, a Saturday moved to the working day
  before and a Sunday to the one after); when the announced schedule differs, the centre enters the
  difference as configured days (extra days off, make-up working days). Years the package has no
  announcement for are its estimate.
- From 2026 the package also gives 24/11, "Ngày Văn hóa Việt Nam" (Politburo Resolution 80-NQ/TW; the
  Government's Resolution 30/NQ-CP of 2026 asks for art. 112(1) to be amended to add it). It is not in
  art. 112 as enacted in 2019. We follow the package; should the day not be a day off for the centre
  in some year, a make-up working day entered on it makes it a working day again.
"""

import datetime as dt
from functools import lru_cache

import holidays
from django.utils.translation import get_language
from django.utils.translation import gettext as _

# The page's language -> the package's.
PACKAGE_LANGUAGES = {"vi": "vi", "en": "en_US"}


def _package_language(language: str | None) -> str:
    return PACKAGE_LANGUAGES.get((language or "vi").split("-")[0], "vi")


@lru_cache(maxsize=512)
def _year(year: int, language: str) -> tuple[tuple[tuple[dt.date, str], ...], tuple[dt.date, ...]]:
    calendar = holidays.country_holidays("VN", years=year, language=language)
    days_off = tuple(sorted(calendar.items()))
    make_up = tuple(sorted(day for day in calendar.weekend_workdays if day.year == year))
    return days_off, make_up


class VietnamHolidays:
    """A `calendar.HolidaySource` over holidays.VN. Names in `language` ("vi", "en"), or the active
    language when None; the dates are the same in every language."""

    def __init__(self, language: str | None = None):
        self.language = language

    def _language(self) -> str:
        return _package_language(self.language or get_language())

    def days_off(self, year: int) -> dict[dt.date, str]:
        return dict(_year(year, self._language())[0])

    def make_up_days(self, year: int) -> dict[dt.date, str]:
        name = _("Ngày làm bù theo lịch nghỉ lễ của Chính phủ")
        return dict.fromkeys(_year(year, self._language())[1], name)
