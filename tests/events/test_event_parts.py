"""An event's sessions (inside its time, their rooms held through rebook), its speakers, and its
materials (the organiser's published items; embargoed ones never shown publicly before the lift)."""

import datetime as dt
from unittest import mock

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from presscenter.accounts.models import Role
from presscenter.audit.models import AuditEntry
from presscenter.core.errors import DomainError, PermissionDenied
from presscenter.events import access, domain
from presscenter.events.models import EventType, Registration, RegistrationStatus, RoomBooking, Speaker
from tests import factories
from tests.events.factories import accredited_journalist, event, organiser_and_officer, room
from tests.factories import Newsroom

pytestmark = pytest.mark.django_db

HOUR = dt.timedelta(hours=1)


def forum(actor=None, **fields):
    fields.setdefault("type", EventType.FORUM)
    fields.setdefault("title", "Diễn đàn Chuyển đổi số Thủ đô")
    return event(actor, hours_ahead=72, hours=8, **fields)


def test_a_session_lies_inside_the_event_and_holds_its_own_room():
    hall, side = room(capacity=300), room(capacity=60)
    day = forum(room=hall)
    operator = factories.user(Role.CENTER_OPERATOR)
    session = domain.add_session(
        operator, day, title="Phiên chuyên đề: Dữ liệu mở", starts_at=day.starts_at + HOUR,
        ends_at=day.starts_at + 3 * HOUR, room=side, track="Dữ liệu",
    )  # fmt: skip
    booking = RoomBooking.objects.get(session=session)
    assert (booking.room, booking.starts_at) == (side, day.starts_at + HOUR)
    assert RoomBooking.objects.filter(event=day, session=None, room=hall).exists()
    assert AuditEntry.objects.filter(action="event.session.add", object_id=str(session.pk)).exists()
    with pytest.raises(DomainError) as outside:
        domain.add_session(operator, day, title="Quá giờ", starts_at=day.ends_at - HOUR, ends_at=day.ends_at + HOUR)
    assert outside.value.field == "starts_at"
    with pytest.raises(DomainError, match="Dữ liệu mở"):  # the same side room, at the same time
        domain.add_session(
            operator, day, title="Phiên song song", starts_at=day.starts_at + 2 * HOUR,
            ends_at=day.starts_at + 4 * HOUR, room=side,
        )  # fmt: skip
    assert day.sessions.count() == 1


def test_a_session_room_booked_by_another_event_is_refused_and_nothing_is_kept():
    hall, side = room(), room()
    day = forum(room=hall)
    other = event(room=side, starts_at=day.starts_at + HOUR, ends_at=day.starts_at + 2 * HOUR, title="Họp báo khác")
    operator = factories.user(Role.CENTER_OPERATOR)
    with pytest.raises(DomainError, match="Họp báo khác") as refused:
        domain.add_session(
            operator, day, title="Phiên 1", starts_at=day.starts_at, ends_at=day.starts_at + 3 * HOUR, room=side
        )
    assert refused.value.field == "room"
    assert not day.sessions.exists()
    assert list(RoomBooking.objects.filter(room=side).values_list("event", flat=True)) == [other.pk]


def test_editing_and_removing_a_session_moves_and_frees_its_room():
    hall, side = room(), room()
    day = forum(room=hall)
    operator = factories.user(Role.CENTER_OPERATOR)
    session = domain.add_session(
        operator, day, title="Phiên 1", starts_at=day.starts_at, ends_at=day.starts_at + HOUR, room=side
    )
    domain.update_session(operator, session, starts_at=day.starts_at + 2 * HOUR, ends_at=day.starts_at + 3 * HOUR)
    assert RoomBooking.objects.get(session=session).starts_at == day.starts_at + 2 * HOUR
    speaker = domain.add_speaker(operator, day, name="Ông Trần Văn Bình", session=session)
    domain.remove_session(operator, session)
    assert not RoomBooking.objects.filter(room=side).exists()
    speaker.refresh_from_db()
    assert speaker.session is None  # the speaker stays with the event


def test_postponing_moves_the_sessions_with_the_event():
    hall = room()
    day = forum(room=hall)
    operator = factories.user(Role.CENTER_OPERATOR)
    session = domain.add_session(operator, day, title="Khai mạc", starts_at=day.starts_at, ends_at=day.starts_at + HOUR)
    later = day.starts_at + dt.timedelta(days=7)
    domain.postpone(operator, day, reason="Trùng lịch làm việc của Thành ủy", starts_at=later, ends_at=later + 8 * HOUR)
    session.refresh_from_db()
    assert session.starts_at == later


def test_only_who_runs_the_event_changes_its_parts_and_never_once_cancelled():
    _agency, editor = organiser_and_officer()
    day = forum(editor, room=room())
    _other, outsider = organiser_and_officer()
    with pytest.raises(PermissionDenied):
        domain.add_speaker(outsider, day, name="Bà Lê Thị Hoa")
    with pytest.raises(PermissionDenied):
        domain.add_session(outsider, day, title="Phiên", starts_at=day.starts_at, ends_at=day.starts_at + HOUR)
    domain.cancel(editor, day, reason="Điều chỉnh kế hoạch")
    with pytest.raises(DomainError):
        domain.add_speaker(editor, day, name="Bà Lê Thị Hoa")


def test_speakers_keep_their_order_and_organisation():
    agency, editor = organiser_and_officer(name="Sở Y tế Hà Nội")
    day = event(editor)
    first = domain.add_speaker(editor, day, name="Ông Vũ Cao Cương", position_title="Phó Giám đốc", organisation=agency)
    second = domain.add_speaker(editor, day, name="Bà Nguyễn Thị Mai", position_title="Trưởng phòng")
    assert (first.order, second.order) == (0, 1)
    domain.update_speaker(editor, second, name="Bà Nguyễn Thị Mai", position_title="Trưởng phòng", order=0)
    domain.update_speaker(
        editor, first, name="Ông Vũ Cao Cương", position_title="Phó Giám đốc", organisation=agency, order=5
    )
    assert list(day.speakers.values_list("name", flat=True)) == ["Bà Nguyễn Thị Mai", "Ông Vũ Cao Cương"]
    with pytest.raises(DomainError) as blank:
        domain.add_speaker(editor, day, name="   ")
    assert blank.value.field == "name"
    other_session = domain.add_session(
        factories.user(Role.CENTER_OPERATOR), forum(), title="Phiên khác", starts_at=timezone.now() + 73 * HOUR,
        ends_at=timezone.now() + 74 * HOUR,
    )  # fmt: skip
    with pytest.raises(DomainError):
        domain.add_speaker(editor, day, name="Ông A", session=other_session)
    domain.remove_speaker(editor, first)
    assert not Speaker.objects.filter(pk=first.pk).exists()
    assert AuditEntry.objects.filter(action="event.speaker.remove", object_id=str(first.pk)).exists()


def test_materials_are_the_organisers_published_items():
    newsroom = Newsroom(name="Sở Xây dựng Hà Nội")
    day = event(newsroom.editor)
    published = newsroom.publish(title="Báo cáo tiến độ cầu Trần Hưng Đạo")
    draft = newsroom.draft(title="Bản nháp")
    foreign = Newsroom().publish(title="Tin của cơ quan khác")
    domain.add_material(newsroom.editor, day, published)
    assert list(day.materials.all()) == [published]
    for refused in (draft, foreign, published):
        with pytest.raises(DomainError):
            domain.add_material(newsroom.editor, day, refused)
    domain.remove_material(newsroom.editor, day, published)
    assert not day.materials.exists()


def test_embargoed_materials_only_for_registered_journalists_until_the_lift():
    newsroom = Newsroom(name="Sở Y tế Hà Nội")
    day = event(newsroom.editor)
    lift = timezone.now() + dt.timedelta(days=1)
    embargoed = newsroom.publish(title="Số liệu dịch sốt xuất huyết quý III", embargo_until=lift)
    open_item = newsroom.publish(title="Thông cáo mời họp báo")
    domain.add_material(newsroom.editor, day, embargoed)
    domain.add_material(newsroom.editor, day, open_item)
    registered, unregistered = accredited_journalist(), accredited_journalist()
    Registration.objects.create(event=day, journalist=registered, status=RegistrationStatus.APPROVED)
    pending = accredited_journalist()
    Registration.objects.create(event=day, journalist=pending, status=RegistrationStatus.PENDING)
    everyone = [open_item]
    assert list(access.visible_materials(AnonymousUser(), day)) == everyone
    assert list(access.visible_materials(factories.user(Role.PUBLIC), day)) == everyone
    assert list(access.visible_materials(unregistered, day)) == everyone
    assert list(access.visible_materials(pending, day)) == everyone
    assert set(access.visible_materials(registered, day)) == {embargoed, open_item}
    assert set(access.visible_materials(newsroom.editor, day)) == {embargoed, open_item}
    _other, outsider = organiser_and_officer()
    assert list(access.visible_materials(outsider, day)) == everyone
    with mock.patch.object(timezone, "now", return_value=lift + dt.timedelta(minutes=1)):
        assert set(access.visible_materials(AnonymousUser(), day)) == {embargoed, open_item}


@pytest.mark.parametrize(
    ("title", "organisation", "shown"),
    [
        ("Phó Giám đốc Sở", "Sở Y tế", "Phó Giám đốc Sở Y tế"),
        ("Trưởng phòng Nghiệp vụ Y", "Sở Y tế", "Trưởng phòng Nghiệp vụ Y, Sở Y tế"),
        ("", "Sở Y tế", "Sở Y tế"),
        ("Chuyên gia độc lập", None, "Chuyên gia độc lập"),
    ],
)
def test_a_speakers_title_and_organisation_read_as_one_phrase(title, organisation, shown):
    agency = factories.organisation(name=organisation) if organisation else None
    assert Speaker(name="Bà Nguyễn Thị An", position_title=title, organisation=agency).role_line == shown
