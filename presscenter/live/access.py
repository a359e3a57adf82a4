"""Who may listen to live notifications, read a private feed and open the embargo inbox.

One rule, two shapes: `may_listen` for a loaded user and `listeners` for a queryset, so the
per-process event hub can re-check thousands of open streams with one query.
"""

from typing import Any

from django.db.models import Q, QuerySet

from presscenter.accounts import roles
from presscenter.accounts.models import Role, User
from presscenter.live.models import Notification
from presscenter.press.eligibility import CUT_OFF
from presscenter.press.models import Accreditation, JournalistProfile
from presscenter.releases.access import embargo_reach, visible_embargoed_q
from presscenter.releases.models import Item

# Journalists who are suspended, revoked, or approved with a lapsed card (accredited False)
# hear nothing; pending applicants get public items like the public (press.eligibility).
_CUT_OFF_JOURNALIST = Q(role=Role.JOURNALIST) & (
    Q(journalist__status__in=CUT_OFF) | Q(journalist__status=Accreditation.APPROVED, accredited=False)
)


def listeners(user_ids: list[int]) -> QuerySet[User]:
    """The users among `user_ids` who may still keep a live stream open."""
    return User.objects.filter(id__in=user_ids, is_active=True).exclude(_CUT_OFF_JOURNALIST)


def may_listen(user: Any) -> bool:
    """`listeners` for one loaded user, without its joins: every stream connect asks this,
    and only a journalist's accreditation needs a (one-column) query."""
    if not roles.is_active(user):
        return False
    if not roles.is_journalist(user):
        return True
    status = JournalistProfile.objects.filter(user_id=user.pk).values_list("status", flat=True).first()
    return not (status in CUT_OFF or (status == Accreditation.APPROVED and not user.accredited))


def is_accredited_journalist(user: Any) -> bool:
    """Private feeds, feed tokens and the embargo inbox are the accredited press's tools."""
    return roles.is_accredited_journalist(user) and listeners([user.pk]).exists()


async def alisten(user: Any) -> bool:
    """may_listen from async code (the event stream)."""
    if not user.is_authenticated or not user.is_active:
        return False
    return await listeners([user.pk]).aexists()


def readable(notifications: QuerySet[Notification], user: Any) -> QuerySet[Notification]:
    """Leaves out the notifications of items under embargo that `user` may not read now (a
    new card awaiting approval, say): the embargo rule as it stands, not as at delivery."""
    if embargo_reach(user).every:
        return notifications
    # Personal notifications (no item) are the user's own.
    return notifications.filter(Q(item__isnull=True) | Q(item__in=Item.objects.filter(visible_embargoed_q(user))))
