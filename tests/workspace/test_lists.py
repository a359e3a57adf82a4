"""Every list screen runs a fixed number of queries however many rows it shows."""

import pytest
from django.urls import reverse

from presscenter.accounts.models import Role
from presscenter.releases import domain
from tests import factories

MAX_QUERIES = 12


@pytest.fixture
def busy_newsroom(newsroom):
    for n in range(4):
        newsroom.draft(title=f"Bản nháp {n}")
        submitted = newsroom.draft(title=f"Chờ duyệt {n}")
        domain.submit(newsroom.editor, submitted)
        published = newsroom.publish(title=f"Đã công bố {n}")
        factories.late_publication(published)
        factories.organisation(parent=newsroom.org, kind="ward")
        factories.user(Role.JOURNALIST)
    return newsroom


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("workspace:home", []),
        ("workspace:queue", ["drafts"]),
        ("workspace:queue", ["review"]),
        ("workspace:queue", ["changes_requested"]),
        ("workspace:queue", ["scheduled"]),
        ("workspace:queue", ["published"]),
        ("workspace:late_publications", []),
        ("workspace:audit_log", []),
        ("workspace:account_list", []),
        ("workspace:organisation_list", []),
    ],
)
def test_list_screens_query_count(busy_newsroom, login, django_assert_max_num_queries, name, args):
    client = login(busy_newsroom.operator)
    client.get(reverse(name, args=args))  # warm the session
    # The overview also shows the inquiries waiting for the user (one more query, worklists.overview).
    extra = 1 if name == "workspace:home" else 0
    with django_assert_max_num_queries(MAX_QUERIES + extra):
        response = client.get(reverse(name, args=args))
    assert response.status_code == 200


def test_item_page_query_count(busy_newsroom, login, django_assert_max_num_queries):
    item = busy_newsroom.publish(title="Tin có tệp")
    client = login(busy_newsroom.spokesperson)
    with django_assert_max_num_queries(MAX_QUERIES + 4):
        assert client.get(reverse("workspace:item", args=[item.pk])).status_code == 200


def test_token_list_query_count(newsroom, login, django_assert_max_num_queries):
    from presscenter.accounts.tokens import issue_token

    for n in range(3):
        issue_token(newsroom.editor, newsroom.editor, newsroom.org, f"Hệ thống {n}")
    client = login(newsroom.editor)
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(reverse("accounts:tokens")).status_code == 200
