"""Waking the workers. A step of the pipeline asks for the next one to run in a worker through
this module: after an outbox event commits (fan it out; channels with work of their own, such as
the WebSub hub, hear of it too), and when deliveries are due (dispatch their channels).

What runs is registered when the apps start (their AppConfig.ready): delivery.tasks for the
pipeline's own tasks, channel packages for theirs. So the steps never import the tasks that run
them, and imports flow one way: tasks → steps → wake.
"""

from collections.abc import Callable, Iterable

AfterAnnounce = Callable[[int, int], None]  # (outbox event id, item id), after commit
Dispatch = Callable[[Iterable[str], bool], None]  # (channel names, urgent)

_after_announce: dict[str, AfterAnnounce] = {}
_dispatch: list[Dispatch] = []


def on_announce(name: str, hook: AfterAnnounce) -> None:
    _after_announce[name] = hook


def on_due(hook: Dispatch) -> None:
    _dispatch[:] = [hook]


def announced(event_id: int, item_id: int) -> None:
    for hook in _after_announce.values():
        hook(event_id, item_id)


def dispatch(channel_names: Iterable[str], *, urgent: bool) -> None:
    if not _dispatch:
        raise LookupError("no dispatcher registered: is presscenter.delivery in INSTALLED_APPS?")
    _dispatch[0](channel_names, urgent)
