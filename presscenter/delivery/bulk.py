"""Building and inserting thousands of Delivery rows cheaply (fan-out's hot path).

Django's keyword __init__ and bulk_create spend most of a 10,000-row fan-out on per-field
bookkeeping. Here a row is built from positional values (the path Django itself uses when
loading rows) and inserted with one executemany of a single-row INSERT that skips existing
keys; only date-times need converting for the database.
"""

import functools
from typing import Any

from django.db import connection, models
from django.db.models.constants import OnConflict

from presscenter.delivery.models import Delivery


@functools.cache
def _fields() -> tuple[models.Field[Any, Any], ...]:
    return tuple(Delivery._meta.concrete_fields)


def new_delivery(**values: Any) -> Delivery:
    """A Delivery from field attnames; fields not given take their defaults."""
    return Delivery(*[values[f.attname] if f.attname in values else f.get_default() for f in _fields()])


def insert_ignoring_duplicates(rows: list[Delivery]) -> None:
    """INSERT the rows; a row whose key already exists is skipped (like bulk_create with
    ignore_conflicts). Primary keys are not read back."""
    if not rows:
        return
    fields = [f for f in _fields() if not f.primary_key]
    ops = connection.ops
    columns = ", ".join(ops.quote_name(str(f.column)) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    suffix = ops.on_conflict_suffix_sql(fields, OnConflict.IGNORE, None, None)
    sql = (
        f"{ops.insert_statement(on_conflict=OnConflict.IGNORE)} {ops.quote_name(Delivery._meta.db_table)} "
        f"({columns}) VALUES ({placeholders}) {suffix}"
    )
    converted = [isinstance(f, models.DateTimeField) for f in fields]
    moments: dict[Any, Any] = {}  # a fan-out's rows share one or two date-times: convert each once

    def prepared(field: models.Field[Any, Any], value: Any) -> Any:
        if value not in moments:
            moments[value] = field.get_db_prep_save(value, connection)
        return moments[value]

    values = [
        [
            prepared(f, getattr(row, f.attname)) if convert else getattr(row, f.attname)
            for f, convert in zip(fields, converted, strict=True)
        ]
        for row in rows
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, values)
