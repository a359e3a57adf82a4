"""The OpenAPI document loads, and generated requests to the public GET endpoints never get a 5xx."""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from tests.api.conftest import ApiClient

PUBLIC_TAGS = ["items", "keys", "organisations", "verification"]


def test_openapi_document_loads(db):
    response = ApiClient().get("/api/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.")
    paths = document["paths"]
    for path in (
        "/api/items",
        "/api/items/search",
        "/api/items/{uid}/versions/{number}",
        "/api/keys",
        "/api/agency/items",
        "/api/operator/audit",
        "/api/organisations/{slug}",
        "/api/verify/text",
    ):
        assert path in paths
    assert "private_key" not in response.content.decode()


def test_docs_page_is_served(db):
    assert ApiClient().get("/api/docs").status_code == 200


# Random bearer tokens would only exercise the 401 path: generate anonymous requests.
config = SchemathesisConfig.from_dict({"generation": {"with-security-parameters": False}})
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application(), config=config)
public_reads = schema.include(method="GET", tag=PUBLIC_TAGS)


@pytest.fixture
def published_items(newsroom, settings):
    settings.API_RATE_LIMIT_READ = 100_000
    newsroom.publish()


@pytest.fixture
def keep_test_connection():
    """The plain WSGI handler closes the database connection after each request, which would end the
    test's transaction on PostgreSQL; Django's test client disconnects the same handler."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.mark.django_db
@public_reads.parametrize()
@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_public_get_endpoints_never_fail(case, published_items, keep_test_connection):
    response = case.call()
    assert response.status_code < 500, f"{case.method} {case.formatted_path}: {response.text[:500]}"
