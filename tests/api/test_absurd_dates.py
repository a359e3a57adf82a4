"""Dates far outside any record (year 1 or 9999 overflow when turned into instants) are refused, not a 500."""

import pytest

from tests.api.conftest import assert_error

ABSURD = ["date_to=9999-12-31", "date_from=0001-01-01", "date_from=2200-01-01", "date_to=1899-12-31"]


@pytest.mark.parametrize("query", ABSURD)
@pytest.mark.parametrize("path", ["/api/items/search", "/api/items"])
def test_api_refuses_absurd_dates_with_422(newsroom, anonymous, path, query):
    newsroom.publish()
    error = assert_error(anonymous.client.get(f"{path}?{query}"), 422, "validation_error")
    assert error["details"][0]["field"].endswith(query.split("=")[0])


def test_api_takes_the_edge_days(newsroom, anonymous):
    item = newsroom.publish()
    response = anonymous.get("/api/items/search", date_from="1900-01-01", date_to="2199-12-31")
    assert [hit["item"]["uid"] for hit in response.json()["results"]] == [str(item.uid)]


@pytest.mark.parametrize(("query", "field"), [({"to": "9999-12-31"}, "to"), ({"from": "0001-01-01"}, "from")])
def test_search_page_shows_a_form_error(client, newsroom, query, field):
    newsroom.publish()
    response = client.get("/tim-kiem/", query)
    assert response.status_code == 400
    assert response.context["form"].errors[field] == ["Ngày phải trong khoảng từ 01/01/1900 đến 31/12/2199."]
