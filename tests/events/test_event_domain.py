"""Creating, changing, postponing and cancelling events; the centre's rooms never held twice."""

import datetime as dt

import pytest
from django.utils import timezone

from presscenter.accounts.models import Role
from presscenter.audit.models import AuditEntry
from presscenter.core.errors import DomainError, PermissionDenied
from presscenter.events import domain
from presscenter.events.models import EventMode, EventStatus, EventType, RoomBooking
from tests import factories
from tests.events.factories import event, organiser_and_officer, room

pytestmark = pytest.mark.django_db


def test_an_agency_editor_creates_an_event_of_their_agency_with_its_room_held():
    agency, editor = organiser_and_officer(name="Sở Y tế Hà Nội")
    hall = room(capacity=80)
    created = event(editor, room=hall, title="Họp báo về phòng chống sốt xuất huyết", capacity=60)
    assert created.organiser == agency and created.status == EventStatus.PLANNED
    booking = RoomBooking.objects.get(event=created)
    assert (booking.room, booking.starts_at, booking.ends_at) == (hall, created.starts_at, created.ends_at)
    assert AuditEntry.objects.filter(action="event.create", object_id=str(created.pk)).exists()


def test_an_editor_cannot_organise_for_another_agency():
    _agency, editor = organiser_and_officer()
    with pytest.raises(PermissionDenied):
        event(editor, organiser=factories.organisation())


def test_a_journalist_or_citizen_cannot_create_events():
    for role in (Role.JOURNALIST, Role.PUBLIC):
        with pytest.raises(PermissionDenied):
            event(factories.user(role), organiser=factories.organisation())


def test_a_room_is_never_booked_twice_at_once():
    hall = room()
    first = event(room=hall, hours_ahead=24, hours=2)
    with pytest.raises(DomainError, match=first.title) as refused:
        event(room=hall, hours_ahead=25, hours=2)  # overlaps the second hour
    assert refused.value.field == "room"
    assert RoomBooking.objects.filter(room=hall).count() == 1
    event(room=hall, hours_ahead=26, hours=1)  # right after: fine


def test_cancelling_frees_the_room_and_needs_a_reason():
    hall = room()
    planned = event(room=hall)
    operator = factories.user(Role.CENTER_OPERATOR)
    with pytest.raises(DomainError):
        domain.cancel(operator, planned, reason="  ")
    cancelled = domain.cancel(operator, planned, reason="Lãnh đạo Sở bận công tác đột xuất")
    assert cancelled.status == EventStatus.CANCELLED and cancelled.sequence == planned.sequence + 1
    assert not RoomBooking.objects.filter(room=hall).exists()
    event(room=hall, starts_at=planned.starts_at, ends_at=planned.ends_at)
    with pytest.raises(DomainError):
        domain.update_event(operator, cancelled, title="Sửa sau khi hủy")


def test_postponing_moves_the_booking_and_remembers_the_first_date():
    hall = room()
    planned = event(room=hall, hours_ahead=24)
    operator = factories.user(Role.CENTER_OPERATOR)
    new_start = planned.starts_at + dt.timedelta(days=3)
    moved = domain.postpone(
        operator, planned, reason="Chờ số liệu quý", starts_at=new_start, ends_at=new_start + dt.timedelta(hours=2)
    )
    assert moved.status == EventStatus.POSTPONED and moved.postponed_from == planned.starts_at
    assert RoomBooking.objects.get(event=moved).starts_at == new_start
    with pytest.raises(DomainError):
        domain.postpone(
            operator, moved, reason="Lùi lại", starts_at=new_start - dt.timedelta(days=1), ends_at=new_start
        )
    assert domain.confirm(operator, moved).status == EventStatus.CONFIRMED


def test_only_changes_a_calendar_shows_raise_the_sequence():
    planned = event()
    operator = factories.user(Role.CENTER_OPERATOR)
    assert domain.update_event(operator, planned, summary="Thêm tóm tắt").sequence == planned.sequence
    later = planned.starts_at + dt.timedelta(hours=1)
    changed = domain.update_event(operator, planned, starts_at=later, ends_at=later + dt.timedelta(hours=2))
    assert changed.sequence == planned.sequence + 1


@pytest.mark.parametrize(
    ("starts", "hours", "field"),
    [
        (dt.timedelta(days=-2), 2, "starts_at"),  # already over
        (dt.timedelta(days=365 * 30), 2, "starts_at"),  # absurdly far
        (dt.timedelta(days=1), -1, "ends_at"),  # ends before it starts
        (dt.timedelta(days=1), 24 * 40, "ends_at"),  # a 40-day press conference
    ],
)
def test_absurd_times_are_refused_with_the_field_named(starts, hours, field):
    start = timezone.now() + starts
    with pytest.raises(DomainError) as refused:
        event(starts_at=start, ends_at=start + dt.timedelta(hours=hours))
    assert refused.value.field == field


def test_an_exhibition_may_run_for_weeks_and_an_online_event_needs_its_link():
    start = timezone.now() + dt.timedelta(days=2)
    event(type=EventType.EXHIBITION, starts_at=start, ends_at=start + dt.timedelta(days=30))
    with pytest.raises(DomainError) as refused:
        event(mode=EventMode.ONLINE, room=None, livestream_url="")
    assert refused.value.field == "livestream_url"


def test_seats_for_the_press_cannot_exceed_the_room():
    with pytest.raises(DomainError) as refused:
        event(room=room(capacity=40), capacity=41)
    assert refused.value.field == "capacity"


def test_changes_reach_the_listeners_in_the_same_transaction():
    heard: list[tuple[str, str]] = []
    domain.on_change(lambda actor, changed, change, before: heard.append((change, before["status"])))
    try:
        planned = event()
        domain.cancel(factories.user(Role.CENTER_OPERATOR), planned, reason="Thời tiết xấu")
    finally:
        domain._listeners.pop()
    assert heard == [("cancelled", EventStatus.PLANNED)]


def test_an_event_never_takes_the_address_of_another_page():
    tickets_page = event(title="Vé")  # /su-kien/ve/ lists the journalist's tickets
    archive_page = event(title="Đã diễn ra")
    assert (tickets_page.slug, archive_page.slug) == ("ve-2", "da-dien-ra-2")
