"""Querysets for the portal's lists: each loads what its cards show in a fixed number of queries."""

import datetime as dt
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import get_language

from presscenter.orgs.models import AREA_KINDS, Organisation, kind_order
from presscenter.releases.access import public_items
from presscenter.releases.models import Item, Priority, Topic

ITEMS_PER_PAGE = 20
DIRECTORY_PER_PAGE = 60
# Urgent and flash items stay in the home page banner this long after publication.
URGENT_WINDOW = dt.timedelta(hours=24)


def cards(items: QuerySet[Item]) -> QuerySet[Item]:
    """Items with what an item card shows: the frozen version and the issuing agency."""
    return items.select_related("organisation", "current_version").order_by("-last_published_at", "-id")


def paginate(request: HttpRequest, objects: QuerySet[Any], per_page: int = ITEMS_PER_PAGE) -> Page:
    """The requested page; a missing, malformed or too-large number gives the nearest valid page."""
    return Paginator(objects, per_page).get_page(request.GET.get("trang"))


def stories(user: Any) -> QuerySet[Item]:
    """The public items a list shows: each story once, in the reader's language where a version
    in it exists. A translation stands in for its original for readers of its language and is
    left out for the others (the item page links every language version)."""
    language = "en" if get_language() == "en" else "vi"
    public = public_items(user)
    replaced = Exists(public.filter(translation_of=OuterRef("pk"), language=language))
    other_language = ~Q(language=language)
    return public.exclude(other_language & (Q(translation_of__in=public.values("pk")) | Q(replaced)))


def urgent_items(user: Any) -> QuerySet[Item]:
    since = timezone.now() - URGENT_WINDOW
    urgent = stories(user).filter(priority__in=(Priority.URGENT, Priority.FLASH), last_published_at__gte=since)
    return cards(urgent)


# Counts next to agencies, areas and topics count what their pages list: stories(), where a
# translation and its original are one story.


def busiest_agencies(user: Any) -> QuerySet[Organisation]:
    return (
        Organisation.objects.filter(items__in=stories(user))
        .annotate(item_count=Count("items"))
        .order_by("-item_count", "name")
    )


def busiest_topics(user: Any) -> QuerySet[Topic]:
    return (
        Topic.objects.filter(items__in=stories(user))
        .annotate(item_count=Count("items"))
        .order_by("-item_count", "name")
    )


def agency_directory(user: Any) -> QuerySet[Organisation]:
    """Every issuer, grouped by kind in the order of Kind, with its count of public items: the
    active agencies, and any organisation (a ward, a commune, a former agency) that has published."""
    public = Q(items__in=stories(user))
    return (
        Organisation.objects.annotate(item_count=Count("items", filter=public))
        .filter((Q(active=True) & ~Q(kind__in=AREA_KINDS)) | Q(item_count__gt=0))
        .order_by(kind_order(), "name")
    )


def area_directory(user: Any) -> QuerySet[Organisation]:
    """Wards and communes with the count of public items about them."""
    public = Q(area_items__in=stories(user))
    return (
        Organisation.objects.filter(active=True, kind__in=AREA_KINDS)
        .annotate(item_count=Count("area_items", filter=public))
        .order_by(kind_order(), "name")
    )


def topic_directory(user: Any) -> QuerySet[Topic]:
    public = Q(items__in=stories(user))
    return Topic.objects.annotate(item_count=Count("items", filter=public)).order_by("name")


def items_of_agency(user: Any, agency: Organisation) -> QuerySet[Item]:
    return cards(stories(user).filter(organisation=agency))


def items_about_area(user: Any, area: Organisation) -> QuerySet[Item]:
    """Items about the area; what the ward or commune issued is among them (releases.domain)."""
    return cards(stories(user).filter(areas=area))


def items_on_topic(user: Any, topic: Topic) -> QuerySet[Item]:
    return cards(stories(user).filter(topics=topic))


def related_items(user: Any, item: Item) -> QuerySet[Item]:
    return cards(public_items(user).filter(related=item).exclude(pk=item.pk))


def translations_of(user: Any, item: Item) -> QuerySet[Item]:
    """The other language versions: the original, its translations, and this item's translations."""
    family = Q(translation_of=item)
    if item.translation_of_id:
        family |= Q(pk=item.translation_of_id) | Q(translation_of_id=item.translation_of_id)
    return cards(public_items(user).filter(family).exclude(pk=item.pk))


def corrections_of(user: Any, item: Item) -> QuerySet[Item]:
    return cards(public_items(user).filter(corrects=item))
