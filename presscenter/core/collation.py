"""The database collation that sorts names in Vietnamese alphabetical order, on both databases.

On PostgreSQL it is ICU's Vietnamese collation (`vi-VN`), created by the orgs migration under a
name that SQLite also accepts unquoted (Django's SQLite backend does not quote a column's
collation); SQLite gets a collation of that name, computed by presscenter.text.collate, on each
new connection. A column declared with `db_collation=VIETNAMESE` then sorts correctly in every
ORDER BY, whoever writes the query.
"""

from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.signals import connection_created

from presscenter.text.collate import sort_key

VIETNAMESE = "vietnamese"
CREATE_ON_POSTGRESQL = f"CREATE COLLATION IF NOT EXISTS {VIETNAMESE} (provider = icu, locale = 'vi-VN')"


def compare(left: str, right: str) -> int:
    left_key, right_key = sort_key(left), sort_key(right)
    return (left_key > right_key) - (left_key < right_key)


def register_on_sqlite(sender: Any, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_collation(VIETNAMESE, compare)


def create_on_postgresql(apps: Any, schema_editor: Any) -> None:
    """Migration step (PostgreSQL only; needs a server built with ICU, as Debian's and the official images are)."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE_ON_POSTGRESQL)


connection_created.connect(register_on_sqlite, dispatch_uid="presscenter.core.collation")
