"""Who may see and run which events. The centre's staff run every event; an agency's editors and
spokespersons run the events their agency organises. A public event is on everyone's calendar
from its creation; an event for invited guests only is visible to those who run it and to the
journalists invited to it or registered for it."""

from typing import Any

from django.db.models import Q, QuerySet

from presscenter.accounts import roles
from presscenter.events.models import Event, Visibility


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
