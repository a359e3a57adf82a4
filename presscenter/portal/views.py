"""The public portal. It reads items only through presscenter.releases.access."""

from typing import Any
from uuid import UUID

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from presscenter.core.errors import NotFound
from presscenter.orgs.models import AREA_KINDS, Organisation
from presscenter.portal import queries
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
    found = _readable(request, uid)
    user = request.user
    version = found.current_version
    context: dict[str, Any] = {
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
    return render(request, "portal/item.html", context)


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
