"""API for press photo exhibitions. /api/exhibitions: the published galleries (public): each
selected photo with caption, credit, outlet, licence and the addresses of its web-sized image and
thumbnail. /api/exhibition-entries: an accredited journalist's own entries to an exhibition whose
call is open: list, submit (multipart: the photo and its caption), withdraw. Refusals are the
API's error shape (403, 404, 409, 422)."""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile
from pydantic import Field
from pydantic.json_schema import SkipJsonSchema

from presscenter.accounts.api_auth import PUBLIC_AUTH, caller_of
from presscenter.core.api_errors import documented
from presscenter.core.api_schemas import Day, Slug, Text
from presscenter.core.errors import NotFound, PermissionDenied
from presscenter.events import access as events_access
from presscenter.exhibitions import access, domain
from presscenter.exhibitions.models import Entry, Exhibition

router = Router(tags=["exhibitions"], auth=PUBLIC_AUTH)
entries_router = Router(tags=["exhibition entries"], auth=PUBLIC_AUTH)
NOT_FOUND = _("Không tìm thấy triển lãm này.")


class ExhibitionPhotoOut(Schema):
    id: int
    position: int | None
    caption: str
    credit_name: str
    outlet: str
    place: str
    taken_on: dt.date | None
    alt_text: str
    page_url: str
    image_url: str
    thumbnail_url: str
    width: int
    height: int


class ExhibitionOut(Schema):
    slug: str = Field(description="The exhibition event's slug")
    title: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    licence: str
    licence_name: str
    licence_url: str
    intro: str
    published_at: dt.datetime | None
    page_url: str
    catalogue_url: str


class ExhibitionGalleryOut(ExhibitionOut):
    photos: list[ExhibitionPhotoOut]


class ExhibitionEntryOut(Schema):
    id: int
    caption: str
    credit_name: str
    outlet: str
    place: str
    taken_on: dt.date | None
    status: str
    status_name: str
    exif: dict[str, str]
    submitted_at: dt.datetime
    thumbnail_url: str


class ExhibitionEntryIn(Schema):
    caption: Text = Field(..., min_length=1, max_length=2000, description="In Vietnamese; required.")
    # A form cannot send null: the field is left out instead.
    taken_on: Day | SkipJsonSchema[None] = Field(None, description="The day the photo was taken (YYYY-MM-DD).")
    place: Text = Field("", max_length=200)


def _exhibition_out(request: HttpRequest, exhibition: Exhibition) -> dict[str, Any]:
    event = exhibition.event
    return {
        "slug": event.slug,
        "title": event.title,
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "licence": exhibition.licence,
        "licence_name": str(exhibition.get_licence_display()),
        "licence_url": exhibition.licence_url,
        "intro": exhibition.intro,
        "published_at": exhibition.published_at,
        "page_url": request.build_absolute_uri(reverse("exhibitions_public:exhibition", args=[event.slug])),
        "catalogue_url": request.build_absolute_uri(reverse("exhibitions_public:catalogue", args=[event.slug])),
    }


def _image_url(request: HttpRequest, slug: str, entry: Entry, kind: str) -> str:
    return request.build_absolute_uri(reverse("exhibitions_public:image", args=[slug, entry.pk, kind]))


def _photo_out(request: HttpRequest, slug: str, entry: Entry) -> dict[str, Any]:
    return {
        "id": entry.pk,
        "position": entry.position,
        "caption": entry.caption,
        "credit_name": entry.credit_name,
        "outlet": entry.outlet,
        "place": entry.place,
        "taken_on": entry.taken_on,
        "alt_text": entry.alt_text,
        "page_url": request.build_absolute_uri(reverse("exhibitions_public:photo", args=[slug, entry.pk])),
        "image_url": _image_url(request, slug, entry, "web"),
        "thumbnail_url": _image_url(request, slug, entry, "thumb"),
        "width": entry.web_width,
        "height": entry.web_height,
    }


@router.get("", response=list[ExhibitionOut])
def list_exhibitions(request: HttpRequest) -> list[dict[str, Any]]:
    user = caller_of(request).user
    exhibitions = access.published(user).select_related("event").order_by("-published_at", "-id")[:200]
    return [_exhibition_out(request, exhibition) for exhibition in exhibitions]


@router.get("/{slug}", response={200: ExhibitionGalleryOut, **documented(404)})
def gallery(request: HttpRequest, slug: Slug) -> dict[str, Any]:
    user = caller_of(request).user
    exhibition = access.published(user).select_related("event").filter(event__slug=slug).first()
    if exhibition is None:
        raise NotFound(NOT_FOUND)
    photos = [_photo_out(request, slug, entry) for entry in access.gallery(exhibition)]
    return {**_exhibition_out(request, exhibition), "photos": photos}


# The journalist's own entries -------------------------------------------------------------------


def _open_to(request: HttpRequest, slug: str) -> tuple[Any, Exhibition]:
    user = caller_of(request).user
    if not access.can_submit(user):
        raise PermissionDenied(_("Chỉ nhà báo đã được Trung tâm xác nhận thẻ tác nghiệp mới gửi được ảnh."))
    exhibition = (
        Exhibition.objects.select_related("event")
        .filter(event__slug=slug, event__in=events_access.visible_events(user).values("pk"))
        .first()
    )
    if exhibition is None:
        raise NotFound(NOT_FOUND)
    return user, exhibition


def _entry_out(request: HttpRequest, slug: str, entry: Entry) -> dict[str, Any]:
    return {
        "id": entry.pk,
        "caption": entry.caption,
        "credit_name": entry.credit_name,
        "outlet": entry.outlet,
        "place": entry.place,
        "taken_on": entry.taken_on,
        "status": entry.status,
        "status_name": str(entry.get_status_display()),
        "exif": entry.exif,
        "submitted_at": entry.submitted_at,
        "thumbnail_url": _image_url(request, slug, entry, "thumb"),
    }


@entries_router.get("/{slug}", response={200: list[ExhibitionEntryOut], **documented(403, 404)})
def my_entries(request: HttpRequest, slug: Slug) -> list[dict[str, Any]]:
    user, exhibition = _open_to(request, slug)
    entries = Entry.objects.filter(exhibition=exhibition, photographer=user).order_by("-submitted_at", "-id")
    return [_entry_out(request, slug, entry) for entry in entries]


@entries_router.post("/{slug}", response={201: ExhibitionEntryOut, **documented(403, 404, 409, 422)})
def submit_entry(
    request: HttpRequest, slug: Slug, photo: File[UploadedFile], meta: Form[ExhibitionEntryIn]
) -> Status[dict[str, Any]]:
    user, exhibition = _open_to(request, slug)
    entry = domain.submit(
        user, exhibition, upload=photo, name=photo.name or "anh", caption=meta.caption, taken_on=meta.taken_on,
        place=meta.place,
    )  # fmt: skip
    return Status(201, _entry_out(request, slug, entry))


@entries_router.post("/{slug}/{int:pk}/withdraw", response={200: ExhibitionEntryOut, **documented(403, 404, 409)})
def withdraw_entry(request: HttpRequest, slug: Slug, pk: int) -> dict[str, Any]:
    user, exhibition = _open_to(request, slug)
    entry = Entry.objects.filter(exhibition=exhibition, photographer=user, pk=pk).first()
    if entry is None:
        raise NotFound(_("Không tìm thấy ảnh này."))
    return _entry_out(request, slug, domain.withdraw(user, entry))
