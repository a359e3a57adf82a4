"""`__any` finds what `__in` finds, as one array parameter on PostgreSQL."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from presscenter.orgs.models import Organisation
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisations():
    return [factories.organisation(name=f"Sở số {n}", slug=f"so-so-{n}") for n in range(5)]


@pytest.mark.parametrize(
    "pick", [lambda pks: pks[1:4], lambda pks: set(pks[:2]), lambda pks: [], lambda pks: [pks[0], None]]
)
def test_any_finds_what_in_finds(organisations, pick):
    chosen = pick([org.pk for org in organisations])
    found = set(Organisation.objects.filter(pk__any=chosen).values_list("pk", flat=True))
    assert found == set(Organisation.objects.filter(pk__in=chosen).values_list("pk", flat=True))


def test_any_updates_only_the_named_rows(organisations):
    named = [organisations[0].pk, organisations[2].pk]
    assert Organisation.objects.filter(pk__any=named).update(name="Đã đổi tên") == 2
    renamed = set(Organisation.objects.filter(name="Đã đổi tên").values_list("pk", flat=True))
    assert renamed == set(named)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the array form is PostgreSQL's")
def test_any_sends_one_array_on_postgresql(organisations):
    with CaptureQueriesContext(connection) as queries:
        list(Organisation.objects.filter(pk__any=[org.pk for org in organisations]))
    sql = queries[-1]["sql"]
    assert "= ANY(" in sql
    assert " IN (" not in sql
