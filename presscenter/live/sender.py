"""The "live" channel: a delivery becomes an entry in the user's notification centre, and the
user's open browser tabs hear of it through server-sent events (presscenter.live.events)."""

from collections.abc import Sequence
from typing import Any

from presscenter.delivery.channels import Announcement, ChannelSender, SendResult
from presscenter.live import domain, events


def targets(user: Any) -> list[str]:
    return [str(user.id)]


def send(batch: Sequence[Announcement]) -> list[SendResult]:
    addressed = [d for d in batch if d.recipient_id is not None and d.target == str(d.recipient_id)]
    events.publish(domain.notify(addressed))
    ok = {id(d) for d in addressed}
    return [
        SendResult(ok=True)
        if id(d) in ok
        else SendResult(ok=False, error="live delivery without a matching recipient", retry=False)
        for d in batch
    ]


# Sending is a Notification insert plus an after-commit wake-up: fan-out does it in the same
# transaction as it plans the deliveries (inline), so live readers never wait for a worker.
SENDER = ChannelSender(name="live", targets=targets, send=send, send_inline=send)
