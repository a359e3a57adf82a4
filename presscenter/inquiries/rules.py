"""Routing rules as data: category × area × topic → the responsible organisation.

The most specific rule wins: a rule naming the category beats one for any category; a rule for
the question's own ward beats one for the ward's parent (the rules climb the organisation tree
from the area upwards), which beats a rule for any area; a rule naming the topic breaks ties."""

from django.db.models import Q

from presscenter.inquiries.models import Category, RoutingRule
from presscenter.orgs.models import Organisation
from presscenter.releases.models import Topic

# The tree is a few levels deep; a cycle in bad data must not loop forever.
MAX_DEPTH = 10


def area_chain(area: Organisation | None) -> list[int]:
    """The area and its ancestors, nearest first."""
    chain: list[int] = []
    node = area
    while node is not None and len(chain) < MAX_DEPTH and node.pk not in chain:
        chain.append(node.pk)
        node = node.parent
    return chain


def _specificity(rule: RoutingRule, chain: list[int]) -> tuple[int, int, int]:
    area_rank = chain.index(rule.area_id) if rule.area_id is not None else len(chain)
    return (0 if rule.category_id else 1, area_rank, 0 if rule.topic_id else 1)


def resolve(category: Category | None, area: Organisation | None, topic: Topic | None) -> RoutingRule | None:
    chain = area_chain(area)
    candidates = RoutingRule.objects.filter(
        Q(category=None) | Q(category=category) if category else Q(category=None),
        Q(area=None) | Q(area_id__in=chain),
        Q(topic=None) | Q(topic=topic) if topic else Q(topic=None),
        active=True,
        organisation__active=True,
    ).select_related("organisation")
    return min(candidates, key=lambda rule: _specificity(rule, chain), default=None)


class Resolver:
    """The rules loaded once, to resolve many inquiries in memory (a page of the triage queue):
    the same answer as `resolve`, in two queries however many inquiries are asked about."""

    def __init__(self) -> None:
        self.rules = list(
            RoutingRule.objects.filter(active=True, organisation__active=True).select_related("organisation")
        )
        self._parents: dict[int, int | None] | None = None

    def _chain(self, area_id: int | None) -> list[int]:
        if area_id is None:
            return []
        if self._parents is None:  # only rules naming an area need the tree
            has_area = any(rule.area_id is not None for rule in self.rules)
            self._parents = dict(Organisation.objects.values_list("pk", "parent_id")) if has_area else {}
        chain: list[int] = []
        node: int | None = area_id
        while node is not None and len(chain) < MAX_DEPTH and node not in chain:
            chain.append(node)
            node = self._parents.get(node)
        return chain

    def resolve(self, category_id: int | None, area_id: int | None, topic_id: int | None) -> RoutingRule | None:
        chain = self._chain(area_id)
        candidates = [
            rule
            for rule in self.rules
            if rule.category_id in (None, category_id)
            and (rule.area_id is None or rule.area_id in chain)
            and rule.topic_id in (None, topic_id)
        ]
        return min(candidates, key=lambda rule: _specificity(rule, chain), default=None)
