"""The event registration API keeps its OpenAPI contract for signed-in callers (the CI run is
anonymous): generated requests from an organiser and from an accredited journalist get the
statuses and bodies documented, and never a 5xx."""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings

from presscenter.events import registration
from tests.api.conftest import token_for
from tests.events.factories import accredited_journalist, event, organiser_and_officer
from tests.inquiries.test_api_contract import config, keep_test_connection  # noqa: F401 (a fixture)

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application(), config=config).include(
    path_regex="event-registrations"
)


@pytest.fixture
def callers(db, settings):
    settings.API_RATE_LIMIT_READ = settings.API_RATE_LIMIT_WRITE = 100_000
    _agency, editor = organiser_and_officer()
    conference = event(editor, capacity=3, needs_approval=True)
    reporter = accredited_journalist()
    registration.register(reporter, conference)
    return {"organiser": token_for(editor, editor.organisation), "journalist": token_for(reporter, None)}


@pytest.mark.parametrize("who", ["organiser", "journalist"])
@schema.parametrize()
@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_event_registration_operations_keep_their_contract(case, who, callers, keep_test_connection):  # noqa: F811
    case.call_and_validate(headers={"Authorization": f"Bearer {callers[who]}"})
