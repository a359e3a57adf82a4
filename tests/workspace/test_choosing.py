"""The workspace's choosing and seeing: Vietnamese date fields, searchable multi-selects, and
lists that say where each item stands, who holds it and since when."""

import datetime as dt
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from presscenter.releases import domain
from tests import factories


def test_the_editor_types_the_embargo_as_dd_mm_yyyy_in_vietnam_time(newsroom, login):
    lift = timezone.localtime(timezone.now() + dt.timedelta(days=3)).replace(hour=9, minute=5, second=0, microsecond=0)
    editor = login(newsroom.editor)
    response = editor.post(
        reverse("workspace:item_create"),
        {
            "type": "press_release",
            "priority": "normal",
            "language": "vi",
            "title": "Lịch cắt điện",
            "embargo_until": lift.strftime("%d/%m/%Y %H:%M"),
        },
    )
    assert response.status_code == 302
    item = type(newsroom.draft()).objects.get(title="Lịch cắt điện")
    assert item.working_embargo_until == lift  # the copy being written; publishing makes it public
    page = editor.get(reverse("workspace:item_edit", args=[item.pk])).content.decode()
    assert f'value="{lift:%d/%m/%Y} 09:05"' in page
    assert "datetime-local" not in page


def test_a_garbled_embargo_is_refused_next_to_its_field_and_in_the_summary(newsroom, login):
    response = login(newsroom.editor).post(
        reverse("workspace:item_create"),
        {
            "type": "press_release",
            "priority": "normal",
            "language": "vi",
            "title": "Lịch cắt điện",
            "embargo_until": "12/31/2026 5pm",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'class="error-summary" role="alert"' in page and 'href="#id_embargo_until"' in page
    assert re.search(r'id="id_embargo_until"[^>]*aria-describedby="[^"]*id_embargo_until_error', page) or re.search(
        r'aria-describedby="[^"]*id_embargo_until_error[^"]*"[^>]*id="id_embargo_until"', page
    )
    assert "ngày/tháng/năm giờ:phút" in page


def test_areas_topics_and_related_items_are_searchable_multi_selects(newsroom, login):
    factories.topic(name="Giao thông")
    page = login(newsroom.editor).get(reverse("workspace:item_create")).content.decode()
    for name in ("topics", "areas", "related"):
        assert re.search(rf'<select name="{name}"[^>]*data-choose[^>]*multiple', page), name
    assert "choosing.js" in page


def test_lists_show_a_badge_who_holds_the_item_and_since_when(newsroom, login):
    draft = newsroom.draft(title="Bản nháp về rác thải")
    review = newsroom.draft(title="Tin chờ duyệt", embargo_until=timezone.now() + dt.timedelta(hours=5))
    domain.submit(newsroom.editor, review)
    drafts = login(newsroom.editor).get(reverse("workspace:queue", args=["drafts"])).content.decode()
    assert '<span class="badge badge-draft">Bản nháp</span>' in drafts
    assert f"Đang ở người soạn: {newsroom.editor}" in drafts
    assert f"từ {timezone.localtime(draft.updated_at):%d/%m/%Y %H:%M}" in drafts
    queue = login(newsroom.spokesperson).get(reverse("workspace:queue", args=["review"])).content.decode()
    assert '<span class="badge badge-in_review">Chờ duyệt</span>' in queue
    assert "Chờ người phát ngôn hoặc Trung tâm duyệt" in queue
    assert "data-embargo-countdown" in queue and "còn 4 giờ" in queue  # the countdown, ticked by countdown.js


def test_a_published_item_names_who_published_it(newsroom, login):
    newsroom.publish(title="Tin đã công bố")
    page = login(newsroom.editor).get(reverse("workspace:queue", args=["published"])).content.decode()
    assert f"Công bố bởi {newsroom.spokesperson}" in page


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_who_holds_an_item_costs_no_query_per_row(newsroom, login):
    client = login(newsroom.operator)
    newsroom.publish(title="Tin số 1")
    domain.approve(
        newsroom.spokesperson,
        domain.submit(newsroom.editor, newsroom.draft()),
        publish_at=timezone.now() + dt.timedelta(days=1),
    )
    pages = [reverse("workspace:queue", args=["published"]), reverse("workspace:queue", args=["scheduled"])]
    before = [_queries(client, url) for url in pages]
    for n in range(4):
        newsroom.publish(title=f"Tin số {n + 2}")
        domain.approve(
            newsroom.spokesperson,
            domain.submit(newsroom.editor, newsroom.draft()),
            publish_at=timezone.now() + dt.timedelta(days=1),
        )
    assert [_queries(client, url) for url in pages] == before
