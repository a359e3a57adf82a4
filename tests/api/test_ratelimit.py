"""Per-minute budgets per token (or per address for anonymous clients), separately for reads and writes."""

from presscenter.core import ratelimit
from tests.api.conftest import ApiClient, assert_error


def test_reads_are_counted_and_limited(newsroom, settings):
    settings.API_RATE_LIMIT_READ = 3
    client = ApiClient()
    remaining = [client.get("/api/items")["X-RateLimit-Remaining"] for _ in range(3)]
    assert remaining == ["2", "1", "0"]
    response = client.get("/api/items")
    assert_error(response, 429, "rate_limited")
    assert response["X-RateLimit-Limit"] == "3"
    assert 1 <= int(response["Retry-After"]) <= 60


def test_each_token_has_its_own_budget(newsroom, editor_api, spokesperson_api, settings):
    settings.API_RATE_LIMIT_READ = 2
    for _ in range(2):
        assert editor_api.get("/api/items").status_code == 200
    assert_error(editor_api.get("/api/items"), 429, "rate_limited")
    assert spokesperson_api.get("/api/items").status_code == 200
    # Anonymous clients are counted by address, apart from tokens.
    assert ApiClient().get("/api/items").status_code == 200


def test_writes_have_their_own_budget(newsroom, editor_api, settings):
    settings.API_RATE_LIMIT_WRITE = 1
    assert editor_api.post("/api/agency/items", {"title": "Tin thứ nhất"}).status_code == 201
    response = editor_api.post("/api/agency/items", {"title": "Tin thứ hai"})
    assert_error(response, 429, "rate_limited")
    assert "Retry-After" in response
    assert editor_api.get("/api/agency/items").json()["total"] == 1


def test_window_counts_up_to_the_limit(db):
    windows = [ratelimit.hit("test:key", limit=2) for _ in range(3)]
    assert [w.allowed for w in windows] == [True, True, False]
    assert [w.remaining for w in windows] == [1, 0, 0]
    assert all(0 < w.reset_in <= 60 for w in windows)
