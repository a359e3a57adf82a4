import pytest
from django.core.files.base import ContentFile

from presscenter.releases import attachments, domain
from presscenter.releases.models import Item

# A minimal PDF: content checks look at the bytes, not at the name.
PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def publish_with_attachment(newsroom, data: bytes = PDF_BYTES, **fields) -> Item:
    item = newsroom.draft(**fields)
    attachments.add_attachment(newsroom.editor, item, ContentFile(data, name="thong-cao.pdf"))
    domain.submit(newsroom.editor, item)
    return domain.approve(newsroom.spokesperson, item)


def correct(newsroom, item: Item, **fields) -> Item:
    """Publish a second version of the item (a correction with a public change note)."""
    domain.update_item(newsroom.editor, item, change_note="Sửa số liệu.", **fields)
    domain.submit(newsroom.editor, item)
    return domain.approve(newsroom.spokesperson, item)


@pytest.fixture
def published(newsroom) -> Item:
    return newsroom.publish()
