"""Demo working-day calendar: a few make-up working days and extra days off of the kind the government
announces each year, so the calendar page and the deadlines have something to show. Examples, not the
official schedule; their notes say so."""

import datetime as dt

from django.utils import timezone

from presscenter.accounts.models import User
from presscenter.workdays import domain
from presscenter.workdays.domain import MAX_YEARS_AWAY
from presscenter.workdays.models import DayKind

NOTE = "Ví dụ trong dữ liệu mẫu, không phải lịch nghỉ chính thức."
EXAMPLES = [
    (dt.date(2026, 1, 2), DayKind.DAY_OFF, "Nghỉ thêm sau Tết Dương lịch (hoán đổi với thứ Bảy 10/01/2026)"),
    (dt.date(2026, 1, 10), DayKind.MAKE_UP, "Làm bù cho ngày nghỉ thứ Sáu 02/01/2026"),
    (dt.date(2027, 2, 3), DayKind.DAY_OFF, "Nghỉ thêm trước Tết Đinh Mùi (hoán đổi với thứ Bảy 30/01/2027)"),
    (dt.date(2027, 1, 30), DayKind.MAKE_UP, "Làm bù cho ngày nghỉ thứ Tư 03/02/2027"),
]


def seed_workdays(operator: User) -> None:
    """Entered through the domain (audited); days outside the window the domain accepts are left out,
    so the demo still seeds in a later year."""
    this_year = timezone.localdate().year
    for day, kind, name in EXAMPLES:
        if abs(day.year - this_year) < MAX_YEARS_AWAY:
            domain.add_exception(operator, date=day, kind=kind, name=name, note=NOTE)
