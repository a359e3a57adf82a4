"""The database sorts organisation names in Vietnamese order, on SQLite and PostgreSQL alike (defect 20)."""

import pytest
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from presscenter.orgs.models import Organisation
from presscenter.text.collate import sort_key
from tests import factories

EXPECTED = [
    "Ba Đình", "Cầu Giấy", "Đống Đa", "Ô Chợ Dừa", "Sở Dân tộc", "Sở Du lịch", "Sở Y tế",
    "Xã Đông Anh", "Xã Sóc Sơn",
]  # fmt: skip
LETTERS = "aàảãáạăằẳẵắặâầẩẫấậbcdđeèẻẽéẹêềểễếệghiìỉĩíịklmnoòỏõóọôồổỗốộơờởỡớợpqrstuùủũúụưừửữứựvxyỳỷỹýỵ"
NAMES = st.text(alphabet=st.sampled_from([*LETTERS, *LETTERS.upper(), " ", "-", "0", "9"]), max_size=10)


def test_names_sort_in_vietnamese_order(db):
    for name in reversed(EXPECTED):
        factories.organisation(name=name)
    assert list(Organisation.objects.values_list("name", flat=True)) == EXPECTED
    assert list(Organisation.objects.order_by("-name").values_list("name", flat=True)) == EXPECTED[::-1]


def test_lookups_by_name_still_match_exactly(db):
    factories.organisation(name="Sở Y tế")
    assert Organisation.objects.filter(name="Sở Y tế").count() == 1
    assert Organisation.objects.filter(name="Sở Y Tế").count() == 0
    assert Organisation.objects.filter(name__icontains="y tế").count() == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="compares with PostgreSQL's ICU collation")
@settings(deadline=None, max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(NAMES, min_size=2, max_size=20))
def test_python_key_agrees_with_icu(db, names):
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM unnest(%s::text[]) AS name ORDER BY name COLLATE vietnamese", [names])
        icu_order = [row[0] for row in cursor.fetchall()]
    assert icu_order == sorted(names, key=sort_key)
