"""/api/event-questions: a journalist submits and lists their own; moderators read the queue with
its suggested duplicates and act on it; malformed or refused input is a 4xx, never a 5xx."""

import pytest

from presscenter.events import questions
from presscenter.events.models import EventQuestion, QuestionState, Visibility
from tests.api.conftest import ApiClient, token_for
from tests.events.factories import event
from tests.events.question_helpers import Cast, cast

pytestmark = pytest.mark.django_db

TRAFFIC = "Phương án phân luồng giao thông quanh hồ Hoàn Kiếm dịp Tết Nguyên đán năm nay ra sao?"
BASE = "/api/event-questions"


@pytest.fixture
def c() -> Cast:
    return cast()


def api(user) -> ApiClient:
    return ApiClient(token_for(user, user.organisation))


def test_a_journalist_submits_and_lists_their_own(c):
    reporter = api(c.reporter)
    response = reporter.post(BASE, {"event": c.event.slug, "text": TRAFFIC})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["state"] == "submitted" and body["event"] == c.event.slug and body["text"] == TRAFFIC
    questions.submit(c.colleague, c.event, "Giá vé xe buýt dịp Tết có tăng không?")
    mine = reporter.get(f"{BASE}/mine", event=c.event.slug).json()
    assert mine["total"] == 1 and mine["results"][0]["id"] == body["id"]


def test_refusals_and_malformed_input_are_4xx(c):
    reporter = api(c.reporter)
    hidden = event(c.editor, visibility=Visibility.INVITED)
    cases = [
        ({"event": c.event.slug, "text": "ngắn"}, 422),
        ({"event": c.event.slug, "text": ""}, 422),
        ({"event": c.event.slug}, 422),
        ({"event": "khong co su kien", "text": TRAFFIC}, 422),
        ({"event": "khong-co-su-kien", "text": TRAFFIC}, 404),
        ({"event": hidden.slug, "text": TRAFFIC}, 404),
        ({"event": c.event.slug, "text": TRAFFIC, "session": 999999}, 422),
        ({"event": c.event.slug, "text": TRAFFIC, "session": "một"}, 422),
        ([1, 2], 422),
    ]
    for payload, status in cases:
        assert reporter.post(BASE, payload).status_code == status, payload
    assert reporter.post(BASE, raw="{not json").status_code == 400
    assert api(c.unaccredited).post(BASE, {"event": c.event.slug, "text": TRAFFIC}).status_code == 403
    assert ApiClient().post(BASE, {"event": c.event.slug, "text": TRAFFIC}).status_code == 401
    assert not EventQuestion.objects.exists()


def test_moderators_read_the_queue_with_duplicates_and_act(c):
    kept = questions.submit(c.reporter, c.event, TRAFFIC)
    dup = questions.submit(c.colleague, c.event, "phan luong giao thong quanh ho hoan kiem dip tet ntn")
    editor = api(c.editor)
    queue = editor.get(f"{BASE}/events/{c.event.pk}/queue").json()
    by_id = {row["id"]: row for row in queue}
    assert [d["id"] for d in by_id[dup.pk]["duplicates"]] == [kept.pk]
    assert api(c.outsider).get(f"{BASE}/events/{c.event.pk}/queue").status_code == 403
    assert api(c.reporter).get(f"{BASE}/events/{c.event.pk}/queue").status_code == 403
    assert editor.get(f"{BASE}/events/999999/queue").status_code == 404

    assert editor.post(f"{BASE}/{dup.pk}/merge", {"kept": kept.pk}).json()["merged_into"] == kept.pk
    assert editor.post(f"{BASE}/{kept.pk}/approve").json()["state"] == "approved"
    assert editor.post(f"{BASE}/{kept.pk}/approve").status_code == 409
    assert editor.post(f"{BASE}/{kept.pk}/assign", {"speaker": c.deputy.pk}).json()["speaker"] == c.deputy.name
    assert editor.post(f"{BASE}/{kept.pk}/assign", {"speaker": 999999}).status_code == 422
    assert editor.post(f"{BASE}/{kept.pk}/move", {"direction": "sideways"}).status_code == 422
    assert editor.post(f"{BASE}/{kept.pk}/move", {"direction": "down"}).status_code == 200
    assert editor.post(f"{BASE}/{kept.pk}/answer", {"answer": ""}).status_code == 422
    answered = editor.post(f"{BASE}/{kept.pk}/answer", {"answer": "Sở công bố phương án trước 20 tháng Chạp."})
    assert answered.json()["state"] == "answered" and answered.json()["answered_at"]
    other = questions.submit(c.reporter, c.event, "Giá vé xe buýt dịp Tết có tăng không?")
    assert api(c.outsider).post(f"{BASE}/{other.pk}/approve").status_code == 403
    assert api(c.reporter).post(f"{BASE}/{other.pk}/reject", {"reason": "x"}).status_code == 403
    assert editor.post(f"{BASE}/{other.pk}/reject", {"reason": ""}).status_code == 422
    assert editor.post(f"{BASE}/{other.pk}/reject", {"reason": "Ngoài chủ đề"}).json()["state"] == "rejected"
    assert editor.post(f"{BASE}/999999/approve").status_code == 404
    assert editor.post(f"{BASE}/0/approve").status_code == 422


def test_a_question_of_an_invisible_event_does_not_exist_for_the_caller(c):
    hidden = event(c.editor, visibility=Visibility.INVITED)
    question = questions.submit(c.reporter, c.event, TRAFFIC)
    EventQuestion.objects.filter(pk=question.pk).update(event=hidden)
    assert api(c.colleague).post(f"{BASE}/{question.pk}/to-inquiry").status_code == 404


def test_the_author_turns_an_approved_question_into_an_inquiry(c):
    question = questions.approve(c.editor, questions.submit(c.reporter, c.event, TRAFFIC))
    assert api(c.colleague).post(f"{BASE}/{question.pk}/to-inquiry").status_code == 403
    response = api(c.reporter).post(f"{BASE}/{question.pk}/to-inquiry")
    assert response.status_code == 200 and response.json()["inquiry"].startswith("HD-")
    assert api(c.reporter).post(f"{BASE}/{question.pk}/to-inquiry").status_code == 409
    assert EventQuestion.objects.get(pk=question.pk).state == QuestionState.APPROVED
