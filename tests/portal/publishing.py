"""Publishing steps the portal tests share, through the real workflow."""

from typing import Any

from presscenter.releases import domain
from presscenter.releases.models import Item
from tests.factories import Newsroom


def revise(newsroom: Newsroom, item: Item, **fields: Any) -> Item:
    """Edit a published item and publish the revision (a new version)."""
    domain.update_item(newsroom.editor, item, **fields)
    domain.submit(newsroom.editor, item)
    return domain.approve(newsroom.spokesperson, item)
