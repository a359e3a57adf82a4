"""Journalists registering at the same moment for the last seats, each in a transaction of its
own on PostgreSQL: the event's row lock makes them take turns, so the seats are never
overbooked and the waitlist is in the order they got through."""

import threading

import pytest
from django.db import connection, connections

from presscenter.events import registration
from presscenter.events.models import CrewRole, Registration, RegistrationStatus
from presscenter.events.registration import Crew
from tests.events.factories import accredited_journalist, event

# CI runs the suite on SQLite too (where skips fail), then on PostgreSQL, where these run.
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the row-lock race is PostgreSQL's"),
]

CAPACITY = 7
PEOPLE = 14


def test_simultaneous_registrations_never_overbook_and_wait_in_order():
    conference = event(capacity=CAPACITY)
    reporters = [accredited_journalist() for _ in range(PEOPLE)]
    start = threading.Barrier(PEOPLE)
    errors: list[BaseException] = []

    def attempt(index: int) -> None:
        crew = [Crew(f"Quay phim {index}", CrewRole.CAMERA)] if index % 3 == 0 else []
        try:
            start.wait()
            registration.register(reporters[index], conference, crew=crew)
        except BaseException as error:  # reported below, with the thread's own traceback
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(PEOPLE)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    rows = list(Registration.objects.filter(event=conference).order_by("created_at", "id"))
    assert len(rows) == PEOPLE
    taken = sum(r.seats for r in rows if r.status == RegistrationStatus.APPROVED)
    assert taken <= CAPACITY
    statuses = [r.status for r in rows]
    first_waiting = statuses.index(RegistrationStatus.WAITLISTED)
    # Approved ones first, then only waiting ones; the first waiting did not fit.
    assert set(statuses[:first_waiting]) == {RegistrationStatus.APPROVED}
    assert set(statuses[first_waiting:]) == {RegistrationStatus.WAITLISTED}
    assert taken + rows[first_waiting].seats > CAPACITY
    assert registration.seats(conference).approved == taken
    assert sum(r.tickets.count() for r in rows) == taken


def test_simultaneous_cancellations_promote_each_waiting_registration_once():
    conference = event(capacity=3)
    holders = [registration.register(accredited_journalist(), conference) for _ in range(3)]
    waiting = [registration.register(accredited_journalist(), conference) for _ in range(4)]
    start = threading.Barrier(len(holders))
    errors: list[BaseException] = []

    def withdraw(held: Registration) -> None:
        try:
            start.wait()
            registration.cancel(held.journalist, held)
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=withdraw, args=(held,)) for held in holders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    statuses = [Registration.objects.get(pk=r.pk).status for r in waiting]
    assert statuses == [RegistrationStatus.APPROVED] * 3 + [RegistrationStatus.WAITLISTED]
    assert registration.seats(conference).approved == 3
