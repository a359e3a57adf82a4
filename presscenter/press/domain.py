"""Every write about outlets and journalists' accreditation, each with its audit entry.

`User.accredited` is the one flag every access check reads; it is kept equal to
`status == APPROVED and the press card has not expired` by `_sync_accredited` here and nowhere else.
"""

import logging
from datetime import date, timedelta
from typing import IO, Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from presscenter.accounts import domain as accounts_domain
from presscenter.accounts.models import Role, User
from presscenter.audit.domain import record, save_recorded
from presscenter.core.errors import DomainError, PermissionDenied
from presscenter.delivery import domain as delivery_domain
from presscenter.live import domain as live_domain
from presscenter.orgs.models import AREA_KINDS
from presscenter.press import access, applicant
from presscenter.press.images import checked_image
from presscenter.press.models import Accreditation, JournalistProfile, Outlet, OutletType
from presscenter.releases.models import Language
from presscenter.subscriptions.models import Channel
from presscenter.webhooks import domain as webhooks_domain

logger = logging.getLogger("presscenter.press")

REMINDER_DAYS = 30
OUTLET_FIELDS = ("name", "type", "licence_number", "address", "phone", "email", "website")
PROFILE_FIELDS = ("beats", "areas", "languages", "preferred_channels", "quiet_hours_start", "quiet_hours_end")
# Why deliveries still queued were cancelled (the delivery log shows it).
CARD_LAPSED = _("Thẻ nhà báo đã hết hạn.")
CARD_AWAITING_APPROVAL = _("Thẻ nhà báo mới đang chờ Trung tâm duyệt.")


def today_local() -> date:
    return timezone.localdate()


def snapshot(profile: JournalistProfile) -> dict[str, Any]:
    return {
        "status": profile.status,
        "reason": profile.status_reason,
        "outlet": profile.outlet_id,
        "press_card_number": profile.press_card_number,
        "press_card_expiry": profile.press_card_expiry.isoformat(),
        "accredited": profile.user.accredited,
    }


def _sync_accredited(profile: JournalistProfile, today: date | None = None) -> None:
    user = profile.user
    accredited = profile.status == Accreditation.APPROVED and profile.press_card_expiry >= (today or today_local())
    if user.accredited != accredited:
        user.accredited = accredited
        user.save(update_fields=["accredited"])


def _check_card(number: str, expiry: date | None) -> tuple[str, date]:
    return applicant.press_card_number(number), applicant.press_card_expiry(expiry)


@transaction.atomic
def sign_up(
    *,
    email: str,
    password: str,
    full_name: str,
    phone: str,
    identity_number: str,
    outlet: Outlet | None,
    press_card_number: str,
    press_card_expiry: date | None,
    photo: IO[bytes] | None = None,
    photo_name: str = "",
) -> JournalistProfile:
    """A journalist applies: an account that can sign in but is not accredited, and a pending profile.
    The email address is the sign-in name."""
    fields = {
        "email": email,
        "password": password,
        "full_name": full_name,
        "phone": phone,
        "identity_number": identity_number,
        "outlet": outlet,
        "press_card_number": press_card_number,
        "press_card_expiry": press_card_expiry,
    }
    values, problems = applicant.checked(fields)
    if problems:
        raise problems[0]
    email, outlet = values["email"], values["outlet"]
    account = User(
        username=email, email=email, full_name=values["full_name"], phone=values["phone"], role=Role.JOURNALIST
    )
    account.set_password(password)
    account.save()
    profile = JournalistProfile(
        user=account,
        outlet=outlet,
        identity_number=values["identity_number"],
        press_card_number=values["press_card_number"],
        press_card_expiry=values["press_card_expiry"],
    )
    if photo is not None:
        profile.photo.save(**_image_args(photo, photo_name, "photo"), save=False)
    profile.save()
    record(account, "press.signup", profile, summary=f"{account.full_name} ({outlet.name})", after=snapshot(profile))
    return profile


def _image_args(upload: IO[bytes], name: str, field: str) -> dict[str, Any]:
    content = checked_image(upload, name, field=field)
    return {"name": content.name, "content": content}


# Which decision may follow which status: an application is approved or rejected (a rejection
# may be reconsidered); an accreditation is suspended or revoked, a suspension lifted or made a
# revocation. The journalist page offers exactly these.
TRANSITIONS: dict[str, tuple[set[str], str]] = {
    "approve": ({Accreditation.PENDING, Accreditation.REJECTED}, Accreditation.APPROVED),
    "reject": ({Accreditation.PENDING}, Accreditation.REJECTED),
    "suspend": ({Accreditation.APPROVED}, Accreditation.SUSPENDED),
    "reinstate": ({Accreditation.SUSPENDED}, Accreditation.APPROVED),
    "revoke": ({Accreditation.APPROVED, Accreditation.SUSPENDED}, Accreditation.REVOKED),
}
REASON_REQUIRED = {"reject", "suspend", "revoke"}
ACTION_LABELS = {
    "approve": pgettext_lazy("accreditation action", "Cấp thẻ tác nghiệp"),
    "reject": pgettext_lazy("accreditation action", "Từ chối"),
    "suspend": pgettext_lazy("accreditation action", "Tạm đình chỉ"),
    "reinstate": pgettext_lazy("accreditation action", "Khôi phục"),
    "revoke": pgettext_lazy("accreditation action", "Thu hồi"),
}

FINAL = _("Hồ sơ đang ở tình trạng “%(status)s”: không còn thao tác nào.")


def actions_for(status: str) -> list[dict[str, Any]]:
    """The decisions valid for a profile in this status, in a fixed order, with their labels."""
    return [
        {"name": action, "label": ACTION_LABELS[action], "reason": action in REASON_REQUIRED}
        for action, (allowed_from, _new) in TRANSITIONS.items()
        if status in allowed_from
    ]


def _cut_off_access(user: User, reason: str) -> None:
    """Suspension and revocation take effect at once on every channel: each owner stops its part
    in the decision's own transaction, so nothing queued slips out afterwards."""
    delivery_domain.cancel_all_queued(user, reason)
    webhooks_domain.disable_all_of(user, reason)
    live_domain.revoke_feed_token(user)
    accounts_domain.revoke_api_tokens(user)


@transaction.atomic
def decide(actor: Any, profile: JournalistProfile, action: str, reason: str = "") -> JournalistProfile:
    """Approve, reject, suspend, reinstate or revoke an accreditation."""
    if not access.can_manage_accreditation(actor):
        raise PermissionDenied(_("Chỉ Trung tâm mới xét duyệt thẻ tác nghiệp."))
    if action not in TRANSITIONS:
        raise DomainError(_("Thao tác không hợp lệ."))
    profile = JournalistProfile.objects.select_for_update().select_related("user", "outlet").get(pk=profile.pk)
    allowed_from, new_status = TRANSITIONS[action]
    if profile.status not in allowed_from:
        valid = ", ".join(str(action["label"]) for action in actions_for(profile.status))
        message = _("Hồ sơ đang ở tình trạng “%(status)s”: chỉ có thể %(actions)s.") if valid else FINAL
        raise DomainError(message % {"status": profile.get_status_display(), "actions": valid})
    reason = (reason or "").strip()
    if action in REASON_REQUIRED and not reason:
        raise DomainError(_("Hãy ghi lý do."), field="reason")
    if new_status == Accreditation.APPROVED and profile.press_card_expiry < today_local():
        raise DomainError(_("Thẻ nhà báo đã hết hạn; nhà báo cần cập nhật thẻ mới trước khi được duyệt."))
    before = snapshot(profile)
    profile.status = new_status
    profile.status_reason = reason
    profile.decided_by = actor
    profile.decided_at = timezone.now()
    profile.save(update_fields=["status", "status_reason", "decided_by", "decided_at"])
    _sync_accredited(profile)
    if new_status in (Accreditation.SUSPENDED, Accreditation.REVOKED):
        _cut_off_access(profile.user, reason)
    record(
        actor, f"press.{action}", profile, summary=reason or str(profile.user), before=before, after=snapshot(profile)
    )
    return profile


def approve(actor: Any, profile: JournalistProfile) -> JournalistProfile:
    return decide(actor, profile, "approve")


def reject(actor: Any, profile: JournalistProfile, reason: str) -> JournalistProfile:
    return decide(actor, profile, "reject", reason)


def suspend(actor: Any, profile: JournalistProfile, reason: str) -> JournalistProfile:
    return decide(actor, profile, "suspend", reason)


def reinstate(actor: Any, profile: JournalistProfile) -> JournalistProfile:
    return decide(actor, profile, "reinstate")


def revoke(actor: Any, profile: JournalistProfile, reason: str) -> JournalistProfile:
    return decide(actor, profile, "revoke", reason)


@transaction.atomic
def renew_card(
    actor: Any, profile: JournalistProfile, *, press_card_number: str, press_card_expiry: date | None
) -> JournalistProfile:
    """The journalist enters a new press card. An approved profile goes back to the queue: the
    center checks the new card before the journalist is accredited again."""
    profile = JournalistProfile.objects.select_for_update().select_related("user").get(pk=profile.pk)
    if actor is None or actor.pk != profile.user_id:
        raise PermissionDenied(_("Chỉ nhà báo mới cập nhật được thẻ của mình."))
    if profile.status in (Accreditation.SUSPENDED, Accreditation.REVOKED):
        raise DomainError(_("Hồ sơ đang bị đình chỉ hoặc đã thu hồi; hãy liên hệ Trung tâm."))
    before = snapshot(profile)
    profile.press_card_number, profile.press_card_expiry = _check_card(press_card_number, press_card_expiry)
    profile.status = Accreditation.PENDING
    profile.expiry_reminder_sent_on = None
    profile.save(update_fields=["press_card_number", "press_card_expiry", "status", "expiry_reminder_sent_on"])
    _sync_accredited(profile)
    delivery_domain.cancel_undeliverable(profile.user, str(CARD_AWAITING_APPROVAL))
    record(
        actor, "press.renew_card", profile, summary=profile.press_card_number, before=before, after=snapshot(profile)
    )
    return profile


def _clean_profile(fields: dict[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise DomainError(_("Trường không hợp lệ: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    if set(fields.get("languages", [])) - set(Language.values):
        raise DomainError(_("Ngôn ngữ không hợp lệ."), field="languages")
    if set(fields.get("preferred_channels", [])) - set(Channel.values):
        raise DomainError(_("Kênh nhận tin không hợp lệ."), field="preferred_channels")
    areas = fields.get("areas")
    if areas is not None and any(area.kind not in AREA_KINDS for area in areas):
        raise DomainError(_("Địa bàn phải là phường hoặc xã."), field="areas")
    start, end = fields.get("quiet_hours_start"), fields.get("quiet_hours_end")
    if (start is None) != (end is None):
        raise DomainError(_("Hãy nhập cả giờ bắt đầu và giờ kết thúc, hoặc để trống cả hai."), field="quiet_hours_end")
    return fields


@transaction.atomic
def update_profile(actor: Any, profile: JournalistProfile, **fields: Any) -> JournalistProfile:
    """The journalist's own preferences: beats, areas, languages, channels and quiet hours."""
    if actor is None or actor.pk != profile.user_id:
        raise PermissionDenied(_("Bạn chỉ sửa được hồ sơ của chính mình."))
    cleaned = _clean_profile(fields)
    before = {"languages": profile.languages, "channels": profile.preferred_channels}
    scalar = [name for name in cleaned if name not in ("beats", "areas")]
    for name in scalar:
        setattr(profile, name, cleaned[name])
    if scalar:
        profile.save(update_fields=scalar)
    if "beats" in cleaned:
        profile.beats.set(list(cleaned["beats"]))
    if "areas" in cleaned:
        profile.areas.set(list(cleaned["areas"]))
    after = {"languages": profile.languages, "channels": profile.preferred_channels}
    record(actor, "press.profile_update", profile, summary=str(profile.user), before=before, after=after)
    return profile


def _clean_outlet(fields: dict[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - set(OUTLET_FIELDS)
    if unknown:
        raise DomainError(_("Trường không hợp lệ: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    cleaned = {name: value.strip() if isinstance(value, str) else value for name, value in fields.items()}
    if "name" in cleaned and not cleaned["name"]:
        raise DomainError(_("Tên cơ quan báo chí không được để trống."), field="name")
    if "type" in cleaned and cleaned["type"] not in OutletType.values:
        raise DomainError(_("Loại hình báo chí không hợp lệ."), field="type")
    return cleaned


def _outlet_snapshot(outlet: Outlet) -> dict[str, Any]:
    return {**{name: getattr(outlet, name) for name in OUTLET_FIELDS}, "active": outlet.active}


def _check_outlet_name(name: str | None, pk: int | None) -> None:
    same_name = Outlet.objects.filter(name__iexact=name or "")
    if pk is not None:
        same_name = same_name.exclude(pk=pk)
    if name and same_name.exists():
        raise DomainError(_("Đã có cơ quan báo chí mang tên này."), field="name")


@transaction.atomic
def save_outlet(
    actor: Any, outlet: Outlet | None, *, logo: IO[bytes] | None = None, logo_name: str = "", **fields: Any
) -> Outlet:
    """Create (outlet None) or edit an outlet of the registry."""
    if not access.can_manage_outlets(actor):
        raise PermissionDenied(_("Chỉ Trung tâm mới quản lý danh sách cơ quan báo chí."))
    cleaned = _clean_outlet(fields)
    if outlet is None:
        if not cleaned.get("name") or not cleaned.get("type"):
            raise DomainError(_("Cần có tên và loại hình của cơ quan báo chí."))
        outlet, before = Outlet(), None
    else:
        outlet = Outlet.objects.select_for_update().get(pk=outlet.pk)
        before = _outlet_snapshot(outlet)
    _check_outlet_name(cleaned.get("name"), outlet.pk)
    for name, value in cleaned.items():
        setattr(outlet, name, value)
    if logo is not None:
        outlet.logo.save(**_image_args(logo, logo_name, "logo"), save=False)
    outlet.save()
    action = "press.outlet_create" if before is None else "press.outlet_update"
    record(actor, action, outlet, summary=outlet.name, before=before, after=_outlet_snapshot(outlet))
    return outlet


@transaction.atomic
def set_outlet_active(actor: Any, outlet: Outlet, active: bool) -> Outlet:
    """Outlets are never deleted (journalists point to them); a closed one leaves the sign-up list."""
    if not access.can_manage_outlets(actor):
        raise PermissionDenied(_("Chỉ Trung tâm mới quản lý danh sách cơ quan báo chí."))
    outlet = Outlet.objects.select_for_update().get(pk=outlet.pk)
    save_recorded(actor, "press.outlet_active", outlet, _outlet_snapshot, outlet.name, active=active)
    return outlet


REMINDER_SUBJECT = _("Thẻ nhà báo của bạn sắp hết hạn")
REMINDER_BODY = _(
    "Kính gửi %(name)s,\n\n"
    "Thẻ nhà báo số %(number)s của bạn hết hạn ngày %(expiry)s. Sau ngày này, quyền tác nghiệp tại "
    "%(site)s (đọc tin cấm đăng, nhận tin riêng) sẽ tạm dừng.\n\n"
    "Khi được cấp thẻ mới, hãy cập nhật số thẻ và ngày hết hạn trong hồ sơ nhà báo: %(url)s\n\n"
    "Trân trọng,\n%(site)s"
)


def send_expiry_reminders(today: date | None = None) -> int:
    """Email every accredited journalist whose card lapses within REMINDER_DAYS, once per card.
    The mark is written before sending, each in its own transaction: at most one email per card."""
    today = today or today_local()
    due = JournalistProfile.objects.filter(
        status=Accreditation.APPROVED,
        press_card_expiry__gte=today,
        press_card_expiry__lte=today + timedelta(days=REMINDER_DAYS),
        expiry_reminder_sent_on__isnull=True,
        user__is_active=True,
    ).select_related("user")
    sent = 0
    for profile in due:
        with transaction.atomic():
            claimed = JournalistProfile.objects.filter(pk=profile.pk, expiry_reminder_sent_on__isnull=True).update(
                expiry_reminder_sent_on=today
            )
            if not claimed:
                continue
            record(None, "press.expiry_reminder", profile, summary=profile.press_card_expiry.isoformat())
        try:
            with translation.override(profile.user.language or settings.LANGUAGE_CODE):
                send_mail(str(REMINDER_SUBJECT), _reminder_text(profile), None, [profile.user.email])
        except Exception:
            # Not sent: clear the mark so the next tick tries again.
            logger.exception("press: expiry reminder to %s failed", profile.user.email)
            JournalistProfile.objects.filter(pk=profile.pk).update(expiry_reminder_sent_on=None)
            continue
        sent += 1
    return sent


def _reminder_text(profile: JournalistProfile) -> str:
    return str(REMINDER_BODY) % {
        "name": profile.user.full_name or profile.user.username,
        "number": profile.press_card_number,
        "expiry": profile.press_card_expiry.strftime("%d/%m/%Y"),
        "site": settings.SITE_NAME,
        "url": settings.SITE_URL + reverse("press:profile"),
    }


def expire_lapsed_cards(today: date | None = None) -> int:
    """Cards past their expiry stop accreditation (status stays approved; the center re-approves
    once the journalist enters a new card)."""
    today = today or today_local()
    lapsed = JournalistProfile.objects.filter(
        status=Accreditation.APPROVED, press_card_expiry__lt=today, user__accredited=True
    ).select_related("user")
    count = 0
    for profile in lapsed:
        with transaction.atomic():
            before = snapshot(profile)
            _sync_accredited(profile, today)
            delivery_domain.cancel_undeliverable(profile.user, str(CARD_LAPSED))
            record(
                None, "press.card_lapsed", profile, summary=str(profile.user), before=before, after=snapshot(profile)
            )
        count += 1
    return count
