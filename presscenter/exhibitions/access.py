"""Who may do what with an exhibition. Its organisers are those who run its event (the centre's
staff, the organising agency's staff); jurors are the accounts the organiser named (the centre's or
an agency's staff); accredited journalists submit photos; the gallery is public once published,
for an event the visitor may see."""

from typing import Any

from django.db.models import QuerySet

from presscenter.accounts import roles
from presscenter.events import access as events_access
from presscenter.exhibitions.models import Entry, EntryStatus, Exhibition, ExhibitionState


def can_manage(user: Any, exhibition: Exhibition) -> bool:
    return events_access.can_manage(user, exhibition.event)


def managed(user: Any) -> QuerySet[Exhibition]:
    return Exhibition.objects.filter(event__in=events_access.managed_events(user))


def may_be_juror(user: Any) -> bool:
    return roles.is_staff(user) or roles.agency_of(user) is not None


def is_juror(user: Any, exhibition: Exhibition) -> bool:
    return may_be_juror(user) and exhibition.jurors.filter(user=user).exists()


def judged(user: Any) -> QuerySet[Exhibition]:
    if not may_be_juror(user):
        return Exhibition.objects.none()
    return Exhibition.objects.filter(jurors__user=user)


def works_on(user: Any) -> QuerySet[Exhibition]:
    """The exhibitions a working screen lists: those this user organises or judges."""
    return (managed(user) | judged(user)).distinct()


def can_work(user: Any) -> bool:
    return may_be_juror(user)


def can_submit(user: Any) -> bool:
    return roles.is_accredited_journalist(user)


def can_view_event(user: Any, exhibition: Exhibition) -> bool:
    return events_access.can_view(user, exhibition.event)


def published(user: Any) -> QuerySet[Exhibition]:
    return Exhibition.objects.filter(
        state=ExhibitionState.PUBLISHED, event__in=events_access.visible_events(user).values("pk")
    )


def gallery(exhibition: Exhibition) -> QuerySet[Entry]:
    return exhibition.entries.filter(status=EntryStatus.SELECTED).order_by("position", "id")


def can_see_entry(user: Any, entry: Entry) -> bool:
    """The entry's photo, its derivatives and its details: its photographer, the organisers and
    the jury; everyone who sees the event once it hangs in the published gallery."""
    exhibition = entry.exhibition
    if exhibition.is_published and entry.status == EntryStatus.SELECTED and can_view_event(user, exhibition):
        return True
    if roles.is_active(user) and entry.photographer_id == user.pk:
        return True
    return can_manage(user, exhibition) or is_juror(user, exhibition)


def can_see_original(user: Any, entry: Entry) -> bool:
    """The original keeps its metadata (GPS included): never public."""
    if roles.is_active(user) and entry.photographer_id == user.pk:
        return True
    return can_manage(user, entry.exhibition) or is_juror(user, entry.exhibition)
