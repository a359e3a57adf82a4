"""The organisation tree flattened for display: each node with its depth, children under parents."""

from collections import defaultdict
from collections.abc import Iterable

from presscenter.orgs.models import Organisation


def flatten(organisations: Iterable[Organisation]) -> list[tuple[Organisation, int]]:
    nodes = list(organisations)
    known = {node.pk for node in nodes}
    children: dict[int | None, list[Organisation]] = defaultdict(list)
    for node in nodes:
        # A node whose parent is filtered out is shown as a root rather than lost.
        children[node.parent_id if node.parent_id in known else None].append(node)
    ordered: list[tuple[Organisation, int]] = []
    stack = [(node, 0) for node in reversed(children[None])]
    while stack:
        node, depth = stack.pop()
        ordered.append((node, depth))
        stack.extend((child, depth + 1) for child in reversed(children[node.pk]))
    return ordered
