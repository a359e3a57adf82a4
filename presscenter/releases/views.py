"""Downloads of attachments and their thumbnails."""

import unicodedata
from urllib.parse import quote

from django.http import Http404, HttpRequest, HttpResponseNotModified
from django.http.response import HttpResponseBase
from django.views.decorators.http import require_safe

from presscenter.core.downloads import file_response
from presscenter.core.errors import NotFound
from presscenter.releases.attachments import attachment_for_download
from presscenter.releases.models import Attachment, AttachmentKind

INLINE_TYPES = {"application/pdf"}


def content_disposition(disposition: str, filename: str) -> str:
    """An ASCII fallback for old clients and the exact UTF-8 name (RFC 5987) for the rest."""
    folded = unicodedata.normalize("NFKD", filename.replace("đ", "d").replace("Đ", "D"))
    fallback = "".join(c for c in folded if c.isascii() and c.isprintable() and c not in '"\\')
    return f"{disposition}; filename=\"{fallback or 'tep'}\"; filename*=UTF-8''{quote(filename)}"


def _etag(attachment: Attachment, variant: str) -> str:
    return f'"{attachment.sha256[:32]}{variant}"'


def _serve(request: HttpRequest, attachment: Attachment, *, thumbnail: bool) -> HttpResponseBase:
    etag = _etag(attachment, "-t" if thumbnail else "")
    public = attachment.published and attachment.item.current_version_id is not None
    cache = "public, max-age=3600" if public and not attachment.item.embargo_until else "private, no-store"
    if etag in request.headers.get("If-None-Match", ""):
        response: HttpResponseBase = HttpResponseNotModified()
    else:
        field = attachment.thumbnail if thumbnail else attachment.file
        if not field:
            raise Http404
        content_type = (
            ("image/webp" if (field.name or "").endswith(".webp") else "image/jpeg")
            if thumbnail
            else attachment.mime_type
        )
        response = file_response(request, field.open("rb"), content_type=content_type)
        response["Content-Length"] = str(field.size)
        inline = thumbnail or attachment.kind == AttachmentKind.IMAGE or attachment.mime_type in INLINE_TYPES
        response["Content-Disposition"] = content_disposition(
            "inline" if inline else "attachment", attachment.original_name
        )
    response["ETag"] = etag
    response["Cache-Control"] = cache
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _readable(request: HttpRequest, pk: int) -> Attachment:
    try:
        return attachment_for_download(request.user, pk)
    except NotFound as error:
        raise Http404(str(error.message)) from None


@require_safe
def attachment(request: HttpRequest, pk: int) -> HttpResponseBase:
    return _serve(request, _readable(request, pk), thumbnail=False)


@require_safe
def thumbnail(request: HttpRequest, pk: int) -> HttpResponseBase:
    return _serve(request, _readable(request, pk), thumbnail=True)
