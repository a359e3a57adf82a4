"""Operator tools: only staff tokens without an organisation scope."""

import datetime as dt

import pytest
from django.utils import timezone

from presscenter.audit.models import AuditEntry
from presscenter.releases import domain
from presscenter.releases.models import State
from tests import factories
from tests.api.conftest import ApiClient, assert_error, token_for

OPERATOR_READS = ["/api/operator/scheduled", "/api/operator/late-publications", "/api/operator/audit"]


def test_force_publish_with_reason(newsroom, operator_api, anonymous):
    item = newsroom.draft()
    path = f"/api/operator/items/{item.uid}/force-publish"
    assert_error(operator_api.post(path, {"reason": "  "}), 422, "validation_error")
    assert_error(operator_api.post(path, {}), 422, "validation_error")
    published = operator_api.post(path, {"reason": "Cảnh báo mưa lớn khẩn cấp"}).json()
    assert published["state"] == "published"
    assert anonymous.get(f"/api/items/{item.uid}/versions").json()[0]["forced"] is True


@pytest.mark.parametrize("path", OPERATOR_READS)
def test_operator_endpoints_refuse_agency_and_scoped_staff_tokens(newsroom, editor_api, path):
    assert_error(editor_api.get(path), 403, "permission_denied")
    scoped_operator = ApiClient(token_for(newsroom.operator, newsroom.org))
    assert_error(scoped_operator.get(path), 403, "permission_denied")
    assert_error(ApiClient().get(path), 401, "not_authenticated")


def test_spokesperson_cannot_force_publish(newsroom, spokesperson_api):
    item = newsroom.draft()
    response = spokesperson_api.post(f"/api/operator/items/{item.uid}/force-publish", {"reason": "Khẩn"})
    assert_error(response, 403, "permission_denied")
    item.refresh_from_db()
    assert item.state == State.DRAFT


def test_scheduled_and_late_publications(newsroom, operator_api, django_assert_max_num_queries):
    for n in range(4):
        item = newsroom.draft(title=f"Tin hẹn giờ {n}")
        domain.submit(newsroom.editor, item)
        domain.approve(newsroom.spokesperson, item, publish_at=timezone.now() + dt.timedelta(minutes=5 + n))
    with django_assert_max_num_queries(8):
        scheduled = operator_api.get("/api/operator/scheduled").json()
    assert [i["title"] for i in scheduled["results"]] == [f"Tin hẹn giờ {n}" for n in range(4)]

    domain.publish_due(now=timezone.now() + dt.timedelta(hours=1))
    with django_assert_max_num_queries(5):
        late = operator_api.get("/api/operator/late-publications").json()
    assert late["total"] == 4
    assert all(entry["delay_seconds"] > 0 and not entry["acknowledged"] for entry in late["results"])

    first = late["results"][0]["id"]
    path = f"/api/operator/late-publications/{first}/acknowledge"
    assert operator_api.post(path).json()["acknowledged"] is True
    assert operator_api.post(path).json()["acknowledged"] is True  # again: nothing changes
    acknowledged = AuditEntry.objects.filter(action="late_publication.acknowledged", object_id=str(first))
    assert acknowledged.count() == 1
    listed = operator_api.get("/api/operator/late-publications").json()["results"]
    assert [entry["acknowledged"] for entry in listed].count(True) == 1
    assert_error(operator_api.post("/api/operator/late-publications/999999/acknowledge"), 404, "not_found")


def test_only_operators_acknowledge_late_publications(newsroom, editor_api, spokesperson_api):
    late = factories.late_publication(newsroom.publish())
    path = f"/api/operator/late-publications/{late.pk}/acknowledge"
    assert_error(editor_api.post(path), 403, "permission_denied")
    assert_error(spokesperson_api.post(path), 403, "permission_denied")
    assert_error(ApiClient().post(path), 401, "not_authenticated")
    late.refresh_from_db()
    assert late.acknowledged_at is None


def test_audit_entries_with_filters(newsroom, operator_api, django_assert_max_num_queries):
    item = newsroom.publish()
    factories.Newsroom().draft()
    with django_assert_max_num_queries(5):
        everything = operator_api.get("/api/operator/audit").json()
    assert everything["total"] >= 5
    mine = operator_api.get("/api/operator/audit", object_id=str(item.pk), object_type="releases.item").json()
    assert [e["action"] for e in mine["results"]] == ["item.publish", "item.submit", "item.create"]
    by_actor = operator_api.get("/api/operator/audit", actor=newsroom.spokesperson.username).json()
    assert {e["action"] for e in by_actor["results"]} == {"item.publish"}
    today = timezone.localdate().isoformat()
    assert operator_api.get("/api/operator/audit", date_from=today, action="item.create").json()["total"] == 2
    assert operator_api.get("/api/operator/audit", date_to="2000-01-01").json()["total"] == 0
