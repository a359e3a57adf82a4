"""Real objects for tests, built through the domain functions where a workflow is involved."""

import datetime as dt
import hashlib
import io
import itertools
from typing import Any

from django.core.files.base import ContentFile
from PIL import Image

from presscenter.accounts.models import Role, User
from presscenter.inquiries import domain as inquiries
from presscenter.inquiries.models import Attachment, Category, Inquiry
from presscenter.orgs.models import Kind, Organisation
from presscenter.releases import domain
from presscenter.releases.models import Item, LatePublication, Topic
from presscenter.workdays import domain as workdays_domain
from presscenter.workdays.models import DayException, DayKind

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


def _png(width: int = 120, height: int = 80) -> bytes:
    """A real small photo-like PNG (a street at dusk, in two colours)."""
    picture = Image.new("RGB", (width, height), (40, 60, 110))
    picture.paste((200, 170, 60), (0, height * 2 // 3, width, height))
    out = io.BytesIO()
    picture.save(out, "PNG")
    return out.getvalue()


def inquiry_attachment(
    inquiry: Inquiry, name: str = "anh-hien-truong.png", content: bytes = b"", **fields: Any
) -> Attachment:
    """A file the asker sent with the inquiry, stored as the asking form stores it."""
    content = content or _png()
    extension = "." + name.rsplit(".", 1)[-1].lower()
    image = extension in (".png", ".jpg", ".jpeg", ".webp", ".gif")
    defaults: dict[str, Any] = {
        "kind": "image" if image else "document",
        "original_name": name,
        "extension": extension,
        "mime_type": "image/png" if image else "application/pdf",
        "size": len(content),
        "sha256": hashlib.sha256(content).hexdigest(),
    }
    defaults.update(fields)
    attachment = Attachment(inquiry=inquiry, **defaults)
    attachment.file.save(name, ContentFile(content), save=False)
    attachment.save()
    return attachment


def counted_inquiry(organisation: Organisation | None, received_at: dt.datetime, **figures: Any) -> Inquiry:
    """A question asked through the domain, then given the handling figures the dashboards count
    (answered_at, answered_on_time, answer_working_seconds, rating, state, due_at...) directly:
    the statistics tests need known numbers, not a month of workflow."""
    asked = inquiry(
        **{
            key: figures.pop(key)
            for key in list(figures)
            if key.startswith("asker_") or key in ("subject", "text", "kind")
        }
    )
    figures.setdefault("state", "answered" if figures.get("answered_at") else "in_progress")
    Inquiry.objects.filter(pk=asked.pk).update(
        organisation=organisation, received_at=received_at, routed_at=received_at, **figures
    )
    asked.refresh_from_db()
    return asked


def category(**fields: Any) -> Category:
    n = next(_seq)
    defaults: dict[str, Any] = {"code": f"linh-vuc-{n}", "name": f"Lĩnh vực {n}", "name_en": f"Category {n}"}
    defaults.update(fields)
    return Category.objects.create(**defaults)
