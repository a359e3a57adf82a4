"""The HTTP API: one PresscenterAPI (core.api_base), and the routers each domain contributes."""

from presscenter.accounts.api_auth import PUBLIC_AUTH
from presscenter.audit import api as audit_api
from presscenter.authenticity import api as authenticity_api
from presscenter.core import api_errors
from presscenter.core.api_base import PresscenterAPI, RequestParser
from presscenter.events import api_checkin as events_checkin_api
from presscenter.events import api_events
from presscenter.events import api_questions as event_questions_api
from presscenter.events import api_registration as event_registrations_api
from presscenter.exhibitions import api as exhibitions_api
from presscenter.inquiries import api as inquiries_api
from presscenter.inquiries import api_config as inquiries_config_api
from presscenter.inquiries import api_notices as inquiries_notices_api
from presscenter.orgs import api as orgs_api
from presscenter.releases import api as releases_api
from presscenter.search import api as search_api
from presscenter.workdays import api as workdays_api

api = PresscenterAPI(
    title="presscenter API",
    version="1",
    description=(
        "Official information of the city press center: read, search, verify; agency write access with tokens. "
        "Public reads need no credentials; a bearer token, when sent, must be valid. "
        'Errors always have the shape {"error": {"code", "message", "details"}}: 400 a request that cannot be '
        "read, 401 a missing or invalid token, 403 not allowed, 404 not found, 405 a method the path does not "
        "take, 409 an action the item's state does not allow, 413 too large, 415 a media type the operation "
        "does not take, 422 a refused value (details name the field), 429 over the rate limit (see Retry-After). "
        "Guide: docs/api.md."
    ),
    urls_namespace="api",
    parser=RequestParser(),
)
api_errors.install(api)

api.add_router("/items", releases_api.items_router)
api.add_router("/items", search_api.router)
api.add_router("/keys", authenticity_api.keys_router)
api.add_router("/", orgs_api.router)
api.add_router("/", releases_api.topics_router)
api.add_router("/agency", releases_api.agency_router)
api.add_router("/operator", releases_api.operator_router)
api.add_router("/operator", audit_api.router)
api.add_router("/operator/inquiry-config", inquiries_config_api.router)
api.add_router("/operator/inquiry-notices", inquiries_notices_api.router)
api.add_router("/verify", authenticity_api.router, auth=PUBLIC_AUTH)
api.add_router("/inquiries", inquiries_api.router)
api.add_router("/agency/inquiries", inquiries_api.work_router)
api.add_router("/workdays", workdays_api.router)
api.add_router("/event-checkin", events_checkin_api.router)
api.add_router("/events", api_events.router)
api.add_router("/agency/events", api_events.work_router)
api.add_router("/event-registrations", event_registrations_api.router)
api.add_router("/event-questions", event_questions_api.router)
api.add_router("/exhibitions", exhibitions_api.router)
api.add_router("/exhibition-entries", exhibitions_api.entries_router)
