"""The door's check-in page on a phone (375 px), in a real browser: codes typed in are admitted
once, a reused, foreign or forged code is refused in words the door staff can read at a glance;
with the connection lost a read waits in the browser's queue ("chờ gửi") and is sent, and
admitted, when the connection returns. No script breaks the Content-Security-Policy. Also the
journalist's ticket page with its QR code at the same size."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from presscenter.events import tickets
from presscenter.events.models import Scan, Ticket
from tests.events.checkin_helpers import journalist_ticket, registration
from tests.events.factories import event, organiser_and_officer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 375, "height": 812}


def type_code(page, text: str) -> None:
    page.get_by_label("Nhập hoặc dán mã vé").fill(text)
    page.get_by_role("button", name="Kiểm tra vé").click()


def test_manual_entry_at_the_door_with_the_connection_lost_and_back(page, context, login, walk):
    _agency, officer = organiser_and_officer()
    happening = event(officer, hours_ahead=0.5)
    elsewhere = event(officer, hours_ahead=50)
    reg = registration(happening, crew=1, outlet_name="Báo Tin tức")
    mine, crew = journalist_ticket(reg), reg.tickets.exclude(crew_member=None).get()
    foreign = journalist_ticket(registration(elsewhere))
    login(officer)

    walk("door-checkin", reverse("events_checkin:door", args=[happening.pk]))
    page.set_viewport_size(PHONE)
    result = page.locator("[data-result]")
    expect(page.locator("[data-count=expected]")).to_have_text("2")

    type_code(page, tickets.payload(mine))
    expect(result).to_contain_text("Mời vào")
    expect(result).to_have_class(re.compile("door-result-admitted"))
    expect(result).to_contain_text(mine.holder_name)
    expect(page.locator("[data-count=admitted]")).to_have_text("1")

    type_code(page, tickets.payload(mine))
    expect(result).to_contain_text("Vé đã được dùng lúc")
    expect(result).to_have_class(re.compile("door-result-already"))
    type_code(page, tickets.payload(foreign))
    expect(result).to_contain_text("Vé của sự kiện khác")
    type_code(page, tickets.payload(mine)[:-3] + "xyz")
    expect(result).to_contain_text("Vé không hợp lệ")

    context.set_offline(True)
    type_code(page, tickets.payload(crew))
    expect(result).to_contain_text("Chờ gửi (mất kết nối)")
    expect(page.locator("[data-pending-count]")).to_have_text("1")
    walk("door-checkin-offline")
    page.set_viewport_size(PHONE)
    assert Ticket.objects.get(pk=crew.pk).checked_in_at is None

    context.set_offline(False)
    expect(result).to_contain_text("Mời vào")
    expect(result).to_contain_text(crew.holder_name)
    expect(page.locator("[data-pending]")).to_be_hidden()
    expect(page.locator("[data-count=admitted]")).to_have_text("2")
    assert Ticket.objects.get(pk=crew.pk).checked_in_at is not None
    assert Scan.objects.filter(event=happening, ticket=crew).count() == 1
    assert page.evaluate(
        "() => window.localStorage.length === 0 || Object.values(window.localStorage).every(v => v === '[]')"
    )


def test_the_journalists_ticket_page_on_a_phone(page, login, walk):
    _agency, officer = organiser_and_officer()
    reg = registration(event(officer, hours_ahead=24), crew=1)
    login(reg.journalist)
    walk("journalist-tickets", reverse("events_checkin:my_tickets"))
    page.set_viewport_size(PHONE)
    page.get_by_role("link", name=f"Vé của {journalist_ticket(reg).holder_name}").click()
    expect(page.locator(".ticket-qr svg")).to_be_visible()
    expect(page.locator(".ticket-payload code")).to_have_text(tickets.payload(journalist_ticket(reg)))
    walk("journalist-ticket")
