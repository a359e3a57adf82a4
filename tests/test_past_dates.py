"""A schedule or an embargo already in the past is refused with a field error, not quietly
turned into "publish now" or "no embargo"."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from presscenter.core.errors import DomainError
from presscenter.releases import domain
from presscenter.releases.models import State
from tests.api.conftest import ApiClient, assert_error, token_for

PAST = dt.timedelta(minutes=-5)


def _in_review(newsroom):
    item = newsroom.draft()
    return domain.submit(newsroom.editor, item)


def test_a_past_schedule_is_refused(newsroom):
    item = _in_review(newsroom)
    with pytest.raises(DomainError) as refused:
        domain.approve(newsroom.spokesperson, item, publish_at=timezone.now() + PAST)
    assert refused.value.field == "publish_at"
    item.refresh_from_db()
    assert item.state == State.IN_REVIEW and item.current_version is None


def test_a_past_embargo_is_refused_on_create_and_edit(newsroom):
    with pytest.raises(DomainError) as refused:
        newsroom.draft(embargo_until=timezone.now() + PAST)
    assert refused.value.field == "embargo_until"
    item = newsroom.draft()
    with pytest.raises(DomainError):
        domain.update_item(newsroom.editor, item, embargo_until=timezone.now() + PAST)
    item.refresh_from_db()
    assert item.embargo_until is None


def test_an_embargo_that_has_since_lifted_may_stay_on_a_revision(newsroom):
    item = newsroom.publish(embargo_until=timezone.now() + dt.timedelta(hours=1))
    lifted = timezone.now() + PAST
    type(item).objects.filter(pk=item.pk).update(embargo_until=lifted)  # an hour has passed
    item.refresh_from_db()
    domain.update_item(newsroom.editor, item, embargo_until=lifted, change_note="Sửa sapo.", lead="Sapo mới.")
    item.refresh_from_db()
    assert item.embargo_until == lifted


def test_the_api_answers_with_the_field(newsroom):
    item = _in_review(newsroom)
    api = ApiClient(token_for(newsroom.spokesperson, newsroom.org))
    past = (timezone.now() + PAST).isoformat()
    error = assert_error(
        api.post(f"/api/agency/items/{item.uid}/approve", {"publish_at": past}), 422, "validation_error"
    )
    assert [detail["field"] for detail in error["details"]] == ["publish_at"]
    editor = ApiClient(token_for(newsroom.editor, newsroom.org))
    draft = newsroom.draft()
    error = assert_error(
        editor.patch(f"/api/agency/items/{draft.uid}", {"embargo_until": past}), 422, "validation_error"
    )
    assert [detail["field"] for detail in error["details"]] == ["embargo_until"]


def test_the_editor_form_shows_the_error_next_to_the_embargo(newsroom, client):
    item = newsroom.draft()
    client.force_login(newsroom.editor)
    local = timezone.localtime(timezone.now() + dt.timedelta(hours=-2)).strftime("%Y-%m-%dT%H:%M")
    form = {
        "type": "press_release",
        "priority": "normal",
        "language": "vi",
        "title": item.title,
        "embargo_until": local,
    }
    response = client.post(reverse("workspace:item_edit", args=[item.pk]), form)
    assert response.status_code == 200
    assert "Thời điểm hết cấm đăng đã qua" in str(response.context["form"].errors["embargo_until"])


def test_the_review_screen_refuses_a_past_schedule_before_confirming(newsroom, client):
    item = _in_review(newsroom)
    client.force_login(newsroom.spokesperson)
    local = timezone.localtime(timezone.now() + dt.timedelta(hours=-1)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(reverse("workspace:item_action", args=[item.pk, "approve"]), {"publish_at": local})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Thời điểm hẹn giờ đã qua" in page
    item.refresh_from_db()
    assert item.state == State.IN_REVIEW
