"""The two-person rule: nobody who changed the text of the version awaiting approval approves it."""

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from presscenter.accounts.models import Role
from presscenter.core.errors import PermissionDenied
from presscenter.releases import domain
from presscenter.releases.attachments import add_attachment, remove_attachment
from presscenter.releases.models import State
from tests import factories
from tests.api.conftest import ApiClient, assert_error, token_for
from tests.workspace import files


def _taken_over(newsroom):
    """The reported bypass: the editor drafts and submits, the spokesperson recalls the item,
    rewrites its body and submits it again."""
    item = newsroom.draft()
    domain.submit(newsroom.editor, item)
    domain.recall(newsroom.spokesperson, item)
    domain.update_item(newsroom.spokesperson, item, body="<p>Nội dung do người phát ngôn viết lại.</p>")
    return domain.submit(newsroom.spokesperson, item)


def test_spokesperson_who_rewrote_the_body_cannot_approve_it(newsroom):
    item = _taken_over(newsroom)
    with pytest.raises(PermissionDenied, match="nguyên tắc hai người"):
        domain.approve(newsroom.spokesperson, item)
    item.refresh_from_db()
    assert item.state == State.IN_REVIEW and item.current_version is None


@pytest.mark.parametrize("approver", ["second_spokesperson", "operator"])
def test_another_spokesperson_or_centre_staff_approves_the_rewrite(newsroom, approver):
    item = _taken_over(newsroom)
    actor = factories.user(Role.SPOKESPERSON, newsroom.org) if approver == "second_spokesperson" else newsroom.operator
    domain.approve(actor, item)
    item.refresh_from_db()
    assert item.state == State.PUBLISHED
    assert item.current_version.body == "<p>Nội dung do người phát ngôn viết lại.</p>"
    assert not item.contributions.exists()  # the next revision starts with no contributors


def test_the_rewrite_is_refused_through_the_api_too(newsroom):
    item = _taken_over(newsroom)
    own = ApiClient(token_for(newsroom.spokesperson, newsroom.org))
    error = assert_error(own.post(f"/api/agency/items/{item.uid}/approve"), 403, "permission_denied")
    assert "nguyên tắc hai người" in error["message"]
    other = ApiClient(token_for(factories.user(Role.SPOKESPERSON, newsroom.org), newsroom.org))
    assert other.post(f"/api/agency/items/{item.uid}/approve").json()["state"] == State.PUBLISHED


def test_revision_editor_cannot_approve_it_but_the_first_author_may(newsroom):
    item = newsroom.publish()
    domain.update_item(newsroom.spokesperson, item, lead="Sáng 26/11, thành phố khởi công.", change_note="Sửa ngày.")
    domain.submit(newsroom.spokesperson, item)
    with pytest.raises(PermissionDenied):
        domain.approve(newsroom.spokesperson, item)
    # The editor wrote version 1 but not this revision; an editor never approves anyway, so a
    # second spokesperson does.
    domain.approve(factories.user(Role.SPOKESPERSON, newsroom.org), item)
    assert item.versions.count() == 2


def test_centre_staff_who_edited_cannot_approve(newsroom):
    item = newsroom.draft()
    domain.update_item(newsroom.operator, item, title="Tiêu đề do Trung tâm sửa")
    domain.submit(newsroom.editor, item)
    with pytest.raises(PermissionDenied):
        domain.approve(newsroom.operator, item)
    domain.approve(newsroom.spokesperson, item)


@pytest.mark.parametrize(
    "change",
    [
        {"title": "Tiêu đề mới"},
        {"lead": "Sapo mới."},
        {"body": "<p>Thân bài mới.</p>"},
        {"embargo_until": timezone.now() + dt.timedelta(hours=5)},
        {"priority": "urgent"},
        {"type": "statement"},
        {"contact_phone": "024 3825 0000"},
        {"change_note": "Sửa giờ khởi công."},
        {"minor_edit": True},
    ],
    ids=["title", "lead", "body", "embargo", "priority", "type", "contacts", "change_note", "minor_edit"],
)
def test_each_field_makes_a_contributor(newsroom, change):
    """Security review: a spokesperson changed the priority, contacts or change note of a
    revision and then approved it. Every field the public sees is part of the version."""
    item = newsroom.publish()
    domain.update_item(newsroom.spokesperson, item, **{"change_note": "Cập nhật.", **change})
    domain.submit(newsroom.editor, item)
    assert item.changed_by(newsroom.spokesperson)
    with pytest.raises(PermissionDenied, match="nguyên tắc hai người"):
        domain.approve(newsroom.spokesperson, item)


@pytest.mark.parametrize("relation", ["topics", "areas"])
def test_topics_and_areas_make_a_contributor(newsroom, relation):
    target = factories.topic() if relation == "topics" else factories.organisation(kind="ward")
    item = newsroom.draft()
    domain.update_item(newsroom.spokesperson, item, **{relation: [target.pk]})
    assert item.changed_by(newsroom.spokesperson)


def test_an_unchanged_resave_does_not(newsroom):
    topic = factories.topic()
    item = newsroom.draft(body="<p>Dòng một.</p>\n<p>Dòng hai.</p>", topics=[topic.pk], priority="urgent")
    domain.update_item(
        newsroom.spokesperson,
        item,
        title=item.title,
        body=item.body.replace("\n", "\r\n"),  # as a browser sends the textarea back
        topics=[topic.pk],
        priority="urgent",
    )
    assert not item.changed_by(newsroom.spokesperson)
    domain.submit(newsroom.editor, item)
    domain.approve(newsroom.spokesperson, item)


def test_adding_or_removing_a_file_makes_a_contributor(newsroom):
    item = newsroom.draft()
    add_attachment(newsroom.spokesperson, item, ContentFile(files.pdf().read(), name="quyet-dinh.pdf"))
    assert item.changed_by(newsroom.spokesperson)
    other = factories.user(Role.SPOKESPERSON, newsroom.org)
    remove_attachment(other, item.attachments.get())
    assert item.changed_by(other)
    domain.submit(newsroom.editor, item)
    for contributor in (newsroom.spokesperson, other):
        with pytest.raises(PermissionDenied):
            domain.approve(contributor, item)


def test_workspace_hides_the_approve_button_and_says_why(newsroom, client):
    item = _taken_over(newsroom)
    client.force_login(newsroom.spokesperson)
    page = client.get(reverse("workspace:item", args=[item.pk])).content.decode()
    assert "nguyên tắc hai người" in page
    assert reverse("workspace:item_action", args=[item.pk, "approve"]) not in page
    client.post(reverse("workspace:item_action", args=[item.pk, "approve"]), {"publish_at": "", "confirmed": "1"})
    item.refresh_from_db()
    assert item.state == State.IN_REVIEW


def test_a_contributor_cannot_request_changes_either_and_is_told_why(newsroom):
    item = _taken_over(newsroom)
    with pytest.raises(PermissionDenied, match="nguyên tắc hai người"):
        domain.request_changes(newsroom.spokesperson, item, "Tự yêu cầu sửa")
    assert not item.review_comments.exists()
