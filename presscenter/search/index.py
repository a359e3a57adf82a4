"""Search index maintenance, called by releases.domain inside the publishing transaction."""

from presscenter.releases.models import Item


def index_item(item: Item) -> None:
    """(Re)index the item's current public version."""


def remove_item(item: Item) -> None:
    """Take the item out of the index (withdrawal)."""
