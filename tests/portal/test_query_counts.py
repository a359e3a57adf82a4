"""Every list page loads in a fixed number of queries, however many items it shows."""

import pytest
from django.urls import reverse

from presscenter.orgs.models import Kind
from presscenter.releases.models import Item, Priority
from tests import factories
from tests.factories import Newsroom

ITEMS = 6


@pytest.fixture
def portal(db):
    """Several agencies, topics and wards, each with published items."""
    topics = [factories.topic() for _ in range(3)]
    wards = [factories.organisation(kind=Kind.WARD) for _ in range(3)]
    newsrooms = [Newsroom() for _ in range(2)]
    for n in range(ITEMS):
        newsrooms[n % 2].publish(
            title=f"Tin số {n}",
            priority=Priority.URGENT if n % 3 == 0 else Priority.NORMAL,
            topics=topics,
            areas=wards,
        )
    return {"topic": topics[0], "ward": wards[0], "agency": newsrooms[0].org}


@pytest.mark.parametrize(
    ("name", "kwargs_of", "queries"),
    [
        ("portal:home", None, 5),  # urgent, latest, agencies, topics, upcoming events
        ("portal:latest", None, 2),  # count, page
        ("portal:agency_list", None, 2),
        ("portal:topic_list", None, 2),
        ("portal:area_list", None, 2),
        ("portal:agency", "agency", 4),  # agency, children, count, page
        ("portal:topic", "topic", 3),
        ("portal:area", "ward", 3),
    ],
)
def test_list_pages_have_a_fixed_query_count(client, portal, django_assert_max_num_queries, name, kwargs_of, queries):
    args = [portal[kwargs_of].slug] if kwargs_of else []
    with django_assert_max_num_queries(queries):
        response = client.get(reverse(name, args=args))
    assert response.status_code == 200


def test_item_page_query_count(client, portal, django_assert_max_num_queries):
    item = Item.objects.get(title="Tin số 0")
    # item, versions, attachments, topics, areas, related, translations, corrections
    with django_assert_max_num_queries(8):
        response = client.get(item.get_absolute_url())
    assert response.status_code == 200
