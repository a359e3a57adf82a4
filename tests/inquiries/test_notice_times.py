"""A notice writes a deadline as the pages do ("08/12/2036 17:00", Vietnam's time), in Vietnamese
and in English, so the e-mail and the page it links to agree."""

import datetime as dt

import pytest
from django.urls import reverse

from presscenter.accounts.models import Role
from presscenter.core.moments import local_datetime
from presscenter.inquiries import domain, notices
from presscenter.inquiries.models import EventKind, Inquiry, Notice
from tests import factories
from tests.inquiries.test_workspace_screens import signed_in

pytestmark = pytest.mark.django_db

HANOI = dt.timezone(dt.timedelta(hours=7))
DUE = dt.datetime(2036, 12, 8, 17, 0, tzinfo=HANOI)


def test_the_shared_format_is_day_first_in_vietnam_time():
    assert local_datetime(DUE.astimezone(dt.UTC)) == "08/12/2036 17:00"
    assert local_datetime(None) == ""


@pytest.mark.parametrize("language", ["vi", "en"])
def test_a_notice_writes_the_deadline_as_the_page_does(language):
    newsroom = factories.Newsroom(name="Sở Xây dựng")
    newsroom.spokesperson.language = language
    newsroom.spokesperson.save(update_fields=["language"])
    inquiry = domain.route(newsroom.operator, factories.inquiry(factories.user(Role.JOURNALIST)), newsroom.org)
    Inquiry.objects.filter(pk=inquiry.pk).update(due_at=DUE)
    notice = Notice.objects.get(
        inquiry=inquiry, reason=EventKind.ROUTED, recipient=newsroom.spokesperson, channel="email"
    )
    rendered = notices.render(notice)
    for text in (rendered.text, rendered.html):
        assert "08/12/2036 17:00" in text and "17:00 08/12/2036" not in text
    page = signed_in(newsroom.spokesperson).get(reverse("inquiry_work:inbox")).content.decode()
    assert "08/12/2036 17:00" in page
