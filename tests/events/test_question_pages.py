"""The question pages: who gets which page (the permission matrix), what each shows, the HTMX
actions, and query counts that do not grow with the queue."""

import pytest
from django.test import Client
from django.urls import reverse

from presscenter.events import questions
from presscenter.events.models import EventQuestion, QuestionState, Visibility
from tests.events.factories import event
from tests.events.question_helpers import Cast, cast

pytestmark = pytest.mark.django_db

TRAFFIC = "Phương án phân luồng giao thông quanh hồ Hoàn Kiếm dịp Tết Nguyên đán năm nay ra sao?"


def signed_in(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def c() -> Cast:
    return cast()


def _pages(c: Cast, question: EventQuestion) -> dict[str, tuple[str, str]]:
    pk = c.event.pk
    return {
        "ask": ("get", reverse("events_questions:ask", args=[c.event.slug])),
        "moderate": ("get", reverse("events_questions:moderate", args=[pk])),
        "queue": ("get", reverse("events_questions:queue", args=[pk])),
        "screen": ("get", reverse("events_questions:screen", args=[pk])),
        "screen_part": ("get", reverse("events_questions:screen_part", args=[pk])),
        "approve": ("post", reverse("events_questions:act", args=[pk, question.pk, "duyet"])),
    }


# who → page → expected status (302: to the login page)
MATRIX = {
    "anonymous": {"ask": 302, "moderate": 302, "queue": 302, "screen": 302, "screen_part": 302, "approve": 302},
    "reporter": {"ask": 200, "moderate": 403, "queue": 403, "screen": 403, "screen_part": 403, "approve": 403},
    "unaccredited": {"ask": 200, "moderate": 403, "queue": 403, "screen": 403, "screen_part": 403, "approve": 403},
    "citizen": {"ask": 200, "moderate": 403, "queue": 403, "screen": 403, "screen_part": 403, "approve": 403},
    "outsider": {"ask": 200, "moderate": 403, "queue": 403, "screen": 403, "screen_part": 403, "approve": 403},
    "editor": {"ask": 200, "moderate": 200, "queue": 200, "screen": 200, "screen_part": 200, "approve": 302},
    "operator": {"ask": 200, "moderate": 200, "queue": 200, "screen": 200, "screen_part": 200, "approve": 302},
}


@pytest.mark.parametrize("who", MATRIX)
def test_permission_matrix(c, who):
    question = questions.submit(c.reporter, c.event, TRAFFIC)
    client = signed_in(getattr(c, who, None))
    for page, (method, url) in _pages(c, question).items():
        response = getattr(client, method)(url)
        assert response.status_code == MATRIX[who][page], (who, page, response.status_code)
    approved = EventQuestion.objects.get(pk=question.pk).state == QuestionState.APPROVED
    assert approved == (who in ("editor", "operator"))


def test_an_event_for_invited_guests_is_not_found_by_others(c):
    hidden = event(c.editor, visibility=Visibility.INVITED)
    url = reverse("events_questions:ask", args=[hidden.slug])
    assert signed_in(c.reporter).get(url).status_code == 404
    assert signed_in(c.editor).get(url).status_code == 200


def test_a_journalist_asks_from_the_page_and_sees_the_states(c):
    client = signed_in(c.reporter)
    url = reverse("events_questions:ask", args=[c.event.slug])
    response = client.post(url, {"text": TRAFFIC}, follow=True)
    assert "Đã gửi câu hỏi" in response.content.decode()
    question = EventQuestion.objects.get()
    assert f'href="/hoi-dap/bao-chi/?su-kien={c.event.slug}"' in response.content.decode()
    questions.reject(c.editor, question, "Câu hỏi đã được trả lời trong thông cáo")
    body = client.get(url).content.decode()
    assert "Không đưa vào" in body and "Câu hỏi đã được trả lời trong thông cáo" in body
    refused = client.post(url, {"text": "ngắn"})
    assert refused.status_code == 400 and "quá ngắn" in refused.content.decode()


def test_the_page_tells_an_unaccredited_journalist_why_and_refuses_a_post(c):
    client = signed_in(c.unaccredited)
    url = reverse("events_questions:ask", args=[c.event.slug])
    assert "thẻ tác nghiệp" in client.get(url).content.decode()
    assert client.post(url, {"text": TRAFFIC}).status_code == 403
    assert not EventQuestion.objects.exists()


def test_after_the_event_the_author_sends_an_unanswered_question_to_the_inquiries_app(c):
    question = questions.approve(c.editor, questions.submit(c.reporter, c.event, TRAFFIC))
    type(c.event).objects.filter(pk=c.event.pk).update(starts_at=c.event.starts_at.replace(year=2020),
                                                        ends_at=c.event.ends_at.replace(year=2020))  # fmt: skip
    client = signed_in(c.reporter)
    url = reverse("events_questions:ask", args=[c.event.slug])
    body = client.get(url).content.decode()
    assert "đã kết thúc" in body and "gửi đến cơ quan" in body
    convert = reverse("events_questions:own_to_inquiry", args=[c.event.slug, question.pk])
    assert signed_in(c.colleague).post(convert).status_code == 404  # not theirs
    body = client.post(convert, follow=True).content.decode()
    question.refresh_from_db()
    assert question.inquiry is not None and question.inquiry.code in body


def test_htmx_actions_return_the_queue_with_a_refusal_in_words(c):
    kept = questions.submit(c.reporter, c.event, TRAFFIC)
    dup = questions.submit(c.colleague, c.event, "Phân luồng giao thông quanh hồ Hoàn Kiếm dịp Tết thế nào?")
    client = signed_in(c.editor)
    act = lambda q, action: reverse("events_questions:act", args=[c.event.pk, q.pk, action])  # noqa: E731
    htmx = {"HX-Request": "true"}
    body = client.get(reverse("events_questions:moderate", args=[c.event.pk])).content.decode()
    assert "Có thể trùng với" in body and "Mở màn hình trình chiếu" in body
    response = client.post(act(dup, "gop"), {"kept": kept.pk}, headers=htmx)
    assert response.status_code == 200 and 'id="eq-queue"' in response.content.decode()
    assert EventQuestion.objects.get(pk=dup.pk).merged_into == kept
    refused = client.post(act(kept, "tu-choi"), {"reason": ""}, headers=htmx).content.decode()
    assert 'role="alert"' in refused and EventQuestion.objects.get(pk=kept.pk).state == QuestionState.SUBMITTED
    client.post(act(kept, "duyet"), headers=htmx)
    client.post(act(kept, "giao"), {"speaker": c.director.pk}, headers=htmx)
    screen = client.get(reverse("events_questions:screen_part", args=[c.event.pk])).content.decode()
    assert TRAFFIC in screen and c.director.name in screen and kept.outlet_name in screen
    client.post(act(kept, "da-tra-loi"), {"answer": "Sở công bố phương án trước ngày 20 tháng Chạp."}, headers=htmx)
    assert EventQuestion.objects.get(pk=kept.pk).state == QuestionState.ANSWERED
    assert client.post(act(kept, "khong-co"), headers=htmx).status_code == 404
    other = event(c.editor)
    assert client.post(reverse("events_questions:act", args=[other.pk, kept.pk, "duyet"])).status_code == 404


def test_the_pages_have_no_inline_script_or_style(c):
    questions.submit(c.reporter, c.event, TRAFFIC)
    for user, url in (
        (c.editor, reverse("events_questions:moderate", args=[c.event.pk])),
        (c.editor, reverse("events_questions:screen", args=[c.event.pk])),
        (c.reporter, reverse("events_questions:ask", args=[c.event.slug])),
    ):
        body = signed_in(user).get(url).content.decode()
        assert "<style" not in body and " style=" not in body and "<script>" not in body


# Query counts ---------------------------------------------------------------------------------


def _fill(c: Cast, n: int, start: int = 0) -> None:
    for i in range(start, start + n):
        author = c.reporter if i % 2 else c.colleague
        asked = questions.submit(author, c.event, f"Câu hỏi số {i} về tuyến xe buýt {i * 7} dịp Tết?")
        if i % 3 == 0:
            questions.assign(c.editor, questions.approve(c.editor, asked), c.deputy)
        elif i % 3 == 1 and i > 6:
            questions.mark_answered(c.editor, questions.approve(c.editor, asked), f"Trả lời {i}.")


@pytest.mark.parametrize(
    ("name", "user_attr", "args"),
    [
        ("moderate", "editor", "pk"),
        ("queue", "editor", "pk"),
        ("screen", "operator", "pk"),
        ("screen_part", "operator", "pk"),
        ("ask", "reporter", "slug"),
    ],
)
def test_query_counts_do_not_grow_with_the_questions(c, name, user_attr, args, django_assert_max_num_queries):
    client = signed_in(getattr(c, user_attr))
    url = reverse(f"events_questions:{name}", args=[getattr(c.event, args)])
    _fill(c, 3)
    client.get(url)
    with django_assert_max_num_queries(20) as few:
        assert client.get(url).status_code == 200
    _fill(c, 9, start=3)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200
