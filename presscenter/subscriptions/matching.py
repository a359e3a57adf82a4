"""Reverse search: a new item is matched against the index of subscriptions (SubscriptionTerm),
never by querying every subscription in turn.

A subscription is a set of criterion groups. Agencies, topics, areas, types and priorities are
one group each (any value matches); every word of the saved query is a group of its own (all
words must match). The index holds one row per (group, value); an item matches a subscription
when the number of distinct groups its own terms hit equals the subscription's `required`.
Phrases are stored as their words and checked on the few candidates afterwards."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, CharField, Count, F, Q, Value, When
from django.db.models.functions import Concat
from django.utils import timezone

from presscenter.core.html import to_text
from presscenter.releases.access import public_items
from presscenter.releases.models import Item
from presscenter.search.parse import ParsedQuery, parse
from presscenter.subscriptions.models import Subscription, SubscriptionTerm
from presscenter.text import tokens

AGENCY, TOPIC, AREA, TYPE, PRIORITY, WORD, ALL = "agency", "topic", "area", "type", "priority", "word", "all"
EVERYTHING = (ALL, "*")
VALUE_MAX = 120  # SubscriptionTerm.value; items and subscriptions cut words the same way

Term = tuple[str, str]
NO_QUERY = ParsedQuery(())


@dataclass(frozen=True)
class Criteria:
    """What a subscription asks for, independent of the database (also used by the preview)."""

    organisations: frozenset[int] = frozenset()
    topics: frozenset[int] = frozenset()
    areas: frozenset[int] = frozenset()
    types: frozenset[str] = frozenset()
    priorities: frozenset[str] = frozenset()
    query: ParsedQuery = NO_QUERY

    def groups(self) -> dict[str, set[str]]:
        """Group name -> accepted values; one group per query word."""
        found: dict[str, set[str]] = {}
        for field, values in (
            (AGENCY, self.organisations),
            (TOPIC, self.topics),
            (AREA, self.areas),
            (TYPE, self.types),
            (PRIORITY, self.priorities),
        ):
            if values:
                found[field] = {str(value) for value in values}
        for word in sorted(self.query.words):
            found[f"{WORD}:{word[:VALUE_MAX]}"] = {word[:VALUE_MAX]}
        return found

    def terms(self) -> list[Term]:
        """The index rows: (field, value); a subscription without criteria gets EVERYTHING."""
        rows = [(group.split(":", 1)[0], value) for group, values in self.groups().items() for value in sorted(values)]
        return rows or [EVERYTHING]

    @property
    def required(self) -> int:
        return len(self.groups()) or 1

    @property
    def phrases(self) -> list[tuple[str, ...]]:
        return [term for term in self.query.terms if len(term) > 1]


@dataclass(frozen=True)
class ItemTerms:
    """An item as the matcher sees it: its own index terms and its folded words in order."""

    terms: frozenset[Term]
    folded_text: str  # " word word … " (padded), for phrase checks

    def has_phrase(self, phrase: Iterable[str]) -> bool:
        return f" {' '.join(phrase)} " in self.folded_text


def item_text(item: Item) -> str:
    """Title, lead and body of the current published version (the working copy before that)."""
    source = item.current_version or item
    return "\n".join((source.title, source.lead, to_text(source.body)))


def item_terms(item: Item, topic_ids: Iterable[int], area_ids: Iterable[int]) -> ItemTerms:
    words = tokens(item_text(item))
    terms = {
        EVERYTHING,
        (AGENCY, str(item.organisation_id)),
        (TYPE, item.type),
        (PRIORITY, item.priority),
        *((TOPIC, str(pk)) for pk in topic_ids),
        *((AREA, str(pk)) for pk in area_ids),
        *((WORD, word[:VALUE_MAX]) for word in words),
    }
    return ItemTerms(frozenset(terms), f" {' '.join(words)} ")


def terms_of(item: Item) -> ItemTerms:
    return item_terms(
        item,
        item.topics.values_list("pk", flat=True),
        item.areas.values_list("pk", flat=True),
    )


def accepts(criteria: Criteria, item: ItemTerms) -> bool:
    """The same rule as the index, evaluated in Python for one subscription."""
    for group, values in criteria.groups().items():
        field = group.split(":", 1)[0]
        if not any((field, value) in item.terms for value in values):
            return False
    return all(item.has_phrase(phrase) for phrase in criteria.phrases)


def _lookup(terms: Iterable[Term]) -> Q:
    by_field: dict[str, list[str]] = {}
    for field, value in terms:
        by_field.setdefault(field, []).append(value)
    condition = Q(pk__in=[])
    for field, values in by_field.items():
        condition |= Q(field=field, value__in=values)
    return condition


# A word is its own group; every other field is one group however many of its values match.
_GROUP = Case(
    When(field=WORD, then=Concat(Value("word:"), F("value"))),
    default=F("field"),
    output_field=CharField(),
)


def candidate_ids(item: ItemTerms) -> list[int]:
    """Ids of the deliverable subscriptions whose every group the item satisfies: one query.
    Only deliverable subscriptions (active, confirmed) have index rows (domain.rebuild_terms)."""
    rows = (
        SubscriptionTerm.objects.filter(_lookup(item.terms))
        .values("subscription_id", "subscription__required")
        .annotate(satisfied=Count(_GROUP, distinct=True))
        .filter(satisfied=F("subscription__required"))
        .values_list("subscription_id", flat=True)
    )
    return list(rows)


def match_ids(item: Item) -> list[int]:
    """The reverse search alone: ids of the subscriptions that want this item (phrases checked).
    Fan-out over many thousands of matches can load them in chunks."""
    terms = terms_of(item)
    ids = candidate_ids(terms)
    with_phrases = Subscription.objects.filter(pk__in=ids, has_phrases=True).values_list("pk", "query")
    failing = {
        pk for pk, query in with_phrases if not all(terms.has_phrase(p) for p in parse(query).terms if len(p) > 1)
    }
    return [pk for pk in ids if pk not in failing]


def match(item: Item) -> list[Subscription]:
    """Active, confirmed subscriptions that want this item (eligibility, embargo and quiet hours
    are the caller's, who bulk-loads owners and subscribers by id). Only deliverable subscriptions have
    index rows; the filter below also guards against an index row left by a failed rebuild."""
    ids = match_ids(item)
    if not ids:
        return []
    deliverable = Q(owner__isnull=False) | Q(
        email_subscriber__confirmed_at__isnull=False, email_subscriber__unsubscribed_at__isnull=True
    )
    found = Subscription.objects.filter(deliverable, pk__in=ids, active=True).order_by("pk")
    return list(found)


def criteria_of(subscription: Subscription) -> Criteria:
    """A stored subscription's criteria (reads its three relations)."""
    return Criteria(
        organisations=frozenset(subscription.organisations.values_list("pk", flat=True)),
        topics=frozenset(subscription.topics.values_list("pk", flat=True)),
        areas=frozenset(subscription.areas.values_list("pk", flat=True)),
        types=frozenset(subscription.types),
        priorities=frozenset(subscription.priorities),
        query=parse(subscription.query),
    )


PREVIEW_DAYS = 30
PREVIEW_CANDIDATES = 500
PREVIEW_SHOWN = 20


@dataclass(frozen=True)
class Preview:
    items: list[Item]  # the most recent matches, at most PREVIEW_SHOWN
    total: int
    truncated: bool  # more candidates than PREVIEW_CANDIDATES: `total` is a lower bound


def preview(user: Any, criteria: Criteria) -> Preview:
    """What would have matched in the last 30 days among items the user may read: the database
    narrows by agency, topic, area, type and priority; `accepts` decides, exactly as `match`."""
    since = timezone.now() - dt.timedelta(days=PREVIEW_DAYS)
    candidates = public_items(user).filter(first_published_at__gte=since)
    if criteria.organisations:
        candidates = candidates.filter(organisation_id__in=criteria.organisations)
    if criteria.types:
        candidates = candidates.filter(type__in=criteria.types)
    if criteria.priorities:
        candidates = candidates.filter(priority__in=criteria.priorities)
    if criteria.topics:
        candidates = candidates.filter(
            pk__in=Item.topics.through.objects.filter(topic_id__in=criteria.topics).values("item_id")
        )
    if criteria.areas:
        candidates = candidates.filter(
            pk__in=Item.areas.through.objects.filter(organisation_id__in=criteria.areas).values("item_id")
        )
    batch = list(
        candidates.select_related("organisation", "current_version")
        .prefetch_related("topics", "areas")
        .order_by("-first_published_at", "-pk")[: PREVIEW_CANDIDATES + 1]
    )
    truncated = len(batch) > PREVIEW_CANDIDATES
    matched = [
        item
        for item in batch[:PREVIEW_CANDIDATES]
        if accepts(
            criteria,
            item_terms(item, [topic.pk for topic in item.topics.all()], [area.pk for area in item.areas.all()]),
        )
    ]
    return Preview(items=matched[:PREVIEW_SHOWN], total=len(matched), truncated=truncated)
