"""Registrations with tickets made directly (the approval code that makes them lives elsewhere),
and unique scan ids."""

import itertools
import uuid
from typing import Any

from presscenter.accounts.models import User
from presscenter.events.models import CrewMember, CrewRole, Event, Registration, RegistrationStatus, Ticket
from tests.events.factories import accredited_journalist

_seq = itertools.count(1)


def scan_id() -> str:
    return f"scan-{uuid.uuid4().hex}"


def registration(
    event: Event,
    journalist: User | None = None,
    *,
    status: str = RegistrationStatus.APPROVED,
    crew: int = 0,
    outlet_name: str = "",
) -> Registration:
    """A registration with its tickets: the journalist's and one per crew member."""
    journalist = journalist or accredited_journalist()
    profile: Any = getattr(journalist, "journalist", None)
    outlet = getattr(profile, "outlet", None)
    registration = Registration.objects.create(
        event=event,
        journalist=journalist,
        status=status,
        outlet=outlet,
        outlet_name=outlet_name or (outlet.name if outlet else f"Báo Thử nghiệm {next(_seq)}"),
    )
    Ticket.objects.create(registration=registration, holder_name=str(journalist))
    for n in range(crew):
        member = CrewMember.objects.create(
            registration=registration,
            full_name=f"Quay phim {next(_seq)}",
            role=CrewRole.CAMERA if n == 0 else CrewRole.SOUND,
        )
        Ticket.objects.create(registration=registration, crew_member=member, holder_name=member.full_name)
    return registration


def journalist_ticket(registration: Registration) -> Ticket:
    return registration.tickets.get(crew_member=None)
