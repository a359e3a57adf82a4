"""Questions at events, the domain: who may ask and when, the moderation (approve, leave out,
merge, reorder, assign, answer), the suggested duplicates, and the way to the inquiries app."""

import datetime as dt

import pytest
from django.utils import timezone

from presscenter.audit.models import AuditEntry
from presscenter.core.errors import DomainError, PermissionDenied
from presscenter.demo.event_questions import QUESTIONS, seed_questions
from presscenter.events import domain, questions
from presscenter.events.models import (
    EventQuestion,
    Invitation,
    QuestionState,
    Registration,
    RegistrationStatus,
    Speaker,
    Visibility,
)
from presscenter.inquiries import hints
from presscenter.inquiries.models import Channel, Inquiry, Notice, NoticeChannel
from presscenter.inquiries.models import State as InquiryState
from tests.events.factories import event
from tests.events.question_helpers import cast

pytestmark = pytest.mark.django_db

TRAFFIC = "Phương án phân luồng giao thông quanh hồ Hoàn Kiếm dịp Tết Nguyên đán năm nay ra sao?"


def _end(held, *, hours_ago: float = 1) -> None:
    """The event is over (a test's set-up: the domain refuses to create one in the past)."""
    ends = timezone.now() - dt.timedelta(hours=hours_ago)
    type(held).objects.filter(pk=held.pk).update(starts_at=ends - dt.timedelta(hours=2), ends_at=ends)
    held.refresh_from_db()


# Asking ---------------------------------------------------------------------------------------


def test_an_accredited_journalist_asks_and_the_question_waits_at_the_end_of_the_queue():
    c = cast()
    first = questions.submit(c.reporter, c.event, TRAFFIC)
    second = questions.submit(c.colleague, c.event, "Khi nào thông xe cầu vượt Mai Dịch sau sửa chữa?")
    assert first.state == QuestionState.SUBMITTED and (first.position, second.position) == (1, 2)
    assert first.outlet_name == c.reporter.journalist.outlet.name != ""
    assert AuditEntry.objects.filter(action="event_question.submit", object_id=str(first.pk)).exists()


def test_markup_is_dropped_and_lengths_are_enforced():
    c = cast()
    asked = questions.submit(c.reporter, c.event, "<script>alert(1)</script><b>Giá vé</b> xe buýt có tăng không?\x07")
    assert asked.text == "Giá vé xe buýt có tăng không?"
    for text in ("ngắn", "   ", "x" * (questions.MAX_TEXT + 1), "<p></p><i> </i>"):
        with pytest.raises(DomainError) as refused:
            questions.submit(c.reporter, c.event, text)
        assert refused.value.field == "text"
    with pytest.raises(DomainError, match="đã gửi câu hỏi này"):
        questions.submit(c.reporter, c.event, "Giá vé xe buýt có tăng không?")
    assert EventQuestion.objects.count() == 1


def test_only_accredited_journalists_ask():
    c = cast()
    for user in (c.unaccredited, c.citizen, c.editor, c.operator):
        with pytest.raises(PermissionDenied):
            questions.submit(user, c.event, TRAFFIC)
    assert not EventQuestion.objects.exists()


def test_an_event_for_invited_guests_takes_questions_from_its_guests_only():
    c = cast(visibility=Visibility.INVITED)
    with pytest.raises(PermissionDenied):
        questions.submit(c.reporter, c.event, TRAFFIC)
    Invitation.objects.create(event=c.event, journalist=c.reporter, invited_by=c.editor)
    assert questions.submit(c.reporter, c.event, TRAFFIC).state == QuestionState.SUBMITTED
    Registration.objects.create(event=c.event, journalist=c.colleague, status=RegistrationStatus.REVOKED)
    with pytest.raises(PermissionDenied):
        questions.submit(c.colleague, c.event, TRAFFIC)
    Registration.objects.create(event=c.event, journalist=c.colleague, status=RegistrationStatus.APPROVED)
    assert questions.submit(c.colleague, c.event, TRAFFIC).author == c.colleague


def test_questions_during_the_event_but_not_after_it_nor_for_a_cancelled_one():
    c = cast()
    running = event(c.editor, hours_ahead=-1, hours=2, allow_past=True)
    assert questions.submit(c.reporter, running, TRAFFIC).event == running
    _end(running)
    with pytest.raises(DomainError, match="đã kết thúc"):
        questions.submit(c.colleague, running, TRAFFIC)
    domain.cancel(c.editor, c.event, reason="Lãnh đạo Sở bận họp đột xuất")
    with pytest.raises(DomainError, match="đã hủy"):
        questions.submit(c.reporter, c.event, TRAFFIC)


def test_a_flood_of_waiting_questions_is_refused():
    c = cast()
    for n in range(questions.MAX_WAITING):
        questions.submit(c.reporter, c.event, f"Câu hỏi số {n} về phân luồng giao thông?")
    with pytest.raises(DomainError, match="đang chờ duyệt"):
        questions.submit(c.reporter, c.event, "Thêm một câu hỏi về giao thông nữa?")


# Moderation -----------------------------------------------------------------------------------


def test_the_organiser_and_the_centre_moderate_others_do_not():
    c = cast()
    asked = questions.submit(c.reporter, c.event, TRAFFIC)
    for user in (c.outsider, c.reporter, c.citizen):
        with pytest.raises(PermissionDenied):
            questions.approve(user, asked)
    approved = questions.approve(c.editor, asked)
    assert approved.state == QuestionState.APPROVED and approved.moderated_by == c.editor
    with pytest.raises(DomainError, match="trạng thái"):
        questions.approve(c.operator, approved)


def test_leaving_a_question_out_needs_a_reason_the_author_sees():
    c = cast()
    asked = questions.submit(c.reporter, c.event, TRAFFIC)
    with pytest.raises(DomainError) as refused:
        questions.reject(c.operator, asked, "  ")
    assert refused.value.field == "reason"
    left_out = questions.reject(c.operator, asked, "Ngoài chủ đề của buổi họp báo")
    assert (left_out.state, left_out.rejection_reason) == (QuestionState.REJECTED, "Ngoài chủ đề của buổi họp báo")
    assert questions.approve(c.operator, left_out).rejection_reason == ""  # changed their mind


def test_merging_points_the_duplicate_and_its_own_duplicates_to_the_kept_question():
    c = cast()
    kept = questions.submit(c.reporter, c.event, TRAFFIC)
    dup = questions.submit(c.colleague, c.event, "Phan luong giao thong quanh ho Hoan Kiem dip Tet the nao?")
    older = questions.submit(c.colleague, c.event, "Hồ Gươm dịp Tết có cấm xe không?")
    questions.merge(c.editor, older, dup)
    merged = questions.merge(c.editor, dup, kept)
    assert merged.state == QuestionState.MERGED and merged.merged_into == kept
    assert EventQuestion.objects.get(pk=older.pk).merged_into == kept
    with pytest.raises(DomainError):
        questions.merge(c.editor, kept, kept)
    with pytest.raises(DomainError):
        questions.merge(c.editor, kept, dup)  # into a merged question
    elsewhere = questions.submit(c.reporter, event(c.editor), TRAFFIC)
    with pytest.raises(DomainError, match="cùng một sự kiện"):
        questions.merge(c.editor, kept, elsewhere)


def test_reordering_moves_one_place_and_keeps_positions_distinct():
    c = cast()
    a, b, d = (questions.submit(c.reporter, c.event, f"Câu hỏi {n} về giao thông dịp Tết?") for n in "ABC")
    questions.reject(c.editor, d, "Trùng ý")
    e = questions.submit(c.colleague, c.event, "Câu hỏi E về xe buýt dịp Tết?")
    questions.move(c.editor, e, "up")
    order = [q.pk for q in questions.queue(c.event)]
    assert order == [a.pk, e.pk, b.pk]
    questions.move(c.editor, a, "up")  # already first: stays
    questions.move(c.editor, a, "down")
    assert [q.pk for q in questions.queue(c.event)] == [e.pk, a.pk, b.pk]
    assert [q.position for q in questions.queue(c.event)] == [1, 2, 3]
    with pytest.raises(DomainError):
        questions.move(c.editor, a, "sideways")
    with pytest.raises(PermissionDenied):
        questions.move(c.outsider, a, "up")


def test_assigning_a_speaker_of_this_event_only():
    c = cast()
    asked = questions.submit(c.reporter, c.event, TRAFFIC)
    assert questions.assign(c.editor, asked, c.director).speaker == c.director
    stranger = Speaker.objects.create(event=event(c.editor), name="Người khác")
    with pytest.raises(DomainError) as refused:
        questions.assign(c.editor, asked, stranger)
    assert refused.value.field == "speaker"
    assert questions.assign(c.editor, asked, None).speaker is None


def test_the_answer_is_recorded_with_its_time_for_approved_questions_only():
    c = cast()
    asked = questions.submit(c.reporter, c.event, TRAFFIC)
    with pytest.raises(DomainError):
        questions.mark_answered(c.editor, asked, "Sở sẽ công bố phương án trước ngày 20 tháng Chạp.")
    questions.approve(c.editor, asked)
    with pytest.raises(DomainError) as refused:
        questions.mark_answered(c.editor, asked, " ")
    assert refused.value.field == "answer"
    answered = questions.mark_answered(c.editor, asked, "Sở sẽ công bố phương án trước ngày 20 tháng Chạp.")
    assert answered.state == QuestionState.ANSWERED and answered.answered_at is not None
    assert answered.answer.startswith("Sở sẽ công bố")
    actions = set(AuditEntry.objects.filter(object_id=str(asked.pk)).values_list("action", flat=True))
    assert {"event_question.approve", "event_question.answer"} <= actions


def test_the_screen_shows_approved_unanswered_questions_in_queue_order():
    c = cast()
    a = questions.approve(c.editor, questions.submit(c.reporter, c.event, TRAFFIC))
    b = questions.approve(c.editor, questions.submit(c.colleague, c.event, "Giá vé xe buýt dịp Tết có tăng?"))
    questions.submit(c.colleague, c.event, "Câu hỏi chưa được duyệt về bến xe?")
    assert [q.pk for q in questions.on_screen(c.event)] == [a.pk, b.pk]
    questions.move(c.editor, b, "up")
    assert questions.on_screen(c.event)[0].pk == b.pk
    questions.mark_answered(c.editor, b, "Giá vé giữ nguyên.")
    assert [q.pk for q in questions.on_screen(c.event)] == [a.pk]


# Suggested duplicates -------------------------------------------------------------------------


def test_near_duplicates_are_suggested_whatever_the_diacritics_or_teencode():
    c = cast()
    kept = questions.submit(c.reporter, c.event, TRAFFIC)
    folded = questions.submit(c.colleague, c.event, "phan luong giao thong quanh ho hoan kiem dip tet nhu the nao ak")
    other = questions.submit(c.colleague, c.event, "Tiến độ tuyến đường sắt đô thị Nhổn – ga Hà Nội đến đâu rồi?")
    found = questions.suggested_duplicates(list(questions.queue(c.event)))
    assert [d.question.pk for d in found[folded.pk]] == [kept.pk]
    assert found[folded.pk][0].score >= 0.28
    assert other.pk not in found
    assert all(d.question.pk != other.pk for ds in found.values() for d in ds)


def test_approved_questions_are_not_suggested_for_merging_themselves_but_are_targets():
    c = cast()
    kept = questions.approve(c.editor, questions.submit(c.reporter, c.event, TRAFFIC))
    dup = questions.submit(c.colleague, c.event, "Phân luồng giao thông quanh hồ Hoàn Kiếm dịp Tết ra sao?")
    found = questions.suggested_duplicates(list(questions.queue(c.event)))
    assert kept.pk not in found and [d.question.pk for d in found[dup.pk]] == [kept.pk]


# To the inquiries app -------------------------------------------------------------------------


def test_an_unanswered_approved_question_becomes_a_tracked_inquiry_about_the_event():
    c = cast()
    asked = questions.approve(c.editor, questions.submit(c.reporter, c.event, TRAFFIC))
    _end(c.event)
    inquiry = questions.to_inquiry(c.operator, asked)
    asked.refresh_from_db()
    assert asked.inquiry == inquiry
    assert (inquiry.asker, inquiry.about_event, inquiry.channel) == (c.reporter, c.event, Channel.EVENT)
    assert inquiry.text == asked.text and inquiry.asker_outlet == asked.outlet_name and inquiry.asker_accredited
    assert inquiry.state == InquiryState.NEW and c.event.title in inquiry.subject
    # The journalist hears of it through the inquiries app's own notices (live, and e-mail).
    channels = set(Notice.objects.filter(inquiry=inquiry, recipient=c.reporter).values_list("channel", flat=True))
    assert channels == {NoticeChannel.LIVE, NoticeChannel.EMAIL}
    # The organiser is the routing hint.
    assert hints.routing_hint(inquiry).organisation == c.agency
    assert AuditEntry.objects.filter(action="event_question.to_inquiry", actor=c.operator).exists()
    with pytest.raises(DomainError, match="đã được chuyển"):
        questions.to_inquiry(c.operator, asked)
    assert questions.on_screen(c.event) == []


def test_only_approved_unanswered_questions_convert_by_their_author_or_a_moderator():
    c = cast()
    waiting = questions.submit(c.reporter, c.event, TRAFFIC)
    with pytest.raises(DomainError):
        questions.to_inquiry(c.editor, waiting)
    approved = questions.approve(c.editor, waiting)
    for user in (c.colleague, c.outsider, c.citizen):
        with pytest.raises(PermissionDenied):
            questions.to_inquiry(user, approved)
    assert not Inquiry.objects.exists()
    assert questions.to_inquiry(c.reporter, approved).asker == c.reporter
    answered = questions.approve(c.editor, questions.submit(c.colleague, c.event, "Giá vé xe buýt dịp Tết?"))
    questions.mark_answered(c.editor, answered, "Không tăng.")
    with pytest.raises(DomainError):
        questions.to_inquiry(c.editor, answered)


def test_the_demo_queue_has_every_state():
    c = cast()
    asked = seed_questions(c.event, [c.reporter, c.colleague], c.editor)
    states = {q.state for q in EventQuestion.objects.filter(event=c.event)}
    assert states == {
        QuestionState.SUBMITTED,
        QuestionState.APPROVED,
        QuestionState.MERGED,
        QuestionState.REJECTED,
        QuestionState.ANSWERED,
    }
    assert len(asked) == len(QUESTIONS) and questions.on_screen(c.event)[0].pk == asked[3].pk
    assert questions.on_screen(c.event)[0].speaker is not None
