"""What fan-out reads of its recipients, loaded as plain values.

A fan-out to 10,000 journalists would otherwise build 20,000 model instances (user and press
profile) only to read a handful of fields; these records carry just those fields, under the
same names, so the eligibility and quiet-hours rules (presscenter.press.eligibility), the
channels' `targets_of` and the senders (the dispatcher attaches them as deliveries' recipients)
read them exactly as they read the models.
"""

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

from presscenter.accounts.models import User

CHUNK = 2000  # ids per query (SQLite bounds the number of query parameters)


@dataclass(frozen=True, slots=True)
class ReaderProfile:
    status: str
    quiet_hours_start: dt.time | None
    quiet_hours_end: dt.time | None


@dataclass(frozen=True, slots=True)
class Reader:
    pk: int
    email: str
    is_active: bool
    role: str
    accredited: bool
    organisation_id: int | None
    language: str
    journalist: ReaderProfile | None  # None: no press profile (like User.journalist raising)

    @property
    def id(self) -> int:
        return self.pk

    # Read by the embargo rule (presscenter.releases.access), as it reads a signed-in user.
    is_authenticated = True


_COLUMNS = (
    "id",
    "email",
    "is_active",
    "role",
    "accredited",
    "organisation_id",
    "language",
    "journalist__id",
    "journalist__status",
    "journalist__quiet_hours_start",
    "journalist__quiet_hours_end",
)


def readers(ids: Collection[int]) -> dict[int, Reader]:
    ordered = sorted(ids)
    found: dict[int, Reader] = {}
    for start in range(0, len(ordered), CHUNK):
        rows = User.objects.filter(pk__any=ordered[start : start + CHUNK]).values_list(*_COLUMNS)
        for (
            pk,
            email,
            is_active,
            role,
            accredited,
            organisation,
            language,
            profile_id,
            status,
            quiet_start,
            quiet_end,
        ) in rows:
            profile = ReaderProfile(status, quiet_start, quiet_end) if profile_id is not None else None
            found[pk] = Reader(pk, email, is_active, role, accredited, organisation, language, profile)
    return found
