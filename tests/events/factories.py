"""Events for tests: the centre's venue and rooms, an event an hour or more ahead, an accredited
journalist (through the real sign-up and approval)."""

import datetime as dt
import itertools
from typing import Any

from django.utils import timezone

from presscenter.accounts.models import Role, User
from presscenter.events import domain
from presscenter.events.models import Event, EventType, Room, Venue
from presscenter.orgs.models import Organisation
from tests import factories
from tests.press.conftest import journalist, make_outlet

_seq = itertools.count(1)


def centre_venue() -> Venue:
    venue, _ = Venue.objects.get_or_create(
        name="Trung tâm Báo chí Thủ đô", defaults={"address": "Số 1 phố Thử nghiệm, Hà Nội", "is_centre": True}
    )
    return venue


def room(capacity: int = 120, **fields: Any) -> Room:
    defaults: dict[str, Any] = {"venue": centre_venue(), "name": f"Phòng họp báo {next(_seq)}", "capacity": capacity}
    defaults.update(fields)
    return Room.objects.create(**defaults)


def organiser_and_officer(**fields: Any) -> tuple[Organisation, User]:
    """An agency and its editor, who may run the agency's events."""
    agency = factories.organisation(**fields)
    return agency, factories.user(Role.EDITOR, agency)


def event(actor: User | None = None, *, hours_ahead: float = 48, hours: float = 2, **fields: Any) -> Event:
    """A press conference in one of the centre's rooms, through the domain (rooms booked)."""
    if actor is None:
        actor = factories.user(Role.CENTER_OPERATOR)
    starts = timezone.now().replace(microsecond=0) + dt.timedelta(hours=hours_ahead)
    defaults: dict[str, Any] = {
        "type": EventType.PRESS_CONFERENCE,
        "title": f"Họp báo thử nghiệm {next(_seq)}",
        "starts_at": starts,
        "ends_at": starts + dt.timedelta(hours=hours),
        "capacity": 50,
    }
    defaults.update(fields)
    if "room" not in defaults and "venue" not in defaults:
        defaults["room"] = room()
    organiser = defaults.pop("organiser", None) or actor.organisation or factories.organisation()
    return domain.create_event(actor, organiser=organiser, **defaults)


def accredited_journalist(**fields: Any) -> User:
    operator = factories.user(Role.CENTER_OPERATOR)
    return journalist(make_outlet(), approved_by=operator, **fields).user
