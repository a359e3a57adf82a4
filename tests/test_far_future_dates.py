"""Absurd dates (year 9999, or an offset that pushes a time past the calendar's end): refused at
the input with a field error, and a value already stored never makes a page 500."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from presscenter.core.errors import DomainError
from presscenter.releases import domain
from presscenter.releases.models import Item, State
from tests.api.conftest import ApiClient, assert_error, token_for

YEAR_9999 = dt.datetime(9999, 12, 31, 23, 0, tzinfo=dt.UTC)
TOO_FAR = "Thời điểm quá xa"


def test_an_embargo_or_schedule_beyond_five_years_is_refused(newsroom):
    with pytest.raises(DomainError, match=TOO_FAR) as refused:
        newsroom.draft(embargo_until=timezone.now() + dt.timedelta(days=6 * 365))
    assert refused.value.field == "embargo_until"
    item = domain.submit(newsroom.editor, newsroom.draft())
    with pytest.raises(DomainError, match=TOO_FAR) as refused:
        domain.approve(newsroom.spokesperson, item, publish_at=YEAR_9999)
    assert refused.value.field == "publish_at"
    item.refresh_from_db()
    assert item.state == State.IN_REVIEW
    # Four years ahead is a real (if long) embargo.
    assert newsroom.draft(embargo_until=timezone.now() + dt.timedelta(days=4 * 365)).working_embargo_until


@pytest.mark.parametrize(
    "value",
    [
        "9999-12-31T23:59:59-12:00",
        "9999-12-31T20:00:00-12:00",
        "0001-01-01T00:00:00+14:00",
        "2099-01-01T00:00:00-12:00",
    ],
)
def test_the_api_answers_422_for_any_offset(newsroom, value):
    editor = ApiClient(token_for(newsroom.editor, newsroom.org))
    draft = newsroom.draft()
    error = assert_error(
        editor.patch(f"/api/agency/items/{draft.uid}", {"embargo_until": value}), 422, "validation_error"
    )
    assert [detail["field"] for detail in error["details"]] == ["embargo_until"]
    domain.submit(newsroom.editor, draft)
    spokesperson = ApiClient(token_for(newsroom.spokesperson, newsroom.org))
    error = assert_error(
        spokesperson.post(f"/api/agency/items/{draft.uid}/approve", {"publish_at": value}), 422, "validation_error"
    )
    assert [detail["field"] for detail in error["details"]] == ["publish_at"]
    draft.refresh_from_db()
    assert draft.state == State.IN_REVIEW and draft.working_embargo_until is None


def test_an_offset_of_minus_twelve_hours_is_taken_when_near(newsroom):
    editor = ApiClient(token_for(newsroom.editor, newsroom.org))
    draft = newsroom.draft()
    moment = (timezone.now() + dt.timedelta(days=2)).astimezone(dt.timezone(dt.timedelta(hours=-12)))
    response = editor.patch(f"/api/agency/items/{draft.uid}", {"embargo_until": moment.isoformat()})
    assert response.status_code == 200
    draft.refresh_from_db()
    assert draft.working_embargo_until == moment


def test_the_editor_form_shows_the_error(newsroom, client):
    item = newsroom.draft()
    client.force_login(newsroom.editor)
    form = {"type": "press_release", "priority": "normal", "language": "vi", "title": item.title}
    for value in ("9999-12-31T23:59", "0001-01-01T00:00"):
        response = client.post(reverse("workspace:item_edit", args=[item.pk]), {**form, "embargo_until": value})
        assert response.status_code == 200
        assert TOO_FAR in str(response.context["form"].errors["embargo_until"])
    item.refresh_from_db()
    assert item.working_embargo_until is None


def test_the_review_screen_refuses_a_schedule_in_9999(newsroom, client):
    item = domain.submit(newsroom.editor, newsroom.draft())
    client.force_login(newsroom.spokesperson)
    response = client.post(
        reverse("workspace:item_action", args=[item.pk, "approve"]), {"publish_at": "9999-12-31T23:59"}, follow=True
    )
    assert response.status_code == 200
    assert TOO_FAR in response.content.decode()
    item.refresh_from_db()
    assert item.state == State.IN_REVIEW


def test_a_stored_far_future_embargo_renders_everywhere(newsroom, client):
    """Values stored before the input check (or written by hand) still render: no OverflowError."""
    item = newsroom.publish(title="Tin cấm đăng rất lâu")
    scheduled = domain.submit(newsroom.editor, newsroom.draft(title="Tin hẹn giờ rất xa"))
    scheduled = domain.approve(newsroom.spokesperson, scheduled, publish_at=timezone.now() + dt.timedelta(hours=1))
    Item.objects.filter(pk=item.pk).update(embargo_until=YEAR_9999, working_embargo_until=YEAR_9999)
    Item.objects.filter(pk=scheduled.pk).update(scheduled_at=YEAR_9999)
    staff = Client()
    staff.force_login(newsroom.operator)
    pages = [
        "/",
        reverse("portal:latest"),
        reverse("portal:item", args=[item.uid]),
        reverse("portal:agency", args=[newsroom.org.slug]),
        "/tim-kiem/?q=c%E1%BA%A5m",
        reverse("workspace:home"),
        reverse("workspace:item", args=[item.pk]),
        reverse("workspace:item_edit", args=[item.pk]),
        reverse("workspace:item", args=[scheduled.pk]),
        reverse("workspace:queue", args=["published"]),
        reverse("workspace:queue", args=["scheduled"]),
        "/kenh-tin/atom/",
        "/kenh-tin/json/",
        reverse("syndication:ninjs", args=[item.uid]),
    ]
    for path in pages:
        response = staff.get(path)
        assert response.status_code == 200, path
    api = ApiClient(token_for(newsroom.operator, None))
    for path in ("/api/items", f"/api/items/{item.uid}", f"/api/agency/items/{item.uid}", "/api/operator/scheduled"):
        assert api.get(path).status_code == 200, path
