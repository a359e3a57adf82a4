"""Public pages: verify a document (text, file or code), the public keys, QR codes."""

import hashlib
import io
from collections.abc import Callable
from typing import Any

import segno
from django import forms
from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import etag, require_GET, require_http_methods

from presscenter.authenticity import keys, links, verify
from presscenter.authenticity.canonical import CANONICAL_FORMAT
from presscenter.core.errors import DomainError
from presscenter.core.forms import add_domain_error


class TextForm(forms.Form):
    text = forms.CharField(
        label=_("Nội dung văn bản"),
        strip=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Dán tiêu đề, sapo và nội dung; khoảng trắng và xuống dòng không ảnh hưởng kết quả."),
    )


class FileForm(forms.Form):
    # Empty files reach verify_file, which explains the problem better than the generic message.
    file = forms.FileField(label=_("Tệp đính kèm"), allow_empty_file=True)

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        megabytes = f"{settings.ATTACHMENT_MAX_BYTES / 2**20:g}"
        self.fields["file"].help_text = _(
            "Ảnh hoặc tài liệu tải về từ tin chính thức, tối đa %(size)s MB. Tệp được so khớp theo mã băm SHA-256."
        ) % {"size": megabytes}


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Mã xác thực"),
        max_length=64,
        help_text=_("Mã 8 ký tự in trên văn bản, ví dụ ABCD-2345. Không phân biệt chữ hoa, chữ thường."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}),
    )


Check = Callable[[Any, Any], verify.Result]
# mode -> (form, check, the form field it reads)
MODES: dict[str, tuple[type[forms.Form], Check, str]] = {
    "text": (TextForm, verify.verify_text, "text"),
    "file": (FileForm, verify.verify_file, "file"),
    "code": (CodeForm, verify.verify_code, "code"),
}


def _run(form: forms.Form, check: Check, field_name: str, user: Any) -> verify.Result | None:
    if not form.is_valid():
        return None
    try:
        return check(form.cleaned_data[field_name], user)
    except DomainError as error:
        add_domain_error(form, error)
        return None


def _rows(result: verify.Result) -> list[dict[str, Any]]:
    return [
        {
            "match": match,
            "version_url": links.version_url(match.item, match.version),
        }
        for match in result.matches
    ]


@require_http_methods(["GET", "POST"])
def verify_page(request: HttpRequest) -> HttpResponse:
    bound: dict[str, forms.Form] = {}
    mode = request.POST.get("mode") if request.method == "POST" else ("code" if "code" in request.GET else None)
    result = None
    if mode in MODES:
        form_class, check, field_name = MODES[mode]
        data = request.POST if request.method == "POST" else request.GET
        bound[mode] = form_class(data, request.FILES or None)
        result = _run(bound[mode], check, field_name, request.user)
    context = {
        "mode": mode,
        "text_form": bound.get("text") or TextForm(),
        "file_form": bound.get("file") or FileForm(),
        "code_form": bound.get("code") or CodeForm(),
        "result": result,
        "rows": _rows(result) if result else [],
        "closest_url": links.version_url(result.closest.item, result.closest.version)
        if result and result.closest
        else None,
        "qr_code": verify.clean_code(request.GET.get("code", "")) if result and mode == "code" else "",
    }
    status = 400 if mode in MODES and result is None else 200
    return render(request, "authenticity/verify.html", context, status=status)


@require_GET
def keys_page(request: HttpRequest) -> HttpResponse:
    context = {"keys": keys.public_keys(), "canonical_format": CANONICAL_FORMAT}
    return render(request, "authenticity/keys.html", context)


@require_GET
@cache_control(public=True, max_age=300)
def keys_json(request: HttpRequest) -> JsonResponse:
    return JsonResponse([key.as_json() for key in keys.public_keys()], safe=False)


def _qr_etag(request: HttpRequest, code: str) -> str:
    return hashlib.sha256(links.verify_url(verify.clean_code(code)).encode()).hexdigest()[:32]


@require_GET
@cache_control(public=True, max_age=86400)
@etag(_qr_etag)
def qr_svg(request: HttpRequest, code: str) -> HttpResponse:
    """A QR code of the verification URL, to print on paper copies and slides."""
    cleaned = verify.clean_code(code)
    buffer = io.BytesIO()
    segno.make(links.verify_url(cleaned), error="m").save(
        buffer,
        kind="svg",
        scale=4,
        border=2,
        xmldecl=False,
        title=str(_("Mã QR xác thực văn bản %(code)s") % {"code": cleaned}),
    )
    return HttpResponse(buffer.getvalue(), content_type="image/svg+xml")
