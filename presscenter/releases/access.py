"""The one place that decides who may do what with official information items."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from presscenter.accounts.roles import agency_of, is_accredited_journalist, is_member_of, is_spokesperson, is_staff
from presscenter.core.errors import NotFound, PermissionDenied
from presscenter.releases.models import Item, State


def can_draft_for(user: Any, organisation_id: int) -> bool:
    return is_staff(user) or is_member_of(user, organisation_id)


def can_edit(user: Any, item: Item) -> bool:
    return can_draft_for(user, item.organisation_id) and item.state != State.WITHDRAWN


def can_approve(user: Any, item: Item) -> bool:
    """Spokespeople of the issuing agency and center staff, but never anyone who changed the text
    awaiting approval (two-person rule: see releases.models.Contribution)."""
    approver = is_staff(user) or (is_member_of(user, item.organisation_id) and is_spokesperson(user))
    return approver and not item.changed_by(user)


def can_force_publish(user: Any) -> bool:
    return is_staff(user)


def can_acknowledge_late(user: Any) -> bool:
    """Late publications are the Center's operations: its staff look into them and mark them seen."""
    return is_staff(user)


def can_withdraw(user: Any, item: Item) -> bool:
    return is_staff(user) or (is_member_of(user, item.organisation_id) and is_spokesperson(user))


@dataclass(frozen=True)
class EmbargoReach:
    """Which items under embargo a user may read before the lift: all of them, or only those
    of one issuing agency, or (both unset) none."""

    every: bool = False
    organisation_id: int | None = None

    def covers(self, organisation_id: int) -> bool:
        return self.every or (self.organisation_id is not None and self.organisation_id == organisation_id)


def embargo_reach(user: Any) -> EmbargoReach:
    """Least privilege: the centre's staff and accredited journalists (their card is valid and
    they are not suspended: presscenter.press.domain keeps `accredited` so) read every embargoed
    item; an agency's editors and spokespeople read only their own agency's; nobody else any."""
    if is_staff(user) or is_accredited_journalist(user):
        return EmbargoReach(every=True)
    return EmbargoReach(organisation_id=agency_of(user))


def can_see_embargoed(user: Any, item: Item) -> bool:
    """May `user` read `item` while it is under embargo (whether it is under embargo aside)."""
    return embargo_reach(user).covers(item.organisation_id)


def visible_embargoed_q(user: Any) -> Q:
    """The embargo rule as a filter on items: not under embargo now, or within the user's reach.
    Filter with it on its own: an empty Q (reach over every item) vanishes in `|`."""
    reach = embargo_reach(user)
    if reach.every:
        return Q()
    lifted = Q(embargo_until__isnull=True) | Q(embargo_until__lte=timezone.now())
    if reach.organisation_id is None:
        return lifted
    return lifted | Q(organisation_id=reach.organisation_id)


def public_items(user: Any = None) -> QuerySet[Item]:
    """Items the user may read on the portal: published, not withdrawn, embargo respected."""
    items = Item.objects.filter(current_version__isnull=False, withdrawn_at__isnull=True)
    return items.filter(visible_embargoed_q(user))


def workspace_items(user: Any) -> QuerySet[Item]:
    """Working copies the user may see: everything for staff, their agency's for agency members."""
    if is_staff(user):
        return Item.objects.all()
    agency = agency_of(user)
    return Item.objects.filter(organisation_id=agency) if agency else Item.objects.none()


def item_for_reading(user: Any, uid: Any) -> Item:
    """An item page: public record, or a withdrawn one (the notice stays), or a working copy for its agency."""
    item = Item.objects.select_related("organisation", "current_version").filter(uid=uid).first()
    if item is None or item.current_version_id is None:
        if item is not None and workspace_items(user).filter(pk=item.pk).exists():
            return item
        raise NotFound(_("Không tìm thấy tin này."))
    if item.under_embargo() and not can_see_embargoed(user, item):
        raise NotFound(_("Không tìm thấy tin này."))
    return item


def item_for_work(user: Any, pk: Any) -> Item:
    item = workspace_items(user).select_related("organisation", "current_version").filter(pk=pk).first()
    if item is None:
        raise PermissionDenied(_("Bạn không có quyền với tin này."))
    return item
