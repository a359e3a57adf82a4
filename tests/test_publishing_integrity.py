"""What readers see of a published item changes only through approval (security review):
the embargo has a working copy, every field change counts for the two-person rule, file
descriptions follow the same rules, and an approval publishes only what the approver saw."""

import datetime as dt
import re

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from presscenter.accounts.models import Role
from presscenter.core.errors import DomainError, PermissionDenied
from presscenter.releases import access, domain
from presscenter.releases.attachments import add_attachment, update_attachment_meta
from presscenter.releases.models import Item, State
from tests import factories
from tests.api.conftest import ApiClient, assert_error, token_for
from tests.workspace import files

LATER = dt.timedelta(hours=3)


def _public(item: Item) -> bool:
    return access.public_items().filter(pk=item.pk).exists()


def _approve_revision(newsroom, item: Item) -> Item:
    domain.submit(newsroom.editor, item)
    return domain.approve(factories.user(Role.SPOKESPERSON, newsroom.org), item)


# --- 1. the embargo of a published item ------------------------------------------------------


def test_lifting_an_embargo_through_the_api_waits_for_approval(newsroom):
    embargo = timezone.now() + LATER
    item = newsroom.publish(embargo_until=embargo)
    editor = ApiClient(token_for(newsroom.editor, newsroom.org))
    response = editor.patch(f"/api/agency/items/{item.uid}", {"embargo_until": None, "change_note": "Bỏ cấm đăng."})
    assert response.status_code == 200
    assert response.json()["embargo_until"] is None  # the working copy
    assert response.json()["published_embargo_until"] is not None
    item.refresh_from_db()
    assert item.embargo_until == embargo and not _public(item)
    assert ApiClient().get(f"/api/items/{item.uid}").status_code == 404
    _approve_revision(newsroom, item)
    item.refresh_from_db()
    assert item.embargo_until is None and _public(item)


def test_embargoing_a_public_item_through_the_web_form_waits_for_approval(newsroom, client):
    item = newsroom.publish()
    client.force_login(newsroom.editor)
    embargo = timezone.localtime(timezone.now() + LATER).replace(second=0, microsecond=0)
    form = {
        "type": item.type,
        "priority": item.priority,
        "language": item.language,
        "title": item.title,
        "lead": item.lead,
        "body": item.body,
        "change_note": "Tạm cấm đăng.",
        "embargo_until": embargo.strftime("%Y-%m-%dT%H:%M"),
    }
    response = client.post(reverse("workspace:item_edit", args=[item.pk]), form)
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.embargo_until is None and item.working_embargo_until == embargo
    assert _public(item)
    edit_form = client.get(reverse("workspace:item_edit", args=[item.pk])).context["form"]
    assert edit_form.initial["embargo_until"] == embargo  # the editor sees the working value
    _approve_revision(newsroom, item)
    item.refresh_from_db()
    assert item.embargo_until == embargo and not _public(item)


def test_a_scheduled_revision_changes_the_embargo_when_it_is_published(newsroom):
    item = newsroom.publish(embargo_until=timezone.now() + LATER)
    domain.update_item(newsroom.editor, item, embargo_until=None, change_note="Bỏ cấm đăng.")
    domain.submit(newsroom.editor, item)
    slot = timezone.now() + dt.timedelta(minutes=30)
    domain.approve(newsroom.spokesperson, item, publish_at=slot)
    item.refresh_from_db()
    assert item.embargo_until is not None  # still the published value while scheduled
    domain.publish_due(now=slot + dt.timedelta(seconds=1))
    item.refresh_from_db()
    assert item.embargo_until is None and item.current_version.number == 2


# --- 2. every field, and file descriptions ----------------------------------------------------


def test_editing_a_file_description_makes_a_contributor(newsroom):
    item = newsroom.draft()
    attachment = add_attachment(newsroom.editor, item, ContentFile(files.pdf().read(), name="quyet-dinh.pdf"))
    domain.submit(newsroom.editor, item)
    domain.approve(newsroom.spokesperson, item)
    update_attachment_meta(newsroom.spokesperson, attachment, caption="Chú thích mới", credit="", alt_text="")
    item.refresh_from_db()
    assert item.state == State.DRAFT  # a revision, as for any other change
    domain.update_item(newsroom.editor, item, change_note="Sửa chú thích.")
    domain.submit(newsroom.editor, item)
    with pytest.raises(PermissionDenied, match="nguyên tắc hai người"):
        domain.approve(newsroom.spokesperson, item)


@pytest.mark.parametrize("step", ["in_review", "scheduled"])
def test_file_descriptions_are_locked_while_awaiting_approval(newsroom, client, step):
    item = newsroom.draft()
    attachment = add_attachment(newsroom.editor, item, ContentFile(files.pdf().read(), name="quyet-dinh.pdf"))
    domain.submit(newsroom.editor, item)
    if step == "scheduled":
        domain.approve(newsroom.spokesperson, item, publish_at=timezone.now() + LATER)
    with pytest.raises(DomainError, match="hãy rút về bản nháp"):
        update_attachment_meta(newsroom.editor, attachment, caption="Đổi lén", credit="", alt_text="")
    client.force_login(newsroom.editor)
    response = client.post(
        reverse("workspace:attachment_update", args=[attachment.pk]), {"caption": "Đổi lén"}, follow=True
    )
    assert "hãy rút về bản nháp" in response.content.decode()
    attachment.refresh_from_db()
    assert attachment.caption == ""


# --- 3. an approval publishes what the approver saw -------------------------------------------


def _shown_version(page: str) -> str:
    match = re.search(r'name="content_version" value="([0-9a-f]+)"', page)
    assert match, "the approve form carries the content version"
    return match.group(1)


def test_the_confirmation_refuses_content_changed_since_the_review_page(newsroom, client):
    item = domain.submit(newsroom.editor, newsroom.draft())
    client.force_login(newsroom.spokesperson)
    seen = _shown_version(client.get(reverse("workspace:item", args=[item.pk])).content.decode())
    confirm = client.post(
        reverse("workspace:item_action", args=[item.pk, "approve"]), {"publish_at": "", "content_version": seen}
    )
    assert _shown_version(confirm.content.decode()) == seen
    domain.recall(newsroom.editor, item)
    domain.update_item(newsroom.editor, item, body="<p>Nội dung người duyệt chưa đọc.</p>")
    domain.submit(newsroom.editor, item)
    response = client.post(
        reverse("workspace:item_action", args=[item.pk, "approve"]),
        {"publish_at": "", "content_version": seen, "confirmed": "1"},
        follow=True,
    )
    assert "kể từ khi bạn mở trang duyệt" in response.content.decode()
    item.refresh_from_db()
    assert item.state == State.IN_REVIEW and item.current_version is None
    fresh = _shown_version(client.get(reverse("workspace:item", args=[item.pk])).content.decode())
    client.post(
        reverse("workspace:item_action", args=[item.pk, "approve"]),
        {"publish_at": "", "content_version": fresh, "confirmed": "1"},
    )
    item.refresh_from_db()
    assert item.current_version.body == "<p>Nội dung người duyệt chưa đọc.</p>"


def test_a_file_added_after_the_review_page_changes_the_version(newsroom):
    item = domain.submit(newsroom.editor, newsroom.draft())
    seen = domain.content_version(item)
    item = domain.recall(newsroom.editor, item)
    add_attachment(newsroom.editor, item, ContentFile(files.pdf().read(), name="phu-luc.pdf"))
    domain.submit(newsroom.editor, item)
    with pytest.raises(DomainError, match="kể từ khi bạn mở trang duyệt"):
        domain.approve(newsroom.spokesperson, item, seen=seen)


def test_the_api_approves_only_the_content_version_sent(newsroom):
    editor = ApiClient(token_for(newsroom.editor, newsroom.org))
    spokesperson = ApiClient(token_for(newsroom.spokesperson, newsroom.org))
    item = domain.submit(newsroom.editor, newsroom.draft())
    seen = spokesperson.get(f"/api/agency/items/{item.uid}").json()["content_version"]
    editor.post(f"/api/agency/items/{item.uid}/recall")
    editor.patch(f"/api/agency/items/{item.uid}", {"body": "<p>Nội dung người duyệt chưa đọc.</p>"})
    current = editor.post(f"/api/agency/items/{item.uid}/submit").json()["content_version"]
    assert current != seen
    error = assert_error(
        spokesperson.post(f"/api/agency/items/{item.uid}/approve", {"content_version": seen}), 409, "conflict"
    )
    assert "kể từ khi bạn mở trang duyệt" in error["message"]
    approved = spokesperson.post(f"/api/agency/items/{item.uid}/approve", {"content_version": current})
    assert approved.status_code == 200 and approved.json()["state"] == State.PUBLISHED


def test_force_publish_checks_the_content_version_too(newsroom):
    item = domain.submit(newsroom.editor, newsroom.draft())
    seen = domain.content_version(item)
    domain.recall(newsroom.editor, item)
    domain.update_item(newsroom.editor, item, title="Tiêu đề khác")
    operator = ApiClient(token_for(newsroom.operator, None))
    payload = {"reason": "Khẩn cấp ban đêm.", "content_version": seen}
    assert_error(operator.post(f"/api/operator/items/{item.uid}/force-publish", payload), 409, "conflict")
    item.refresh_from_db()
    assert item.current_version is None


# --- 2b. the fields readers see on a published item wait for approval -------------------------


def test_priority_and_contacts_of_a_published_item_wait_for_approval(newsroom, client):
    item = newsroom.publish(contact_phone="024 3825 0000")
    editor = ApiClient(token_for(newsroom.editor, newsroom.org))
    changes = {"priority": "flash", "type": "statement", "contact_phone": "0900 000 000", "change_note": "Đổi số."}
    working = editor.patch(f"/api/agency/items/{item.uid}", changes).json()
    assert (working["priority"], working["type"], working["contact_phone"]) == ("flash", "statement", "0900 000 000")
    public = ApiClient().get(f"/api/items/{item.uid}").json()
    assert (public["priority"], public["type"]) == ("normal", "press_release")
    assert "0900 000 000" not in client.get(reverse("portal:item", args=[item.uid])).content.decode()
    client.force_login(newsroom.editor)
    form = client.get(reverse("workspace:item_edit", args=[item.pk])).context["form"]
    assert (form["priority"].value(), form["contact_phone"].value()) == ("flash", "0900 000 000")
    _approve_revision(newsroom, item)
    item.refresh_from_db()
    assert (item.priority, item.type, item.contact_phone) == ("flash", "statement", "0900 000 000")
    assert item.pending_fields is None


def test_setting_a_field_back_leaves_nothing_pending(newsroom):
    item = newsroom.publish()
    domain.update_item(newsroom.editor, item, priority="urgent")
    item.refresh_from_db()
    assert item.pending_fields == {"priority": "urgent"} and item.priority == "normal"
    domain.update_item(newsroom.editor, item, priority="normal")
    item.refresh_from_db()
    assert item.pending_fields is None


def test_topics_and_areas_of_a_published_item_wait_for_approval(newsroom, client):
    old, new = factories.topic(), factories.topic()
    ward = factories.organisation(kind="ward")
    item = newsroom.publish(topics=[old.pk])
    editor = ApiClient(token_for(newsroom.editor, newsroom.org))
    changes = {"topics": [new.slug], "areas": [ward.slug], "change_note": "Đổi chủ đề."}
    working = editor.patch(f"/api/agency/items/{item.uid}", changes).json()
    assert [t["slug"] for t in working["topics"]] == [new.slug]
    assert [a["slug"] for a in working["areas"]] == [ward.slug]
    public = ApiClient().get(f"/api/items/{item.uid}").json()
    assert [t["slug"] for t in public["topics"]] == [old.slug] and public["areas"] == []
    client.force_login(newsroom.editor)
    form = client.get(reverse("workspace:item_edit", args=[item.pk])).context["form"]
    assert [int(pk) for pk in form["topics"].value()] == [new.pk]
    _approve_revision(newsroom, item)
    assert list(item.topics.all()) == [new] and list(item.areas.all()) == [ward]


def test_a_published_file_description_waits_for_approval(newsroom, client):
    item = newsroom.draft()
    attachment = add_attachment(
        newsroom.editor, item, ContentFile(files.pdf().read(), name="quyet-dinh.pdf"), caption="Quyết định gốc"
    )
    domain.submit(newsroom.editor, item)
    domain.approve(newsroom.spokesperson, item)
    client.force_login(newsroom.editor)
    client.post(reverse("workspace:attachment_update", args=[attachment.pk]), {"caption": "Chú thích sửa lén"})
    attachment.refresh_from_db()
    assert attachment.caption == "Quyết định gốc"
    public = ApiClient().get(f"/api/items/{item.uid}").json()
    assert [a["caption"] for a in public["attachments"]] == ["Quyết định gốc"]
    assert 'value="Chú thích sửa lén"' in client.get(reverse("workspace:item", args=[item.pk])).content.decode()
    domain.update_item(newsroom.editor, item, change_note="Sửa chú thích.")
    _approve_revision(newsroom, item)
    attachment.refresh_from_db()
    assert (attachment.caption, attachment.pending_meta) == ("Chú thích sửa lén", None)


def test_the_approver_is_told_which_other_fields_the_revision_changes(newsroom, client):
    item = newsroom.publish()
    domain.update_item(
        newsroom.editor, item, priority="flash", embargo_until=timezone.now() + LATER, change_note="Khẩn."
    )
    domain.submit(newsroom.editor, item)
    client.force_login(newsroom.spokesperson)
    page = client.get(reverse("workspace:item", args=[item.pk])).content.decode()
    assert "Cũng thay đổi (công khai khi bản này được công bố): Độ khẩn, Cấm đăng đến." in page
