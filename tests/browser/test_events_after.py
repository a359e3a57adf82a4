"""After a press conference, in a real browser: the editor drafts the record from the event's
workspace page, a spokesperson approves it, and the public event page shows the record and its
media kit without serious accessibility violations."""

from typing import Any

import pytest
from django.urls import reverse

from presscenter.accounts.models import Role
from presscenter.events.models import EventQuestion, QuestionState
from presscenter.releases import domain as releases
from presscenter.releases.attachments import add_attachment
from tests import factories
from tests.browser.test_accessibility import serious_violations
from tests.events.after_helpers import held_event
from tests.events.factories import accredited_journalist, organiser_and_officer
from tests.workspace import files

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_record_of_a_press_conference_from_draft_to_event_page(page: Any, login: Any, walk: Any):
    health, editor = organiser_and_officer(name="Sở Y tế Hà Nội")
    spokesperson = factories.user(Role.SPOKESPERSON, health)
    held = held_event(editor, title="Họp báo về phòng chống sốt xuất huyết")
    EventQuestion.objects.create(
        event=held, author=accredited_journalist(), outlet_name="Báo Hà Nội Mới", state=QuestionState.ANSWERED,
        text="Số ca mắc tuần này là bao nhiêu?", answer="Tuần này có 312 ca, giảm 8%.",
    )  # fmt: skip
    login(editor)
    walk("after-event-work", reverse("events_work:detail", args=[held.pk]))
    page.get_by_role("link", name="Soạn biên bản / nội dung họp báo").click()
    assert "Số ca mắc tuần này là bao nhiêu?" in page.locator("main").inner_text()
    assert serious_violations(page) == []
    page.get_by_role("button", name="Tạo bản nháp").click()
    page.get_by_text("Hãy soát lại, thêm hình ảnh, tài liệu rồi gửi duyệt.").wait_for()
    walk("after-event-draft")
    item = held.outcome_items.get()
    assert "Tuần này có 312 ca, giảm 8%." in item.body

    add_attachment(editor, item, files.png("Toàn cảnh.png"), alt_text="Toàn cảnh họp báo", credit="Minh Anh")
    releases.submit(editor, item)
    releases.approve(spokesperson, item)
    walk("after-event-public", reverse("events_public:event", args=[held.slug]))
    main = page.locator("main").inner_text()
    assert "Nội dung đã công bố" in main and "Tài liệu, hình ảnh" in main and "Ảnh: Minh Anh" in main
    assert serious_violations(page) == []
