"""Seed the demo: organisation tree, topics, accounts and items, all through the domain functions
(so versions are signed, indexed and audited), in one transaction.

Items are dated over the last two months. Instead of rewriting timestamps afterwards (which would
break signatures), each workflow step runs on a clock set to the moment it happens in the story,
in chronological order, so versions, signatures and the audit chain agree with each other.
"""

import datetime as dt
import html
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from unittest import mock

from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from presscenter.accounts import domain as accounts
from presscenter.accounts.models import Role, User
from presscenter.accounts.twofactor import role_requires
from presscenter.audit.domain import record
from presscenter.authenticity.keys import active_key
from presscenter.authenticity.models import SigningKey
from presscenter.core.errors import DomainError
from presscenter.demo import events as demo_events
from presscenter.demo import events_after as demo_events_after
from presscenter.demo import exhibitions as demo_exhibitions
from presscenter.demo import inquiries, media, people
from presscenter.demo.event_registrations import seed_event_press
from presscenter.demo.press import seed_press
from presscenter.demo.second_factor import seed_second_factor
from presscenter.demo.stories import STORIES, Story
from presscenter.demo.topics import TOPICS
from presscenter.demo.workdays import seed_workdays
from presscenter.orgs.importing import import_organisations
from presscenter.orgs.models import AREA_KINDS, Organisation
from presscenter.releases import domain as releases
from presscenter.releases.attachments import add_attachment
from presscenter.releases.models import Item, Topic

ORGANISATIONS_CSV = Path(__file__).with_name("organisations.csv")
ROOT_SLUG = "ubnd-ha-noi"
DRAFTED_BEFORE = dt.timedelta(minutes=50)
SUBMITTED_BEFORE = dt.timedelta(minutes=20)
WITHDRAWN_AFTER = dt.timedelta(hours=20)


@dataclass(frozen=True)
class DemoFile:
    name: str
    make: Callable[[], bytes]
    caption: str = ""
    credit: str = ""
    alt_text: str = ""


AQI_WEEK = [92, 118, 164, 181, 156, 131, 104]
AQI_COLOURS = ["#ffde33", "#ff9933", "#cc0033", "#cc0033", "#cc0033", "#ff9933", "#ff9933"]
ATTACHMENTS = {
    "aqi-chart": DemoFile(
        "bieu-do-chi-so-aqi-tuan-qua.png",
        lambda: media.bar_chart_png(AQI_WEEK, AQI_COLOURS),
        caption="Chỉ số chất lượng không khí (AQI) trung bình ngày trong tuần qua.",
        credit="Sở Nông nghiệp và Môi trường",
        alt_text="Biểu đồ cột AQI bảy ngày: tăng từ 92 lên 181 vào ngày thứ tư rồi giảm dần còn 104.",
    ),
    "festival-photo": DemoFile(
        "le-hoi-mua-thu-ho-guom.png",
        lambda: media.scene_png("#fde2b6", "#7a9a5b", "#d7263d"),
        caption="Đèn lồng trang trí quanh hồ Hoàn Kiếm dịp Lễ hội Mùa thu (minh họa).",
        credit="Sở Văn hóa và Thể thao",
        alt_text="Hình minh họa: hàng đèn lồng đỏ treo phía trên mặt hồ, nền trời vàng nhạt.",
    ),
    "dengue-poster": DemoFile(
        "phong-chong-sot-xuat-huyet.png",
        lambda: media.scene_png("#e8f4ea", "#2f6f3e", "#1b4965"),
        caption="Tranh cổ động phòng, chống sốt xuất huyết (minh họa).",
        credit="Sở Y tế",
        alt_text="Hình minh họa khu dân cư xanh bên hồ nước sạch, không có vật chứa nước đọng.",
    ),
    "enrolment-plan": DemoFile(
        "phuong-an-tuyen-sinh-lop-10.pdf",
        lambda: media.text_pdf(
            [
                "So Giao duc va Dao tao Ha Noi",
                "Phuong an thi tuyen sinh vao lop 10 (ban demo)",
                "Bai thi: Ngu van, Toan, bai thi thu ba.",
                "Chi tieu tung truong: cong bo cung ke hoach tuyen sinh.",
            ]
        ),
        caption="Toàn văn phương án tuyển sinh (bản PDF).",
    ),
}


@dataclass(frozen=True)
class SeedReport:
    organisations: int
    accounts: int
    items: int


@dataclass(frozen=True)
class Login:
    username: str
    password: str
    role: str
    organisation: str
    second_factor: bool = False


@contextmanager
def clock_at(moment: dt.datetime) -> Iterator[None]:
    """Make `timezone.now()` return `moment` while a workflow step of the story runs. In UTC,
    as the real one: the audit chain hashes the time as written."""
    with mock.patch.object(timezone, "now", return_value=moment.astimezone(dt.UTC)):
        yield


def is_empty() -> bool:
    return not Organisation.objects.exists() and not Item.objects.exists()


def is_seeded() -> bool:
    return Organisation.objects.filter(slug=ROOT_SLUG).exists() and Item.objects.exists()


def logins() -> list[Login]:
    """What `presscenter demo` prints: every demo account with its password."""
    names = dict(Organisation.objects.values_list("slug", "name"))
    roles = dict(Role.choices)
    return [
        Login(
            account.username,
            people.DEMO_PASSWORD,
            str(roles[account.role]),
            names.get(account.organisation or "", ""),
            second_factor=role_requires(account.role),
        )
        for account in people.all_accounts()
    ]


def seed(now: dt.datetime | None = None) -> SeedReport:
    """Seed an empty database. Refuses (DomainError) when there is data already."""
    now = now or timezone.now()
    if not is_empty():
        raise DomainError(_("Cơ sở dữ liệu đã có dữ liệu; không nạp dữ liệu mẫu."))
    timeline = sorted(_events(now), key=lambda event: event[0])
    with transaction.atomic():
        with clock_at(timeline[0][0] - dt.timedelta(days=1)):
            _signing_key()
            import_organisations(None, ORGANISATIONS_CSV.read_bytes())
            Topic.objects.bulk_create([Topic(slug=slug, name=name, name_en=en) for slug, name, en in TOPICS])
            cast = _accounts()
            seed_second_factor(list(cast.values()))
            seed_workdays(cast[people.CENTER_OPERATOR.username])  # before any deadline is computed
            categories = inquiries.seed_configuration()
            demo_events.seed_places(cast[people.CENTER_OPERATOR.username])
        story = Storyteller(cast)
        steps = [(moment, _played(getattr(story, step), entry, moment)) for moment, step, entry in timeline]
        steps += [(moment, _on_clock(moment, run)) for moment, run in inquiries.steps(cast, categories, now)]
        steps += [(moment, _on_clock(moment, run)) for moment, run in demo_events.steps(cast, now)]
        steps += [(moment, _on_clock(moment, run)) for moment, run in demo_events_after.steps(cast, now)]
        for _moment, run in sorted(steps, key=lambda step: step[0]):
            run()
        inquiries.mark_history_sent(now)
        seed_press(cast, cast[people.CENTER_OPERATOR.username])
        demo_exhibitions.seed_exhibition(cast, now, clock_at)
        seed_event_press(cast)
        return SeedReport(Organisation.objects.count(), len(cast), Item.objects.count())


def _played(step: Callable[[Story, dt.datetime], None], entry: Story, moment: dt.datetime) -> Callable[[], None]:
    return lambda: step(entry, moment)


def _on_clock(moment: dt.datetime, run: Callable[[], None]) -> Callable[[], None]:
    """A step of the inquiries' story, run on the story's clock."""

    def played() -> None:
        with clock_at(moment):
            run()

    return played


def _events(now: dt.datetime) -> Iterator[tuple[dt.datetime, str, Story]]:
    today = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    for entry in STORIES:
        if entry.days_ago == 0:
            published = now
        else:
            published = today - dt.timedelta(days=entry.days_ago) + dt.timedelta(hours=entry.hour)
        yield published, "publish", entry
        if entry.revision:
            yield published + dt.timedelta(hours=entry.revision.after_hours), "revise", entry
        if entry.withdrawal_reason:
            yield published + WITHDRAWN_AFTER, "withdraw", entry


def _signing_key() -> None:
    """The center's key predates everything it signs (a fresh database has none yet)."""
    if not SigningKey.objects.exists():
        SigningKey.objects.filter(pk=active_key().pk).update(created_at=timezone.now())


def _accounts() -> dict[str, User]:
    spec = people.CENTER_ADMIN
    admin = User(
        username=spec.username, role=spec.role, full_name=spec.full_name, email=f"{spec.username}@example.com",
        is_staff=True, is_superuser=True,
    )  # fmt: skip
    admin.save()
    record(None, "account.create", admin, summary=admin.username, after=accounts.snapshot(admin))
    organisations = {org.slug: org for org in Organisation.objects.all()}
    cast = {admin.username: admin}
    for spec in people.all_accounts()[1:]:
        org = organisations[spec.organisation] if spec.organisation else None
        full_name = spec.full_name or (org.spokesperson_name if org else "")
        cast[spec.username] = accounts.create_account(
            admin,
            username=spec.username,
            role=spec.role,
            full_name=full_name,
            email=f"{spec.username}@example.com",
            organisation=org,
            accredited=spec.accredited,
        )
    # One shared demo password, hashed once: a password hash costs about a second on purpose.
    User.objects.filter(pk__in=[account.pk for account in cast.values()]).update(
        password=make_password(people.DEMO_PASSWORD)
    )
    return cast


def _paragraphs(paragraphs: tuple[str, ...]) -> str:
    return "".join(f"<p>{html.escape(paragraph)}</p>" for paragraph in paragraphs)


class Storyteller:
    """Plays the timeline: each step through the same domain functions the web pages use."""

    def __init__(self, cast: dict[str, User]):
        self.cast = cast
        self.operator = cast[people.CENTER_OPERATOR.username]
        self.items: dict[str, Item] = {}
        self.topics = {topic.slug: topic for topic in Topic.objects.all()}
        self.organisations = {org.slug: org for org in Organisation.objects.all()}

    def _desk(self, entry: Story) -> tuple[User, User]:
        return self.cast[people.editor_of(entry.desk)], self.cast[people.spokesperson_of(entry.desk)]

    def _fields(self, entry: Story, organisation: Organisation, now: dt.datetime) -> dict[str, Any]:
        areas = [self.organisations[slug] for slug in entry.areas]
        assert all(area.kind in AREA_KINDS for area in areas), entry.key
        return {
            "type": entry.type,
            "priority": entry.priority,
            "language": entry.language,
            "title": entry.title,
            "lead": entry.lead,
            "body": _paragraphs(entry.body),
            "topics": [self.topics[slug] for slug in entry.topics],
            "areas": areas,
            "translation_of": self.items[entry.translation_of] if entry.translation_of else None,
            "corrects": self.items[entry.corrects] if entry.corrects else None,
            "contact_name": organisation.spokesperson_name,
            "contact_phone": organisation.spokesperson_phone,
            "contact_email": organisation.spokesperson_email,
            "embargo_until": _on_the_hour(now, entry.embargo_hours) if entry.embargo_hours else None,
        }

    def publish(self, entry: Story, moment: dt.datetime) -> None:
        editor, spokesperson = self._desk(entry)
        organisation = editor.organisation
        assert organisation is not None
        drafted = moment - DRAFTED_BEFORE
        with clock_at(drafted):
            item = releases.create_item(editor, organisation, **self._fields(entry, organisation, moment))
            for name in entry.attachments:
                demo_file = ATTACHMENTS[name]
                add_attachment(
                    editor, item, ContentFile(demo_file.make(), name=demo_file.name),
                    caption=demo_file.caption, credit=demo_file.credit, alt_text=demo_file.alt_text,
                )  # fmt: skip
        Item.objects.filter(pk=item.pk).update(created_at=drafted)
        with clock_at(moment - SUBMITTED_BEFORE):
            releases.submit(editor, item)
        with clock_at(moment):
            if entry.forced_reason:
                item = releases.force_publish(self.operator, item, entry.forced_reason)
            elif entry.scheduled_hours:
                item = releases.approve(spokesperson, item, publish_at=_on_the_hour(moment, entry.scheduled_hours))
            else:
                item = releases.approve(spokesperson, item)
        self.items[entry.key] = item

    def revise(self, entry: Story, moment: dt.datetime) -> None:
        assert entry.revision is not None
        editor, spokesperson = self._desk(entry)
        changes: dict[str, Any] = {"change_note": entry.revision.change_note}
        if entry.revision.lead:
            changes["lead"] = entry.revision.lead
        if entry.revision.body:
            changes["body"] = _paragraphs(entry.revision.body)
        item = self.items[entry.key]
        with clock_at(moment - SUBMITTED_BEFORE):
            releases.update_item(editor, item, **changes)
            releases.submit(editor, item)
        with clock_at(moment):
            self.items[entry.key] = releases.approve(spokesperson, item)

    def withdraw(self, entry: Story, moment: dt.datetime) -> None:
        _, spokesperson = self._desk(entry)
        with clock_at(moment):
            self.items[entry.key] = releases.withdraw(spokesperson, self.items[entry.key], entry.withdrawal_reason)


def _on_the_hour(moment: dt.datetime, hours: int) -> dt.datetime:
    return (moment + dt.timedelta(hours=hours)).replace(minute=0, second=0, microsecond=0)
