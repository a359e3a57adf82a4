"""The inquiries API keeps its OpenAPI contract for signed-in callers too (the CI run is
anonymous): generated requests from a centre operator and from a journalist get the statuses
and bodies documented, and never a 5xx."""

import tomllib

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from presscenter.accounts.models import Role
from presscenter.inquiries import domain
from presscenter.inquiries.models import Category
from tests import factories
from tests.api.conftest import token_for
from tests.api.test_schema import CI_SETTINGS

ci_settings = tomllib.loads(CI_SETTINGS.read_text())
ci_settings["generation"]["with-security-parameters"] = False
ci_settings["generation"]["max-examples"] = 10
ci_settings.pop("operations", None)  # per-operation settings of the anonymous run
# Signed in, a schema-valid request can still name a category or agency that does not exist (422)
# or an action the inquiry's state does not allow (409): rules the schema cannot state.
ci_settings["checks"]["positive_data_acceptance"] = {
    "expected-statuses": ["2xx", "401", "403", "404", "409", "422", "429"]
}
config = SchemathesisConfig.from_dict(ci_settings)
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application(), config=config).include(
    path_regex="inquiries"
)


@pytest.fixture
def callers(db, settings):
    settings.API_RATE_LIMIT_READ = settings.API_RATE_LIMIT_WRITE = 100_000
    newsroom = factories.Newsroom(slug="so-giao-thong")
    Category.objects.create(code="giao-thong", name="Giao thông")
    journalist = factories.user(Role.JOURNALIST, accredited=True)
    inquiry = factories.inquiry(journalist)
    domain.route(newsroom.operator, inquiry, newsroom.org)
    return {
        "operator": token_for(newsroom.operator, None),
        "journalist": token_for(journalist, None),
    }


@pytest.fixture
def keep_test_connection():
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.mark.parametrize("who", ["operator", "journalist"])
@schema.parametrize()
@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_inquiry_operations_keep_their_contract(case, who, callers, keep_test_connection):
    case.call_and_validate(headers={"Authorization": f"Bearer {callers[who]}"})
