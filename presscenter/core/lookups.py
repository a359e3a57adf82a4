"""`field__any=values`: membership in a list as one bound array on PostgreSQL (`= ANY(%s)`)
instead of one placeholder per value (`IN (%s, %s, ...)`). For the hundreds of ids a delivery
round names, Django's and psycopg's work per placeholder cost about 4 ms per 500 ids (5.8 ms
against 1.6 ms for an UPDATE naming 500 deliveries). Other databases get the ordinary IN."""

from typing import Any

from django.db.models import Field
from django.db.models.lookups import In


@Field.register_lookup
class AnyOf(In):
    lookup_name = "any"

    def as_postgresql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        field = self.lhs.output_field
        values = [field.get_db_prep_value(value, connection) for value in self.rhs if value is not None]
        return f"{lhs} = ANY(%s)", [*lhs_params, values]
