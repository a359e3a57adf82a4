"""Reverse search: a new item is matched against an index of subscriptions, never by querying
every subscription in turn.

A subscription is a set of criterion groups. Agencies, topics, areas, types and priorities are
one group each (any value matches); every word of the saved query is a group of its own (all
words must match); phrases must appear in order. SubscriptionTerm stores one row per (group,
value) of each deliverable subscription; `Matcher` turns those rows into an in-memory index
that posts each subscription under one group only and verifies the rest on the candidates."""

import datetime as dt
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from presscenter.core.html import to_text
from presscenter.releases.access import public_items
from presscenter.releases.models import Item
from presscenter.search.parse import ParsedQuery, parse
from presscenter.subscriptions.models import MatchingChange, Subscription, SubscriptionTerm
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


# Anchor choice without a sample of items: the criteria that split items most finely first.
STATIC_RANK = {AREA: 0, AGENCY: 1, TOPIC: 2, WORD: 3, TYPE: 4, PRIORITY: 5, ALL: 6}
ODDS_SAMPLE = 300  # recent items whose terms estimate how often an item carries a term
RELOAD_LIMIT = 5000  # more changed subscriptions than this since the last look: rebuild instead


class Rule:
    """A subscription as the index verifies it: the criterion groups other than its anchor (each
    must share a term with the item) and its phrases (padded, found in the item's folded text)."""

    __slots__ = ("groups", "phrases")

    def __init__(self, groups: tuple[frozenset[Term], ...], phrases: tuple[str, ...]) -> None:
        self.groups = groups
        self.phrases = phrases

    def holds(self, terms: frozenset[Term], folded_text: str) -> bool:
        for group in self.groups:
            if group.isdisjoint(terms):
                return False
        return all(phrase in folded_text for phrase in self.phrases)


class TermOdds:
    """How likely a new item is to carry a term, from the terms of recent items (smoothed, so an
    unseen word counts as rare). Without a sample every term is equally likely."""

    def __init__(self, sample: Iterable[frozenset[Term]]) -> None:
        self.counts: dict[Term, int] = {}
        self.costs: dict[frozenset[Term], tuple[float, int, int]] = {}  # groups recur: "giao", agency 7…
        self.size = 0
        for terms in sample:
            self.size += 1
            for term in terms:
                self.counts[term] = self.counts.get(term, 0) + 1

    def of_group(self, values: Iterable[Term]) -> float:
        missed = 1.0
        for term in values:
            missed *= 1 - (self.counts.get(term, 0) + 0.5) / (self.size + 1)
        return 1 - missed

    def cost(self, values: frozenset[Term]) -> tuple[float, int, int]:
        """Sort key of a candidate anchor: rarest first, then the static rank, then longer words."""
        known = self.costs.get(values)
        if known is None:
            field = next(iter(values))[0]
            longest = max(len(value) for _field, value in values)
            odds = self.of_group(values) if self.size else 0.0
            known = self.costs[values] = (odds, STATIC_RANK.get(field, len(STATIC_RANK)), -longest)
        return known


def recent_item_terms(limit: int = ODDS_SAMPLE) -> list[frozenset[Term]]:
    """The index terms of the latest items: three queries."""
    items = list(Item.objects.select_related("current_version").order_by("-pk")[:limit])
    ids = [item.pk for item in items]
    topics: dict[int, list[int]] = {}
    areas: dict[int, list[int]] = {}
    for item_id, topic_id in Item.topics.through.objects.filter(item_id__in=ids).values_list("item_id", "topic_id"):
        topics.setdefault(item_id, []).append(topic_id)
    for item_id, area_id in Item.areas.through.objects.filter(item_id__in=ids).values_list(
        "item_id", "organisation_id"
    ):
        areas.setdefault(item_id, []).append(area_id)
    return [item_terms(item, topics.get(item.pk, ()), areas.get(item.pk, ())).terms for item in items]


def phrase_keys(query: str) -> tuple[str, ...]:
    """The saved query's phrases as padded folded text, as `ItemTerms.has_phrase` looks for them."""
    return tuple(f" {' '.join(term)} " for term in parse(query).terms if len(term) > 1)


class Matcher:
    """The reverse index of every deliverable subscription, in this process's memory.

    Each subscription is posted under the terms of ONE criterion group, its anchor: the group
    recent items carry least often. An item gathers the subscriptions posted under its own
    terms and checks their other groups and phrases with set operations, so a common syllable
    in a query costs nothing unless it is the subscription's rarest criterion.

    Built from SubscriptionTerm (which holds rows for deliverable subscriptions only) and kept
    current by `MatchingChange`: every subscription write numbers itself there in commit order,
    each call reloads only the subscriptions written since. A change number missing or reused
    (a rolled-back transaction, a pruned log) means a full rebuild."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._clear()

    def _clear(self) -> None:
        self._built = False
        self._version = 0
        self._token = ""
        self._odds = TermOdds(())
        # anchor term -> ids with nothing else to check / id -> what else to check
        self._plain: dict[Term, set[int]] = {}
        self._checked: dict[Term, dict[int, Rule]] = {}
        self._anchors: dict[int, tuple[Term, ...]] = {}
        # equal terms and groups recur across subscriptions: keep one copy of each
        self._terms: dict[Term, Term] = {}
        self._groups: dict[frozenset[Term], frozenset[Term]] = {}

    def match_ids(self, item: ItemTerms) -> set[int]:
        with self._lock:
            self._refresh()
            terms, text = item.terms, item.folded_text
            found: set[int] = set()
            for term in terms:
                plain = self._plain.get(term)
                if plain:
                    found |= plain
                checked = self._checked.get(term)
                if checked:
                    found.update(pk for pk, rule in checked.items() if rule.holds(terms, text))
            return found

    def __len__(self) -> int:
        return len(self._anchors)

    def refresh(self) -> None:
        """Bring the index up to date now (built on first use otherwise)."""
        with self._lock:
            self._refresh()

    def _refresh(self) -> None:
        if not self._built:
            self.rebuild()
            return
        changes = list(
            MatchingChange.objects.filter(version__gte=self._version)
            .order_by("version")
            .values_list("version", "subscription_pk", "token")
        )
        seen = (self._version, self._token)
        if self._version and (not changes or (changes[0][0], changes[0][2]) != seen):
            self.rebuild()
            return
        fresh = [change for change in changes if change[0] > self._version]
        if not fresh:
            return
        changed = {pk for _version, pk, _token in fresh}
        if len(changed) > RELOAD_LIMIT:
            self.rebuild()
            return
        for pk in changed:
            self._drop(pk)
        self._load(SubscriptionTerm.objects.filter(subscription_id__in=changed), changed)
        self._version, self._token = fresh[-1][0], fresh[-1][2]

    def rebuild(self) -> None:
        """Everything from the database: the latest change number first, so a write committed
        while loading is reloaded (again) by the next call."""
        latest = MatchingChange.objects.order_by("-version").values_list("version", "token").first()
        self._clear()
        self._version, self._token = latest or (0, "")
        self._odds = TermOdds(recent_item_terms())
        self._load(SubscriptionTerm.objects.all(), None)
        self._built = True

    def _load(self, rows: QuerySet[SubscriptionTerm], pks: set[int] | None) -> None:
        groups: dict[int, dict[str, set[Term]]] = {}
        intern = self._terms.setdefault
        for pk, field, value in rows.values_list("subscription_id", "field", "value").iterator(chunk_size=20_000):
            group = f"{WORD}:{value}" if field == WORD else field
            term = (field, value)
            groups.setdefault(pk, {}).setdefault(group, set()).add(intern(term, term))
        with_phrases = Subscription.objects.filter(has_phrases=True)
        if pks is not None:
            with_phrases = with_phrases.filter(pk__in=pks)
        phrases = {pk: phrase_keys(query) for pk, query in with_phrases.values_list("pk", "query") if pk in groups}
        for pk, found in groups.items():
            self._add(pk, found, phrases.get(pk, ()))

    def _add(self, pk: int, groups: dict[str, set[Term]], phrases: tuple[str, ...]) -> None:
        frozen = [self._groups.setdefault(group, group) for group in map(frozenset, groups.values())]
        anchor = min(frozen, key=self._odds.cost) if len(frozen) > 1 else frozen[0]
        rest = tuple(values for values in frozen if values is not anchor)
        rule = Rule(rest, phrases) if rest or phrases else None
        for term in anchor:
            if rule is None:
                self._plain.setdefault(term, set()).add(pk)
            else:
                self._checked.setdefault(term, {})[pk] = rule
        self._anchors[pk] = tuple(anchor)

    def _drop(self, pk: int) -> None:
        for term in self._anchors.pop(pk, ()):
            self._plain.get(term, set()).discard(pk)
            self._checked.get(term, {}).pop(pk, None)


MATCHER = Matcher()  # one per process; threads share it under its lock


def match_ids(item: Item) -> list[int]:
    """The reverse search alone: ids of the subscriptions that want this item (phrases checked),
    in ascending order. Fan-out over many thousands of matches can load them in chunks."""
    return sorted(MATCHER.match_ids(terms_of(item)))


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
