"""The life of a question: asked, routed, transferred, paused, answered by two people, published
only when allowed, rated, reopened, merged, rejected — each step on the timeline and audited."""

import datetime as dt

import pytest
from django.utils import timezone

from presscenter.accounts.models import Role
from presscenter.audit.models import AuditEntry
from presscenter.core.errors import DomainError, PermissionDenied
from presscenter.inquiries import domain
from presscenter.inquiries.models import (
    AnswerState,
    Category,
    DeadlinePolicy,
    DeadlineUnit,
    EventKind,
    Notice,
    RoutingDecision,
    State,
)
from presscenter.releases.models import ItemType
from presscenter.releases.models import State as ItemState
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast():
    class Cast:
        newsroom = factories.Newsroom()
        org = newsroom.org
        editor = newsroom.editor
        spokesperson = newsroom.spokesperson
        operator = newsroom.operator
        journalist = factories.user(Role.JOURNALIST, accredited=True)
        citizen = factories.user(Role.PUBLIC)

    return Cast


def routed(cast, **fields):
    inquiry = factories.inquiry(cast.journalist, **fields)
    return domain.route(cast.operator, inquiry, cast.org)


def kinds(inquiry):
    return list(inquiry.events.values_list("kind", flat=True))


def test_a_journalist_asks_in_their_own_name_with_their_accreditation(cast):
    inquiry = factories.inquiry(cast.journalist, subject="Tiến độ cầu Trần Hưng Đạo?")
    assert inquiry.kind == "question" and inquiry.state == State.NEW
    assert inquiry.asker == cast.journalist and inquiry.asker_accredited
    assert inquiry.code.startswith("HD-") and len(inquiry.code) == 12
    assert kinds(inquiry) == [EventKind.RECEIVED]
    assert AuditEntry.objects.filter(action="inquiry.create", object_id=str(inquiry.pk)).exists()
    assert set(Notice.objects.filter(inquiry=inquiry).values_list("channel", flat=True)) == {"live", "email"}


def test_only_journalists_ask_press_questions_and_citizens_leave_a_contact(cast):
    with pytest.raises(PermissionDenied):
        factories.inquiry(cast.citizen, kind="question")
    with pytest.raises(DomainError) as refused:
        factories.inquiry(None, asker_email="", asker_phone="")
    assert refused.value.field == "asker_email"
    with pytest.raises(DomainError):
        factories.inquiry(None, text="   ")


def test_routing_starts_the_working_day_clock(cast):
    category = Category.objects.create(code="giao-thong", name="Giao thông")
    DeadlinePolicy.objects.create(category=category, priority="normal", amount=2, unit=DeadlineUnit.WORKING_DAYS)
    inquiry = routed(cast, category=category)
    assert inquiry.state == State.ASSIGNED and inquiry.organisation == cast.org
    assert inquiry.due_at is not None and inquiry.due_at > timezone.now() + dt.timedelta(hours=17)
    decision = RoutingDecision.objects.get(inquiry=inquiry)
    assert decision.source == "operator" and decision.actor == cast.operator
    assert Notice.objects.filter(inquiry=inquiry, recipient=cast.spokesperson).exists()


def test_only_the_centre_routes(cast):
    inquiry = factories.inquiry(cast.journalist)
    for outsider in (cast.editor, cast.spokesperson, cast.journalist):
        with pytest.raises(PermissionDenied):
            domain.route(outsider, inquiry, cast.org)


def test_a_transfer_names_where_it_goes_and_why_and_every_hop_is_on_the_timeline(cast):
    inquiry = routed(cast)
    due = inquiry.due_at
    ward = factories.organisation(kind="ward", name="Phường Hoàn Kiếm", parent=cast.org)
    ward_officer = factories.user(Role.EDITOR, ward)
    with pytest.raises(DomainError) as refused:
        domain.transfer(cast.editor, inquiry, ward, "  ")
    assert refused.value.field == "reason"
    domain.transfer(cast.editor, inquiry, ward, "Thuộc địa bàn phường quản lý")
    inquiry = domain.transfer(ward_officer, inquiry, cast.org, "Không thuộc thẩm quyền phường: việc của Sở")
    hops = [(e.from_organisation_id, e.to_organisation_id, e.text) for e in inquiry.events.filter(kind="transferred")]
    assert hops == [
        (cast.org.pk, ward.pk, "Thuộc địa bàn phường quản lý"),
        (ward.pk, cast.org.pk, "Không thuộc thẩm quyền phường: việc của Sở"),
    ]
    assert inquiry.due_at == due  # the asker's deadline does not restart
    with pytest.raises(PermissionDenied):
        domain.transfer(ward_officer, inquiry, ward, "Lại chuyển")  # no longer the ward's


def test_waiting_for_the_asker_stops_the_clock_and_resuming_keeps_what_was_left(cast):
    inquiry = routed(cast)
    inquiry = domain.request_info(cast.editor, inquiry, "Xin cho biết địa điểm cụ thể.")
    assert inquiry.state == State.WAITING and inquiry.remaining_seconds > 0
    left = inquiry.remaining_seconds
    assert not inquiry.is_overdue(at=timezone.now() + dt.timedelta(days=60))
    with pytest.raises(PermissionDenied):
        domain.add_info(cast.citizen, inquiry, "Không phải người hỏi")
    inquiry = domain.add_info(cast.journalist, inquiry, "Đoạn từ số 10 đến số 40.")
    assert inquiry.state == State.IN_PROGRESS and inquiry.remaining_seconds is None
    assert abs(domain.deadlines.working_seconds_between(timezone.now(), inquiry.due_at) - left) < 120


def test_the_writer_of_an_answer_cannot_approve_it(cast):
    inquiry = routed(cast)
    answer = domain.save_answer(cast.spokesperson, inquiry, "<p>Dự kiến thông xe năm 2027.</p>")
    domain.submit_answer(cast.spokesperson, answer)
    with pytest.raises(PermissionDenied) as refused:
        domain.approve_answer(cast.spokesperson, answer)
    assert "hai người" in str(refused.value.message)
    with pytest.raises(PermissionDenied):
        domain.approve_answer(cast.editor, answer)  # an editor does not approve
    domain.approve_answer(cast.operator, answer)
    inquiry.refresh_from_db()
    assert inquiry.state == State.ANSWERED and inquiry.answered_on_time


def answer(cast, inquiry, body="<p>Cầu dự kiến thông xe năm 2027.</p>"):
    draft = domain.save_answer(cast.editor, inquiry, body)
    domain.submit_answer(cast.editor, draft)
    return domain.approve_answer(cast.spokesperson, draft)


def test_the_answer_is_published_only_when_the_asker_allowed_it(cast):
    private = routed(cast, publish_allowed=False)
    answer(cast, private)
    private.refresh_from_db()
    assert private.answer_item is None
    public = routed(
        cast,
        publish_allowed=True,
        text="Xin hỏi tiến độ cầu? Liên hệ tôi: 0912 345 678, pv@baomoi.vn",
        asker_outlet="Báo Mới",
    )
    sent = answer(cast, public)
    public.refresh_from_db()
    item = public.answer_item
    assert sent.state == AnswerState.SENT
    assert item.type == ItemType.ANSWER and item.state == ItemState.PUBLISHED and item.current_version_id
    assert "0912" not in item.lead and "pv@baomoi.vn" not in item.lead
    assert item.author == cast.editor
    assert kinds(public)[-2:] == [EventKind.ANSWERED, EventKind.PUBLISHED]


def test_returning_an_answer_needs_a_comment_and_lets_the_writer_edit_again(cast):
    inquiry = routed(cast)
    draft = domain.save_answer(cast.editor, inquiry, "<p>Nháp</p>")
    domain.submit_answer(cast.editor, draft)
    with pytest.raises(DomainError):
        domain.save_answer(cast.editor, inquiry, "<p>Sửa khi đang chờ duyệt</p>")
    with pytest.raises(DomainError):
        domain.return_answer(cast.spokesperson, draft, "")
    domain.return_answer(cast.spokesperson, draft, "Bổ sung số liệu.")
    draft = domain.save_answer(cast.editor, inquiry, "<p>Nháp có số liệu</p><script>x()</script>")
    assert draft.state == AnswerState.DRAFT and "<script>" not in draft.body


def test_merged_askers_all_get_the_answer(cast):
    first = routed(cast)
    other_journalist = factories.user(Role.JOURNALIST)
    duplicate = factories.inquiry(other_journalist, subject="Cầu Trần Hưng Đạo bao giờ xong?")
    with pytest.raises(PermissionDenied):
        domain.merge(cast.editor, duplicate, first)
    domain.merge(cast.operator, duplicate, first)
    duplicate.refresh_from_db()
    assert duplicate.state == State.MERGED and duplicate.merged_into == first
    with pytest.raises(DomainError):
        domain.merge(cast.operator, first, first)
    answer(cast, first)
    assert Notice.objects.filter(inquiry=duplicate, recipient=other_journalist, reason="answered").exists()
    assert Notice.objects.filter(inquiry=first, recipient=cast.journalist, reason="answered").exists()


def test_the_asker_rates_and_reopens_within_the_period(cast, settings):
    inquiry = routed(cast)
    answer(cast, inquiry)
    inquiry.refresh_from_db()
    with pytest.raises(DomainError):
        domain.rate(cast.journalist, inquiry, 6)
    with pytest.raises(PermissionDenied):
        domain.rate(cast.citizen, inquiry, 5)
    domain.rate(cast.journalist, inquiry, 2, "Chưa trả lời đúng trọng tâm")
    inquiry = domain.reopen(cast.journalist, inquiry, "Chưa nêu mốc thời gian")
    assert inquiry.state == State.REOPENED and inquiry.reopen_count == 1 and inquiry.answered_at is None
    answer(cast, inquiry, "<p>Thông xe tháng 9/2027.</p>")
    inquiry.refresh_from_db()
    settings.INQUIRY_REOPEN_DAYS = 0
    inquiry.answered_at = timezone.now() - dt.timedelta(days=1)
    inquiry.save(update_fields=["answered_at"])
    with pytest.raises(DomainError):
        domain.reopen(cast.journalist, inquiry, "Muộn quá")
    assert domain.close_expired() == 1
    inquiry.refresh_from_db()
    assert inquiry.state == State.CLOSED


def test_rejecting_needs_a_reason_and_tells_the_asker(cast):
    inquiry = factories.inquiry(None)
    with pytest.raises(DomainError):
        domain.reject(cast.operator, inquiry, "")
    inquiry = domain.reject(cast.operator, inquiry, "Nội dung quảng cáo")
    assert inquiry.state == State.REJECTED
    assert Notice.objects.filter(inquiry=inquiry, email="an.nguyen@example.vn", reason="rejected").exists()
    with pytest.raises(DomainError):
        domain.reject(cast.operator, inquiry, "Lần nữa")


def test_every_change_is_audited_without_personal_data(cast):
    inquiry = routed(cast)
    answer(cast, inquiry)
    entries = AuditEntry.objects.filter(object_type="inquiries.inquiry", object_id=str(inquiry.pk))
    assert [e.action for e in entries.order_by("id")][:2] == ["inquiry.create", "inquiry.route"]
    for entry in entries:
        assert cast.journalist.email not in str(entry.before) + str(entry.after)


def test_an_asker_without_an_account_acts_with_the_key_of_their_status_link(cast):
    from django.contrib.auth.models import AnonymousUser

    inquiry = domain.route(cast.operator, factories.inquiry(None), cast.org)
    domain.request_info(cast.editor, inquiry, "Xin gửi thêm ảnh.")
    with pytest.raises(PermissionDenied):
        domain.add_info(AnonymousUser(), inquiry, "Ảnh đây", key="sai-khoa")
    with pytest.raises(PermissionDenied):
        domain.add_info(AnonymousUser(), inquiry, "Ảnh đây")
    domain.add_info(AnonymousUser(), inquiry, "Ảnh đây", key=inquiry.access_key)
    answer(cast, inquiry)
    inquiry.refresh_from_db()
    domain.rate(AnonymousUser(), inquiry, 5, key=inquiry.access_key)
    domain.reopen(AnonymousUser(), inquiry, "Còn một cột đèn chưa sửa", key=inquiry.access_key)
    inquiry.refresh_from_db()
    assert inquiry.state == State.REOPENED and inquiry.rating == 5
    journalists_question = routed(cast)
    with pytest.raises(PermissionDenied):  # a key never stands in for an account's question
        domain.rate(AnonymousUser(), journalists_question, 5, key=journalists_question.access_key)
