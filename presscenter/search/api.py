"""Item search over HTTP. Mounted by presscenter/api.py at /items, beside the items router."""

from typing import Any

from django.db.models import prefetch_related_objects
from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from presscenter.accounts.api_auth import PUBLIC_AUTH, caller_of
from presscenter.core.api_schemas import Page, PageParams, PageQuery, Text, page_of
from presscenter.releases.api import item_summary
from presscenter.releases.schemas import ItemFilters, ItemSummary
from presscenter.search.query import SearchParams, Sort, search

router = Router(tags=["items"], auth=PUBLIC_AUTH)


class SearchFilters(ItemFilters):
    q: Text = Field("", max_length=200)
    sort: Sort | None = Field(None, description="relevance (the default with words) or date (newest first)")


class SearchHit(Schema):
    item: ItemSummary
    score: float
    snippet: str


class SearchPage(Page[SearchHit]):
    # Counting stops at 1,000 matches: then `total` is 1,000 and more matches exist.
    total_is_lower_bound: bool


# The operation id from before the endpoint moved here: clients generate code from it.
@router.get("/search", response=SearchPage, operation_id="presscenter_releases_api_search_items")
def search_items(request: HttpRequest, paging: PageQuery, filters: Query[SearchFilters]) -> dict[str, Any]:
    params = SearchParams(
        q=filters.q,
        organisation=filters.agency,
        type=filters.type,
        topic=filters.topic,
        area=filters.area,
        date_from=filters.date_from,
        date_to=filters.date_to,
        page=paging.page,
        per_page=paging.page_size,
        sort=filters.sort,
    )
    result = search(params, caller_of(request).user)
    prefetch_related_objects([hit.item for hit in result.hits], "topics", "areas")
    hits = [{"item": item_summary(h.item), "score": h.score, "snippet": h.snippet} for h in result.hits]
    page = page_of(request, result.total, PageParams(page=result.page, page_size=result.per_page), hits)
    return {**page, "total_is_lower_bound": result.total_is_lower_bound}
