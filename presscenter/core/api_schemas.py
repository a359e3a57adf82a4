"""Building blocks shared by the API routers: safe input types and page-numbered lists."""

import datetime as dt
import re
from collections.abc import Callable
from typing import Annotated, Any, Generic, TypeVar

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext
from ninja import Query, Schema
from pydantic import AfterValidator, BeforeValidator, Field, StringConstraints

T = TypeVar("T")


def _no_control_characters(value: str) -> str:
    # PostgreSQL refuses NUL in text; other control characters are never meaningful in our fields.
    if any(ord(ch) < 32 and ch not in "\t\n\r" for ch in value):
        raise ValueError(gettext("Không được chứa ký tự điều khiển."))
    return value


# The same rule, told to clients in the schema.
NO_CONTROL_CHARACTERS = "^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f]*$"
Text = Annotated[
    str, AfterValidator(_no_control_characters), Field(json_schema_extra={"pattern": NO_CONTROL_CHARACTERS})
]
Slug = Annotated[str, StringConstraints(pattern=r"^[-a-zA-Z0-9_]+$", max_length=100)]

# The days a date filter may name: beyond them a day cannot become an instant (year 1 or 9999 overflows
# when the time zone or the next day is applied), and no record falls there anyway.
FIRST_DAY = dt.date(1900, 1, 1)
LAST_DAY = dt.date(2199, 12, 31)
# A date filter takes a day of the years search.query accepts (FIRST_DAY to LAST_DAY), written YYYY-MM-DD:
# pydantic alone would also take "0" as a Unix timestamp. The schema shows the same pattern.
DAY_PATTERN = re.compile("^(19|20|21)[0-9]{2}-[0-9]{2}-[0-9]{2}$")


def _day_as_written(value: Any) -> Any:
    if isinstance(value, str) and not DAY_PATTERN.fullmatch(value):
        raise ValueError(
            gettext("Phải là một ngày từ %(first)s đến %(last)s, viết YYYY-MM-DD.")
            % {"first": FIRST_DAY, "last": LAST_DAY}
        )
    return value


Day = Annotated[dt.date, BeforeValidator(_day_as_written), Field(json_schema_extra={"pattern": DAY_PATTERN.pattern})]


class PageParams(Schema):
    page: int = Field(1, ge=1, le=10_000)
    page_size: int = Field(20, ge=1, le=100)


PageQuery = Annotated[PageParams, Query()]


class Page(Schema, Generic[T]):
    total: int
    page: int
    page_size: int
    next: str | None
    previous: str | None
    results: list[T]


def page_link(request: HttpRequest, page: int) -> str:
    params = request.GET.copy()
    params["page"] = str(page)
    return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")


def page_of(request: HttpRequest, total: int, paging: PageParams, results: list[Any]) -> dict[str, Any]:
    """The page envelope around already-serialised results."""
    has_next = paging.page * paging.page_size < total
    return {
        "total": total,
        "page": paging.page,
        "page_size": paging.page_size,
        "next": page_link(request, paging.page + 1) if has_next else None,
        "previous": page_link(request, paging.page - 1) if paging.page > 1 and total else None,
        "results": results,
    }


def paginate(
    request: HttpRequest, queryset: QuerySet, paging: PageParams, serialise: Callable[[Any], Any]
) -> dict[str, Any]:
    """One page of the queryset, serialised, in the page envelope."""
    total = queryset.count()
    start = (paging.page - 1) * paging.page_size
    rows = queryset[start : start + paging.page_size]
    return page_of(request, total, paging, [serialise(row) for row in rows])
