"""The event's two pages lead to every part of the events app: registering, asking, calendars,
tickets on the public page; registrations, invitations, questions, the room screen, the door and
attendance on the workspace page — each only to who may use it."""

import pytest

from presscenter.accounts.models import Role
from presscenter.events import registration
from presscenter.events.models import Session
from tests import factories
from tests.events.factories import accredited_journalist, event, organiser_and_officer

pytestmark = pytest.mark.django_db


def links(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_an_anonymous_reader_gets_the_calendars_but_no_journalist_links(client):
    forum = event()
    Session.objects.create(event=forum, title="Phiên 1", starts_at=forum.starts_at, ends_at=forum.ends_at)
    page = links(client, f"/su-kien/{forum.slug}/")
    assert f"/lich-su-kien/su-kien/{forum.slug}.ics" in page and f"/lich-su-kien/frab/{forum.slug}.xml" in page
    assert f"/su-kien/{forum.slug}/dang-ky/" in page  # the register page explains who may register
    assert f"/su-kien/{forum.slug}/cau-hoi/" not in page and "?su-kien=" not in page


def test_a_journalist_registers_asks_and_then_sees_their_registration(client):
    conference = event()
    reporter = accredited_journalist()
    client.force_login(reporter)
    page = links(client, f"/su-kien/{conference.slug}/")
    assert f"/su-kien/{conference.slug}/dang-ky/" in page and f"/su-kien/{conference.slug}/cau-hoi/" in page
    assert f"/hoi-dap/bao-chi/?su-kien={conference.slug}" in page
    registration.register(reporter, conference)
    page = links(client, f"/su-kien/{conference.slug}/")
    assert "Đăng ký của bạn" in page and f"/su-kien/{conference.slug}/dang-ky/" not in page


def test_the_workspace_page_leads_the_organiser_to_every_tool(client):
    _agency, officer = organiser_and_officer()
    conference = event(officer)
    client.force_login(officer)
    page = links(client, f"/lam-viec/su-kien/{conference.pk}/")
    for path in ("dang-ky/", "moi/", "dang-ky/danh-sach.csv", "cau-hoi/", "man-hinh/", "soat-ve/", "tham-du/"):
        assert f"/lam-viec/su-kien/{conference.pk}/{path}" in page, path


def test_the_journalists_desk_leads_to_their_events_tickets_and_calendar(client):
    client.force_login(accredited_journalist())
    page = links(client, "/bao-chi/ban-lam-viec/")
    for path in ("/su-kien/cua-toi/", "/su-kien/ve/", "/lich-su-kien/cua-toi/", "/su-kien/"):
        assert f'href="{path}"' in page, path


def test_the_calendar_and_home_page_link_the_calendar_feed(client):
    agency = factories.organisation(name="Sở Du lịch Hà Nội")
    event(factories.user(Role.CENTER_OPERATOR), organiser=agency)
    assert "/lich-su-kien/su-kien.ics" in links(client, "/su-kien/")
    assert f"/lich-su-kien/co-quan/{agency.slug}.ics" in links(client, f"/su-kien/co-quan/{agency.slug}/")
    assert "/lich-su-kien/su-kien.ics" in links(client, "/")


def test_an_exhibition_offers_no_question_queue(client):
    exhibition = event(type="exhibition")
    client.force_login(accredited_journalist())
    assert f"/su-kien/{exhibition.slug}/cau-hoi/" not in links(client, f"/su-kien/{exhibition.slug}/")
