"""The HTTP API (django-ninja): one NinjaAPI, routers contributed by each domain."""

import functools
import json
from collections.abc import Callable
from typing import Any

from django.core.exceptions import TooManyFieldsSent
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.urls import URLPattern, URLResolver, re_path
from django.utils import translation
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI
from ninja.openapi.schema import OpenAPISchema
from ninja.parser import Parser

from presscenter.accounts.api_auth import PUBLIC_AUTH
from presscenter.authenticity.api import router as verification_router
from presscenter.core import api_errors
from presscenter.core.api_errors import NotAnObject, UnsupportedMediaType
from presscenter.core.api_openapi import ContractSchema
from presscenter.orgs.api import router as orgs_router
from presscenter.releases.api import agency_router, items_router, keys_router, operator_router, topics_router


def use_request_language(request: HttpRequest) -> None:
    """`?lang=en` overrides Accept-Language (which LocaleMiddleware already applied)."""
    try:
        requested = request.GET.get("lang", "")
    except TooManyFieldsSent:  # the error handler answers that request; Accept-Language still applies
        return
    if requested in ("vi", "en"):
        translation.activate(requested)
        request.LANGUAGE_CODE = requested


def add_rate_headers(request: HttpRequest, response: HttpResponse) -> None:
    window = getattr(request, "rate_window", None)
    if window is not None:
        response["X-RateLimit-Limit"] = str(window.limit)
        response["X-RateLimit-Remaining"] = str(window.remaining)


FORM_TYPES = {"multipart/form-data", "application/x-www-form-urlencoded"}


class RequestParser(Parser):
    """A body is a JSON object or a form, as the operation declares; another media type is a 415."""

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        if request.content_type != "application/json":
            raise UnsupportedMediaType
        data = json.loads(request.body)
        if not isinstance(data, dict):
            raise NotAnObject
        return data

    def parse_querydict(self, data: Any, list_fields: list[str], request: HttpRequest) -> dict[str, Any]:
        # Query strings come through here too; only a form body has a media type to check.
        if data is not request.GET and request.content_type not in FORM_TYPES:
            raise UnsupportedMediaType
        return super().parse_querydict(data, list_fields, request)


def json_method_not_allowed(api: NinjaAPI, view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """django-ninja answers a method a path does not take with an HTML 405: give it the error shape."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        response = view(request, *args, **kwargs)
        if response.status_code != 405:
            return response
        error = api.create_response(request, api_errors.error_body(405), status=405)
        error["Allow"] = response["Allow"]
        return error

    return wrapper


class PresscenterAPI(NinjaAPI):
    def create_temporal_response(self, request: HttpRequest) -> HttpResponse:
        # Runs after authentication and metering, before the endpoint: the place for per-request setup.
        use_request_language(request)
        response = super().create_temporal_response(request)
        add_rate_headers(request, response)
        return response

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        return ContractSchema(self, path_prefix)

    def _get_urls(self) -> list[URLResolver | URLPattern]:
        urls = super()._get_urls()
        for url in urls:
            if isinstance(url, URLPattern):
                url.callback = json_method_not_allowed(self, url.callback)
        # Last: any other path under /api/ (a newline in it too) answers with the error shape, not HTML.
        return [*urls, re_path(r"^[\s\S]*$", csrf_exempt(self.unknown_endpoint))]

    def unknown_endpoint(self, request: HttpRequest) -> HttpResponse:
        use_request_language(request)
        return self.create_response(request, api_errors.error_body(404), status=404)

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

api.add_router("/items", items_router)
api.add_router("/keys", keys_router)
api.add_router("/", orgs_router)
api.add_router("/", topics_router)
api.add_router("/agency", agency_router)
api.add_router("/operator", operator_router)
api.add_router("/verify", verification_router, auth=PUBLIC_AUTH)
