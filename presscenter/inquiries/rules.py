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


def resolve(category: Category | None, area: Organisation | None, topic: Topic | None) -> RoutingRule | None:
    chain = area_chain(area)
    candidates = RoutingRule.objects.filter(
        Q(category=None) | Q(category=category) if category else Q(category=None),
        Q(area=None) | Q(area_id__in=chain),
        Q(topic=None) | Q(topic=topic) if topic else Q(topic=None),
        active=True,
        organisation__active=True,
    ).select_related("organisation")

    def specificity(rule: RoutingRule) -> tuple[int, int, int]:
        area_rank = chain.index(rule.area_id) if rule.area_id is not None else len(chain)
        return (0 if rule.category_id else 1, area_rank, 0 if rule.topic_id else 1)

    return min(candidates, key=specificity, default=None)
