"""After the event: the organiser's staff turn the event into official items, and the press
downloads what was published from it.

- `draft_outcome` makes a draft item of type "Nội dung họp báo" (minutes or transcript) from the
  event: title, lead, agenda, speakers, the questions answered there and who answered them,
  organiser and topics. The draft is linked to the event (`Event.outcome_items`) and then goes
  through the releases workflow like any item (review, two-person approval, signing,
  publication, search, feeds, deliveries): this module never publishes anything itself.
- Photos and documents of the event are attachments of its outcome items (uploaded on the item's
  workspace page, with the releases' content checks).
- `media_kit` lists the files the public may download together: published files of the event's
  published outcome items and materials, none under embargo; `kit_chunks` streams them as one
  ZIP, chunk by chunk, with a list of the files and their SHA-256 digests.
"""

import datetime as dt
import hashlib
import io
import logging
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import slugify
from django.utils.translation import gettext, override
from django.utils.translation import gettext_lazy as _

from presscenter.audit.domain import record
from presscenter.core.errors import DomainError, PermissionDenied
from presscenter.events import access
from presscenter.events.models import Event, EventQuestion, EventStatus, QuestionState, Speaker
from presscenter.releases import domain as releases
from presscenter.releases.access import public_items
from presscenter.releases.models import Attachment, AttachmentKind, Item, ItemType

TITLE_MAX = 300
CHUNK_BYTES = 64 * 1024  # read from storage and handed to the server this much at a time
MANIFEST_NAME = "DANH-MUC-TEP.txt"
logger = logging.getLogger(__name__)


# Drafting ---------------------------------------------------------------------------------------


def answered_questions(event: Event) -> QuerySet[EventQuestion]:
    """The questions answered at the event, in the moderator's order, with who answered."""
    return (
        EventQuestion.objects.filter(event=event, state=QuestionState.ANSWERED)
        .select_related("speaker__organisation")
        .order_by("position", "answered_at", "id")
    )


def _speaker_line(speaker: Speaker) -> str:
    parts = [speaker.name, speaker.position_title, speaker.organisation.name if speaker.organisation else ""]
    return ", ".join(part for part in parts if part)


def _list(lines: Iterable[str]) -> str:
    items = "".join(format_html("<li>{}</li>", line) for line in lines)
    return f"<ul>{items}</ul>" if items else ""


def _place(event: Event) -> str:
    if event.room is not None:
        return f"{event.room.name}, {event.room.venue.name}"
    return event.venue.name if event.venue is not None else ""


def compose(event: Event) -> dict[str, Any]:
    """The draft's fields from the event, in Vietnamese (the item's language): the editor reads
    and completes them before submitting."""
    with override("vi"):
        return _compose(event)


def _compose(event: Event) -> dict[str, Any]:
    local = timezone.localtime(event.starts_at)
    type_label = event.get_type_display()
    title = gettext("Nội dung %(type)s: %(title)s") % {"type": type_label.lower(), "title": event.title}
    place = _place(event)
    when = gettext("%(time)s ngày %(date)s") % {"time": f"{local:%H:%M}", "date": f"{local:%d/%m/%Y}"}
    facts = {"when": when, "organiser": event.organiser.name, "title": event.title}
    if place:
        lead = gettext("%(when)s, tại %(place)s, %(organiser)s tổ chức “%(title)s”.") % {**facts, "place": place}
    else:
        lead = gettext("%(when)s, %(organiser)s tổ chức “%(title)s”.") % facts
    if event.summary:
        lead = f"{lead} {event.summary.strip()}"
    parts: list[str] = []
    if event.agenda:
        parts += [format_html("<h2>{}</h2>", gettext("Chương trình")), event.agenda]
    speakers = list(event.speakers.select_related("organisation"))
    if speakers:
        parts.append(format_html("<h2>{}</h2>", gettext("Chủ trì, phát biểu")))
        parts.append(_list(_speaker_line(speaker) for speaker in speakers if speaker.session_id is None))
    sessions = list(event.sessions.all())
    if sessions:
        parts.append(format_html("<h2>{}</h2>", gettext("Các phiên")))
        for session in sessions:
            start, end = timezone.localtime(session.starts_at), timezone.localtime(session.ends_at)
            parts.append(format_html("<h3>{} ({}–{})</h3>", session.title, f"{start:%H:%M}", f"{end:%H:%M}"))
            if session.abstract:
                parts.append(format_html("<p>{}</p>", session.abstract))
            parts.append(_list(_speaker_line(speaker) for speaker in speakers if speaker.session_id == session.pk))
    questions = list(answered_questions(event))
    if questions:
        parts.append(format_html("<h2>{}</h2>", gettext("Trả lời câu hỏi của báo chí")))
        for number, question in enumerate(questions, start=1):
            asked = gettext("Câu hỏi %(number)s") % {"number": number}
            if question.outlet_name:
                asked = f"{asked} ({question.outlet_name})"
            parts.append(format_html("<h3>{}</h3><p>{}</p>", asked, question.text))
            who = _speaker_line(question.speaker) if question.speaker else gettext("Ban tổ chức")
            answer = "".join(format_html("<p>{}</p>", line) for line in question.answer.splitlines() if line.strip())
            parts.append(format_html("<p><strong>{}</strong></p>", gettext("Trả lời (%(who)s):") % {"who": who}))
            parts.append(answer or format_html("<p>{}</p>", gettext("(chưa ghi nội dung trả lời)")))
    return {
        "title": title[:TITLE_MAX],
        "lead": lead,
        "body": "\n".join(str(part) for part in parts),
        "topics": list(event.topics.values_list("pk", flat=True)),
        "answered": len(questions),
    }


def check_draftable(actor: Any, event: Event) -> None:
    """What `draft_outcome` refuses, without writing (the confirmation page asks first)."""
    if not access.can_manage(actor, event):
        raise PermissionDenied(_("Chỉ người tổ chức sự kiện mới soạn được nội dung sau sự kiện."))
    if event.status == EventStatus.CANCELLED:
        raise DomainError(_("Sự kiện đã hủy: không có nội dung để công bố."))
    if event.starts_at > timezone.now():
        raise DomainError(_("Sự kiện chưa diễn ra: hãy soạn nội dung sau khi sự kiện bắt đầu."))
    if event.outcome_items.filter(current_version__isnull=True, withdrawn_at__isnull=True).exists():
        raise DomainError(
            _("Sự kiện đã có một bản nháp nội dung chưa công bố: hãy hoàn thiện và gửi duyệt bản đó trước.")
        )


@transaction.atomic
def draft_outcome(actor: Any, event: Event) -> Item:
    """A draft "Nội dung họp báo" item of the organiser, made from the event and linked to it.
    Its creator is its first contributor, so another person approves it (two-person rule)."""
    event = (
        Event.objects.select_for_update(of=("self",))
        .select_related("organiser", "room__venue", "venue")
        .get(pk=event.pk)
    )
    check_draftable(actor, event)
    fields = compose(event)
    answered = fields.pop("answered")
    item = releases.create_item(actor, event.organiser, type=ItemType.EVENT_RECORD, **fields)
    event.outcome_items.add(item)
    record(
        actor,
        "event.outcome.draft",
        event,
        summary=item.title,
        after={"item": item.pk, "answered_questions": answered},
    )
    return item


# Reading ----------------------------------------------------------------------------------------


def outcomes_for_work(event: Event) -> QuerySet[Item]:
    """Every item made from the event, drafts included, for who runs it."""
    return event.outcome_items.select_related("current_version").order_by("pk")


def published_outcomes(user: Any, event: Event) -> QuerySet[Item]:
    """The event's outcome items this visitor may read: published, not withdrawn, embargo as
    the releases rule it for this user."""
    return (
        public_items(user)
        .filter(outcome_of_events=event)
        .select_related("current_version", "organisation")
        .order_by("first_published_at", "pk")
    )


def _open_to_all() -> Q:
    now = timezone.now()
    return Q(current_version__isnull=False, withdrawn_at__isnull=True) & (
        Q(embargo_until__isnull=True) | Q(embargo_until__lte=now)
    )


def media_kit(event: Event) -> list[Attachment]:
    """The files anyone may download with the event: published files of its published outcome
    items and materials that are not under embargo (whoever asks: the kit is one public file)."""
    items = Item.objects.filter(_open_to_all()).filter(Q(outcome_of_events=event) | Q(events=event))
    return list(
        Attachment.objects.filter(published=True, item__in=items.values("pk"))
        .select_related("item__current_version")
        .order_by("item__first_published_at", "item_id", "position", "pk")
    )


@dataclass(frozen=True)
class KitSummary:
    images: list[Attachment]
    documents: list[Attachment]

    @property
    def count(self) -> int:
        return len(self.images) + len(self.documents)

    @property
    def size(self) -> int:
        return sum(file.size for file in (*self.images, *self.documents))


def summarise(files: list[Attachment]) -> KitSummary:
    return KitSummary(
        images=[file for file in files if file.kind == AttachmentKind.IMAGE],
        documents=[file for file in files if file.kind != AttachmentKind.IMAGE],
    )


def kit_etag(event: Event, files: list[Attachment]) -> str:
    """Changes when a file, its description or the item's published version changes."""
    digest = hashlib.sha256(f"{event.pk}:{event.title}".encode())
    for file in files:
        digest.update(f"|{file.pk}:{file.sha256}:{file.caption}:{file.credit}:{file.item.current_version_id}".encode())
    return f'"kit-{digest.hexdigest()[:32]}"'


# The ZIP ----------------------------------------------------------------------------------------


class _Pipe(io.RawIOBase):
    """Where the ZIP writer writes: the bytes wait here until the generator hands them on. It
    cannot seek, so zipfile writes each entry's sizes after its data (a data descriptor)."""

    def __init__(self) -> None:
        super().__init__()
        self._chunks: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self._chunks.append(bytes(data))
        return len(data)

    def drain(self) -> Iterator[bytes]:
        chunks, self._chunks = self._chunks, []
        if chunks:
            yield b"".join(chunks)


def _member_names(files: list[Attachment]) -> list[str]:
    """One folder per item (numbered in the kit's order), the file's own name inside, made
    unique where two files of an item share a name."""
    folders: dict[int, str] = {}
    taken: set[str] = set()
    names = []
    for file in files:
        if file.item_id not in folders:
            stem = slugify(file.item.current_version.title if file.item.current_version else file.item.title)
            folders[file.item_id] = f"{len(folders) + 1:02d}-{stem[:60] or 'tin'}"
        original = PurePath(file.original_name.replace("\\", "/")).name or f"tep{file.extension}"
        name, counter = f"{folders[file.item_id]}/{original}", 1
        while name in taken:
            counter += 1
            path = PurePath(original)
            name = f"{folders[file.item_id]}/{path.stem}-{counter}{path.suffix}"
        taken.add(name)
        names.append(name)
    return names


def manifest(event: Event, files: list[Attachment], names: list[str], missing: set[int] | None = None) -> str:
    """The list in the ZIP: each file's item, its verification code and the file's SHA-256
    (a file storage could not read is named as left out)."""
    lines = [event.title, f"{settings.SITE_URL}/su-kien/{event.slug}/", ""]
    shown: set[int] = set()
    for file, name in zip(files, names, strict=True):
        item = file.item
        if item.pk not in shown:
            shown.add(item.pk)
            title = item.current_version.title if item.current_version else item.title
            lines += ["", title, f"{settings.SITE_URL}{item.get_absolute_url()}"]
            lines.append(gettext("Mã xác thực: %(code)s") % {"code": item.verification_code})
        line = f"  {name}  {filesizeformat(file.size)}  SHA-256 {file.sha256}"
        if missing and file.pk in missing:
            line = f"{line}  ({gettext('không đọc được tệp, không có trong tệp ZIP')})"
        lines.append(line)
    return "\n".join(lines) + "\n"


def _zip_time(moment: dt.datetime | None) -> tuple[int, int, int, int, int, int]:
    local = timezone.localtime(moment or timezone.now())
    return (max(local.year, 1980), local.month, local.day, local.hour, local.minute, local.second)


def kit_chunks(event: Event, files: list[Attachment]) -> Iterator[bytes]:
    """The media kit as a ZIP, streamed: one storage read of CHUNK_BYTES at a time is held in
    memory, whatever the number and size of the files. Photos are stored as they are (they are
    compressed already); documents are deflated."""
    names = _member_names(files)
    pipe = _Pipe()
    missing: set[int] = set()
    with zipfile.ZipFile(pipe, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for file, name in zip(files, names, strict=True):
            info = zipfile.ZipInfo(name, date_time=_zip_time(file.item.last_published_at))
            info.compress_type = zipfile.ZIP_STORED if file.kind == AttachmentKind.IMAGE else zipfile.ZIP_DEFLATED
            info.file_size = file.size  # lets zipfile choose ZIP64 for a very large file
            try:
                source = file.file.storage.open(str(file.file.name), "rb")
            except OSError:  # lost from storage: the rest of the kit still arrives whole
                logger.warning("media kit of event %s: file %s cannot be read", event.pk, file.pk)
                missing.add(file.pk)
                continue
            with source, archive.open(info, "w") as target:
                while chunk := source.read(CHUNK_BYTES):
                    target.write(chunk)
                    yield from pipe.drain()
            yield from pipe.drain()
        text = zipfile.ZipInfo(MANIFEST_NAME, date_time=_zip_time(None))
        text.compress_type = zipfile.ZIP_DEFLATED
        archive.writestr(text, manifest(event, files, names, missing).encode())
    yield from pipe.drain()
