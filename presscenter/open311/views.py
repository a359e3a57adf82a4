"""The Open311 GeoReport v2 endpoint: /open311/v2/services.json, requests.xml and the rest, in
the URL shapes and formats the specification gives, so that existing clients work unchanged.

Reading is open; posting a service request needs a client application's api_key, and is
limited per key and per address. Errors are the specification's list of {code, description},
in Vietnamese (English when the client asks for it with Accept-Language or ?lang=en)."""

import datetime as dt
import functools
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, ValidationError
from django.core.validators import URLValidator, validate_email
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from presscenter.core import ratelimit
from presscenter.core.client import client_address
from presscenter.core.errors import DomainError
from presscenter.inquiries import domain
from presscenter.inquiries.models import (
    OPEN_STATES,
    PUBLIC_KINDS,
    Audience,
    Category,
    Channel,
    Inquiry,
    Kind,
)
from presscenter.open311 import georeport
from presscenter.open311.keys import key_for_secret
from presscenter.orgs.models import AREA_KINDS, Organisation

FORMATS = ("json", "xml")
# The specification's default and widest window of GET requests, and its most results.
REQUEST_WINDOW = dt.timedelta(days=90)
MAX_REQUESTS = 1000
MAX_IDS = 200
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class Refused(Exception):
    """The request cannot be fulfilled: answered with the specification's error list."""

    def __init__(self, status: int, description: Any, retry_after: int | None = None):
        super().__init__(str(description))
        self.status = status
        self.description = description
        self.retry_after = retry_after


View = Callable[..., HttpResponse]


def use_client_language(request: HttpRequest) -> None:
    """Vietnamese unless the client asks for English (?lang=en or Accept-Language)."""
    try:
        requested = request.GET.get("lang", "")
    except TooManyFieldsSent:
        requested = ""
    if requested not in ("vi", "en"):
        requested = translation.get_language_from_request(request)
        requested = "en" if requested.startswith("en") else "vi"
    translation.activate(requested)
    request.LANGUAGE_CODE = requested


def endpoint(*methods: str) -> Callable[[View], View]:
    """The method check, the client's language and errors in the specification's shape."""

    def decorator(view: View) -> View:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, fmt: str, *args: Any, **kwargs: Any) -> HttpResponse:
            use_client_language(request)
            try:
                if request.method not in methods:
                    response = georeport.respond_errors(fmt, 405, _("Phương thức không được hỗ trợ."))
                    response["Allow"] = ", ".join(methods)
                    return response
                return view(request, fmt, *args, **kwargs)
            except Refused as refused:
                response = georeport.respond_errors(fmt, refused.status, str(refused.description))
                if refused.retry_after is not None:
                    response["Retry-After"] = str(refused.retry_after)
                return response
            except TooManyFieldsSent:
                return georeport.respond_errors(fmt, 400, _("Yêu cầu có quá nhiều trường."))
            except RequestDataTooBig:
                return georeport.respond_errors(fmt, 413, _("Dữ liệu gửi lên quá lớn."))
            except MultiPartParserError:
                return georeport.respond_errors(fmt, 400, _("Không đọc được dữ liệu gửi lên."))

        return csrf_exempt(wrapped)

    return decorator


def base_url(request: HttpRequest) -> str:
    """Where links in the documents point: the site's public address, as in feeds and e-mail."""
    return settings.SITE_URL or request.build_absolute_uri("/")


def public_categories() -> QuerySet[Category]:
    return Category.objects.filter(active=True, audience__in=(Audience.PUBLIC, Audience.BOTH))


def public_requests() -> QuerySet[Inquiry]:
    """Citizens' feedback filed under a service: what GET requests may list (never press questions)."""
    return Inquiry.objects.filter(kind__in=PUBLIC_KINDS, category__isnull=False).select_related(
        "category", "organisation", "merged_into", "answer_item"
    )


def _category(code: str) -> Category:
    code = (code or "").strip()
    if not code:
        raise Refused(400, _("Thiếu service_code."))
    category = public_categories().filter(code=code[:60]).first()
    if category is None:
        raise Refused(404, _("Không có dịch vụ (service_code) này."))
    return category


# Services --------------------------------------------------------------------------------------


@endpoint("GET", "HEAD")
def services(request: HttpRequest, fmt: str) -> HttpResponse:
    return georeport.respond(fmt, "services", [georeport.service(c) for c in public_categories()])


@endpoint("GET", "HEAD")
def service_definition(request: HttpRequest, fmt: str, service_code: str) -> HttpResponse:
    category = _category(service_code)
    return georeport.respond(fmt, "service_definition", georeport.service_definition(category))


# Reading requests ------------------------------------------------------------------------------


def _moment(request: HttpRequest, name: str) -> dt.datetime | None:
    value = request.GET.get(name, "").strip()
    if not value:
        return None
    try:
        moment = parse_datetime(value)
    except ValueError:
        moment = None
    if moment is None or not 1900 <= moment.year <= 2199:
        raise Refused(
            400, _("%(name)s phải là thời điểm theo định dạng W3C, ví dụ 2026-01-01T00:00:00Z.") % {"name": name}
        )
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def _listed(request: HttpRequest, name: str) -> list[str]:
    return [part.strip() for part in request.GET.get(name, "").split(",") if part.strip()]


def filtered_requests(request: HttpRequest) -> QuerySet[Inquiry]:
    requests = public_requests()
    ids = _listed(request, "service_request_id")
    if ids:  # "This overrides all other arguments."
        if len(ids) > MAX_IDS:
            raise Refused(400, _("Tối đa %(count)s service_request_id trong một yêu cầu.") % {"count": MAX_IDS})
        return requests.filter(code__in=[code.upper()[:20] for code in ids])
    start, end = _moment(request, "start_date"), _moment(request, "end_date")
    if start is None and end is None:
        end = timezone.now()
    if start is None:
        assert end is not None
        start = end - REQUEST_WINDOW
    if end is None:
        end = start + REQUEST_WINDOW
    if end < start:
        raise Refused(400, _("end_date phải sau start_date."))
    if end - start > REQUEST_WINDOW:
        raise Refused(400, _("Khoảng thời gian không được dài quá 90 ngày."))
    requests = requests.filter(received_at__gte=start, received_at__lte=end)
    codes = _listed(request, "service_code")
    if codes:
        requests = requests.filter(category__code__in=[code[:60] for code in codes])
    statuses = set(_listed(request, "status"))
    if statuses - {"open", "closed"}:
        raise Refused(400, _("status chỉ nhận open hoặc closed."))
    if statuses == {"open"}:
        requests = requests.filter(state__in=OPEN_STATES)
    elif statuses == {"closed"}:
        requests = requests.exclude(state__in=OPEN_STATES)
    return requests


@endpoint("GET", "HEAD")
def service_requests(request: HttpRequest, fmt: str) -> HttpResponse:
    listed = filtered_requests(request).order_by("-received_at", "-id")[:MAX_REQUESTS]
    base = base_url(request)
    return georeport.respond(fmt, "service_requests", [georeport.service_request(i, base) for i in listed])


@endpoint("GET", "HEAD")
def service_request(request: HttpRequest, fmt: str, service_request_id: str) -> HttpResponse:
    inquiry = public_requests().filter(code=service_request_id.upper()[:20]).first()
    if inquiry is None:
        raise Refused(404, _("Không có yêu cầu (service_request_id) này."))
    return georeport.respond(fmt, "service_requests", [georeport.service_request(inquiry, base_url(request))])


@endpoint("GET", "HEAD")
def token(request: HttpRequest, fmt: str, token: str) -> HttpResponse:
    inquiry = public_requests().filter(access_key=token[:40]).first() if token else None
    if inquiry is None:
        raise Refused(404, _("Không có token này."))
    return georeport.respond(fmt, "service_requests", [{"service_request_id": inquiry.code, "token": token}])


# Posting a request -----------------------------------------------------------------------------


def _limit(key: str, limit: int) -> None:
    window = ratelimit.hit(f"open311:{key}", limit, period=3600)
    if not window.allowed:
        raise Refused(429, _("Quá nhiều yêu cầu; hãy thử lại sau."), retry_after=max(1, window.reset_in))


def _text(form: Any, name: str, limit: int) -> str:
    value = str(form.get(name, "") or "").strip()
    if any(ord(ch) < 32 and ch not in "\t\n\r" for ch in value):
        raise Refused(400, _("%(name)s chứa ký tự không hợp lệ.") % {"name": name})
    if len(value) > limit:
        raise Refused(400, _("%(name)s quá dài (tối đa %(limit)s ký tự).") % {"name": name, "limit": limit})
    return value


def _coordinate(value: str, name: str, bound: int) -> Decimal:
    try:
        number = Decimal(value)
    except InvalidOperation:
        number = Decimal("NaN")
    if not number.is_finite() or not -bound <= number <= bound:
        raise Refused(400, _("%(name)s phải là số từ -%(bound)s đến %(bound)s.") % {"name": name, "bound": bound})
    return number.quantize(Decimal("0.000001"))


def _normalised(text: str) -> str:
    return " ".join(text.casefold().split())


def area_for(address: str) -> Organisation | None:
    """The ward or commune an address names ("… phường Hàng Bông …"), the longest name first; none
    when it names none (the centre's operators set it at triage)."""
    wanted = _normalised(address)
    if not wanted:
        return None
    areas = Organisation.objects.filter(kind__in=AREA_KINDS, active=True).only("pk", "name")
    found = [area for area in areas if _normalised(area.name) and _normalised(area.name) in wanted]
    return max(found, key=lambda area: len(area.name)) if found else None


def _subject(description: str) -> str:
    first = description.strip().splitlines()[0].strip() if description.strip() else ""
    return first if len(first) <= 120 else first[:119].rstrip() + "…"


@endpoint("POST")
def create_request(request: HttpRequest, fmt: str) -> HttpResponse:
    _limit(f"address:{client_address(request)}", settings.OPEN311_POSTS_PER_ADDRESS)
    if request.content_type not in FORM_TYPES:
        raise Refused(400, _("Hãy gửi dạng application/x-www-form-urlencoded như đặc tả GeoReport v2."))
    form = request.POST
    key = key_for_secret(_text(form, "api_key", 100))
    if key is None:
        raise Refused(403, _("Thiếu hoặc sai api_key: không thể tạo yêu cầu."))
    _limit(f"key:{key.pk}", settings.OPEN311_POSTS_PER_KEY)
    category = _category(_text(form, "service_code", 60))

    lat, long = _text(form, "lat", 40), _text(form, "long", 40)
    address = _text(form, "address_string", 300)
    address_id = _text(form, "address_id", 100)
    if bool(lat) != bool(long):
        raise Refused(400, _("Cần gửi cả lat và long."))
    latitude = _coordinate(lat, "lat", 90) if lat else None
    longitude = _coordinate(long, "long", 180) if long else None
    if category.needs_location and latitude is None and not address and not address_id:
        raise Refused(400, _("Cần vị trí: lat và long, hoặc address_string, hoặc address_id."))

    description = _text(form, "description", georeport.DESCRIPTION_LIMIT)
    if not description:
        raise Refused(400, _("Hãy mô tả nội dung phản ánh (description)."))
    email = _text(form, "email", 254)
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise Refused(400, _("Địa chỉ thư điện tử (email) không hợp lệ.")) from None
    media = _text(form, "media_url", 500)
    if media:
        try:
            URLValidator(schemes=["http", "https"])(media)
        except ValidationError:
            raise Refused(400, _("media_url phải là một địa chỉ http hoặc https.")) from None
    name = " ".join(part for part in (_text(form, "first_name", 100), _text(form, "last_name", 100)) if part)
    text = description + (georeport.MEDIA_MARK + media if media else "")
    try:
        inquiry = domain.ask(
            None,
            kind=Kind.FEEDBACK,
            channel=Channel.OPEN311,
            subject=_subject(description) or category.name,
            text=text,
            category=category,
            area=area_for(address),
            location=address or address_id,
            latitude=latitude,
            longitude=longitude,
            asker_name=name,
            asker_email=email,
            asker_phone=_text(form, "phone", 40),
        )
    except DomainError as refused:
        raise Refused(400, refused.message) from None
    created = {
        "service_request_id": inquiry.code,
        "service_notice": _("Đã tiếp nhận phản ánh; mã theo dõi %(code)s.") % {"code": inquiry.code},
        "account_id": None,
    }
    return georeport.respond(fmt, "service_requests", [created])


@csrf_exempt
def requests_resource(request: HttpRequest, fmt: str) -> HttpResponse:
    """requests.[format]: GET lists, POST creates (one URL, as the specification has it)."""
    if request.method == "POST":
        return create_request(request, fmt)
    if request.method not in ("GET", "HEAD"):
        use_client_language(request)
        response = georeport.respond_errors(fmt, 405, _("Phương thức không được hỗ trợ."))
        response["Allow"] = "GET, HEAD, POST"
        return response
    return service_requests(request, fmt)


def discovery(request: HttpRequest) -> HttpResponse:
    """The Service Discovery document every GeoReport v2 endpoint has."""
    use_client_language(request)
    endpoint_url = base_url(request).rstrip("/") + "/open311/v2/"
    document = {
        "changeset": "2026-12-02T00:00:00+07:00",
        "contact": _("Trung tâm Báo chí, qua trang Liên hệ."),
        "key_service": _("Cán bộ Trung tâm cấp api_key cho ứng dụng (xem tài liệu Open311)."),
        "endpoints": [
            {
                "specification": "http://wiki.open311.org/GeoReport_v2",
                "url": endpoint_url,
                "changeset": "2026-12-02T00:00:00+07:00",
                "type": "production",
                "formats": ["text/xml", "application/json"],
            }
        ],
    }
    return georeport.respond("json", "discovery", document)
