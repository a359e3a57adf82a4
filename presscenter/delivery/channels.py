"""The channel registry: each channel (email, webhook, live) registers one sender at start-up;
fan-out asks it for a user's targets, the dispatcher hands it batches of due deliveries."""

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from presscenter.delivery.models import Delivery


class Announcement(Protocol):
    """What an inline channel reads of a delivery: a Delivery, or a row fan-out is about to insert."""

    item_id: int
    version: int
    kind: str
    recipient_id: int | None
    target: str


@dataclass(frozen=True)
class SendResult:
    ok: bool
    error: str = ""
    retry: bool = True  # False: permanent failure (dead)


@dataclass(frozen=True)
class ChannelSender:
    name: str  # "email" | "webhook" | "live"
    targets: Callable[[Any], list[str]]  # the user's addresses on this channel
    send: Callable[[list["Delivery"]], list[SendResult]]  # one result per delivery, same order
    # Optional bulk form of `targets` for fan-out: {user id: targets} in a few queries instead
    # of one per user. Users absent from the answer have no target on this channel.
    targets_for: Callable[[Collection[Any]], dict[int, list[str]]] | None = None
    # Set when sending is only a database write (live notifications): fan-out then sends due
    # deliveries itself with it, in the transaction that inserts them, instead of queueing them.
    send_inline: Callable[[Sequence[Announcement]], list[SendResult]] | None = None
    # Releases what sending keeps open between batches (SMTP connections), when a worker stops.
    close: Callable[[], None] | None = None

    def targets_of(self, users: Collection[Any]) -> dict[int, list[str]]:
        if self.targets_for is not None:
            return self.targets_for(users)
        return {user.pk: self.targets(user) for user in users}


_registry: dict[str, ChannelSender] = {}


def register(sender: ChannelSender) -> None:
    _registry[sender.name] = sender


def get(name: str) -> ChannelSender:
    try:
        return _registry[name]
    except KeyError:
        raise LookupError(f"no sender registered for channel {name!r}") from None


def close_all() -> None:
    for sender in _registry.values():
        if sender.close is not None:
            sender.close()


def sends_inline(name: str) -> bool:
    sender = _registry.get(name)
    return sender is not None and sender.send_inline is not None
