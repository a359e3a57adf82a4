import datetime as dt

import pytest
from django.utils import timezone

from presscenter.audit.domain import verify
from presscenter.core.errors import DomainError, PermissionDenied
from presscenter.orgs.models import Kind
from presscenter.releases import access, domain
from presscenter.releases.models import LatePublication, State
from tests import factories
from tests.factories import Newsroom


def test_editor_drafts_spokesperson_approves_public_sees(newsroom):
    item = newsroom.draft()
    assert not access.public_items().filter(pk=item.pk).exists()
    domain.submit(newsroom.editor, item)
    domain.approve(newsroom.spokesperson, item)
    item.refresh_from_db()
    assert item.state == State.PUBLISHED
    assert item.current_version.number == 1
    assert access.public_items().filter(pk=item.pk).exists()
    assert list(verify()) == []


def test_a_ward_is_always_among_the_areas_of_what_it_issues(db):
    ward = Newsroom(kind=Kind.WARD)
    neighbour = factories.organisation(kind=Kind.WARD)
    item = ward.draft()
    assert list(item.areas.all()) == [ward.org]
    domain.update_item(ward.editor, item, areas=[neighbour])
    assert set(item.areas.all()) == {ward.org, neighbour}
    assert list(Newsroom().draft(areas=[neighbour]).areas.all()) == [neighbour]


def test_author_cannot_approve_own_item(newsroom):
    item = newsroom.draft()
    domain.submit(newsroom.editor, item)
    with pytest.raises(PermissionDenied):
        domain.approve(newsroom.editor, item)
    item.refresh_from_db()
    assert item.state == State.IN_REVIEW


def test_spokesperson_cannot_approve_own_draft(newsroom):
    item = domain.create_item(newsroom.spokesperson, newsroom.org, title="Phát ngôn về giao thông")
    domain.submit(newsroom.spokesperson, item)
    with pytest.raises(PermissionDenied):
        domain.approve(newsroom.spokesperson, item)


def test_request_changes_then_resubmit(newsroom):
    item = newsroom.draft()
    domain.submit(newsroom.editor, item)
    domain.request_changes(newsroom.spokesperson, item, "Bổ sung số liệu vốn đầu tư.")
    item.refresh_from_db()
    assert item.state == State.CHANGES_REQUESTED
    assert item.review_comments.get().body == "Bổ sung số liệu vốn đầu tư."
    domain.update_item(newsroom.editor, item, body="<p>Tổng vốn 19.000 tỷ đồng.</p>")
    domain.submit(newsroom.editor, item)
    domain.approve(newsroom.spokesperson, item)
    item.refresh_from_db()
    assert item.state == State.PUBLISHED


def test_force_publish_needs_operator_and_reason(newsroom):
    item = newsroom.draft()
    with pytest.raises(PermissionDenied):
        domain.force_publish(newsroom.spokesperson, item, "khẩn")
    with pytest.raises(DomainError):
        domain.force_publish(newsroom.operator, item, "  ")
    domain.force_publish(newsroom.operator, item, "Thông tin khẩn về mưa lớn")
    item.refresh_from_db()
    assert item.current_version.forced_reason == "Thông tin khẩn về mưa lớn"


def test_correction_keeps_versions_and_needs_change_note(newsroom):
    item = newsroom.publish()
    domain.update_item(newsroom.editor, item, lead="Sáng 26/11, thành phố khởi công cầu Trần Hưng Đạo.")
    item.refresh_from_db()
    assert item.state == State.DRAFT
    assert access.public_items().filter(pk=item.pk).exists()  # the public keeps version 1
    with pytest.raises(DomainError):
        domain.submit(newsroom.editor, item)
    domain.update_item(newsroom.editor, item, change_note="Sửa ngày khởi công.")
    domain.submit(newsroom.editor, item)
    domain.approve(newsroom.spokesperson, item)
    item.refresh_from_db()
    assert [v.number for v in item.versions.all()] == [1, 2]
    assert item.current_version.change_note == "Sửa ngày khởi công."


def test_withdrawal_keeps_page_leaves_public_list(newsroom):
    item = newsroom.publish()
    with pytest.raises(DomainError):
        domain.withdraw(newsroom.spokesperson, item, "")
    domain.withdraw(newsroom.spokesperson, item, "Thông tin chưa chính xác.")
    item.refresh_from_db()
    assert item.withdrawn_at is not None
    assert not access.public_items().filter(pk=item.pk).exists()
    assert access.item_for_reading(None, item.uid).withdrawal_reason == "Thông tin chưa chính xác."


def test_scheduled_publish_and_missed_slot(newsroom):
    item = newsroom.draft()
    domain.submit(newsroom.editor, item)
    slot = timezone.now() + dt.timedelta(hours=1)
    domain.approve(newsroom.spokesperson, item, publish_at=slot)
    item.refresh_from_db()
    assert item.state == State.SCHEDULED
    assert domain.publish_due() == []
    # Workers were down for ten minutes past the slot.
    published = domain.publish_due(now=slot + dt.timedelta(minutes=10))
    assert [i.pk for i in published] == [item.pk]
    item.refresh_from_db()
    assert item.state == State.PUBLISHED
    assert item.current_version.published_by == newsroom.spokesperson
    assert LatePublication.objects.filter(item=item).count() == 1


def test_embargo_visible_only_to_entitled_until_lift(newsroom):
    from tests.factories import user

    lift = timezone.now() + dt.timedelta(hours=2)
    item = newsroom.publish(embargo_until=lift)
    journalist = user("journalist", accredited=True)
    unaccredited = user("journalist")
    assert not access.public_items().filter(pk=item.pk).exists()
    assert not access.public_items(unaccredited).filter(pk=item.pk).exists()
    assert access.public_items(journalist).filter(pk=item.pk).exists()
    item.embargo_until = timezone.now() - dt.timedelta(seconds=1)
    item.save(update_fields=["embargo_until"])
    assert access.public_items().filter(pk=item.pk).exists()


def test_body_is_sanitised(newsroom):
    item = newsroom.draft(body='<p onclick="steal()">Xin chào<script>alert(1)</script></p><a href="javascript:x">l</a>')
    assert "script" not in item.body
    assert "onclick" not in item.body
    assert "javascript" not in item.body
    assert "Xin chào" in item.body
