"""The HTTP API's machinery (django-ninja): request language, rate headers, body parsing and errors in one
shape. presscenter/api.py builds the one API from it and mounts each domain's router."""

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

from presscenter.core import api_errors
from presscenter.core.api_errors import NotAnObject, UnsupportedMediaType
from presscenter.core.api_openapi import ContractSchema


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
