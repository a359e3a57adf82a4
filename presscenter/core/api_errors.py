"""One JSON shape for every API error: {"error": {"code", "message", "details"}}, message translated."""

from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from presscenter.core.errors import DomainError

# The code and the default message for each status the API answers with.
STATUS_ERRORS: dict[int, tuple[str, Any]] = {
    400: ("bad_request", _("Yêu cầu không hợp lệ.")),
    401: ("not_authenticated", _("Cần mã truy cập hợp lệ.")),
    403: ("permission_denied", _("Bạn không có quyền thực hiện thao tác này.")),
    404: ("not_found", _("Không tìm thấy.")),
    405: ("method_not_allowed", _("Phương thức không được hỗ trợ.")),
    413: ("payload_too_large", _("Dữ liệu gửi lên quá lớn.")),
    422: ("validation_error", _("Dữ liệu gửi lên không hợp lệ.")),
    429: ("rate_limited", _("Quá nhiều yêu cầu; hãy thử lại sau.")),
}


class Unauthenticated(DomainError):
    """Credentials were sent but are not valid (unknown or revoked token, inactive user)."""

    status = 401


class RateLimited(DomainError):
    status = 429

    def __init__(self, retry_after: int):
        super().__init__(STATUS_ERRORS[429][1])
        self.retry_after = retry_after


def error_body(status: int, message: Any = None, details: list[dict[str, Any]] | None = None) -> dict:
    code, default_message = STATUS_ERRORS.get(status, ("error", _("Đã có lỗi xảy ra.")))
    return {"error": {"code": code, "message": str(message or default_message), "details": details or []}}


def _validation_details(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {"field": ".".join(str(part) for part in error.get("loc", ())), "message": error.get("msg", "")}
        for error in errors
    ]


def install(api: NinjaAPI) -> None:
    """Replace django-ninja's default handlers so that no error escapes the shape (or becomes a 500)."""

    def respond(request: HttpRequest, status: int, message: Any = None, details: list | None = None) -> HttpResponse:
        return api.create_response(request, error_body(status, message, details), status=status)

    @api.exception_handler(DomainError)
    def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
        details = [{"field": exc.field, "message": str(exc.message)}] if exc.field else []
        response = respond(request, exc.status, exc.message, details)
        if isinstance(exc, RateLimited):
            response["Retry-After"] = str(exc.retry_after)
        return response

    @api.exception_handler(ValidationError)
    def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        return respond(request, 422, details=_validation_details(exc.errors))

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        # django-ninja reports an unparsable body (bad JSON, bad UTF-8) as 400: it is invalid input, 422.
        if exc.status_code == 400 and isinstance(exc.__cause__, ValueError):
            return respond(request, 422, details=[{"field": "body", "message": str(_("JSON không hợp lệ."))}])
        if isinstance(exc.__cause__, RequestDataTooBig):
            return respond(request, 413)
        if isinstance(exc, AuthenticationError):
            return respond(request, 401)
        return respond(request, exc.status_code)

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return respond(request, 404)

    @api.exception_handler(RequestDataTooBig)
    def too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
        return respond(request, 413)
