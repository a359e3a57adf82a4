"""An updated item says so above the article; counts next to agencies, areas and topics agree
with the lists they link to (a translation and its original are one story)."""

from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone, translation

from presscenter.orgs.models import Kind
from presscenter.portal import queries
from presscenter.releases import domain
from tests import factories
from tests.factories import Newsroom


def _page(client, item) -> str:
    response = client.get(reverse("portal:item", args=[item.uid]))
    assert response.status_code == 200
    return response.content.decode()


def test_a_correction_says_updated_above_the_article_with_time_and_note(client, newsroom):
    item = newsroom.publish()
    assert "Đã cập nhật" not in _page(client, item)
    domain.update_item(
        newsroom.editor, item, lead="Sáng 26/11, thành phố khởi công.", change_note="Sửa ngày khởi công."
    )
    domain.submit(newsroom.editor, item)
    domain.approve(newsroom.spokesperson, item)
    item.refresh_from_db()
    html = _page(client, item)
    note = html.index("Đã cập nhật")
    assert note < html.index('<article aria-labelledby="item-title">')
    updated = timezone.localtime(item.current_version.published_at).strftime("%H:%M %d/%m/%Y")
    assert f"{updated}</time>: Sửa ngày khởi công." in html[note:]
    assert reverse("portal:item_diff", args=[item.uid, 1, 2]) in html[note:]


def test_a_minor_edit_gets_no_note(client, newsroom):
    item = newsroom.publish()
    domain.update_item(newsroom.editor, item, lead="Sáng nay, thành phố khởi công cầu.", minor_edit=True)
    domain.submit(newsroom.editor, item)
    domain.approve(newsroom.spokesperson, item)
    assert "Đã cập nhật" not in _page(client, item)


def test_counts_agree_with_the_lists_in_both_languages(db):
    newsroom = Newsroom()
    ward = Newsroom(kind=Kind.WARD)
    topic = factories.topic()
    original = newsroom.publish(title="Khởi công cầu Trần Hưng Đạo", topics=[topic.pk], areas=[ward.org.pk])
    newsroom.publish(
        title="Ground broken on Tran Hung Dao bridge",
        language="en",
        translation_of=original,
        topics=[topic.pk],
        areas=[ward.org.pk],
    )
    newsroom.publish(title="Lịch cắt điện tuần này", topics=[topic.pk], areas=[ward.org.pk])
    reader = AnonymousUser()
    for language in ("vi", "en"):
        with translation.override(language):
            listed = queries.items_of_agency(reader, newsroom.org).count()
            assert listed == 2
            assert queries.agency_directory(reader).get(pk=newsroom.org.pk).item_count == listed
            assert queries.busiest_agencies(reader).get(pk=newsroom.org.pk).item_count == listed
            assert queries.topic_directory(reader).get(pk=topic.pk).item_count == 2
            assert queries.busiest_topics(reader).get(pk=topic.pk).item_count == 2
            assert queries.items_on_topic(reader, topic).count() == 2
            assert queries.area_directory(reader).get(pk=ward.org.pk).item_count == 2
            assert queries.items_about_area(reader, ward.org).count() == 2
