"""Writes of the live app: notifications from deliveries, personal notifications from other
apps (notify_user), read marks, feed tokens.

Read marks are the reader's own interface state, not a record of the press center's work, so
they are not written to the audit chain (it would grow by one entry per click); feed-token
rotation is, because it grants access to embargoed items.
"""

import secrets
from collections.abc import Sequence
from typing import Any, NamedTuple

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from presscenter.audit.domain import record
from presscenter.core.errors import PermissionDenied
from presscenter.delivery.bulk import insert_records
from presscenter.delivery.channels import Announcement
from presscenter.live import access, events
from presscenter.live.models import FeedToken, Notification
from presscenter.releases.models import Version


class NewNotification(NamedTuple):
    user_id: int
    item_id: int
    version: int
    kind: str
    title: str


def _version_titles(announced: Sequence[Announcement]) -> dict[tuple[int, int], str]:
    """Title of each (item, version) the batch announces, in one query: the published
    version's title, never the working copy's (which may hold unpublished edits)."""
    pairs = {(d.item_id, d.version) for d in announced}
    if not pairs:
        return {}
    wanted = Q()
    for item_id, number in pairs:
        wanted |= Q(item_id=item_id, number=number)
    return {(v[0], v[1]): v[2] for v in Version.objects.filter(wanted).values_list("item_id", "number", "title")}


def notify(announced: Sequence[Announcement]) -> list[int]:
    """Notification rows for live deliveries; returns the ids of the users notified.

    The unique (user, item, version, kind) constraint makes a retried delivery a no-op.
    """
    titles = _version_titles(announced)
    rows = [
        NewNotification(d.recipient_id, d.item_id, d.version, d.kind, titles.get((d.item_id, d.version), "")[:300])
        for d in announced
        if d.recipient_id is not None
    ]
    insert_records(Notification, rows)
    return sorted({row.user_id for row in rows})


def notify_user(user: Any, title: str, link: str, kind: str, key: str) -> bool:
    """One personal notification (not about an item): `title` says what happened, in the
    user's language; `link` is a path on this site; `kind` a short code of the sending app.
    The same `key` again changes nothing, so a retried sender notifies once. The user's open
    tabs hear of it after commit. Returns whether it was new."""
    if not link.startswith("/") or link.startswith("//"):
        raise ValueError(f"a notification links to a path on this site, not {link!r}")
    _notification, created = Notification.objects.get_or_create(
        key=key[:200],
        defaults={"user": user, "title": title[:300], "link": link[:500], "kind": kind[:20]},
    )
    if created:
        events.publish([user.pk])
    return created


def unread_count(user: Any) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def mark_read(user: Any, notification_id: int) -> int:
    """Mark one of the user's notifications read (someone else's id changes nothing).
    Returns the user's unread count afterwards."""
    Notification.objects.filter(user=user, pk=notification_id, read_at__isnull=True).update(read_at=timezone.now())
    return unread_count(user)


def mark_all_read(user: Any) -> int:
    Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())
    return 0


def rotate_feed_token(user: Any) -> str:
    """A new secret for the user's private feeds; the old URL stops working at once.
    Returns the raw token, which is never stored (only its hash)."""
    if not access.is_accredited_journalist(user):
        raise PermissionDenied(_("Chỉ nhà báo đã được cấp thẻ tác nghiệp mới có kênh tin riêng."))
    raw = secrets.token_urlsafe(32)
    with transaction.atomic():
        FeedToken.objects.update_or_create(
            user=user, defaults={"digest": FeedToken.hash(raw), "created_at": timezone.now()}
        )
        record(user, "live.feed_token_rotated", user)  # the action says it all: no prose stored in one language
    return raw


def revoke_feed_token(user: Any) -> int:
    """The user's private feeds stop at once (the account was cut off); in the caller's transaction,
    whose audit entry records the decision."""
    deleted, _by_model = FeedToken.objects.filter(user=user).delete()
    return deleted


def feed_owner(raw: str) -> Any:
    """The user a private-feed token belongs to, or None for an unknown (or rotated) token."""
    token = FeedToken.objects.select_related("user").filter(digest=FeedToken.hash(raw)).first()
    return token.user if token is not None else None
