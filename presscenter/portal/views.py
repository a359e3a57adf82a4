"""The public portal. It reads items only through presscenter.releases.access."""

from typing import Any
from uuid import UUID

from django.conf import settings
from django.contrib.sitemaps.views import SitemapIndexItem
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from presscenter.core.errors import NotFound
from presscenter.events.calendar import home_events
from presscenter.orgs.models import AREA_KINDS, Organisation
from presscenter.portal import queries, sitemaps
from presscenter.portal.diff import diff_paragraphs, paragraphs
from presscenter.portal.jsonld import news_article
from presscenter.releases.access import item_for_reading, public_items
from presscenter.releases.models import Item, Topic, Version

HOME_LATEST = 12
HOME_URGENT = 3
HOME_DIRECTORY = 8


def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    context = {
        "urgent_items": queries.urgent_items(user)[:HOME_URGENT],
        "latest_items": queries.cards(queries.stories(user))[:HOME_LATEST],
        "agencies": queries.busiest_agencies(user)[:HOME_DIRECTORY],
        "topics": queries.busiest_topics(user)[:HOME_DIRECTORY],
        "upcoming_events": home_events(user),
    }
    return render(request, "portal/home.html", context)


def latest(request: HttpRequest) -> HttpResponse:
    page = queries.paginate(request, queries.cards(queries.stories(request.user)))
    return render(request, "portal/latest.html", {"page": page})


def _readable(request: HttpRequest, uid: UUID) -> Item:
    try:
        return item_for_reading(request.user, uid)
    except NotFound as error:
        raise Http404(error.message) from error


def _version(item: Item, number: int) -> Version:
    version = item.versions.filter(number=number).first()
    if version is None:
        raise Http404
    return version


def item(request: HttpRequest, uid: UUID) -> HttpResponse:
    return render(request, "portal/item.html", item_context(request.user, _readable(request, uid)))


def item_context(user: Any, found: Item) -> dict[str, Any]:
    """What portal/item.html shows of an item; the workspace's preview shows the same."""
    version = found.current_version
    return {
        "item": found,
        "version": version,
        # An agency previewing an item never published sees its working copy, marked as such.
        "shown": version or found,
        "versions": found.versions.order_by("-number").only(
            "item_id", "number", "published_at", "change_note", "minor_edit", "forced_reason"
        ),
        "attachments": found.attachments.filter(published=True),
        "topics": found.topics.all(),
        "areas": found.areas.all(),
        "related": queries.related_items(user, found),
        "translations": queries.translations_of(user, found),
        "corrections": queries.corrections_of(user, found),
        "corrected": queries.cards(public_items(user).filter(pk=found.corrects_id)).first()
        if found.corrects_id
        else None,
        "json_ld": news_article(found, version) if version else None,
    }


def item_version(request: HttpRequest, uid: UUID, number: int) -> HttpResponse:
    found = _readable(request, uid)
    version = _version(found, number)
    context = {"item": found, "version": version, "is_current": version.pk == found.current_version_id}
    return render(request, "portal/item_version.html", context)


def item_diff(request: HttpRequest, uid: UUID, old: int, new: int) -> HttpResponse:
    found = _readable(request, uid)
    before, after = _version(found, old), _version(found, new)
    changes = diff_paragraphs(
        paragraphs(before.title, before.lead, before.body),
        paragraphs(after.title, after.lead, after.body),
    )
    context = {"item": found, "before": before, "after": after, "changes": changes}
    return render(request, "portal/item_diff.html", context)


def agency_list(request: HttpRequest) -> HttpResponse:
    page = queries.paginate(request, queries.agency_directory(request.user), queries.DIRECTORY_PER_PAGE)
    return render(request, "portal/agency_list.html", {"page": page})


def agency(request: HttpRequest, slug: str) -> HttpResponse:
    found = get_object_or_404(Organisation.objects.select_related("parent"), slug=slug)
    context = {
        "agency": found,
        "children": found.children.filter(active=True).order_by("name"),
        "page": queries.paginate(request, queries.items_of_agency(request.user, found)),
    }
    return render(request, "portal/agency.html", context)


def topic_list(request: HttpRequest) -> HttpResponse:
    page = queries.paginate(request, queries.topic_directory(request.user), queries.DIRECTORY_PER_PAGE)
    return render(request, "portal/topic_list.html", {"page": page})


def topic(request: HttpRequest, slug: str) -> HttpResponse:
    found = get_object_or_404(Topic, slug=slug)
    page = queries.paginate(request, queries.items_on_topic(request.user, found))
    return render(request, "portal/topic.html", {"topic": found, "page": page})


def area_list(request: HttpRequest) -> HttpResponse:
    page = queries.paginate(request, queries.area_directory(request.user), queries.DIRECTORY_PER_PAGE)
    return render(request, "portal/area_list.html", {"page": page})


def area(request: HttpRequest, slug: str) -> HttpResponse:
    found = get_object_or_404(Organisation.objects.select_related("parent"), slug=slug, kind__in=AREA_KINDS)
    page = queries.paginate(request, queries.items_about_area(request.user, found))
    return render(request, "portal/area.html", {"area": found, "page": page})


# Per-user and private areas that crawlers have no business in: each by a page inside it.
PRIVATE_AREAS = (
    "workspace:home", "accounts:login", "press:profile", "subscriptions:list", "delivery:mine",
    "webhooks:list", "live:centre", "set_language", "admin:index",
)  # fmt: skip
# The API's token-only routers (presscenter/api.py); its public reads stay crawlable.
PRIVATE_API = ("agency/", "operator/")


def _first_segment(url_name: str) -> str:
    return "/" + reverse(url_name).strip("/").split("/")[0] + "/"


def robots_txt(request: HttpRequest) -> HttpResponse:
    api_root = reverse("api:api-root")
    disallowed = sorted({_first_segment(name) for name in PRIVATE_AREAS} | {api_root + path for path in PRIVATE_API})
    context = {"disallowed": disallowed, "sitemap": settings.SITE_URL + reverse("portal:sitemap")}
    return render(request, "portal/robots.txt", context, content_type="text/plain; charset=utf-8")


def sitemap_index(request: HttpRequest) -> HttpResponse:
    """Like django.contrib.sitemaps' index, with addresses on SITE_URL rather than the request's host."""
    entries = []
    for section, sitemap_class in sitemaps.SECTIONS.items():
        sitemap = sitemap_class()
        url = settings.SITE_URL + reverse("portal:sitemap_section", kwargs={"section": section})
        latest = sitemap.get_latest_lastmod()
        pages = [url, *(f"{url}?p={page}" for page in range(2, sitemap.paginator.num_pages + 1))]
        # Django annotates last_mod as bool, but it holds (and its template prints) the datetime.
        entries += [SitemapIndexItem(page, latest) for page in pages]  # type: ignore[arg-type]
    return render(request, "sitemap_index.xml", {"sitemaps": entries}, content_type="application/xml")


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form refused by the CSRF check (an old page, cookies blocked): the site's own page, in
    the reader's language, instead of Django's English one with its inline style (refused by the CSP)."""
    return render(request, "403_csrf.html", status=403)
