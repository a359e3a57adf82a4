"""Operators mark a late publication as looked into: it leaves the home page's count, the list
shows who and when, the audit log records it; nobody else can."""

import pytest
from django.urls import reverse

from presscenter.accounts.models import Role
from presscenter.audit.models import AuditEntry
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def late(newsroom):
    return factories.late_publication(newsroom.publish(title="Lịch tiếp công dân tháng 12"), minutes=12)


def test_an_operator_acknowledges_once(login, newsroom, late):
    client = login(newsroom.operator)
    assert client.get(reverse("workspace:home")).context["late_count"] == 1
    response = client.post(reverse("workspace:late_acknowledge", args=[late.pk]), follow=True)
    assert "Đã xác nhận tin công bố trễ." in response.content.decode()
    late.refresh_from_db()
    assert late.acknowledged_by == newsroom.operator and late.acknowledged_at is not None
    page = client.get(reverse("workspace:late_publications")).content.decode()
    assert str(newsroom.operator) in page and "Đã xem xét" not in page
    assert client.get(reverse("workspace:home")).context["late_count"] == 0
    client.post(reverse("workspace:late_acknowledge", args=[late.pk]))
    assert AuditEntry.objects.filter(action="late_publication.acknowledged", object_id=str(late.pk)).count() == 1


@pytest.mark.parametrize("role", [Role.SPOKESPERSON, Role.EDITOR, Role.JOURNALIST])
def test_others_get_a_403_page_and_change_nothing(login, newsroom, late, role):
    user = factories.user(role, newsroom.org) if role != Role.JOURNALIST else factories.user(role, accredited=True)
    response = login(user).post(reverse("workspace:late_acknowledge", args=[late.pk]))
    assert response.status_code == 403
    late.refresh_from_db()
    assert late.acknowledged_at is None


def test_only_by_post_and_only_existing_rows(login, newsroom, late):
    client = login(newsroom.operator)
    assert client.get(reverse("workspace:late_acknowledge", args=[late.pk])).status_code == 405
    assert client.post(reverse("workspace:late_acknowledge", args=[late.pk + 1000])).status_code == 404
