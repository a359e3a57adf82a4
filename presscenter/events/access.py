"""Who may see and run which events. The centre's staff run every event; an agency's editors and
spokespersons run the events their agency organises. A public event is on everyone's calendar
from its creation; an event for invited guests only is visible to those who run it and to the
journalists invited to it or registered for it."""

from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from presscenter.accounts import roles
from presscenter.events.models import Event, RegistrationStatus, Visibility
from presscenter.releases.access import visible_embargoed_q
from presscenter.releases.models import Item


def can_create(user: Any) -> bool:
    return roles.is_staff(user) or roles.agency_of(user) is not None


def can_organise_for(user: Any, organisation_id: int) -> bool:
    """May this user create or run an event organised by that agency?"""
    return roles.is_staff(user) or roles.is_member_of(user, organisation_id)


def can_manage(user: Any, event: Event) -> bool:
    return can_organise_for(user, event.organiser_id)


def managed_events(user: Any) -> QuerySet[Event]:
    """The events a working screen lists for this user."""
    if roles.is_staff(user):
        return Event.objects.all()
    agency = roles.agency_of(user)
    if agency is None:
        return Event.objects.none()
    return Event.objects.filter(organiser_id=agency)


def visible_events(user: Any) -> QuerySet[Event]:
    """The events this user may read: public ones, plus those they run or were asked to."""
    shown = Q(visibility=Visibility.PUBLIC)
    if roles.is_staff(user):
        return Event.objects.all()
    agency = roles.agency_of(user)
    if agency is not None:
        shown |= Q(organiser_id=agency)
    if roles.is_journalist(user):
        shown |= Q(registrations__journalist=user) | Q(invitations__journalist=user)
    return Event.objects.filter(shown).distinct()


def can_view(user: Any, event: Event) -> bool:
    if event.visibility == Visibility.PUBLIC or can_manage(user, event):
        return True
    if not roles.is_journalist(user):
        return False
    return event.registrations.filter(journalist=user).exists() or event.invitations.filter(journalist=user).exists()


def can_check_in(user: Any, event: Event) -> bool:
    """Who scans tickets at the door: the centre's staff and the organising agency's staff."""
    return can_manage(user, event)


def can_view_ticket(user: Any, registration_journalist_id: int) -> bool:
    """A ticket (with its QR code) is shown to the journalist who registered, who forwards the
    crew's tickets, and to the centre's staff."""
    return roles.is_staff(user) or (roles.is_active(user) and user.pk == registration_journalist_id)


def sees_embargoed_materials(user: Any, event: Event) -> bool:
    """Who runs the event, and the journalists whose registration for it is approved."""
    if can_manage(user, event):
        return True
    return (
        roles.is_journalist(user)
        and event.registrations.filter(journalist=user, status=RegistrationStatus.APPROVED).exists()
    )


def visible_materials(user: Any, event: Event) -> QuerySet[Item]:
    """The event's materials this user may see: published and not withdrawn; one under embargo
    only for who runs the event and registered journalists, and then only as far as the releases'
    own embargo rule lets them read it (an unaccredited journalist never reads an embargoed item).
    Nobody else sees an embargoed material before the embargo lifts."""
    items = event.materials.filter(current_version__isnull=False, withdrawn_at__isnull=True)
    if sees_embargoed_materials(user, event):
        items = items.filter(visible_embargoed_q(user))
    else:
        items = items.filter(Q(embargo_until__isnull=True) | Q(embargo_until__lte=timezone.now()))
    return items.select_related("current_version").order_by("embargo_until", "pk")
