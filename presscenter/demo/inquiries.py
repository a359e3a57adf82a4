"""The demo's questions and feedback: categories, routing rules and deadlines as the centre would
configure them, two months of routing history, and questions open today in every state, all
through the domain functions on the story's clock (see seed.py)."""

import datetime as dt
import random
from collections.abc import Callable, Iterator
from typing import Any

from django.utils import timezone

from presscenter.accounts.models import User
from presscenter.demo import people
from presscenter.demo.inquiry_texts import HISTORY, OPEN_NOW, TEENCODE
from presscenter.inquiries import domain
from presscenter.inquiries.models import (
    Audience,
    Category,
    DeadlinePolicy,
    DeadlineUnit,
    DecisionSource,
    Inquiry,
    Notice,
    RoutingRule,
    RoutingSettings,
)
from presscenter.orgs.models import Organisation
from presscenter.releases.models import Topic
from presscenter.text.fold import fold

Step = tuple[dt.datetime, Callable[[], None]]

# code, name, English name, audience, needs a location, group
CATEGORIES = [
    ("ha-tang-giao-thong", "Hạ tầng giao thông", "Roads and transport infrastructure", Audience.BOTH, True, "Đô thị"),
    ("chieu-sang-cong-cong", "Chiếu sáng công cộng", "Street lighting", Audience.PUBLIC, True, "Đô thị"),
    ("trat-tu-do-thi", "Trật tự đô thị, vỉa hè", "Public order on streets and pavements", Audience.BOTH, True, "Đô thị"),
    ("moi-truong-ve-sinh", "Môi trường, vệ sinh", "Environment and sanitation", Audience.BOTH, True, "Môi trường"),
    ("dat-dai", "Đất đai", "Land", Audience.BOTH, False, "Môi trường"),
    ("y-te", "Y tế, an toàn thực phẩm", "Health and food safety", Audience.BOTH, False, "Xã hội"),
    ("giao-duc", "Giáo dục", "Education", Audience.BOTH, False, "Xã hội"),
    ("an-ninh-trat-tu", "An ninh, trật tự", "Public security and order", Audience.BOTH, False, "An ninh"),
    ("van-hoa-du-lich", "Văn hóa, du lịch, thể thao", "Culture, tourism and sports", Audience.BOTH, False, "Xã hội"),
    ("thu-tuc-hanh-chinh", "Thủ tục hành chính, cán bộ", "Administrative procedures and officials", Audience.BOTH, False, "Hành chính"),
    ("chuyen-doi-so", "Chuyển đổi số, dịch vụ công", "Digital services", Audience.BOTH, False, "Hành chính"),
    ("thong-tin-du-an", "Thông tin dự án, chính sách", "Projects and policies", Audience.PRESS, False, "Báo chí"),
]  # fmt: skip

# category → the agency that answers it anywhere in the city.
CITY_RULES = {
    "ha-tang-giao-thong": "so-xay-dung",
    "chieu-sang-cong-cong": "so-xay-dung",
    "trat-tu-do-thi": "so-xay-dung",
    "moi-truong-ve-sinh": "so-nong-nghiep-moi-truong",
    "dat-dai": "so-nong-nghiep-moi-truong",
    "y-te": "so-y-te",
    "giao-duc": "so-giao-duc-dao-tao",
    "an-ninh-trat-tu": "cong-an-ha-noi",
    "van-hoa-du-lich": "so-van-hoa-the-thao",
    "thu-tuc-hanh-chinh": "so-noi-vu",
    "chuyen-doi-so": "so-khoa-hoc-cong-nghe",
}
# category → the demo topic its questions are about (published answers carry it).
TOPIC_OF = {
    "ha-tang-giao-thong": "giao-thong",
    "chieu-sang-cong-cong": "xay-dung-do-thi",
    "trat-tu-do-thi": "xay-dung-do-thi",
    "moi-truong-ve-sinh": "moi-truong",
    "dat-dai": "moi-truong",
    "y-te": "y-te",
    "giao-duc": "giao-duc",
    "an-ninh-trat-tu": "an-ninh-trat-tu",
    "van-hoa-du-lich": "van-hoa-du-lich",
    "thu-tuc-hanh-chinh": "cai-cach-hanh-chinh",
    "chuyen-doi-so": "chuyen-doi-so",
    "thong-tin-du-an": "xay-dung-do-thi",
}
# Order on Hoàn Kiếm's streets is the ward's own business.
WARD_RULES = [("trat-tu-do-thi", "phuong-hoan-kiem", "phuong-hoan-kiem")]
# (category or None, priority, amount, unit)
DEADLINES: list[tuple[str | None, str, int, str]] = [
    (None, "normal", 5, DeadlineUnit.WORKING_DAYS),
    (None, "urgent", 8, DeadlineUnit.WORKING_HOURS),
    ("thong-tin-du-an", "normal", 2, DeadlineUnit.WORKING_DAYS),
    ("an-ninh-trat-tu", "urgent", 4, DeadlineUnit.WORKING_HOURS),
]
DESK_OF = {slug: desk for desk, (slug, _name) in people.AGENCY_DESKS.items()}
CITIZENS = ["Nguyễn Văn Bình", "Trần Thị Mai", "Lê Quang Huy", "Phạm Thị Lan", "Hoàng Minh Đức", "Vũ Thu Trang"]
ANSWER = (
    "<p>{agency} đã tiếp nhận và kiểm tra nội dung phản ánh. Đơn vị chức năng đã xử lý tại hiện "
    "trường và sẽ tiếp tục theo dõi. Cảm ơn bạn đã thông tin.</p>"
)
REPLIES = {
    "thời gian thông xe cầu trần hưng đạo": (
        "<p>Dự án cầu Trần Hưng Đạo đã hoàn thành giải phóng mặt bằng phía quận Long Biên cũ; "
        "phần cầu chính dự kiến hợp long trong quý III/2027 và thông xe trước ngày 2/9/2027.</p>"
        "<p>Trong thời gian thi công, giao thông được phân luồng theo thông báo của Sở Xây dựng.</p>"
    ),
    "số ca sốt xuất huyết tuần qua": (
        "<p>Tuần qua toàn thành phố ghi nhận 214 ca sốt xuất huyết, giảm 12 % so với tuần trước; "
        "18 ổ dịch đang hoạt động được phun hóa chất hai vòng.</p>"
    ),
}


def seed_configuration() -> dict[str, Category]:
    categories = {}
    for position, (code, name, name_en, audience, needs_location, group) in enumerate(CATEGORIES):
        categories[code] = Category.objects.create(
            code=code, name=name, name_en=name_en, audience=audience,
            needs_location=needs_location, group=group, position=position,
        )  # fmt: skip
    orgs = {org.slug: org for org in Organisation.objects.all()}
    for code, slug in CITY_RULES.items():
        RoutingRule.objects.create(category=categories[code], organisation=orgs[slug])
    for code, area, slug in WARD_RULES:
        RoutingRule.objects.create(category=categories[code], area=orgs[area], organisation=orgs[slug])
    for category_code, priority, amount, unit in DEADLINES:
        category = categories[category_code] if category_code else None
        DeadlinePolicy.objects.create(category=category, priority=priority, amount=amount, unit=unit)
    RoutingSettings.objects.create()
    return categories


def _teencode(text: str) -> str:
    for word, short in TEENCODE.items():
        text = text.replace(word, short)
    return fold(text)


def _split(text: str) -> tuple[str, str]:
    subject, body = text.split("\n", 1)
    return subject, body


class InquiryStory:
    """Builds the steps of every demo question; seed.py plays them in time order with the rest."""

    def __init__(self, cast: dict[str, User], categories: dict[str, Category], now: dt.datetime):
        self.cast = cast
        self.categories = categories
        self.now = now
        self.operator = cast[people.CENTER_OPERATOR.username]
        self.orgs = {org.slug: org for org in Organisation.objects.all()}
        self.random = random.Random(2026)  # the same story every time
        self.made: dict[int, Inquiry] = {}
        self.topics = {topic.slug: topic for topic in Topic.objects.all()}

    def _desk(self, slug: str) -> tuple[User, User]:
        desk = DESK_OF[slug]
        return self.cast[people.editor_of(desk)], self.cast[people.spokesperson_of(desk)]

    def _asker_fields(self, asker: str, n: int) -> tuple[User | None, dict[str, Any]]:
        if asker == "citizen":
            name = CITIZENS[n % len(CITIZENS)]
            return None, {"asker_name": name, "asker_email": f"nguoidan{n}@example.com", "asker_phone": f"09{n:08d}"}
        user = self.cast[asker]
        fields: dict[str, Any] = {}
        if user.role == "journalist":
            fields["asker_outlet"] = "Báo Tin tức Thủ đô (demo)"
        return user, fields

    def _ask(self, key: int, asker: str, category: str, text: str, publish: bool, kind: str | None = None) -> None:
        user, fields = self._asker_fields(asker, key)
        subject, body = _split(text)
        if kind is None:
            kind = "question" if user is not None and user.role == "journalist" else "feedback"
        self.made[key] = domain.ask(
            user, kind=kind, subject=subject, text=body, category=self.categories[category],
            topic=self.topics[TOPIC_OF[category]], publish_allowed=publish, **fields,
        )  # fmt: skip

    def _route(self, key: int, slug: str, source: str = DecisionSource.OPERATOR) -> None:
        suggested = self.orgs[slug] if source == DecisionSource.OPERATOR else None
        self.made[key] = domain.route(
            self.operator, self.made[key], self.orgs[slug], source=source, suggested=suggested
        )

    def _answer(self, key: int, slug: str, body: str) -> None:
        editor, spokesperson = self._desk(slug)
        draft = domain.save_answer(editor, self.made[key], body)
        domain.submit_answer(editor, draft)
        domain.approve_answer(spokesperson, draft)

    def _draft_for_review(self, key: int, slug: str, body: str) -> None:
        editor, _spokesperson = self._desk(slug)
        domain.submit_answer(editor, domain.save_answer(editor, self.made[key], body))

    def _rate(self, key: int, asker: str) -> None:
        inquiry = Inquiry.objects.get(pk=self.made[key].pk)
        if inquiry.asker_id is not None:
            domain.rate(inquiry.asker, inquiry, self.random.choice([3, 4, 4, 5, 5]))

    def history(self) -> Iterator[Step]:
        """Each history text asked once or twice over the past two months (sometimes typed in a
        hurry), routed by an operator and answered, some of them late."""
        key = 0
        for slug, entries in HISTORY.items():
            for category, text in entries:
                for variant in range(self.random.choice([1, 1, 2, 3])):
                    key += 1
                    typed = (
                        text
                        if variant == 0
                        else "\n".join(_teencode(part) if variant == 1 else fold(part) for part in _split(text))
                    )
                    asked = self.now - dt.timedelta(days=self.random.randint(8, 60), hours=self.random.randint(0, 10))
                    routed = asked + dt.timedelta(hours=self.random.randint(1, 6))
                    answered = routed + dt.timedelta(hours=self.random.choice([5, 20, 30, 50, 80, 120, 200]))
                    asker = self.random.choice(["citizen", "citizen", "citizen", "nguoidan"])
                    yield asked, _bind(self._ask, key, asker, category, typed, False)
                    yield routed, _bind(self._route, key, slug)
                    agency = self.orgs[slug].name
                    if answered > self.now - dt.timedelta(hours=4):
                        continue  # still being worked on today
                    yield answered, _bind(self._answer, key, slug, ANSWER.format(agency=agency))
                    if asker == "nguoidan":
                        yield answered + dt.timedelta(hours=3), _bind(self._rate, key, asker)

    def open_now(self) -> Iterator[Step]:
        """Today's questions, one in each interesting state."""
        for n, (asker, slug, category, state, text, publish, days) in enumerate(OPEN_NOW):
            key = 10_000 + n
            asked = self.now - dt.timedelta(days=days, hours=2 if days else 0, minutes=30)
            yield asked, _bind(self._ask, key, asker, category, text, publish)
            if state == "new":
                continue
            if state == "rejected":
                yield asked + dt.timedelta(hours=1), _bind(self._reject, key)
                continue
            routed = asked + dt.timedelta(hours=1)
            yield routed, _bind(self._route, key, slug)
            reply = REPLIES.get(_split(text)[0].lower(), ANSWER.format(agency=self.orgs[slug].name))
            if state == "answered":
                yield routed + dt.timedelta(days=1), _bind(self._answer, key, slug, reply)
            elif state == "in_review":
                yield routed + dt.timedelta(hours=20), _bind(self._draft_for_review, key, slug, reply)
            elif state == "waiting":
                yield routed + dt.timedelta(hours=5), _bind(self._request_info, key, slug)
            elif state == "overdue":
                yield routed + dt.timedelta(hours=3), _bind(self._assign, key, slug)

    def _reject(self, key: int) -> None:
        domain.reject(self.operator, self.made[key], "Nội dung quảng cáo, không phải phản ánh hay câu hỏi.")

    def _request_info(self, key: int, slug: str) -> None:
        editor, _spokesperson = self._desk(slug)
        domain.request_info(
            editor, self.made[key], "Đề nghị bạn gửi ảnh chụp hiện trạng và khung giờ thường xảy ra lấn chiếm."
        )

    def _assign(self, key: int, slug: str) -> None:
        editor, spokesperson = self._desk(slug)
        domain.assign(spokesperson, self.made[key], editor)


def _bind(function: Callable[..., None], *args: Any) -> Callable[[], None]:
    return lambda: function(*args)


def steps(cast: dict[str, User], categories: dict[str, Category], now: dt.datetime) -> Iterator[Step]:
    story = InquiryStory(cast, categories, now)
    yield from story.history()
    yield from story.open_now()


def mark_history_sent(now: dt.datetime | None = None) -> None:
    """Notices of the past were delivered then: the worker must not send two months of them."""
    moment = now or timezone.now()
    Notice.objects.filter(sent_at__isnull=True, created_at__lt=moment - dt.timedelta(hours=1)).update(sent_at=moment)
