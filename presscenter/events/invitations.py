"""The organiser invites journalists: everyone following a beat (their profile's beats include
the topic), everyone of an outlet, or a chosen list. Only active, accredited journalists are
invited; each gets one Invitation (inviting again changes nothing) and a notice on their
channels, written in the transaction of the invitation."""

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from presscenter.accounts import roles
from presscenter.accounts.models import User
from presscenter.audit.domain import record
from presscenter.core.errors import DomainError, PermissionDenied
from presscenter.events import access, notices
from presscenter.events.models import Event, EventStatus, Invitation
from presscenter.press.models import Outlet
from presscenter.releases.models import Topic

MAX_LIST = 500


def candidates(*, topic: Topic | None = None, outlet: Outlet | None = None, journalist_ids: Iterable[int] = ()) -> Any:
    """The active, accredited journalists one choice names."""
    chosen = roles.accredited_journalists().filter(journalist__isnull=False)
    if topic is not None:
        return chosen.filter(journalist__beats=topic).distinct()
    if outlet is not None:
        return chosen.filter(journalist__outlet=outlet)
    return chosen.filter(pk__in=list(journalist_ids))


@transaction.atomic
def invite(
    actor: Any,
    event: Event,
    *,
    topic: Topic | None = None,
    outlet: Outlet | None = None,
    journalist_ids: Iterable[int] = (),
) -> list[Invitation]:
    """Invite by beat, by outlet, or a list (exactly one of them). Returns the new invitations;
    journalists already invited, or not accredited, are left out."""
    ids = sorted({int(pk) for pk in journalist_ids})
    if sum(1 for choice in (topic, outlet, ids or None) if choice is not None) != 1:
        raise DomainError(_("Hãy chọn mời theo lĩnh vực, theo cơ quan báo chí hoặc theo danh sách."), field="by")
    if len(ids) > MAX_LIST:
        raise DomainError(_("Mỗi lần mời tối đa %(count)s nhà báo.") % {"count": MAX_LIST}, field="journalists")
    event = Event.objects.select_for_update().get(pk=event.pk)
    if not access.can_manage(actor, event):
        raise PermissionDenied(_("Bạn không quản lý sự kiện này."))
    if event.status == EventStatus.CANCELLED:
        raise DomainError(_("Sự kiện đã bị hủy."))
    if event.ends_at <= timezone.now():
        raise DomainError(_("Sự kiện đã kết thúc."))
    if topic is not None:
        because = gettext("lĩnh vực %(topic)s") % {"topic": topic.name}
    elif outlet is not None:
        because = gettext("cơ quan %(outlet)s") % {"outlet": outlet.name}
    else:
        because = gettext("danh sách khách mời")
    invited = set(Invitation.objects.filter(event=event).values_list("journalist_id", flat=True))
    people: list[User] = [
        user for user in candidates(topic=topic, outlet=outlet, journalist_ids=ids) if user.pk not in invited
    ]
    now = timezone.now()
    new = Invitation.objects.bulk_create(
        [
            Invitation(event=event, journalist=user, invited_by=actor, reason=because[:200], created_at=now)
            for user in people
        ]
    )
    if new:
        record(
            actor,
            "event.invite",
            event,
            summary=because,
            after={"invited": [user.pk for user in people], "by": because},
        )
        notices.tell_invited(event, people)
    return new
