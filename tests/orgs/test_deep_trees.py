"""Deep trees: depths and cycles are found in one walk over the organisations, so a long chain
costs steps in proportion to its length (an 8,000-row chain took 84 s when every row walked up to
the top), and the refusals stay as they were."""

from presscenter.orgs.importing import _walk, import_organisations
from presscenter.orgs.models import Organisation
from tests.orgs.test_importing import CITY, HEADER, rejected_lines


class CountingParents(dict):
    """The parent map, counting how often the walk looks a parent up."""

    lookups = 0

    def get(self, key, default=None):
        self.lookups += 1
        return super().get(key, default)


def chain(rows: int, parent_of_first: str = "ubnd-ha-noi") -> str:
    lines = [
        f"cq-{n},department,Cơ quan {n},,,{f'cq-{n - 1}' if n else parent_of_first},,,,,,,,\n" for n in range(rows)
    ]
    return "".join(reversed(lines))  # children before their parents: the walk must not depend on order


def test_a_chain_is_walked_once():
    parents = CountingParents({f"cq-{n}": f"cq-{n - 1}" if n else None for n in range(2000)})
    depth, on_cycle = _walk(parents)
    assert depth["cq-0"] == 0 and depth["cq-1999"] == 1999 and on_cycle == set()
    assert parents.lookups <= 2 * len(parents)  # walking up from every row: 2 million


def test_cycles_and_what_hangs_below_them():
    parents = {"top": None, "a": "b", "b": "c", "c": "a", "under": "a", "deeper": "under", "self": "self", "ok": "top"}
    depth, on_cycle = _walk(parents)
    assert on_cycle == {"a", "b", "c", "self"}  # the rows below a cycle are not part of it
    assert depth == {"top": 0, "ok": 1}


def test_a_long_chain_imports_parents_first(db):
    import_organisations(None, HEADER + CITY + chain(400))
    deepest = Organisation.objects.select_related("parent").get(slug="cq-399")
    assert deepest.parent.slug == "cq-398"
    assert Organisation.objects.count() == 401


def test_a_cycle_at_the_end_of_a_long_chain_is_refused(db):
    looped = chain(400, parent_of_first="cq-399")  # the first row's parent is the last
    errors = rejected_lines(HEADER + CITY + looped)
    assert len(errors) == 400 and all("vòng lặp" in message for message in errors.values())
    assert not Organisation.objects.exists()
