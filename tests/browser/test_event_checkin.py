"""The door's check-in page on a phone (375 px), in a real browser: codes typed in are admitted
once, a reused, foreign or forged code is refused in words the door staff can read at a glance;
with the connection lost a read waits in the browser's queue ("chờ gửi") and is sent, and
admitted, when the connection returns. No script breaks the Content-Security-Policy. Also the
journalist's ticket page with its QR code at the same size."""

import io
import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from PIL import Image
from playwright.sync_api import expect

from presscenter.events import tickets
from presscenter.events.models import Scan, Ticket
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.browser.test_accessibility import serious_violations
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
    assert serious_violations(page) == []
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
    type_code(page, "PCV1:ma-chep-tay-sai")
    type_code(page, tickets.payload(crew))
    expect(result).to_contain_text("Chờ gửi (mất kết nối)")
    expect(page.locator("[data-pending-count]")).to_have_text("2")
    walk("door-checkin-offline")
    page.set_viewport_size(PHONE)
    assert Ticket.objects.get(pk=crew.pk).checked_in_at is None

    context.set_offline(False)
    expect(result).to_contain_text("Mời vào")
    expect(result).to_contain_text(crew.holder_name)
    expect(page.locator("[data-pending]")).to_be_hidden()
    expect(page.locator("[data-count=admitted]")).to_have_text("2")
    expect(page.locator("[data-history] li").first).to_contain_text("Mời vào")
    expect(page.locator("[data-history] li").nth(1)).to_contain_text("Vé không hợp lệ")
    assert Ticket.objects.get(pk=crew.pk).checked_in_at is not None
    assert Scan.objects.filter(event=happening, ticket=crew).count() == 1
    assert serious_violations(page) == []
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
    assert serious_violations(page) == []
    walk("journalist-ticket")


def y4m_of(png: bytes, path) -> None:
    """A still video (YUV4MPEG2, grey) showing the PNG on white, for Chromium's fake camera."""
    image = Image.open(io.BytesIO(png)).convert("L")
    frame = Image.new("L", (640, 480), 255)
    frame.paste(image, ((640 - image.width) // 2, (480 - image.height) // 2))
    chroma = bytes([128]) * (320 * 240 * 2)
    with open(path, "wb") as out:
        out.write(b"YUV4MPEG2 W640 H480 F10:1 Ip A1:1 C420jpeg\n")
        for _ in range(10):
            out.write(b"FRAME\n" + frame.tobytes() + chroma)


def test_the_phone_camera_reads_a_ticket(playwright, live_server, tmp_path):
    """Chromium's fake camera shows a ticket's QR code; the page decodes it (BarcodeDetector, or
    the vendored jsQR where the browser has none, as on Linux) and admits the ticket."""
    _agency, officer = organiser_and_officer()
    happening = event(officer, hours_ahead=0.5)
    ticket = journalist_ticket(registration(happening))
    video = tmp_path / "ve.y4m"
    y4m_of(tickets.qr_png(ticket), video)
    camera = [
        "--use-fake-ui-for-media-stream",
        "--use-fake-device-for-media-stream",
        f"--use-file-for-fake-video-capture={video}",
    ]
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS + camera)
    try:
        context = browser.new_context(viewport=PHONE, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
        context.grant_permissions(["camera"], origin=live_server.url)
        client = Client()
        client.force_login(officer)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
        page = context.new_page()
        page.goto(live_server.url + reverse("events_checkin:door", args=[happening.pk]))
        page.get_by_role("button", name="Quét bằng camera").click()
        expect(page.locator("[data-result]")).to_contain_text("Mời vào")
        expect(page.locator("[data-result]")).to_contain_text(ticket.holder_name)
    finally:
        browser.close()
    assert Ticket.objects.get(pk=ticket.pk).checked_in_at is not None
    assert Scan.objects.filter(ticket=ticket).count() == 1  # a code held in view is one read
