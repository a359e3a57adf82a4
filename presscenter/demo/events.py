"""The demo's events: the centre's building and rooms, an outside venue, press conferences of the
city's agencies (past and coming), a forum with several sessions and speakers, a postponed and a
cancelled event, and one for invited guests only. Written for the project; the people are
invented. Each step runs through the domain functions on the story's clock (see seed.py)."""

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from presscenter.accounts.models import User
from presscenter.demo import people
from presscenter.events import domain
from presscenter.events.models import Event, EventMode, EventType, Room, Venue, Visibility
from presscenter.orgs.models import Organisation
from presscenter.releases.models import Topic

Step = tuple[dt.datetime, Callable[[], None]]

CENTRE = ("Trung tâm Báo chí Thủ đô", "Số 2 phố Lê Thạch, phường Hoàn Kiếm, Hà Nội")
# name, seats
ROOMS = [("Hội trường lớn", 300), ("Phòng họp báo 1", 120), ("Phòng họp báo 2", 60), ("Phòng tọa đàm", 40)]
OUTSIDE = ("Cung Văn hóa Hữu nghị Việt Xô", "91 Trần Hưng Đạo, phường Cửa Nam, Hà Nội")


@dataclass(frozen=True)
class DemoSession:
    title: str
    start: str  # HH:MM on the event's day
    end: str
    room: str | None = None
    track: str = ""
    abstract: str = ""


@dataclass(frozen=True)
class DemoEvent:
    desk: str  # people.AGENCY_DESKS key: the agency and its editor
    type: str
    title: str
    summary: str
    agenda: str
    days: int  # from today: negative in the past
    start: str
    end: str
    room: str | None = None
    outside: bool = False
    mode: str = EventMode.IN_PERSON
    livestream_url: str = ""
    topics: tuple[str, ...] = ()
    seats: int = 0
    confirmed: bool = True
    visibility: str = Visibility.PUBLIC
    # (name, position, organisation slug or "", session title or "")
    speakers: tuple[tuple[str, str, str, str], ...] = ()
    sessions: tuple[DemoSession, ...] = ()
    postponed_to: int | None = None  # days from today of the new date (with the reason)
    postponed_reason: str = ""
    cancelled_reason: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


EVENTS = [
    DemoEvent(
        desk="vanphong", type=EventType.PRESS_CONFERENCE,
        title="Họp báo định kỳ của Chính quyền thành phố Hà Nội quý III",
        summary="Thông tin kết quả phát triển kinh tế – xã hội 9 tháng và nhiệm vụ trọng tâm quý IV.",
        agenda="<ul><li>Báo cáo kết quả 9 tháng</li><li>Trả lời câu hỏi của báo chí</li></ul>",
        days=-24, start="15:00", end="16:30", room="Hội trường lớn", topics=("kinh-te-dau-tu",), seats=150,
        speakers=(("", "", "van-phong-ubnd", ""), ("Ông Trần Quốc Hưng", "Phó Giám đốc Sở Tài chính", "so-tai-chinh", "")),
    ),
    DemoEvent(
        desk="yte", type=EventType.PRESS_CONFERENCE,
        title="Họp báo thông tin công tác phòng, chống dịch sốt xuất huyết",
        summary="Tình hình dịch, kết quả phun hóa chất diệt muỗi và khuyến cáo cho người dân.",
        agenda="<p>Sở Y tế thông tin số ca mắc, các ổ dịch đã xử lý và kế hoạch ra quân diệt lăng quăng.</p>",
        days=-9, start="09:00", end="10:30", room="Phòng họp báo 1", topics=("y-te",), seats=80,
        speakers=(("", "", "so-y-te", ""), ("Bà Phạm Thị Thu Trang", "Phó Giám đốc Trung tâm Kiểm soát bệnh tật Hà Nội", "so-y-te", "")),
    ),
    DemoEvent(
        desk="yte", type=EventType.PRESS_CONFERENCE,
        title="Họp báo về chiến dịch tiêm chủng mùa đông cho trẻ em và người cao tuổi",
        summary="Kế hoạch tiêm vắc xin cúm, phế cầu tại 579 trạm y tế xã, phường.",
        agenda="<ol><li>Kế hoạch chiến dịch</li><li>Điểm tiêm và thời gian</li><li>Hỏi đáp</li></ol>",
        days=2, start="09:00", end="10:30", room="Phòng họp báo 1", topics=("y-te",), seats=80,
        speakers=(("", "", "so-y-te", ""), ("Ông Lê Văn Khánh", "Trưởng phòng Nghiệp vụ Y", "so-y-te", "")),
    ),
    DemoEvent(
        desk="xaydung", type=EventType.PRESS_CONFERENCE,
        title="Họp báo về phương án tổ chức giao thông phục vụ thi công ga ngầm tuyến đường sắt số 3",
        summary="Phân luồng quanh các ga ngầm đoạn Kim Mã – Ga Hà Nội trong 18 tháng thi công.",
        agenda="<p>Sơ đồ phân luồng, lộ trình xe buýt thay thế và thời gian rào chắn từng đoạn.</p>",
        days=5, start="14:00", end="15:30", room="Hội trường lớn", mode=EventMode.HYBRID,
        livestream_url="https://truyenhinh.example.vn/truc-tiep/hop-bao-so-xay-dung",
        topics=("giao-thong", "xay-dung-do-thi"), seats=120, confirmed=False,
        speakers=(("", "", "so-xay-dung", ""), ("Ông Nguyễn Hoàng Long", "Phó Trưởng ban Quản lý đường sắt đô thị Hà Nội", "ban-ql-duong-sat-do-thi", "")),
    ),
    DemoEvent(
        desk="khcn", type=EventType.FORUM,
        title="Diễn đàn Chuyển đổi số Thủ đô 2026: dữ liệu mở phục vụ người dân",
        summary="Một ngày trao đổi giữa chính quyền, doanh nghiệp công nghệ và báo chí về dữ liệu mở.",
        agenda="<p>Khai mạc, hai phiên chuyên đề song song buổi sáng và phiên đối thoại toàn thể buổi chiều.</p>",
        days=9, start="08:00", end="16:30", room="Hội trường lớn", topics=("chuyen-doi-so",), seats=200,
        sessions=(
            DemoSession("Phiên khai mạc", "08:00", "09:30", track="Toàn thể",
                        abstract="Phát biểu khai mạc và công bố Cổng dữ liệu mở của thành phố."),
            DemoSession("Phiên chuyên đề 1: Dữ liệu mở và dịch vụ công trực tuyến", "09:45", "11:30", "Phòng họp báo 1",
                        track="Dữ liệu", abstract="Những bộ dữ liệu đầu tiên và cách người dân, doanh nghiệp dùng chúng."),
            DemoSession("Phiên chuyên đề 2: An toàn thông tin cho chính quyền cơ sở", "09:45", "11:30", "Phòng họp báo 2",
                        track="An toàn thông tin", abstract="Kinh nghiệm bảo vệ hệ thống của phường, xã sau sắp xếp."),
            DemoSession("Phiên đối thoại: Doanh nghiệp công nghệ cùng thành phố", "13:30", "16:30", track="Toàn thể",
                        abstract="Doanh nghiệp đặt câu hỏi, lãnh đạo các sở trả lời trực tiếp."),
        ),
        speakers=(
            ("Ông Hà Minh Đức", "Giám đốc Sở Khoa học và Công nghệ", "so-khoa-hoc-cong-nghe", "Phiên khai mạc"),
            ("Bà Trịnh Thu Hà", "Trưởng phòng Dữ liệu số", "so-khoa-hoc-cong-nghe", "Phiên chuyên đề 1: Dữ liệu mở và dịch vụ công trực tuyến"),
            ("Ông Vương Đình Tuấn", "Phó Chánh Văn phòng UBND Thành phố", "van-phong-ubnd", "Phiên chuyên đề 1: Dữ liệu mở và dịch vụ công trực tuyến"),
            ("Thượng tá Lưu Quang Vinh", "Phó Trưởng phòng An ninh mạng", "cong-an-ha-noi", "Phiên chuyên đề 2: An toàn thông tin cho chính quyền cơ sở"),
            ("Bà Nghiêm Thị Lan", "Chủ tịch UBND phường Hoàn Kiếm", "phuong-hoan-kiem", "Phiên chuyên đề 2: An toàn thông tin cho chính quyền cơ sở"),
            ("Ông Hà Minh Đức", "Giám đốc Sở Khoa học và Công nghệ", "so-khoa-hoc-cong-nghe", "Phiên đối thoại: Doanh nghiệp công nghệ cùng thành phố"),
        ),
    ),
    DemoEvent(
        desk="giaoduc", type=EventType.PRESS_CONFERENCE,
        title="Họp báo công bố phương án tuyển sinh vào lớp 10 năm học 2027–2028",
        summary="Số môn thi, thời gian thi và chỉ tiêu dự kiến của các trường công lập.",
        agenda="<p>Công bố phương án và trả lời câu hỏi của phụ huynh gửi qua báo chí.</p>",
        days=4, start="09:30", end="11:00", room="Phòng họp báo 2", topics=("giao-duc",), seats=50,
        speakers=(("", "", "so-giao-duc-dao-tao", ""),),
        postponed_to=11, postponed_reason="Chờ Bộ Giáo dục và Đào tạo ban hành quy chế tuyển sinh sửa đổi.",
    ),
    DemoEvent(
        desk="vanhoa", type=EventType.DIALOGUE,
        title="Tọa đàm: Phát huy giá trị phố cổ trong phát triển công nghiệp văn hóa",
        summary="Nhà nghiên cứu, nghệ nhân và doanh nghiệp bàn về không gian sáng tạo trong phố cổ.",
        agenda="<p>Ba tham luận và thảo luận mở.</p>",
        days=6, start="14:00", end="16:00", room="Phòng tọa đàm", topics=("van-hoa-du-lich",), seats=30,
        cancelled_reason="Nội dung tọa đàm được lồng ghép vào Diễn đàn Văn hóa Thủ đô tháng tới; Sở sẽ thông báo lịch mới.",
    ),
    DemoEvent(
        desk="congan", type=EventType.PRESS_CONFERENCE,
        title="Gặp mặt báo chí về bảo đảm an ninh, trật tự dịp cuối năm",
        summary="Dành cho phóng viên theo dõi lĩnh vực an ninh, trật tự được mời.",
        agenda="<p>Thông tin các chuyên án và phương án bảo vệ các sự kiện đón năm mới.</p>",
        days=12, start="08:30", end="10:00", room="Phòng họp báo 2", topics=("an-ninh-trat-tu",), seats=40,
        visibility=Visibility.INVITED, speakers=(("", "", "cong-an-ha-noi", ""),),
    ),
    DemoEvent(
        desk="moitruong", type=EventType.SEMINAR,
        title="Hội thảo giải pháp giảm ô nhiễm không khí mùa đông",
        summary="Quan trắc, đốt rơm rạ, bụi công trình: các giải pháp cho mùa đông năm nay.",
        agenda="<p>Báo cáo quan trắc, tham luận của các chuyên gia và doanh nghiệp môi trường.</p>",
        days=15, start="08:30", end="11:30", outside=True, topics=("moi-truong",), seats=60,
        speakers=(("", "", "so-nong-nghiep-moi-truong", ""), ("PGS.TS Hoàng Xuân Cơ", "Chuyên gia môi trường", "", "")),
    ),
]  # fmt: skip


def seed_places(operator: User) -> None:
    """The centre's building and its rooms, and one outside venue (before any event)."""
    centre = domain.save_venue(operator, name=CENTRE[0], address=CENTRE[1], is_centre=True)
    for name, seats in ROOMS:
        domain.save_room(operator, venue=centre, name=name, capacity=seats)
    domain.save_venue(operator, name=OUTSIDE[0], address=OUTSIDE[1])


def _at(today: dt.datetime, days: int, clock: str) -> dt.datetime:
    hours, minutes = (int(part) for part in clock.split(":"))
    return today + dt.timedelta(days=days, hours=hours, minutes=minutes)


class EventStory:
    def __init__(self, cast: dict[str, User], now: dt.datetime):
        self.cast = cast
        self.now = now
        self.today = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)

    def _editor(self, entry: DemoEvent) -> User:
        return self.cast[people.editor_of(entry.desk)]

    def _room(self, name: str | None) -> Room | None:
        return Room.objects.get(name=name, venue__is_centre=True) if name else None

    def create(self, entry: DemoEvent) -> None:
        editor = self._editor(entry)
        starts, ends = _at(self.today, entry.days, entry.start), _at(self.today, entry.days, entry.end)
        event = domain.create_event(
            editor,
            organiser=Organisation.objects.get(slug=people.AGENCY_DESKS[entry.desk][0]),
            allow_past=entry.days < 0,
            topics=list(Topic.objects.filter(slug__in=entry.topics)),
            type=entry.type, title=entry.title, summary=entry.summary, agenda=entry.agenda,
            starts_at=starts, ends_at=ends, mode=entry.mode, livestream_url=entry.livestream_url,
            room=self._room(entry.room), venue=Venue.objects.get(name=OUTSIDE[0]) if entry.outside else None,
            visibility=entry.visibility, capacity=entry.seats, registration_closes_at=starts - dt.timedelta(hours=12),
        )  # fmt: skip
        sessions = {}
        for part in entry.sessions:
            sessions[part.title] = domain.add_session(
                editor, event, title=part.title, track=part.track, abstract=part.abstract,
                starts_at=_at(self.today, entry.days, part.start), ends_at=_at(self.today, entry.days, part.end),
                room=self._room(part.room),
            )  # fmt: skip
        for name, position, slug, session in entry.speakers:
            organisation = Organisation.objects.get(slug=slug) if slug else None
            if not name and organisation is not None:  # the agency's spokesperson (organisations.csv)
                name = organisation.spokesperson_name or organisation.name
                position = organisation.spokesperson_title or position
            domain.add_speaker(
                editor, event, name=name, position_title=position, organisation=organisation,
                session=sessions.get(session),
            )  # fmt: skip

    def confirm(self, entry: DemoEvent) -> None:
        domain.confirm(self._editor(entry), Event.objects.get(title=entry.title))

    def postpone(self, entry: DemoEvent) -> None:
        assert entry.postponed_to is not None
        starts = _at(self.today, entry.postponed_to, entry.start)
        ends = _at(self.today, entry.postponed_to, entry.end)
        event = Event.objects.get(title=entry.title)
        domain.postpone(self._editor(entry), event, reason=entry.postponed_reason, starts_at=starts, ends_at=ends)

    def cancel(self, entry: DemoEvent) -> None:
        domain.cancel(self._editor(entry), Event.objects.get(title=entry.title), reason=entry.cancelled_reason)

    def steps(self) -> Iterator[Step]:
        for entry in EVENTS:
            starts = _at(self.today, entry.days, entry.start)
            # Announced some days ahead (today's past events were announced before the demo's now).
            created = min(starts - dt.timedelta(days=10), self.now - dt.timedelta(days=2, hours=entry.days % 5))
            yield created, self._run(self.create, entry)
            if entry.confirmed and not entry.cancelled_reason:
                yield (
                    min(starts - dt.timedelta(days=3), self.now - dt.timedelta(hours=20)),
                    self._run(self.confirm, entry),
                )
            if entry.postponed_to is not None:
                yield self.now - dt.timedelta(hours=6), self._run(self.postpone, entry)
            if entry.cancelled_reason:
                yield self.now - dt.timedelta(hours=4), self._run(self.cancel, entry)

    @staticmethod
    def _run(action: Callable[[DemoEvent], None], entry: DemoEvent) -> Callable[[], None]:
        return lambda: action(entry)


def steps(cast: dict[str, User], now: dt.datetime) -> Iterator[Step]:
    yield from EventStory(cast, now).steps()
