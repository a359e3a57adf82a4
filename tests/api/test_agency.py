"""Agency writing through tokens: the two-person workflow, scoped to the token's organisation."""

import datetime as dt

import pytest
from django.utils import timezone

from presscenter.accounts.models import Role
from presscenter.releases.models import Item, State
from tests import factories
from tests.api.conftest import ApiClient, assert_error, token_for


def create(api: ApiClient, **fields) -> dict:
    fields.setdefault("title", "Hà Nội mở thêm tuyến buýt điện")
    response = api.post("/api/agency/items", fields)
    assert response.status_code == 201, response.content
    return response.json()


def test_full_workflow_editor_drafts_spokesperson_approves(newsroom, editor_api, spokesperson_api, anonymous):
    topic = factories.topic(slug="giao-thong")
    draft = create(editor_api, lead="Từ 1/12.", body="<p>Tuyến mới</p><script>x()</script>", topics=["giao-thong"])
    assert draft["state"] == "draft" and draft["body"] == "<p>Tuyến mới</p>"
    assert draft["organisation"]["slug"] == newsroom.org.slug
    assert draft["topics"] == [{"slug": topic.slug, "name": topic.name}]

    uid = draft["uid"]
    edited = editor_api.patch(f"/api/agency/items/{uid}", {"lead": "Từ ngày 1/12."}).json()
    assert edited["lead"] == "Từ ngày 1/12." and edited["title"] == draft["title"]
    assert editor_api.post(f"/api/agency/items/{uid}/submit").json()["state"] == "in_review"
    published = spokesperson_api.post(f"/api/agency/items/{uid}/approve").json()
    assert published["state"] == "published" and published["published_version"] == 1
    assert anonymous.get(f"/api/items/{uid}").json()["lead"] == "Từ ngày 1/12."


def test_unscoped_token_names_the_organisation(newsroom, operator_api):
    item = create(operator_api, organisation=newsroom.org.slug)
    assert item["organisation"]["slug"] == newsroom.org.slug
    assert_error(operator_api.post("/api/agency/items", {"title": "Tin"}), 422, "validation_error")


def test_unknown_topic_is_refused(newsroom, editor_api):
    error = assert_error(
        editor_api.post("/api/agency/items", {"title": "Tin", "topics": ["khong-co"]}), 422, "validation_error"
    )
    assert error["details"][0]["field"] == "topics"
    assert not Item.objects.exists()


def test_author_approving_own_item_is_403(newsroom, editor_api):
    uid = create(editor_api)["uid"]
    editor_api.post(f"/api/agency/items/{uid}/submit")
    error = assert_error(editor_api.post(f"/api/agency/items/{uid}/approve"), 403, "permission_denied")
    assert "hai người" in error["message"]
    assert Item.objects.get(uid=uid).state == State.IN_REVIEW


def test_token_of_another_agency_is_403_even_for_staff(newsroom):
    item = newsroom.draft()
    other = factories.Newsroom()
    other_editor = ApiClient(token_for(other.editor, other.org))
    staff_scoped_elsewhere = ApiClient(token_for(factories.user(Role.CENTER_ADMIN), other.org))
    for api in (other_editor, staff_scoped_elsewhere):
        assert_error(api.patch(f"/api/agency/items/{item.uid}", {"title": "Sửa trộm"}), 403, "permission_denied")
        assert_error(api.post(f"/api/agency/items/{item.uid}/submit"), 403, "permission_denied")
        assert_error(api.get(f"/api/agency/items/{item.uid}"), 403, "permission_denied")
    assert_error(
        staff_scoped_elsewhere.post("/api/agency/items", {"title": "Tin", "organisation": newsroom.org.slug}),
        403,
        "permission_denied",
    )
    item.refresh_from_db()
    assert item.title != "Sửa trộm" and item.state == State.DRAFT


def test_schedule_then_recall(newsroom, editor_api, spokesperson_api):
    uid = create(editor_api)["uid"]
    editor_api.post(f"/api/agency/items/{uid}/submit")
    at = (timezone.now() + dt.timedelta(hours=2)).isoformat()
    scheduled = spokesperson_api.post(f"/api/agency/items/{uid}/approve", {"publish_at": at}).json()
    assert scheduled["state"] == "scheduled" and scheduled["scheduled_at"] is not None
    recalled = editor_api.post(f"/api/agency/items/{uid}/recall").json()
    assert recalled["state"] == "draft" and recalled["scheduled_at"] is None


def test_request_changes_is_visible_to_the_editor(newsroom, editor_api, spokesperson_api):
    uid = create(editor_api)["uid"]
    editor_api.post(f"/api/agency/items/{uid}/submit")
    assert_error(spokesperson_api.post(f"/api/agency/items/{uid}/request-changes", {}), 422, "validation_error")
    response = spokesperson_api.post(f"/api/agency/items/{uid}/request-changes", {"comment": "Thêm số liệu."})
    assert response.json()["state"] == "changes_requested"
    work = editor_api.get(f"/api/agency/items/{uid}").json()
    assert [c["body"] for c in work["review_comments"]] == ["Thêm số liệu."]


def test_withdraw_needs_spokesperson_and_reason(newsroom, editor_api, spokesperson_api, anonymous):
    item = newsroom.publish()
    path = f"/api/agency/items/{item.uid}/withdraw"
    assert_error(editor_api.post(path, {"reason": "Sai"}), 403, "permission_denied")
    assert_error(spokesperson_api.post(path, {"reason": " "}), 422, "validation_error")
    assert spokesperson_api.post(path, {"reason": "Sai số liệu"}).json()["state"] == "withdrawn"
    assert anonymous.get(f"/api/items/{item.uid}").json()["withdrawn"] is True


def test_illegal_transition_is_409(newsroom, editor_api):
    uid = create(editor_api)["uid"]
    error = assert_error(editor_api.post(f"/api/agency/items/{uid}/recall"), 409, "conflict")
    assert error["message"] == "Tin không ở trạng thái chờ duyệt hay hẹn giờ."


def test_work_list_is_scoped_and_filtered(newsroom, editor_api, django_assert_max_num_queries):
    for n in range(6):
        create(editor_api, title=f"Bản nháp {n}")
    factories.Newsroom().draft()
    with django_assert_max_num_queries(10):
        listing = editor_api.get("/api/agency/items").json()
    assert listing["total"] == 6
    assert editor_api.get("/api/agency/items", state="in_review").json()["total"] == 0


def test_unknown_item_is_404(newsroom, editor_api):
    missing = "00000000-0000-0000-0000-000000000000"
    assert_error(editor_api.post(f"/api/agency/items/{missing}/submit"), 404, "not_found")


@pytest.mark.parametrize("body", ['{"publish_at": "2030-01-01T08:00:00"}', '{"publish_at": "tuần sau"}'])
def test_bad_schedule_is_422(newsroom, editor_api, spokesperson_api, body):
    uid = create(editor_api)["uid"]
    editor_api.post(f"/api/agency/items/{uid}/submit")
    assert_error(spokesperson_api.post(f"/api/agency/items/{uid}/approve", raw=body), 422, "validation_error")
    assert Item.objects.get(uid=uid).state == State.IN_REVIEW
