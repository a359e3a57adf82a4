"""Shared set-up for syndication tests: published items with topics, areas and files, and the official schemas."""

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from presscenter.orgs.models import Kind
from presscenter.releases import domain
from presscenter.releases.models import Attachment, AttachmentKind, Item, Priority, Version
from tests import factories
from tests.conftest import skip_or_fail
from tests.factories import Newsroom

SCHEMAS = Path(__file__).resolve().parents[2] / ".." / "shared" / "schemas"


def schema_path(relative: str) -> Path:
    path = SCHEMAS / relative
    if not path.exists():
        skip_or_fail(f"official schema missing: {path} (../shared is not checked out)")
    return path


def attach(item: Item, name: str, data: bytes, mime_type: str, **fields: Any) -> Attachment:
    """A file on the working copy, as the upload domain stores it; publishing marks it published."""
    kind = AttachmentKind.IMAGE if mime_type.startswith("image/") else AttachmentKind.DOCUMENT
    return Attachment.objects.create(
        item=item,
        kind=kind,
        file=ContentFile(data, name=name),
        original_name=name,
        extension=Path(name).suffix,
        mime_type=mime_type,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        **fields,
    )


def publish_rich(newsroom: Newsroom, **fields: Any) -> Item:
    """A flash press release with a topic, an area, a photo and a PDF, published through the workflow."""
    fields.setdefault("title", "Hà Nội phân luồng giao thông phục vụ lễ kỷ niệm")
    fields.setdefault("lead", "Từ 6 giờ sáng, các tuyến phố quanh hồ Hoàn Kiếm cấm xe cơ giới.")
    fields.setdefault(
        "body",
        "<p>Người dân đi theo hướng dẫn của lực lượng chức năng &amp; biển báo.</p>"
        "<ul><li>Phố Đinh Tiên Hoàng</li><li>Phố Lê Thái Tổ</li></ul>"
        '<p>Chi tiết: <a href="https://hanoi.gov.vn/">Cổng thông tin</a>.</p>',
    )
    fields.setdefault("priority", Priority.FLASH)
    fields.setdefault("topics", [factories.topic(name="Giao thông", name_en="Transport")])
    fields.setdefault("areas", [factories.organisation(kind=Kind.WARD, name="Phường Hoàn Kiếm")])
    item = newsroom.draft(**fields)
    attach(
        item,
        "so-do-phan-luong.png",
        b"\x89PNG fake image bytes",
        "image/png",
        caption="Sơ đồ phân luồng",
        credit="Sở Xây dựng",
        alt_text="Bản đồ các tuyến phố cấm xe quanh hồ Hoàn Kiếm",
    )
    attach(item, "phương-án.pdf", b"%PDF-1.4 fake", "application/pdf")
    domain.submit(newsroom.editor, item)
    domain.approve(newsroom.spokesperson, item)
    item.refresh_from_db()
    return item


def revise(newsroom: Newsroom, item: Item, **fields: Any) -> Item:
    """Publish a corrected version of an item."""
    fields.setdefault("change_note", "Sửa giờ bắt đầu phân luồng.")
    domain.update_item(newsroom.editor, item, **fields)
    domain.submit(newsroom.editor, item)
    domain.approve(newsroom.spokesperson, item)
    item.refresh_from_db()
    return item


def published_earlier(item: Item, hours: int) -> Item:
    """Move an item's publication back in time, so one-second HTTP dates can tell events apart."""
    earlier = timezone.now() - dt.timedelta(hours=hours)
    Item.objects.filter(pk=item.pk).update(first_published_at=earlier, last_published_at=earlier)
    Version.objects.filter(pk=item.current_version_id).update(published_at=earlier)
    item.refresh_from_db()
    return item


def load_json(response: Any) -> Any:
    return json.loads(response.content)


@pytest.fixture
def rich_item(newsroom: Newsroom) -> Item:
    return publish_rich(newsroom)
