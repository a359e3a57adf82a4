"""Real objects for tests, built through the domain functions where a workflow is involved."""

import datetime as dt
import itertools
from typing import Any

from presscenter.accounts.models import Role, User
from presscenter.inquiries import domain as inquiries
from presscenter.inquiries.models import Category, Inquiry
from presscenter.orgs.models import Kind, Organisation
from presscenter.releases import domain
from presscenter.releases.models import Item, LatePublication, Topic
from presscenter.workdays import domain as workdays_domain
from presscenter.workdays.models import DayException
from presscenter.workdays.models import Kind as DayKind

_seq = itertools.count(1)
PASSWORD = "mat-khau-thu-nghiem"


def organisation(**fields: Any) -> Organisation:
    n = next(_seq)
    defaults: dict[str, Any] = {
        "kind": Kind.DEPARTMENT,
        "name": f"Sở Thử nghiệm {n}",
        "name_en": f"Test Department {n}",
        "slug": f"so-thu-nghiem-{n}",
    }
    defaults.update(fields)
    return Organisation.objects.create(**defaults)


def user(role: str = Role.PUBLIC, organisation: Organisation | None = None, **fields: Any) -> User:
    n = next(_seq)
    defaults: dict[str, Any] = {
        "username": f"{role}-{n}",
        "full_name": f"Người dùng {n}",
        "email": f"user{n}@example.vn",
        "role": role,
        "organisation": organisation,
    }
    defaults.update(fields)
    account = User(**defaults)
    account.set_password(PASSWORD)
    account.save()
    return account


def topic(**fields: Any) -> Topic:
    n = next(_seq)
    defaults: dict[str, Any] = {"slug": f"chu-de-{n}", "name": f"Chủ đề {n}", "name_en": f"Topic {n}"}
    defaults.update(fields)
    return Topic.objects.create(**defaults)


def late_publication(item: Item, minutes: int = 10) -> LatePublication:
    """The record a slot published `minutes` late leaves (as publish_due writes it)."""
    assert item.last_published_at is not None
    published = item.last_published_at
    return LatePublication.objects.create(
        item=item, scheduled_at=published - dt.timedelta(minutes=minutes), published_at=published
    )


def day_exception(
    date: dt.date, kind: str = DayKind.DAY_OFF, name: str = "Nghỉ thêm", actor: User | None = None, **fields: Any
) -> DayException:
    """A configured day of the working-day calendar (a make-up working day or an extra day off), entered
    by an operator through the domain (audited; every cached calendar sees it)."""
    actor = actor or user(Role.CENTER_OPERATOR)
    return workdays_domain.add_exception(actor, date=date, kind=kind, name=name, **fields)


class Newsroom:
    """An agency with an editor and a spokesperson, and a center operator: the two-person cast."""

    def __init__(self, **org_fields: Any):
        self.org = organisation(**org_fields)
        self.editor = user(Role.EDITOR, self.org)
        self.spokesperson = user(Role.SPOKESPERSON, self.org)
        self.operator = user(Role.CENTER_OPERATOR)

    def draft(self, **fields: Any) -> Item:
        fields.setdefault("title", "Hà Nội khởi công cầu Trần Hưng Đạo")
        fields.setdefault("lead", "Sáng nay, thành phố khởi công xây dựng cầu Trần Hưng Đạo bắc qua sông Hồng.")
        fields.setdefault("body", "<p>Cầu dài 5,4 km, dự kiến hoàn thành sau 36 tháng.</p>")
        return domain.create_item(self.editor, self.org, **fields)

    def publish(self, **fields: Any) -> Item:
        item = self.draft(**fields)
        domain.submit(self.editor, item)
        return domain.approve(self.spokesperson, item)


def inquiry(asker: User | None = None, **fields: Any) -> Inquiry:
    """A citizen's feedback (or, with a journalist as asker, a press question), as asked."""
    if asker is not None and asker.role == Role.JOURNALIST:
        fields.setdefault("kind", "question")
    fields.setdefault("kind", "feedback")
    fields.setdefault("subject", "Đèn đường hỏng trên phố Hàng Bông")
    fields.setdefault("text", "Ba cột đèn đường trước số 40 Hàng Bông không sáng từ tuần trước.")
    if asker is None:
        fields.setdefault("asker_name", "Nguyễn Văn An")
        fields.setdefault("asker_email", "an.nguyen@example.vn")
    return inquiries.ask(asker, **fields)


def category(**fields: Any) -> Category:
    n = next(_seq)
    defaults: dict[str, Any] = {"code": f"linh-vuc-{n}", "name": f"Lĩnh vực {n}", "name_en": f"Category {n}"}
    defaults.update(fields)
    return Category.objects.create(**defaults)
