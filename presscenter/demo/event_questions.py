"""The demo's moderated question queue for a press conference: journalists' questions in every
state (waiting, approved and given to a speaker, a near-duplicate merged, one left out, one
answered in the room), all through presscenter.events.questions. The events demo calls
`seed_questions` for an event that takes questions (upcoming or under way, on the story's clock)."""

from collections.abc import Sequence
from typing import Any

from presscenter.events import questions
from presscenter.events.models import Event, EventQuestion

# (text, what the moderator does: "wait", "approve", "merge", "reject", "answer")
QUESTIONS = [
    (
        "Phương án phân luồng giao thông quanh hồ Hoàn Kiếm trong những ngày Tết Nguyên đán năm nay ra sao?",
        "answer",
    ),
    ("Số chuyến xe buýt tăng cường dịp Tết là bao nhiêu, có tuyến nào chạy xuyên đêm không?", "approve"),
    ("phan luong giao thong quanh ho hoan kiem dip tet nhu the nao a?", "merge"),
    ("Khi nào cầu vượt Mai Dịch thông xe trở lại sau đợt sửa chữa khe co giãn?", "approve"),
    ("Sở có kế hoạch xử lý tình trạng xe dù, bến cóc quanh bến xe Giáp Bát dịp cao điểm không?", "wait"),
    ("Xin hỏi giá vé tàu Tết năm nay của ngành đường sắt?", "reject"),
    ("Bãi đỗ xe tạm quanh các điểm bắn pháo hoa đêm Giao thừa được bố trí ở đâu?", "wait"),
]
ANSWER = (
    "Sở Giao thông Vận tải công bố phương án phân luồng trước ngày 20 tháng Chạp; các tuyến phố quanh hồ "
    "cấm xe cơ giới từ 19 giờ đêm 30 Tết đến 2 giờ sáng mùng 1."
)
REASON = "Giá vé tàu thuộc thẩm quyền của Tổng công ty Đường sắt Việt Nam, không thuộc nội dung buổi họp báo."


def seed_questions(event: Event, journalists: Sequence[Any], moderator: Any) -> list[EventQuestion]:
    """Ask, then moderate, the demo's questions at `event` (the journalists must be accredited;
    the moderator one of the organiser's staff or the centre's). Returns the questions asked."""
    speakers = list(event.speakers.all())
    asked: list[EventQuestion] = []
    for n, (text, _action) in enumerate(QUESTIONS):
        asked.append(questions.submit(journalists[n % len(journalists)], event, text))
    first = asked[0]
    for question, (_text, action) in zip(asked, QUESTIONS, strict=True):
        if action in ("approve", "answer"):
            question = questions.approve(moderator, question)
            if speakers:
                questions.assign(
                    moderator, question, speakers[len(asked) % len(speakers) if action == "approve" else 0]
                )
        elif action == "merge":
            questions.merge(moderator, question, first)
        elif action == "reject":
            questions.reject(moderator, question, REASON)
    questions.move(moderator, asked[3], "up")  # the bridge before the buses: the moderator's order
    questions.mark_answered(moderator, first, ANSWER)
    return asked
