"""The demo's "after the event": the Health department's past press conference on dengue fever
has its questions answered, and the next afternoon its record ("Nội dung họp báo") is drafted
from the event by the editor, given a photo and a chart, and approved by the spokesperson: the
event page shows it with its media kit. Written for the project; the people are invented."""

import datetime as dt
from collections.abc import Callable, Iterator

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from presscenter.accounts.models import User
from presscenter.demo import media, people
from presscenter.events import after
from presscenter.events.models import Event, EventQuestion, QuestionState
from presscenter.releases import domain as releases
from presscenter.releases.attachments import add_attachment

Step = tuple[dt.datetime, Callable[[], None]]

EVENT_TITLE = "Họp báo thông tin công tác phòng, chống dịch sốt xuất huyết"
DESK = "yte"
# question, outlet, the speaker's position in the list (0: the spokesperson), answer
QUESTIONS = [
    (
        "Số ca mắc sốt xuất huyết tuần qua tăng hay giảm so với cùng kỳ năm trước?",
        "Báo Hà Nội Mới",
        0,
        "Tuần qua thành phố ghi nhận 312 ca, giảm 8% so với tuần trước và thấp hơn cùng kỳ năm 2025.\n"
        "Các ổ dịch tập trung ở các phường ven sông Hồng và đã được xử lý trong 48 giờ.",
    ),
    (
        "Hóa chất phun diệt muỗi có đủ cho đợt cao điểm tháng tới không?",
        "Đài Phát thanh và Truyền hình Hà Nội",
        1,
        "Trung tâm Kiểm soát bệnh tật đã dự trữ đủ hóa chất cho ba đợt phun diện rộng; các trạm y tế "
        "xã, phường được cấp máy phun bổ sung.",
    ),
]


def _answer_questions(cast: dict[str, User]) -> None:
    """The questions answered at the press conference, as the moderator recorded them. (The
    questions' own workflow lives in the questions module; the demo records the outcome.)"""
    event = Event.objects.get(title=EVENT_TITLE)
    speakers = list(event.speakers.all())
    journalist = cast[people.PRESS_AND_PUBLIC[0].username]
    now = timezone.now()
    for position, (text, outlet, speaker, answer) in enumerate(QUESTIONS, start=1):
        EventQuestion.objects.create(
            event=event, author=journalist, outlet_name=outlet, text=text, state=QuestionState.ANSWERED,
            position=position, speaker=speakers[speaker] if speaker < len(speakers) else None, answer=answer,
            answered_at=now, created_at=now - dt.timedelta(minutes=40),
        )  # fmt: skip


def _publish_record(cast: dict[str, User]) -> None:
    editor, spokesperson = cast[people.editor_of(DESK)], cast[people.spokesperson_of(DESK)]
    event = Event.objects.get(title=EVENT_TITLE)
    item = after.draft_outcome(editor, event)
    photo = SimpleUploadedFile("toan-canh-hop-bao.png", media.scene_png("#dfe9f3", "#6b8f71", "#c0392b"))
    add_attachment(
        editor, item, photo, caption="Toàn cảnh buổi họp báo tại Phòng họp báo 1", credit="Trung tâm Báo chí Thủ đô",
        alt_text="Các đại biểu Sở Y tế trả lời câu hỏi của phóng viên tại phòng họp báo",
    )  # fmt: skip
    chart = SimpleUploadedFile("so-ca-mac-theo-tuan.png", media.bar_chart_png([410, 380, 339, 312], ["#c0392b"] * 4))
    add_attachment(
        editor, item, chart, caption="Số ca mắc sốt xuất huyết bốn tuần gần nhất",
        alt_text="Biểu đồ cột: 410, 380, 339 và 312 ca mắc trong bốn tuần gần nhất",
    )  # fmt: skip
    releases.submit(editor, item)
    releases.approve(spokesperson, item)


def steps(cast: dict[str, User], now: dt.datetime) -> Iterator[Step]:
    """The dengue press conference was held 9 days ago, 09:00–10:30 (presscenter.demo.events)."""
    day = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0) - dt.timedelta(days=9)
    yield day + dt.timedelta(hours=10, minutes=25), lambda: _answer_questions(cast)
    yield day + dt.timedelta(hours=15), lambda: _publish_record(cast)
