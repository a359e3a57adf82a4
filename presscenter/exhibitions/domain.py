"""Every write of the exhibitions app: the call for entries and its stages, the jury, entries,
scores and curation. Each function checks who acts, changes the data and records the audit entry
in one transaction; a refusal (DomainError) changes nothing."""

import datetime as dt
import uuid
from typing import IO, Any

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Avg, Count, Max, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from presscenter.accounts import roles
from presscenter.audit.domain import record
from presscenter.core.errors import DomainError, PermissionDenied
from presscenter.events import access as events_access
from presscenter.events.models import Event, EventType
from presscenter.exhibitions import access, photos
from presscenter.exhibitions.models import Entry, EntryStatus, Exhibition, ExhibitionState, Juror, Licence, Score

CALL_FIELDS = ("call_text", "rules", "intro", "opens_at", "closes_at", "max_entries", "licence")
CURATION = {EntryStatus.SHORTLISTED, EntryStatus.SELECTED, EntryStatus.REJECTED, EntryStatus.SUBMITTED}
MAX_ENTRIES_LIMIT = 50


def snapshot(exhibition: Exhibition) -> dict[str, Any]:
    return {
        "call_text": exhibition.call_text,
        "rules": exhibition.rules,
        "intro": exhibition.intro,
        "opens_at": exhibition.opens_at.isoformat(),
        "closes_at": exhibition.closes_at.isoformat(),
        "max_entries": exhibition.max_entries,
        "licence": exhibition.licence,
        "state": exhibition.state,
    }


def _check_call(exhibition: Exhibition) -> None:
    if not (exhibition.call_text or "").strip():
        raise DomainError(_("Hãy viết lời mời gửi ảnh."), field="call_text")
    if exhibition.closes_at <= exhibition.opens_at:
        raise DomainError(_("Hạn gửi ảnh phải sau ngày bắt đầu nhận ảnh."), field="closes_at")
    if not 1 <= exhibition.max_entries <= MAX_ENTRIES_LIMIT:
        raise DomainError(
            _("Số ảnh tối đa mỗi tác giả từ 1 đến %(limit)s.") % {"limit": MAX_ENTRIES_LIMIT}, field="max_entries"
        )
    if exhibition.licence not in Licence.values:
        raise DomainError(_("Hãy chọn giấy phép cho phòng trưng bày."), field="licence")


def _managed(actor: Any, exhibition: Exhibition) -> None:
    if not access.can_manage(actor, exhibition):
        raise PermissionDenied(_("Bạn không tổ chức triển lãm này."))


@transaction.atomic
def create_exhibition(actor: Any, event: Event, **fields: Any) -> Exhibition:
    """The call for entries of an exhibition event (one per event)."""
    if not events_access.can_manage(actor, event):
        raise PermissionDenied(_("Bạn không tổ chức sự kiện này."))
    if event.type != EventType.EXHIBITION:
        raise DomainError(_("Chỉ sự kiện loại triển lãm ảnh báo chí mới có cuộc gọi ảnh."))
    if Exhibition.objects.filter(event=event).exists():
        raise DomainError(_("Sự kiện này đã có cuộc gọi ảnh."))
    exhibition = Exhibition(event=event, created_by=actor, **{k: v for k, v in fields.items() if k in CALL_FIELDS})
    _check_call(exhibition)
    exhibition.save()
    record(actor, "exhibition.create", exhibition, summary=event.title, after=snapshot(exhibition))
    return exhibition


@transaction.atomic
def update_exhibition(actor: Any, exhibition: Exhibition, **fields: Any) -> Exhibition:
    _managed(actor, exhibition)
    exhibition = Exhibition.objects.select_for_update().select_related("event").get(pk=exhibition.pk)
    before = snapshot(exhibition)
    dates = {"opens_at", "closes_at", "max_entries"}
    for name in CALL_FIELDS:
        if name not in fields:
            continue
        if name in dates and exhibition.state != ExhibitionState.CALL and fields[name] != getattr(exhibition, name):
            raise DomainError(_("Cuộc gọi ảnh đã đóng: không đổi được thời hạn và số ảnh nữa."), field=name)
        setattr(exhibition, name, fields[name])
    _check_call(exhibition)
    exhibition.save()
    record(
        actor,
        "exhibition.update",
        exhibition,
        summary=exhibition.event.title,
        before=before,
        after=snapshot(exhibition),
    )
    return exhibition


def _advance(actor: Any, exhibition: Exhibition, *, expected: str, action: str, **changes: Any) -> Exhibition:
    """Move the exhibition from stage `expected` on (state and the other `changes`), audited."""
    _managed(actor, exhibition)
    locked = Exhibition.objects.select_for_update().select_related("event").get(pk=exhibition.pk)
    if locked.state != expected:
        raise DomainError(_("Triển lãm không còn ở giai đoạn này."))
    before = snapshot(locked)
    for name, value in changes.items():
        setattr(locked, name, value)
    locked.save(update_fields=list(changes))
    record(actor, action, locked, summary=locked.event.title, before=before, after=snapshot(locked))
    return locked


@transaction.atomic
def close_call(actor: Any, exhibition: Exhibition) -> Exhibition:
    """Stop taking photos (early, or after the deadline) and hand the entries to the jury."""
    now = timezone.now()
    closes_at = (
        max(now, exhibition.opens_at + dt.timedelta(seconds=1)) if exhibition.closes_at > now else exhibition.closes_at
    )
    return _advance(
        actor, exhibition, expected=ExhibitionState.CALL, action="exhibition.close_call",
        state=ExhibitionState.JUDGING, closes_at=closes_at,
    )  # fmt: skip


@transaction.atomic
def publish(actor: Any, exhibition: Exhibition) -> Exhibition:
    _managed(actor, exhibition)
    if not exhibition.entries.filter(status=EntryStatus.SELECTED).exists():
        raise DomainError(_("Chưa có ảnh nào được chọn trưng bày."))
    return _advance(
        actor, exhibition, expected=ExhibitionState.JUDGING, action="exhibition.publish",
        state=ExhibitionState.PUBLISHED, published_at=timezone.now(),
    )  # fmt: skip


# Jury -----------------------------------------------------------------------------------------


@transaction.atomic
def add_juror(actor: Any, exhibition: Exhibition, user: Any) -> Juror:
    _managed(actor, exhibition)
    if not access.may_be_juror(user):
        raise DomainError(_("Giám khảo phải là cán bộ của Trung tâm hoặc của một cơ quan."), field="user")
    if exhibition.jurors.filter(user=user).exists():
        raise DomainError(_("Người này đã ở trong ban giám khảo."), field="user")
    juror = Juror.objects.create(exhibition=exhibition, user=user)
    record(actor, "exhibition.juror.add", exhibition, summary=user.get_username(), after={"juror": user.get_username()})
    return juror


@transaction.atomic
def remove_juror(actor: Any, exhibition: Exhibition, user: Any) -> None:
    _managed(actor, exhibition)
    if exhibition.state == ExhibitionState.PUBLISHED:
        raise DomainError(_("Triển lãm đã công bố: ban giám khảo không đổi được nữa."))
    removed, _rows = exhibition.jurors.filter(user=user).delete()
    if not removed:
        raise DomainError(_("Người này không ở trong ban giám khảo."))
    record(
        actor, "exhibition.juror.remove", exhibition, summary=user.get_username(), before={"juror": user.get_username()}
    )


def candidate_jurors(exhibition: Exhibition) -> QuerySet[Any]:
    """Who the organiser may name: the centre's staff and the organising agency's staff."""
    organiser = exhibition.event.organiser_id
    return (
        (roles.centre_staff() | roles.agency_members(organiser))
        .exclude(pk__in=exhibition.jurors.values("user"))
        .order_by("full_name", "username")
    )


# Entries --------------------------------------------------------------------------------------


def is_open(exhibition: Exhibition, now: dt.datetime | None = None) -> bool:
    now = now or timezone.now()
    return (
        exhibition.state == ExhibitionState.CALL
        and exhibition.opens_at <= now < exhibition.closes_at
        and not exhibition.event.is_cancelled
    )


def _credit(actor: Any) -> tuple[str, str]:
    profile = getattr(actor, "journalist", None)
    outlet = profile.outlet.name if profile is not None else ""
    return actor.full_name or actor.get_username(), outlet


def submit(
    actor: Any,
    exhibition: Exhibition,
    *,
    upload: IO[bytes],
    name: str,
    caption: str,
    taken_on: dt.date | None = None,
    place: str = "",
) -> Entry:
    """An accredited journalist's photo while the call is open, within the per-author limit.
    The photo is checked and its derivatives made before the transaction (nothing is stored for a
    refused file)."""
    if not access.can_submit(actor):
        raise PermissionDenied(_("Chỉ nhà báo đã được Trung tâm xác nhận thẻ tác nghiệp mới gửi được ảnh."))
    if not access.can_view_event(actor, exhibition):
        raise PermissionDenied(_("Bạn không xem được sự kiện này."))
    caption = " ".join((caption or "").split())
    if not caption:
        raise DomainError(_("Hãy viết chú thích cho ảnh."), field="caption")
    if len(caption) > 2000:
        raise DomainError(_("Chú thích dài tối đa 2.000 ký tự."), field="caption")
    if taken_on is not None and taken_on > timezone.localdate():
        raise DomainError(_("Ngày chụp không thể ở tương lai."), field="taken_on")
    if not is_open(exhibition):
        raise DomainError(_("Triển lãm hiện không nhận ảnh."))
    photo = photos.processed(upload, name)
    if taken_on is None and photo.taken_on is not None and photo.taken_on <= timezone.localdate():
        taken_on = photo.taken_on  # the camera's date, when the photographer gave none
    credit_name, outlet = _credit(actor)
    stored: list[Any] = []
    try:
        return _store(
            actor, exhibition, photo, stored, caption=caption, credit_name=credit_name, outlet=outlet,
            taken_on=taken_on, place=" ".join(place.split())[:200],
        )  # fmt: skip
    except BaseException:
        for field in stored:  # files written before a refusal or a failure: nothing is kept
            field.storage.delete(field.name)
        raise


def _store(actor: Any, exhibition: Exhibition, photo: photos.Photo, stored: list[Any], **fields: Any) -> Entry:
    with transaction.atomic():
        locked = Exhibition.objects.select_for_update().select_related("event").get(pk=exhibition.pk)
        if not is_open(locked):
            raise DomainError(_("Triển lãm hiện không nhận ảnh."))
        count = locked.entries.filter(photographer=actor).exclude(status=EntryStatus.WITHDRAWN).count()
        if count >= locked.max_entries:
            raise DomainError(_("Mỗi tác giả gửi tối đa %(limit)s ảnh; bạn đã gửi đủ.") % {"limit": locked.max_entries})
        stem = uuid.uuid4().hex
        entry = Entry(
            exhibition=locked, photographer=actor, width=photo.width, height=photo.height,
            web_width=photo.web_size[0], web_height=photo.web_size[1], exif=photo.exif, had_gps=photo.had_gps,
            submitted_at=timezone.now(), **fields,
        )  # fmt: skip
        for field, name, content in (
            (entry.original, f"{stem}{photo.suffix}", photo.original),
            (entry.web, f"{stem}.jpg", photo.web),
            (entry.thumb, f"{stem}.jpg", photo.thumb),
        ):
            field.save(name, ContentFile(content), save=False)
            stored.append(field)
        entry.save()
        record(actor, "exhibition.entry.submit", entry, summary=entry.caption[:200], after={"exhibition": locked.pk})
    return entry


@transaction.atomic
def withdraw(actor: Any, entry: Entry) -> Entry:
    entry = Entry.objects.select_for_update().select_related("exhibition").get(pk=entry.pk)
    if not roles.is_active(actor) or entry.photographer_id != actor.pk:
        raise PermissionDenied(_("Đây không phải ảnh của bạn."))
    if entry.status == EntryStatus.WITHDRAWN:
        raise DomainError(_("Ảnh này đã được rút."))
    if not is_open(entry.exhibition):
        raise DomainError(_("Cuộc gọi ảnh đã đóng: không rút ảnh được nữa."))
    entry.status = EntryStatus.WITHDRAWN
    entry.save(update_fields=["status"])
    record(actor, "exhibition.entry.withdraw", entry, summary=entry.caption[:200])
    return entry


# Scores and curation --------------------------------------------------------------------------


def _judged(actor: Any, entry: Entry) -> None:
    exhibition = entry.exhibition
    if not access.is_juror(actor, exhibition):
        raise PermissionDenied(_("Bạn không ở trong ban giám khảo của triển lãm này."))
    if entry.photographer_id == actor.pk:
        raise DomainError(_("Giám khảo không chấm ảnh của chính mình."))
    if exhibition.state != ExhibitionState.JUDGING:
        raise DomainError(_("Chỉ chấm điểm khi đã đóng nhận ảnh và trước khi công bố."))
    if entry.status == EntryStatus.WITHDRAWN:
        raise DomainError(_("Ảnh này đã được tác giả rút."))


@transaction.atomic
def score(actor: Any, entry: Entry, *, value: int, comment: str = "") -> Score:
    """A juror's score (1–10) of an entry; scoring again replaces their own score."""
    entry = Entry.objects.select_related("exhibition").get(pk=entry.pk)
    _judged(actor, entry)
    if not isinstance(value, int) or not 1 <= value <= 10:
        raise DomainError(_("Điểm là một số nguyên từ 1 đến 10."), field="score")
    comment = (comment or "").strip()[:2000]
    try:
        with transaction.atomic():
            given, _created = Score.objects.update_or_create(
                entry=entry, juror=actor, defaults={"score": value, "comment": comment, "scored_at": timezone.now()}
            )
    except IntegrityError:
        raise DomainError(_("Điểm chưa được lưu; hãy thử lại.")) from None
    record(actor, "exhibition.entry.score", entry, summary=str(value), after={"score": value, "comment": comment})
    return given


def sees_scores(user: Any, entry: Entry) -> bool:
    """Blind scoring: a juror sees the others' scores of an entry only after scoring it (even a
    juror who also runs the event); an organiser outside the jury sees them all."""
    if access.is_juror(user, entry.exhibition):
        return entry.scores.filter(juror=user).exists()
    return access.can_manage(user, entry.exhibition)


def sees_ranking(user: Any, exhibition: Exhibition) -> bool:
    """The averages: for an organiser outside the jury; for one in it, once they scored every entry."""
    if access.is_juror(user, exhibition):
        return not jury_list(exhibition, user).filter(my_score__isnull=True).exists()  # type: ignore[misc]  # annotated
    return access.can_manage(user, exhibition)


@transaction.atomic
def curate(actor: Any, entry: Entry, *, status: str, position: int | None = None) -> Entry:
    """Select, shortlist or reject an entry (or put it back), with its place in the exhibition."""
    entry = Entry.objects.select_for_update().select_related("exhibition__event").get(pk=entry.pk)
    _managed(actor, entry.exhibition)
    if entry.exhibition.state == ExhibitionState.CALL:
        raise DomainError(_("Hãy đóng nhận ảnh trước khi tuyển chọn."))
    if entry.status == EntryStatus.WITHDRAWN:
        raise DomainError(_("Ảnh này đã được tác giả rút."))
    if status not in CURATION:
        raise DomainError(_("Quyết định không hợp lệ."), field="status")
    if position is not None and not 1 <= position <= 10000:
        raise DomainError(_("Thứ tự trưng bày từ 1 đến 10.000."), field="position")
    if entry.exhibition.is_published and status != EntryStatus.SELECTED and entry.status == EntryStatus.SELECTED:
        remaining = entry.exhibition.entries.filter(status=EntryStatus.SELECTED).exclude(pk=entry.pk).exists()
        if not remaining:
            raise DomainError(_("Phòng trưng bày đã công bố cần ít nhất một ảnh."))
    before = {"status": entry.status, "position": entry.position}
    entry.status = status
    entry.position = position if status == EntryStatus.SELECTED else None
    entry.save(update_fields=["status", "position"])
    after = {"status": entry.status, "position": entry.position}
    record(actor, "exhibition.entry.curate", entry, summary=entry.caption[:200], before=before, after=after)
    return entry


def ranking(exhibition: Exhibition) -> QuerySet[Entry]:
    """The entries still in the running with their average score and number of scores, best first.
    Only the present jury counts: a removed juror's scores stay stored (and audited) but drop out."""
    present = Q(scores__juror__in=exhibition.jurors.values("user"))
    return (
        exhibition.entries.exclude(status=EntryStatus.WITHDRAWN)
        .annotate(average=Avg("scores__score", filter=present), scored=Count("scores", filter=present))
        .order_by("-average", "-scored", "submitted_at", "id")
    )


def jury_list(exhibition: Exhibition, juror: Any) -> QuerySet[Entry]:
    """The entries a juror judges, each with their own score (or none); never their own photos."""
    return (
        exhibition.entries.exclude(status=EntryStatus.WITHDRAWN)
        .exclude(photographer=juror)
        .annotate(my_score=Max("scores__score", filter=Q(scores__juror=juror)))
        .order_by("submitted_at", "id")
    )
