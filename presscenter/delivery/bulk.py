"""Inserting thousands of rows cheaply (fan-out's hot path: deliveries and live notifications).

Building a model instance per row and calling bulk_create spends most of a 10,000-row fan-out
on Django's per-instance and per-field bookkeeping. Here rows are plain records (named tuples or
slotted dataclasses whose attribute names are the model's attnames), inserted in one
transaction by INSERTs that skip rows whose unique key exists; fields a record does not carry
take their defaults, and only date-times need converting for the database.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from django.db import connection, models, transaction
from django.db.models.constants import OnConflict


@dataclass(slots=True)
class NewDelivery:
    """A Delivery row planned by fan-out, before it is inserted (see presscenter.delivery.models.Delivery)."""

    event_id: int
    item_id: int
    version: int
    kind: str
    channel: str
    recipient_id: int | None
    email_subscriber_id: int | None
    subscription_id: int | None
    target: str
    key: str
    priority: int
    status: str
    due_at: dt.datetime
    digest: bool
    created_at: dt.datetime
    attempts: int = 0
    last_error: str = ""
    sent_at: dt.datetime | None = None


def insert_records(model: type[models.Model], rows: Sequence[Any]) -> None:
    """INSERT the records; a record whose unique key already exists is skipped (like bulk_create
    with ignore_conflicts). Primary keys are not read back."""
    if not rows:
        return
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    carried = [f for f in fields if hasattr(rows[0], f.attname)]
    others = [f for f in fields if f not in carried]
    defaults = [f.get_db_prep_save(f.get_default(), connection) for f in others]
    ops = connection.ops
    columns = ", ".join(ops.quote_name(str(f.column)) for f in carried + others)
    head = f"{ops.insert_statement(on_conflict=OnConflict.IGNORE)} {ops.quote_name(model._meta.db_table)} ({columns})"
    suffix = ops.on_conflict_suffix_sql(fields, OnConflict.IGNORE, None, None)
    read = attrgetter(*[f.attname for f in carried])
    moments = [(index, f) for index, f in enumerate(carried) if isinstance(f, models.DateTimeField)]
    prepared: dict[Any, Any] = {}  # a fan-out's rows share one or two date-times: convert each once

    def values(row: Any) -> list[Any]:
        found = list(read(row))
        for index, field in moments:
            value = found[index]
            if value not in prepared:
                prepared[value] = field.get_db_prep_save(value, connection)
            found[index] = prepared[value]
        return found + defaults

    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            # SQLite runs in-process: one prepared single-row INSERT run for every row is fastest.
            placeholders = ", ".join(["%s"] * len(fields))
            cursor.executemany(f"{head} VALUES ({placeholders}) {suffix}", [values(row) for row in rows])
            return
        # PostgreSQL: a statement per row costs a round trip each, and a multi-row statement with
        # thousands of placeholders costs psycopg more to parse than to run. One statement over
        # one array per column instead.
        arrays = ", ".join(f"%s::{f.db_type(connection)}[]" for f in carried + others)
        by_column = [list(column) for column in zip(*(values(row) for row in rows), strict=True)]
        # Table, columns and types come from the model; every value is a parameter.
        cursor.execute(f"{head} SELECT * FROM unnest({arrays}) {suffix}", by_column)  # noqa: S608
