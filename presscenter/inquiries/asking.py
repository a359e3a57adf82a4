"""The public side's writes: a question or feedback with its files, in one transaction, and an
asker's choice to follow a similar open question instead of having theirs answered apart."""

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from presscenter.audit.domain import record
from presscenter.core.errors import DomainError, PermissionDenied
from presscenter.events.access import visible_events
from presscenter.events.models import Event, EventStatus
from presscenter.inquiries import access, domain, uploads
from presscenter.inquiries.models import FINAL_STATES, OPEN_STATES, PRESS_KINDS, EventKind, Inquiry, State


def submit(
    asker: Any,
    *,
    kind: str,
    subject: str,
    text: str,
    files: list[uploads.Checked] = (),  # type: ignore[assignment]
    join: Inquiry | None = None,
    **fields: Any,
) -> Inquiry:
    """Ask (domain.ask), store the checked files, and join `join` when the asker chose to: all or
    nothing. Files stored before a refusal are removed."""
    stored: list[Any] = []
    try:
        with transaction.atomic():
            inquiry = domain.ask(asker, kind=kind, subject=subject, text=text, **fields)
            stored = uploads.attach(asker, inquiry, list(files), key=inquiry.access_key)
            if join is not None:
                inquiry = _join(asker, inquiry, join, key=inquiry.access_key)
    except BaseException:
        for attachment in stored:
            if attachment.file.name:
                attachment.file.storage.delete(attachment.file.name)
        raise
    return inquiry


def event_to_ask_about(asker: Any, slug: str) -> Event:
    """The event a journalist asks about ("Hỏi về sự kiện này"): one they can see, still to come
    or under way. An event already over, or cancelled, is refused with the reason (its questions
    then go without it, or to the organiser directly)."""
    slug = (slug or "").strip()
    event = visible_events(asker).filter(slug=slug).select_related("organiser").first() if slug else None
    if event is None:
        raise DomainError(_("Không tìm thấy sự kiện này."), field="about_event")
    if event.status == EventStatus.CANCELLED:
        raise DomainError(
            _("Sự kiện “%(title)s” đã bị hủy: không thể hỏi về sự kiện này.") % {"title": event.title},
            field="about_event",
        )
    if event.ends_at <= timezone.now():
        raise DomainError(
            _("Sự kiện “%(title)s” đã kết thúc: chỉ hỏi được về sự kiện sắp diễn ra hoặc đang diễn ra.")
            % {"title": event.title},
            field="about_event",
        )
    return event


def same_audience(inquiry: Inquiry, existing: Inquiry) -> bool:
    return (inquiry.kind in PRESS_KINDS) == (existing.kind in PRESS_KINDS)


@transaction.atomic
def join(asker: Any, inquiry: Inquiry, existing: Inquiry, *, key: str = "") -> Inquiry:
    """ "Đây cũng là câu hỏi của tôi": the asker's own inquiry joins an open one that asks the
    same. It becomes MERGED into `existing`, so it is not answered twice and its asker gets the
    answer when `existing` is answered (domain.approve_answer notifies merged askers)."""
    return _join(asker, inquiry, existing, key=key)


def _join(asker: Any, inquiry: Inquiry, existing: Inquiry, *, key: str) -> Inquiry:
    if not access.is_asker(asker, inquiry, key):
        raise PermissionDenied(_("Chỉ người hỏi mới chọn theo dõi câu hỏi khác thay cho câu hỏi của mình."))
    if inquiry.pk == existing.pk:
        raise DomainError(_("Không gộp được một câu hỏi vào chính nó."), field="join")
    locked = Inquiry.objects.select_for_update(of=("self",)).filter(pk__in=[inquiry.pk, existing.pk]).order_by("pk")
    rows = {row.pk: row for row in locked}
    inquiry, existing = rows[inquiry.pk], rows[existing.pk]
    if inquiry.state in FINAL_STATES or inquiry.state == State.ANSWERED or inquiry.merged.exists():
        raise DomainError(_("Câu hỏi của bạn đã được xử lý nên không gộp được nữa."), field="join")
    if existing.state not in OPEN_STATES or existing.merged_into_id is not None:
        raise DomainError(_("Câu hỏi bạn chọn đã kết thúc xử lý; câu hỏi của bạn sẽ được xử lý riêng."), field="join")
    if not same_audience(inquiry, existing):
        raise DomainError(_("Không gộp được câu hỏi báo chí với phản ánh của người dân."), field="join")
    before = domain.snapshot(inquiry)
    now = timezone.now()
    event = domain._event(inquiry, EventKind.MERGED, asker, existing.code)
    domain._event(existing, EventKind.MERGED, asker, inquiry.code)
    inquiry.state, inquiry.merged_into, inquiry.closed_at, inquiry.updated_at = State.MERGED, existing, now, now
    inquiry.save(update_fields=["state", "merged_into", "closed_at", "updated_at"])
    record(
        asker,
        "inquiry.join",
        inquiry,
        summary=f"{inquiry.code} → {existing.code}: {event.get_kind_display()}",
        before=before,
        after=domain.snapshot(inquiry),
    )
    return inquiry
