"""The audit log's day filters: a day that cannot become an instant in Vietnam time (year 1, year
9999) is refused with the search's message instead of failing with a server error."""

import pytest
from django.urls import reverse

from presscenter.search.query import FIRST_DAY, LAST_DAY

OUT_OF_RANGE = "Ngày phải trong khoảng từ 01/01/1900 đến 31/12/2199"


@pytest.fixture
def log(newsroom, client):
    newsroom.publish(title="Tin kiểm toán")
    client.force_login(newsroom.operator)
    return lambda **query: client.get(reverse("workspace:audit_log"), query)


@pytest.mark.parametrize(
    "query",
    [
        {"since": "0001-01-01"},
        {"until": "9999-12-31"},
        {"since": "0001-01-01", "until": "9999-12-31"},
        {"since": "9999-12-31"},
        {"until": "0001-01-01"},
        {"since": "1899-12-31"},
        {"until": "2200-01-01"},
    ],
)
def test_days_beyond_the_calendar_are_refused_with_a_message(log, query):
    response = log(**query)
    assert response.status_code == 200
    assert OUT_OF_RANGE in response.content.decode()
    assert not response.context["form"].is_valid()


@pytest.mark.parametrize("value", ["abc", "2026-13-45", "99999-01-01", "-0001-01-01", "2026-02-30", "0000-00-00"])
def test_garbage_days_are_refused(log, value):
    for name in ("since", "until"):
        response = log(**{name: value})
        assert response.status_code == 200
        assert response.context["form"].errors[name]


def test_the_first_and_last_days_still_filter(log):
    first, last = FIRST_DAY.isoformat(), LAST_DAY.isoformat()
    assert log(since=first, until=last).context["page"].object_list
    assert not log(since=last).context["page"].object_list
    assert not log(until=first).context["page"].object_list
