"""The whole publishing flow through the working screens, as people click through it."""

import datetime as dt

from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from presscenter.releases import domain
from presscenter.releases.models import Item, State
from tests import factories
from tests.workspace import files


def _item_form(**overrides):
    data = {
        "type": "press_release",
        "priority": "normal",
        "language": "vi",
        "title": "Hà Nội mở thêm 3 tuyến buýt điện",
        "lead": "Từ ngày 1/12, thành phố mở thêm ba tuyến buýt điện.",
        "body": "<p>Ba tuyến mới <script>alert(1)</script>nối trung tâm với ngoại thành.</p>",
        "contact_name": "Phòng Truyền thông",
    }
    data.update(overrides)
    return data


def test_editor_drafts_uploads_submits_and_spokesperson_approves(newsroom, login, client):
    area = factories.organisation(kind="ward", name="Phường Hoàn Kiếm")
    topic = factories.topic()
    editor = login(newsroom.editor)
    response = editor.post(reverse("workspace:item_create"), _item_form(areas=[area.pk], topics=[topic.pk]))
    item = Item.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("workspace:item", args=[item.pk])
    assert "<script>" not in item.body
    assert list(item.areas.all()) == [area]

    upload_url = reverse("workspace:attachment_upload", args=[item.pk])
    image = editor.post(
        upload_url,
        {"file": files.png(), "alt_text": "Xe buýt điện", "caption": "Buýt điện", "credit": "Sở Xây dựng"},
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    )
    assert image.json() == {"ok": True, "error": ""}
    editor.post(upload_url, {"file": files.pdf()})
    assert item.attachments.count() == 2

    page = editor.get(reverse("workspace:item", args=[item.pk]))
    assert "Gửi duyệt" in page.content.decode()
    editor.post(reverse("workspace:item_action", args=[item.pk, "submit"]))
    item.refresh_from_db()
    assert item.state == State.IN_REVIEW

    spokesperson = login(newsroom.spokesperson)
    queue = spokesperson.get(reverse("workspace:queue", args=["review"]))
    assert item.title in queue.content.decode()
    approve = reverse("workspace:item_action", args=[item.pk, "approve"])
    confirmation = spokesperson.post(approve, {"publish_at": ""})
    assert "Tin sẽ được công bố ngay và gửi tới:" in confirmation.content.decode()
    item.refresh_from_db()
    assert item.state == State.IN_REVIEW  # nothing happens before the confirmation
    spokesperson.post(approve, {"publish_at": "", "confirmed": "1"})
    item.refresh_from_db()
    assert item.state == State.PUBLISHED
    assert item.attachments.filter(published=True).count() == 2
    try:
        public_url = reverse("portal:item", args=[item.uid])
    except NoReverseMatch:
        return  # the public page is another part; the domain state above is what matters here
    assert client.get(public_url).status_code == 200


def test_preview_renders_sanitised_body_without_saving(newsroom, login):
    response = login(newsroom.editor).post(reverse("workspace:item_create"), {**_item_form(), "preview": "1"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Xem trước nội dung" in html
    assert "alert(1)" not in html.split("Xem trước nội dung")[1]
    assert not Item.objects.exists()


def test_refused_uploads_say_why_and_change_nothing(newsroom, login, settings):
    item = newsroom.draft()
    editor = login(newsroom.editor)
    url = reverse("workspace:attachment_upload", args=[item.pk])
    for upload in (files.html_named_pdf(), files.exe_named_pdf()):
        response = editor.post(url, {"file": upload}, HTTP_X_REQUESTED_WITH="XMLHttpRequest")
        assert response.status_code == 400
        assert "không phải là loại được phép" in response.json()["error"]
    settings.ATTACHMENT_MAX_BYTES = 40
    response = editor.post(url, {"file": files.pdf()}, follow=True)
    assert "quá lớn" in response.content.decode()
    assert not item.attachments.exists()


def test_author_cannot_approve_own_item_and_is_told_why(newsroom, login):
    item = domain.create_item(newsroom.spokesperson, newsroom.org, title="Phát ngôn về ngập úng")
    domain.submit(newsroom.spokesperson, item)
    author = login(newsroom.spokesperson)
    page = author.get(reverse("workspace:item", args=[item.pk])).content.decode()
    assert "nguyên tắc hai người" in page
    assert reverse("workspace:item_action", args=[item.pk, "approve"]) not in page
    response = author.post(reverse("workspace:item_action", args=[item.pk, "approve"]), follow=True)
    assert "nguyên tắc hai người" in response.content.decode()
    item.refresh_from_db()
    assert item.state == State.IN_REVIEW


def test_request_changes_shows_comment_to_editor(newsroom, login):
    item = newsroom.draft()
    domain.submit(newsroom.editor, item)
    login(newsroom.spokesperson).post(
        reverse("workspace:item_action", args=[item.pk, "request_changes"]), {"comment": "Bổ sung lộ trình."}
    )
    page = login(newsroom.editor).get(reverse("workspace:item", args=[item.pk])).content.decode()
    assert "Bổ sung lộ trình." in page
    item.refresh_from_db()
    assert item.state == State.CHANGES_REQUESTED


def test_schedule_then_publish_due(newsroom, login):
    item = newsroom.draft()
    domain.submit(newsroom.editor, item)
    local = timezone.localtime(timezone.now() + dt.timedelta(days=1)).replace(second=0, microsecond=0)
    login(newsroom.spokesperson).post(
        reverse("workspace:item_action", args=[item.pk, "approve"]),
        {"publish_at": local.strftime("%Y-%m-%dT%H:%M"), "confirmed": "1"},
    )
    item.refresh_from_db()
    assert item.state == State.SCHEDULED
    assert item.scheduled_at == local  # the form reads Vietnamese local time
    page = login(newsroom.editor).get(reverse("workspace:queue", args=["scheduled"])).content.decode()
    assert item.title in page
    domain.publish_due(now=local + dt.timedelta(seconds=1))
    item.refresh_from_db()
    assert item.state == State.PUBLISHED


def test_force_publish_needs_operator_and_reason(newsroom, login):
    item = newsroom.draft()
    url = reverse("workspace:item_action", args=[item.pk, "force_publish"])
    login(newsroom.spokesperson).post(url, {"reason": "khẩn"})
    login(newsroom.operator).post(url, {"reason": ""})
    item.refresh_from_db()
    assert item.state == State.DRAFT
    login(newsroom.operator).post(url, {"reason": "Cảnh báo mưa lớn", "confirmed": "1"})
    item.refresh_from_db()
    assert item.current_version.forced_reason == "Cảnh báo mưa lớn"


def test_withdraw_from_published_list(newsroom, login):
    item = newsroom.publish()
    spokesperson = login(newsroom.spokesperson)
    listing = spokesperson.get(reverse("workspace:queue", args=["published"])).content.decode()
    assert reverse("workspace:item_action", args=[item.pk, "withdraw"]) in listing
    response = spokesperson.post(
        reverse("workspace:item_action", args=[item.pk, "withdraw"]),
        {"reason": "Thông tin chưa chính xác", "next": "published"},
    )
    assert response["Location"] == reverse("workspace:queue", args=["published"])
    item.refresh_from_db()
    assert item.state == State.WITHDRAWN
    assert item.withdrawal_reason == "Thông tin chưa chính xác"


def test_editing_published_item_needs_change_note(newsroom, login):
    item = newsroom.publish()
    editor = login(newsroom.editor)
    editor.post(reverse("workspace:item_edit", args=[item.pk]), _item_form(title="Tiêu đề đã sửa"))
    response = editor.post(reverse("workspace:item_action", args=[item.pk, "submit"]), follow=True)
    assert "ghi chú thay đổi" in response.content.decode()
    editor.post(
        reverse("workspace:item_edit", args=[item.pk]), _item_form(title="Tiêu đề đã sửa", change_note="Sửa tiêu đề")
    )
    editor.post(reverse("workspace:item_action", args=[item.pk, "submit"]))
    item.refresh_from_db()
    assert item.state == State.IN_REVIEW


def test_editor_cannot_edit_item_in_review(newsroom, login):
    item = newsroom.draft()
    domain.submit(newsroom.editor, item)
    response = login(newsroom.editor).get(reverse("workspace:item_edit", args=[item.pk]), follow=True)
    assert "rút về bản nháp" in response.content.decode()
