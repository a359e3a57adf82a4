"""Asking about an upcoming event (issue 11): the press question form takes the event
(`?su-kien=<slug>`), the agency's screen and the asker's status page show it, its organiser is the
routing hint; an event over, cancelled or not visible is refused with a clear message; the API
does the same."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from presscenter.accounts.models import Role
from presscenter.events import domain as events
from presscenter.events.models import Visibility
from presscenter.inquiries import hints
from presscenter.inquiries.models import Inquiry, RoutingRule
from tests import factories
from tests.api.conftest import ApiClient, token_for
from tests.events.factories import accredited_journalist, event, organiser_and_officer

pytestmark = pytest.mark.django_db

QUESTION_URL = "/hoi-dap/bao-chi/"
FIELDS = {"kind": "question", "subject": "Số lượng xe buýt tăng cường dịp Tết?", "text": "Xin cho biết số xe."}


@pytest.fixture
def setting():
    agency, editor = organiser_and_officer(name="Sở Giao thông Vận tải Hà Nội")
    upcoming = event(editor, title="Họp báo về giao thông dịp Tết")
    return agency, editor, upcoming


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _over(held) -> None:
    ends = timezone.now() - dt.timedelta(hours=1)
    type(held).objects.filter(pk=held.pk).update(starts_at=ends - dt.timedelta(hours=2), ends_at=ends)


def test_a_journalist_asks_about_an_upcoming_event(setting):
    agency, _editor, upcoming = setting
    reporter = accredited_journalist()
    client = _signed_in(reporter)
    page = client.get(f"{QUESTION_URL}?su-kien={upcoming.slug}").content.decode()
    assert "Bạn hỏi về sự kiện “Họp báo về giao thông dịp Tết”" in page and agency.name in page
    assert f'name="su-kien" value="{upcoming.slug}"' in page
    response = client.post(QUESTION_URL, {**FIELDS, "su-kien": upcoming.slug})
    assert response.status_code == 302
    inquiry = Inquiry.objects.get()
    assert inquiry.about_event == upcoming and inquiry.asker == reporter
    status = client.get(reverse("inquiries_public:status", args=[inquiry.code])).content.decode()
    assert "Về sự kiện" in status and upcoming.title in status
    operator = factories.user(Role.CENTER_OPERATOR)
    work = _signed_in(operator).get(reverse("inquiry_work:detail", args=[inquiry.pk])).content.decode()
    assert "Về sự kiện: Họp báo về giao thông dịp Tết" in work and agency.name in work


def test_the_organiser_leads_the_routing_hint_over_a_rule(setting):
    agency, _editor, upcoming = setting
    elsewhere = factories.organisation(name="Sở Xây dựng Hà Nội")
    RoutingRule.objects.create(organisation=elsewhere)
    reporter = factories.user(Role.JOURNALIST, accredited=True)
    plain = factories.inquiry(reporter)
    assert hints.routing_hint(plain).organisation == elsewhere
    about = factories.inquiry(reporter, about_event=upcoming)
    hint = hints.routing_hint(about)
    assert hint.organisation == agency and (elsewhere, None) in hint.alternatives
    agency.active = False
    agency.save(update_fields=["active"])
    assert hints.routing_hint(Inquiry.objects.get(pk=about.pk)).organisation == elsewhere


@pytest.mark.parametrize("why", ["over", "cancelled", "invisible"])
def test_an_event_over_cancelled_or_hidden_is_refused_with_a_clear_message(setting, why):
    _agency, editor, upcoming = setting
    message = {"over": "đã kết thúc", "cancelled": "đã bị hủy", "invisible": "Không tìm thấy sự kiện"}[why]
    if why == "over":
        _over(upcoming)
    elif why == "cancelled":
        events.cancel(editor, upcoming, reason="Hoãn vô thời hạn")
    else:
        upcoming = event(editor, visibility=Visibility.INVITED)
    client = _signed_in(accredited_journalist())
    page = client.get(f"{QUESTION_URL}?su-kien={upcoming.slug}").content.decode()
    assert message in page and "Bạn hỏi về sự kiện" not in page
    response = client.post(QUESTION_URL, {**FIELDS, "su-kien": upcoming.slug})
    assert response.status_code == 400 and message in response.content.decode()
    assert not Inquiry.objects.exists()


def test_the_api_takes_the_event_and_shows_it(setting):
    agency, editor, upcoming = setting
    reporter = factories.user(Role.JOURNALIST, accredited=True)
    api = ApiClient(token_for(reporter, None))
    response = api.post("/api/inquiries", {**FIELDS, "about_event": upcoming.slug})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["about_event"]["slug"] == upcoming.slug and body["about_event"]["organiser"]["name"] == agency.name
    assert Inquiry.objects.get(code=body["code"]).about_event == upcoming
    _over(upcoming)
    refused = api.post("/api/inquiries", {**FIELDS, "about_event": upcoming.slug})
    assert refused.status_code == 422 and "đã kết thúc" in refused.json()["error"]["message"]
    assert api.post("/api/inquiries", {**FIELDS, "about_event": "khong co"}).status_code == 422
    assert api.post("/api/inquiries", {**FIELDS, "about_event": "khong-co"}).status_code == 422
    fresh = event(editor)
    citizen = ApiClient(token_for(factories.user(Role.PUBLIC), None))
    feedback = {"kind": "feedback", "subject": "Ùn tắc", "text": "Ùn tắc kéo dài.", "about_event": fresh.slug}
    assert citizen.post("/api/inquiries", feedback).status_code == 422
    assert Inquiry.objects.count() == 1
    operator = factories.user(Role.CENTER_OPERATOR)
    detail = ApiClient(token_for(operator, None)).get(f"/api/agency/inquiries/{body['code']}")
    assert detail.status_code == 200 and detail.json()["about_event"]["title"] == upcoming.title
