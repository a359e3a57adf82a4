"""Full-text search over public items: the one interface for pages and the API."""

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from presscenter.core.api_schemas import FIRST_DAY, LAST_DAY
from presscenter.core.errors import DomainError
from presscenter.core.html import to_text
from presscenter.orgs.models import Organisation
from presscenter.releases.access import embargo_reach
from presscenter.releases.models import Item, ItemType, Topic
from presscenter.search import backends
from presscenter.search.index import organisation_tag, type_tag
from presscenter.search.parse import ParsedQuery, parse
from presscenter.search.snippets import highlight

MAX_PER_PAGE = 100
# What a hit shows (the search page, the API's item summary and the snippet): the published
# version's text, not the working copy's nor the signed bytes (each as long as the body).
HIT_FIELDS = (
    "uid", "type", "language", "priority", "organisation", "current_version", "first_published_at",
    "last_published_at", "embargo_until", "withdrawn_at",
    "organisation__slug", "organisation__name", "organisation__name_en",
    "current_version__number", "current_version__title", "current_version__lead", "current_version__body",
)  # fmt: skip


class Sort(models.TextChoices):
    RELEVANCE = "relevance", pgettext_lazy("search order", "Liên quan nhất")
    DATE = "date", pgettext_lazy("search order", "Mới nhất")


@dataclass
class SearchParams:
    q: str = ""
    organisation: str | None = None  # org slug
    type: str | None = None
    topic: str | None = None  # topic slug
    area: str | None = None  # area org slug
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    page: int = 1
    per_page: int = 20
    sort: str | None = None  # a Sort; by default by relevance when there are words, else by date


@dataclass
class Hit:
    item: Item
    score: float
    snippet: str  # safe HTML, matched words wrapped in <mark>, original spelling, escaped


@dataclass
class SearchResult:
    hits: list[Hit]
    total: int
    page: int
    per_page: int
    # Counting stops after RANKED_MATCHES: then `total` is that cap and more matches exist.
    total_is_lower_bound: bool = False

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))


def _start_of_day(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=timezone.get_current_timezone())


def _resolve(params: SearchParams, user: Any) -> backends.Filters:
    """Slugs to ids, dates to instants; unknown values are the user's mistake, said clearly."""
    filters = backends.Filters(now=timezone.now())
    if params.type:
        if params.type not in ItemType.values:
            raise DomainError(_("Loại tin không hợp lệ."), field="type")
        filters.tags.append(type_tag(params.type))
    org_slugs = {slug for slug in (params.organisation, params.area) if slug}
    orgs = dict(Organisation.objects.filter(slug__in=org_slugs).values_list("slug", "pk")) if org_slugs else {}
    if params.organisation:
        if params.organisation not in orgs:
            raise DomainError(_("Không tìm thấy cơ quan này."), field="organisation")
        filters.tags.append(organisation_tag(orgs[params.organisation]))
    if params.area:
        if params.area not in orgs:
            raise DomainError(_("Không tìm thấy địa bàn này."), field="area")
        filters.tags.append(f"a{orgs[params.area]}")
    if params.topic:
        topic_id = Topic.objects.filter(slug=params.topic).values_list("pk", flat=True).first()
        if topic_id is None:
            raise DomainError(_("Không tìm thấy chủ đề này."), field="topic")
        filters.tags.append(f"t{topic_id}")
    for field, day in (("date_from", params.date_from), ("date_to", params.date_to)):
        if day and not FIRST_DAY <= day <= LAST_DAY:
            raise DomainError(
                _("Ngày phải trong khoảng từ %(first)s đến %(last)s.")
                % {"first": f"{FIRST_DAY:%d/%m/%Y}", "last": f"{LAST_DAY:%d/%m/%Y}"},
                field=field,
            )
    if params.date_from and params.date_to and params.date_from > params.date_to:
        raise DomainError(_("Ngày bắt đầu phải trước ngày kết thúc."), field="date_from")
    if params.date_from:
        filters.published_from = _start_of_day(params.date_from)
    if params.date_to:
        filters.published_before = _start_of_day(params.date_to + dt.timedelta(days=1))
    reach = embargo_reach(user)
    if not reach.every:
        filters.embargoed = backends.embargoed_ids(filters.now, except_organisation=reach.organisation_id)
    return filters


def _check_paging(params: SearchParams) -> None:
    if params.page < 1:
        raise DomainError(_("Số trang không hợp lệ."), field="page")
    if not 1 <= params.per_page <= MAX_PER_PAGE:
        raise DomainError(_("Số kết quả mỗi trang phải từ 1 đến %(max)d.") % {"max": MAX_PER_PAGE}, field="per_page")


def _by_date(params: SearchParams, query: ParsedQuery) -> bool:
    if params.sort not in (None, *Sort.values):
        raise DomainError(_("Cách sắp xếp không hợp lệ."), field="sort")
    return params.sort == Sort.DATE or (params.sort is None and not query)


def _snippet(item: Item, words: set[str]) -> str:
    version = item.current_version
    assert version is not None
    text = "\n".join(part for part in (version.lead, to_text(version.body)) if part)
    return highlight(text, words)


def search(params: SearchParams, user: Any = None) -> SearchResult:
    """Public items matching the words, best first or newest first (by default without words)."""
    query = parse(params.q)
    by_date = _by_date(params, query)
    _check_paging(params)
    filters = _resolve(params, user)
    offset = (params.page - 1) * params.per_page
    if offset >= backends.RANKED_MATCHES:
        raise DomainError(
            _("Chỉ xem được %(limit)d kết quả đầu tiên; hãy thêm từ khóa hoặc bộ lọc.")
            % {"limit": backends.RANKED_MATCHES},
            field="page",
        )
    found = backends.backend().find(query, filters, by_date)
    total = len(found.ids_and_scores)
    page = found.ids_and_scores[offset : offset + params.per_page]
    if params.page > 1 and not page:
        pages = max(1, math.ceil(total / params.per_page))
        raise DomainError(
            _("Trang %(page)d không tồn tại; chỉ có %(pages)d trang kết quả.") % {"page": params.page, "pages": pages},
            field="page",
        )
    hit_items = Item.objects.select_related("organisation", "current_version").only(*HIT_FIELDS)
    items = hit_items.in_bulk([pk for pk, _score in page])
    words = query.words
    hits = [Hit(item=items[pk], score=score, snippet=_snippet(items[pk], words)) for pk, score in page if pk in items]
    return SearchResult(
        hits=hits, total=total, page=params.page, per_page=params.per_page, total_is_lower_bound=found.more
    )
