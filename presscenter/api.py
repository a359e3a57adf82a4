"""The HTTP API (django-ninja): one NinjaAPI, routers contributed by each domain."""

import json
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import translation
from ninja import NinjaAPI, Router
from ninja.parser import Parser

from presscenter.accounts.api_auth import PUBLIC_AUTH
from presscenter.authenticity.api import router as verification_router
from presscenter.core import api_errors
from presscenter.core.errors import NotFound
from presscenter.orgs.api import router as orgs_router
from presscenter.releases.api import agency_router, items_router, keys_router, operator_router, topics_router


def use_request_language(request: HttpRequest) -> None:
    """`?lang=en` overrides Accept-Language (which LocaleMiddleware already applied)."""
    requested = request.GET.get("lang", "")
    if requested in ("vi", "en"):
        translation.activate(requested)
        request.LANGUAGE_CODE = requested


def add_rate_headers(request: HttpRequest, response: HttpResponse) -> None:
    window = getattr(request, "rate_window", None)
    if window is not None:
        response["X-RateLimit-Limit"] = str(window.limit)
        response["X-RateLimit-Remaining"] = str(window.remaining)


class ObjectBodyParser(Parser):
    """Every body the API accepts is a JSON object; anything else is a 422, like malformed JSON."""

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        data = json.loads(request.body)
        if not isinstance(data, dict):
            raise ValueError("the JSON body must be an object")  # becomes a 422 in api_errors
        return data


class PresscenterAPI(NinjaAPI):
    def create_temporal_response(self, request: HttpRequest) -> HttpResponse:
        # Runs after authentication and metering, before the endpoint: the place for per-request setup.
        use_request_language(request)
        response = super().create_temporal_response(request)
        add_rate_headers(request, response)
        return response

    def on_exception(self, request: HttpRequest, exc: Any) -> HttpResponse:
        use_request_language(request)
        response = super().on_exception(request, exc)
        add_rate_headers(request, response)
        return response


api = PresscenterAPI(
    title="presscenter API",
    version="1",
    description=(
        "Official information of the city press center: read, search, verify; agency write access with tokens. "
        "Public reads need no credentials; a bearer token, when sent, must be valid. "
        'Errors always have the shape {"error": {"code", "message", "details"}}.'
    ),
    urls_namespace="api",
    parser=ObjectBodyParser(),
)
api_errors.install(api)

api.add_router("/items", items_router)
api.add_router("/keys", keys_router)
api.add_router("/", orgs_router)
api.add_router("/", topics_router)
api.add_router("/agency", agency_router)
api.add_router("/operator", operator_router)
api.add_router("/verify", verification_router, auth=PUBLIC_AUTH)

# Last: any other path under /api/ answers with the JSON error shape, not an HTML page.
fallback = Router()


@fallback.api_operation(["GET", "POST", "PUT", "PATCH", "DELETE"], "/{path:rest}", include_in_schema=False)
def unknown_endpoint(request: HttpRequest, rest: str) -> None:
    raise NotFound(api_errors.STATUS_ERRORS[404][1])


api.add_router("/", fallback)
