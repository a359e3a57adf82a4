"""The OpenAPI document loads and tells the truth: generated requests to every operation get the
statuses, media types and bodies it documents, and never a 5xx."""

import tomllib
from pathlib import Path

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from tests.api.conftest import ApiClient

# The settings of .ci/run's live-server step, so that both runs hold the server to the same contract.
CI_SETTINGS = Path(__file__).resolve().parents[2] / ".ci" / "schemathesis.toml"


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


def test_errors_are_documented_with_the_error_shape(db):
    document = ApiClient().get("/api/openapi.json").json()
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            statuses = set(operation["responses"])
            assert {"400", "401", "429"} <= statuses, f"{method} {path}"
            for status in statuses - {"200", "201"}:
                content = operation["responses"][status]["content"]["application/json"]
                assert content["schema"] == {"$ref": "#/components/schemas/ErrorOut"}, f"{method} {path} {status}"
    paths = document["paths"]
    assert {"404", "409", "422"} <= set(paths["/api/agency/items/{uid}/submit"]["post"]["responses"])
    assert {"413", "415", "422"} <= set(paths["/api/agency/items"]["post"]["responses"])
    assert "404" not in paths["/api/items/search"]["get"]["responses"]


def test_only_write_operations_require_a_token(db):
    paths = ApiClient().get("/api/openapi.json").json()["paths"]
    optional = [{}, {"TokenAuth": []}]
    assert paths["/api/items"]["get"]["security"] == optional
    assert paths["/api/verify/text"]["post"]["security"] == optional
    assert paths["/api/agency/items"]["post"]["security"] == [{"TokenAuth": []}]
    assert paths["/api/operator/audit"]["get"]["security"] == [{"TokenAuth": []}]
    assert "403" not in paths["/api/items"]["get"]["responses"]


# Random bearer tokens would only exercise the 401 path: generate anonymous requests.
ci_settings = tomllib.loads(CI_SETTINGS.read_text())
ci_settings["generation"]["with-security-parameters"] = False
config = SchemathesisConfig.from_dict(ci_settings)
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application(), config=config)


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
@schema.parametrize()
@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_every_operation_keeps_its_contract(case, published_items, keep_test_connection):
    case.call_and_validate()
