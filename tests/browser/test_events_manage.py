"""The centre's operator schedules a press conference in a real browser, at a phone's size and a
laptop's: the room calendar shows the hall is taken, the form refuses the hall with the clash in
words, and takes another room; the event then shows on the public calendar and its page."""

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from presscenter.accounts.models import Role
from presscenter.events.models import Event
from tests import factories
from tests.browser.test_accessibility import serious_violations
from tests.browser.test_journeys import pick_date
from tests.events.factories import event, room

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_operator_creates_an_event_after_a_room_clash(page: Any, login: Any, walk: Any):
    health = factories.organisation(name="Sở Y tế Hà Nội")
    hall = room(name="Hội trường lớn", capacity=300)
    room(name="Phòng họp báo 1", capacity=120)
    day = timezone.localtime() + dt.timedelta(days=3)
    begins = day.replace(hour=9, minute=0, second=0, microsecond=0)
    taken = event(
        title="Họp báo về quy hoạch giao thông", room=hall, starts_at=begins, ends_at=begins + dt.timedelta(hours=2)
    )
    operator = factories.user(Role.CENTER_OPERATOR)
    login(operator)

    walk("operator-events", reverse("events_work:list"))
    assert taken.title in page.locator("main").inner_text()
    walk("operator-room-calendar", reverse("events_work:room_calendar"))
    assert "Họp báo về quy hoạch giao thông" in page.locator("section", has_text="Hội trường lớn").inner_text()

    walk("operator-event-new", reverse("events_work:create"))
    page.get_by_label("Loại sự kiện").select_option(label="Họp báo")
    page.get_by_label("Tiêu đề").fill("Họp báo về chiến dịch tiêm chủng mùa đông")
    page.get_by_label("Tóm tắt").fill("Kế hoạch tiêm vắc xin cúm tại các trạm y tế xã, phường.")
    page.get_by_label("Cơ quan tổ chức").select_option(label="Sở Y tế Hà Nội")
    pick_date(page, "Bắt đầu", f"{begins:%d/%m/%Y} 09:30")
    pick_date(page, "Kết thúc", f"{begins:%d/%m/%Y} 11:00")
    page.get_by_label("Phòng của Trung tâm").select_option(label=f"Hội trường lớn — {hall.venue.name} (300 chỗ)")
    # Before saving, the form already says the hall is taken then (htmx asks the room calendar).
    page.locator("#room-check .room-check-taken").wait_for()
    assert "Họp báo về quy hoạch giao thông" in page.locator("#room-check").inner_text()
    page.get_by_label("Số chỗ cho báo chí").fill("80")
    page.get_by_role("button", name="Lưu sự kiện").click()

    summary = page.locator(".error-summary")
    summary.wait_for()
    assert "Phòng Hội trường lớn đã được đặt cho “Họp báo về quy hoạch giao thông”" in summary.inner_text()
    walk("operator-event-clash")
    assert serious_violations(page) == []
    assert not Event.objects.filter(organiser=health).exists()

    page.get_by_label("Phòng của Trung tâm").select_option(label=f"Phòng họp báo 1 — {hall.venue.name} (120 chỗ)")
    page.locator("#room-check .room-check-free").wait_for()
    page.get_by_role("button", name="Lưu sự kiện").click()
    page.get_by_text("Đã lưu sự kiện “Họp báo về chiến dịch tiêm chủng mùa đông”.").wait_for()
    created = Event.objects.get(organiser=health)
    assert created.room is not None and created.room.name == "Phòng họp báo 1" and created.capacity == 80
    assert timezone.localtime(created.starts_at).strftime("%d/%m/%Y %H:%M") == f"{begins:%d/%m/%Y} 09:30"
    walk("operator-event-created")

    walk("public-event", reverse("events_public:event", args=[created.slug]))
    assert "Phòng họp báo 1" in page.locator("main").inner_text()
    assert serious_violations(page) == []
    walk("public-calendar", reverse("events_public:calendar") + f"?month={begins:%Y-%m}")
    assert created.title in page.locator("main").inner_text()
    assert serious_violations(page) == []
