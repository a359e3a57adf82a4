"""Questions at a press conference in a real browser: a journalist submits a question; the
organiser's editor approves it, merges a duplicate the page suggests, assigns a speaker and moves
a question with the keyboard; the room's screen shows the current question with its outlet and
speaker; the answer is recorded and the screen moves on by itself. Pages fit a phone and a laptop
and no script breaks the Content-Security-Policy."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from presscenter.events import questions
from presscenter.events.models import EventQuestion, QuestionState
from tests.browser.test_accessibility import serious_violations
from tests.events.question_helpers import cast

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TRAFFIC = "Phương án phân luồng giao thông quanh hồ Hoàn Kiếm dịp Tết Nguyên đán năm nay ra sao?"


def settled(page) -> None:
    """htmx has finished with the swapped queue (its new forms work): a person never acts within
    the few milliseconds before that; a test would, and its key press would post without htmx."""
    expect(page.locator(".htmx-request, .htmx-settling, .htmx-added, .htmx-swapping")).to_have_count(0)


def test_a_question_from_submission_to_the_room_screen_and_its_answer(page, context, login, live_server, walk):
    c = cast()
    duplicate = questions.submit(c.colleague, c.event, "phan luong giao thong quanh ho hoan kiem dip tet ntn a")
    later = questions.approve(c.editor, questions.submit(c.colleague, c.event, "Giá vé xe buýt dịp Tết có tăng không?"))

    # The journalist asks.
    login(c.reporter)
    walk("event-question-ask", reverse("events_questions:ask", args=[c.event.slug]))
    page.get_by_label("Câu hỏi của bạn").fill(TRAFFIC)
    page.get_by_role("button", name="Gửi câu hỏi").click()
    page.get_by_text("Đã gửi câu hỏi").first.wait_for()
    asked = EventQuestion.objects.get(author=c.reporter)
    assert "Chờ duyệt" in page.locator(f"#cau-hoi-{asked.pk}").inner_text()
    walk("event-question-mine")

    third = questions.approve(c.editor, questions.submit(c.colleague, c.event, "Bến xe Giáp Bát có tăng chuyến không?"))

    # The organiser's editor moderates.
    login(c.editor)
    walk("event-question-queue", reverse("events_questions:moderate", args=[c.event.pk]))
    row = page.locator(f"#q{asked.pk}")
    row.get_by_role("button", name="Duyệt").click()
    page.locator(f"#q{asked.pk} .badge-approved").wait_for()
    settled(page)

    dup_row = page.locator(f"#q{duplicate.pk}")
    assert "Có thể trùng với" in dup_row.inner_text()
    dup_row.locator(".eq-duplicates li", has_text=TRAFFIC[:40]).get_by_role("button", name="Gộp vào câu này").click()
    page.locator(f"#q{duplicate.pk}").wait_for(state="detached")
    assert "Đã gộp" in page.locator(".eq-history").inner_text()
    assert EventQuestion.objects.get(pk=duplicate.pk).merged_into_id == asked.pk
    settled(page)

    page.locator(f"#q{asked.pk} summary", has_text="Giao người trả lời").click()
    page.locator(f"#q{asked.pk}-speaker").select_option(label=f"{c.director.name}, {c.director.position_title}")
    page.locator(f"#q{asked.pk}").get_by_role("button", name="Giao", exact=True).click()
    page.locator(f"#q{asked.pk} .eq-speaker", has_text=c.director.name).wait_for()
    settled(page)

    # Reordering with the keyboard: the focus stays on the button used while it can be used again.
    order = page.locator(".eq-list > li")
    expect(order).to_have_count(3)
    page.locator(f"#q{third.pk}-thu-tu-up").focus()
    page.keyboard.press("Enter")
    expect(order.nth(1)).to_have_id(f"q{third.pk}")
    settled(page)
    expect(page.locator(f"#q{third.pk}-thu-tu-up")).to_be_focused()
    page.locator(f"#q{asked.pk}-thu-tu-up").focus()
    page.keyboard.press("Enter")
    expect(order.nth(1)).to_have_id(f"q{asked.pk}")
    settled(page)
    expect(page.locator(f"#q{asked.pk}-thu-tu-up")).to_be_focused()
    page.keyboard.press("Enter")  # first now: its "up" is disabled, the focus goes to the queue's heading
    expect(order.first).to_have_id(f"q{asked.pk}")
    settled(page)
    expect(page.locator("#queue-heading")).to_be_focused()
    walk("event-question-moderated")
    assert serious_violations(page) == []

    # The room's screen.
    screen = context.new_page()
    screen.goto(live_server.url + reverse("events_questions:screen", args=[c.event.pk]))
    current = screen.locator(".eq-current")
    assert TRAFFIC in current.inner_text() and asked.outlet_name in current.inner_text()
    assert c.director.name in current.inner_text()
    assert later.text in screen.locator(".eq-next").inner_text()
    assert serious_violations(screen) == []

    # The answer is recorded; the screen moves on to the next question by itself.
    page.locator(f"#q{asked.pk} summary", has_text="Đã trả lời").click()
    page.locator(f"#q{asked.pk}").get_by_label("Nội dung trả lời").fill(
        "Sở công bố phương án phân luồng trước ngày 20 tháng Chạp."
    )
    page.get_by_role("button", name="Ghi nhận đã trả lời").click()
    page.locator(".eq-history li", has_text="Sở công bố phương án").wait_for()
    screen.locator(".eq-current", has_text=later.text).wait_for()
    answered = EventQuestion.objects.get(pk=asked.pk)
    assert answered.state == QuestionState.ANSWERED and answered.answered_at is not None
    assert answered.speaker == c.director and answered.answer.startswith("Sở công bố")

    # The journalist reads the answer on their page.
    login(c.reporter)
    page.goto(live_server.url + reverse("events_questions:ask", args=[c.event.slug]))
    assert "Sở công bố phương án" in page.locator(f"#cau-hoi-{asked.pk}").inner_text()
    assert serious_violations(page) == []
