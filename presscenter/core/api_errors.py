"""One JSON shape for every API error: {"error": {"code", "message", "details"}}, message translated.

One status for one kind of error (docs/api.md): 400 a request that cannot be read, 409 an action the
current state does not allow, 413 a body too large, 415 a body in a media type the operation does not
take, 422 a value that is refused (by the schema or by a rule on a named field).
"""

from typing import Any

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import Http404, HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from presscenter.core.api_messages import message_for
from presscenter.core.errors import DomainError

# The code and the default message for each status the API answers with.
STATUS_ERRORS: dict[int, tuple[str, Any]] = {
    400: ("bad_request", _("Yêu cầu không hợp lệ.")),
    401: ("not_authenticated", _("Cần mã truy cập hợp lệ.")),
    403: ("permission_denied", _("Bạn không có quyền thực hiện thao tác này.")),
    404: ("not_found", _("Không tìm thấy.")),
    405: ("method_not_allowed", _("Phương thức không được hỗ trợ.")),
    409: ("conflict", _("Không thể thực hiện thao tác này ở trạng thái hiện tại.")),
    413: ("payload_too_large", _("Dữ liệu gửi lên quá lớn.")),
    415: ("unsupported_media_type", _("Kiểu dữ liệu gửi lên không được hỗ trợ.")),
    422: ("validation_error", _("Dữ liệu gửi lên không hợp lệ.")),
    429: ("rate_limited", _("Quá nhiều yêu cầu; hãy thử lại sau.")),
}
# What makes a request unreadable, and the message that says so.
UNREADABLE: dict[type[Exception], Any] = {
    TooManyFieldsSent: _("Yêu cầu có quá nhiều trường."),
    TooManyFilesSent: _("Yêu cầu có quá nhiều tệp."),
    MultiPartParserError: _("Không đọc được dữ liệu multipart (thiếu hoặc sai boundary)."),
}


class ErrorDetail(Schema):
    field: str
    message: str
    # For a value the schema refused: pydantic's error type (e.g. "string_too_long") and location.
    type: str | None = None
    loc: list[str | int] | None = None


class ErrorBody(Schema):
    code: str
    message: str
    details: list[ErrorDetail]


class ErrorOut(Schema):
    """The body of every error response."""

    error: ErrorBody


def documented(*statuses: int) -> dict[int, type[ErrorOut]]:
    """Error responses particular to one operation, for its `response=`; api_openapi adds the common ones."""
    return dict.fromkeys(statuses, ErrorOut)


class Unauthenticated(DomainError):
    """Credentials were sent but are not valid (unknown or revoked token, inactive user)."""

    status = 401


class RateLimited(DomainError):
    status = 429

    def __init__(self, retry_after: int):
        super().__init__(STATUS_ERRORS[429][1])
        self.retry_after = retry_after


class UnsupportedMediaType(Exception):
    """The body is not in the media type the operation takes."""


class NotAnObject(ValueError):
    """The body is JSON, but not the object every operation takes."""


def error_body(status: int, message: Any = None, details: list[dict[str, Any]] | None = None) -> dict:
    code, default_message = STATUS_ERRORS.get(status, ("error", _("Đã có lỗi xảy ra.")))
    return {"error": {"code": code, "message": str(message or default_message), "details": details or []}}


def domain_status(exc: DomainError) -> int:
    """A rule that names a field refused a value (422); one that names none refused the action (409)."""
    if exc.status != DomainError.status:
        return exc.status
    return 422 if exc.field else 409


def _validation_details(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each refused value: where (`field` joined, `loc` as pydantic gives it), what (`type`) and a
    message in the client's language (api_messages)."""
    return [
        {
            "field": ".".join(str(part) for part in error.get("loc", ())),
            "message": message_for(error),
            "type": str(error.get("type", "value_error")),
            "loc": [part if isinstance(part, int) else str(part) for part in error.get("loc", ())],
        }
        for error in errors
    ]


def _body_detail(message: Any) -> list[dict[str, Any]]:
    return [{"field": "body", "message": str(message)}]


def install(api: NinjaAPI) -> None:
    """Replace django-ninja's default handlers so that no error escapes the shape (or becomes a 500)."""

    def respond(request: HttpRequest, status: int, message: Any = None, details: list | None = None) -> HttpResponse:
        return api.create_response(request, error_body(status, message, details), status=status)

    @api.exception_handler(DomainError)
    def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
        details = [{"field": exc.field, "message": str(exc.message)}] if exc.field else []
        response = respond(request, domain_status(exc), exc.message, details)
        if isinstance(exc, RateLimited):
            response["Retry-After"] = str(exc.retry_after)
        return response

    @api.exception_handler(ValidationError)
    def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        return respond(request, 422, details=_validation_details(exc.errors))

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        # django-ninja reports every body it could not parse as 400; the cause tells which kind it was.
        cause = exc.__cause__
        if isinstance(cause, UnsupportedMediaType):
            return respond(request, 415)
        if isinstance(cause, NotAnObject):
            return respond(request, 422, details=_body_detail(_("Nội dung phải là một đối tượng JSON.")))
        if isinstance(cause, ValueError):  # bad JSON or bad UTF-8
            return respond(request, 400, details=_body_detail(_("JSON không hợp lệ.")))
        if isinstance(cause, RequestDataTooBig):
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

    @api.exception_handler(UnsupportedMediaType)
    def unsupported_media_type(request: HttpRequest, exc: UnsupportedMediaType) -> HttpResponse:
        return respond(request, 415)

    def unreadable(request: HttpRequest, exc: Exception | type[Exception]) -> HttpResponse:
        return respond(request, 400, next(message for kind, message in UNREADABLE.items() if isinstance(exc, kind)))

    for kind in UNREADABLE:
        api.add_exception_handler(kind, unreadable)
