"""The channel registry: each channel (email, webhook, live) registers one sender at start-up;
fan-out asks it for a user's targets, the dispatcher hands it batches of due deliveries."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from presscenter.delivery.models import Delivery


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


_registry: dict[str, ChannelSender] = {}


def register(sender: ChannelSender) -> None:
    _registry[sender.name] = sender


def get(name: str) -> ChannelSender:
    try:
        return _registry[name]
    except KeyError:
        raise LookupError(f"no sender registered for channel {name!r}") from None


def registered() -> list[str]:
    return sorted(_registry)
