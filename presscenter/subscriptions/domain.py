"""Every write to subscriptions. Each function runs in one transaction that also rebuilds the
subscription's reverse-index rows, numbers the change for the in-memory matchers and writes the
audit entry."""

import secrets
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from presscenter.audit.domain import record
from presscenter.core.errors import DomainError, NotFound, PermissionDenied
from presscenter.delivery.domain import cancel_queued
from presscenter.orgs.models import Organisation
from presscenter.releases.models import ItemType, Priority, Topic
from presscenter.search.parse import ParsedQuery, parse
from presscenter.subscriptions import access
from presscenter.subscriptions.emails import send_confirmation
from presscenter.subscriptions.matching import Criteria, criteria_of
from presscenter.subscriptions.models import (
    Cadence,
    Channel,
    EmailSubscriber,
    MatchingChange,
    MatchingVersion,
    Subscription,
    SubscriptionTerm,
)

MAX_QUERY_WORDS = 20
MAX_PENDING_PER_EMAIL = 20
CHANGES_KEPT = 10_000  # a matcher further behind than this rebuilds its index from scratch
RELATIONS = ("organisations", "topics", "areas")
CRITERIA = (*RELATIONS, "types", "priorities", "query")
SCALARS = ("name", "types", "priorities", "query", "cadence", "digest_hour", "digest_weekday", "channels", "active")
DEFAULTS: dict[str, Any] = {
    "name": "",
    "organisations": (),
    "topics": (),
    "areas": (),
    "types": (),
    "priorities": (),
    "query": "",
    "cadence": Cadence.IMMEDIATE,
    "digest_hour": 7,
    "digest_weekday": 0,
    "channels": (Channel.EMAIL,),
    "active": True,
    # Consent to receive every item: a subscription without any criterion is never assumed.
    "everything": False,
}
NO_CRITERIA = _("Hãy chọn ít nhất một tiêu chí (cơ quan, chủ đề, địa bàn, loại tin…), hoặc đánh dấu “Nhận mọi tin”.")


def parse_query(raw: str) -> ParsedQuery:
    """The saved query, parsed exactly like a search; a clear message when it cannot be used."""
    try:
        parsed = parse(raw)
    except DomainError as error:
        raise DomainError(error.message, field="query") from None
    if len(parsed.words) > MAX_QUERY_WORDS:
        raise DomainError(
            _("Từ khóa có quá nhiều từ (tối đa %(limit)d từ).") % {"limit": MAX_QUERY_WORDS}, field="query"
        )
    return parsed


def _ids(values: Iterable[Any]) -> list[int]:
    try:
        return sorted({int(getattr(value, "pk", value)) for value in values})
    except (TypeError, ValueError):
        raise DomainError(_("Lựa chọn không hợp lệ.")) from None


def _existing(model: type[models.Model], ids: list[int], field: str) -> list[int]:
    if model._default_manager.filter(pk__in=ids).count() != len(ids):
        raise DomainError(_("Một số lựa chọn không còn tồn tại."), field=field)
    return ids


def _choices(values: Iterable[str], allowed: Iterable[str], field: str) -> list[str]:
    chosen = sorted(set(values))
    if not set(chosen) <= set(allowed):
        raise DomainError(_("Lựa chọn không hợp lệ."), field=field)
    return chosen


def _hour(value: Any, low: int, high: int, field: str) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = -1
    if not low <= number <= high:
        raise DomainError(_("Giá trị phải từ %(low)d đến %(high)d.") % {"low": low, "high": high}, field=field)
    return number


def clean(actor: Any, fields: dict[str, Any], *, public: bool = False) -> dict[str, Any]:
    """Validated fields (relations as id lists); raises DomainError on the first bad one.
    `public`: a visitor's email subscription, which has no account to check channels against."""
    unknown = set(fields) - set(DEFAULTS)
    if unknown:
        raise DomainError(_("Trường không hợp lệ: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    data = {**DEFAULTS, **fields}
    cleaned: dict[str, Any] = {
        "name": str(data["name"] or "").strip()[:200],
        "organisations": _existing(Organisation, _ids(data["organisations"]), "organisations"),
        "topics": _existing(Topic, _ids(data["topics"]), "topics"),
        "areas": _existing(Organisation, _ids(data["areas"]), "areas"),
        "types": _choices(data["types"], ItemType.values, "types"),
        "priorities": _choices(data["priorities"], Priority.values, "priorities"),
        "query": " ".join(str(data["query"] or "").split()),
        "cadence": _choices([data["cadence"]], Cadence.values, "cadence")[0],
        "digest_hour": _hour(data["digest_hour"], 0, 23, "digest_hour"),
        "digest_weekday": _hour(data["digest_weekday"], 0, 6, "digest_weekday"),
        "channels": _choices(data["channels"], Channel.values, "channels"),
        "active": bool(data["active"]),
    }
    parse_query(cleaned["query"])
    if not data["everything"] and not follows_something(cleaned):
        raise DomainError(NO_CRITERIA, field="everything")
    if not cleaned["channels"]:
        raise DomainError(_("Hãy chọn ít nhất một kênh nhận tin."), field="channels")
    allowed = [Channel.EMAIL] if public else access.allowed_channels(actor)
    refused = set(cleaned["channels"]) - set(allowed)
    if refused:
        raise PermissionDenied(
            _("Chỉ nhà báo đã được cấp thẻ tác nghiệp mới nhận tin qua webhook hoặc thông báo trên trình duyệt."),
            field="channels",
        )
    return cleaned


def follows_something(fields: dict[str, Any]) -> bool:
    return any(fields[name] for name in CRITERIA)


def criteria_from(cleaned: dict[str, Any]) -> Criteria:
    """Criteria of validated, unsaved fields (the editor's live preview)."""
    return Criteria(
        organisations=frozenset(cleaned["organisations"]),
        topics=frozenset(cleaned["topics"]),
        areas=frozenset(cleaned["areas"]),
        types=frozenset(cleaned["types"]),
        priorities=frozenset(cleaned["priorities"]),
        query=parse(cleaned["query"]),
    )


def snapshot(subscription: Subscription) -> dict[str, Any]:
    fields = {
        "name": subscription.name,
        "organisations": sorted(subscription.organisations.values_list("pk", flat=True)),
        "topics": sorted(subscription.topics.values_list("pk", flat=True)),
        "areas": sorted(subscription.areas.values_list("pk", flat=True)),
        **{name: getattr(subscription, name) for name in SCALARS if name != "name"},
    }
    return fields | {"everything": not follows_something(fields)}


def is_deliverable(subscription: Subscription) -> bool:
    """Only these have index rows: active, and for the public, confirmed and not unsubscribed."""
    if not subscription.active:
        return False
    if subscription.owner_id is not None:
        return True
    subscriber = subscription.email_subscriber
    return subscriber is not None and subscriber.confirmed_at is not None and subscriber.unsubscribed_at is None


def record_changes(pks: Iterable[int]) -> None:
    """Number these subscriptions' writes for the in-memory matchers (matching.Matcher); call
    inside the writing transaction. Bumping the counter row locks it until commit, so numbers
    commit in order and a matcher that has seen number n has seen every number below it."""
    changed = sorted(set(pks))
    if not changed:
        return
    counter = MatchingVersion.objects.filter(pk=1)
    if not counter.update(value=F("value") + len(changed)):
        MatchingVersion.objects.get_or_create(pk=1)  # created by the migration; gone only after a flush
        counter.update(value=F("value") + len(changed))
    last = counter.values_list("value", flat=True).get()
    token = secrets.token_hex(8)
    first = last - len(changed) + 1
    MatchingChange.objects.bulk_create(
        MatchingChange(version=first + offset, subscription_pk=pk, token=token) for offset, pk in enumerate(changed)
    )
    MatchingChange.objects.filter(version__lte=last - CHANGES_KEPT).delete()


def rebuild_terms(subscription: Subscription) -> None:
    """Replace the subscription's reverse-index rows; call inside the writing transaction."""
    criteria = criteria_of(subscription)
    SubscriptionTerm.objects.filter(subscription=subscription).delete()
    if is_deliverable(subscription):
        SubscriptionTerm.objects.bulk_create(
            SubscriptionTerm(subscription=subscription, field=field, value=value) for field, value in criteria.terms()
        )
    subscription.required = criteria.required
    subscription.has_phrases = bool(criteria.phrases)
    subscription.save(update_fields=["required", "has_phrases"])
    record_changes([subscription.pk])


def _write(subscription: Subscription, cleaned: dict[str, Any]) -> None:
    for name in SCALARS:
        setattr(subscription, name, cleaned[name])
    subscription.updated_at = timezone.now()
    subscription.save()
    for name in RELATIONS:
        getattr(subscription, name).set(cleaned[name])
    rebuild_terms(subscription)


@transaction.atomic
def create_subscription(actor: Any, **fields: Any) -> Subscription:
    if not access.can_subscribe(actor):
        raise PermissionDenied(_("Hãy đăng nhập để đăng ký nhận tin."))
    cleaned = clean(actor, fields)
    subscription = Subscription(owner=actor)
    _write(subscription, cleaned)
    record(actor, "subscription.create", subscription, summary=subscription.title, after=snapshot(subscription))
    return subscription


@transaction.atomic
def update_subscription(actor: Any, subscription: Subscription, **fields: Any) -> Subscription:
    subscription = access.subscription_for_owner(actor, subscription.pk)
    before = snapshot(subscription)
    cleaned = clean(actor, {**before, **fields})
    _write(subscription, cleaned)
    record(
        actor,
        "subscription.update",
        subscription,
        summary=subscription.title,
        before=before,
        after=snapshot(subscription),
    )
    return subscription


@transaction.atomic
def delete_subscription(actor: Any, subscription: Subscription) -> None:
    subscription = access.subscription_for_owner(actor, subscription.pk)
    before = snapshot(subscription)
    record(actor, "subscription.delete", subscription, summary=subscription.title, before=before)
    record_changes([subscription.pk])
    subscription.delete()


@transaction.atomic
def stop_email(owner: Any) -> list[Subscription]:
    """The account's one-click unsubscribe (the link in every alert email): its subscriptions stop
    using email, one left without a channel is paused, and email still queued for it is cancelled."""
    changed = []
    for subscription in Subscription.objects.select_for_update().filter(owner=owner).order_by("pk"):
        if Channel.EMAIL not in subscription.channels:
            continue
        before = snapshot(subscription)
        subscription.channels = [name for name in subscription.channels if name != Channel.EMAIL]
        subscription.active = subscription.active and bool(subscription.channels)
        subscription.save(update_fields=["channels", "active"])
        rebuild_terms(subscription)
        record(
            owner,
            "subscription.stop_email",
            subscription,
            summary=subscription.title,
            before=before,
            after=snapshot(subscription),
        )
        changed.append(subscription)
    cancel_queued(owner, Channel.EMAIL, str(_("Người nhận đã hủy nhận tin qua thư điện tử.")))
    return changed


# Public visitors: email only, double opt-in.


def _normalised_email(raw: str) -> str:
    email = (raw or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise DomainError(_("Địa chỉ thư điện tử không hợp lệ."), field="email") from None
    return email


@transaction.atomic
def subscribe_by_email(email: str, *, language: str = "vi", **fields: Any) -> EmailSubscriber:
    """A pending subscription for a visitor; it counts only after the confirmation link is used."""
    allowed = {"organisations", "topics", "areas", "types", "everything"}
    if set(fields) - allowed:
        raise DomainError(_("Lựa chọn không hợp lệ."))
    address = _normalised_email(email)
    cleaned = clean(None, {**fields, "channels": [Channel.EMAIL], "active": False}, public=True)
    subscriber, _created = EmailSubscriber.objects.select_for_update().get_or_create(
        email=address, defaults={"language": language if language in ("vi", "en") else "vi"}
    )
    if subscriber.subscriptions.filter(active=False).count() >= MAX_PENDING_PER_EMAIL:
        raise DomainError(_("Địa chỉ này có quá nhiều đăng ký chờ xác nhận."), field="email")
    subscriber.language = language if language in ("vi", "en") else "vi"
    if subscriber.unsubscribed_at is not None:
        # Coming back after unsubscribing: consent must be given again.
        subscriber.unsubscribed_at = None
        subscriber.confirmed_at = None
    subscriber.save(update_fields=["language", "unsubscribed_at", "confirmed_at"])
    subscription = Subscription(email_subscriber=subscriber)
    _write(subscription, cleaned)
    record(None, "subscription.email_subscribe", subscriber, summary=address, after=snapshot(subscription))
    transaction.on_commit(lambda: send_confirmation(subscriber))
    return subscriber


def _subscriber_by_token(token: str) -> EmailSubscriber:
    subscriber = EmailSubscriber.objects.select_for_update().filter(token=token).first() if token else None
    if subscriber is None:
        raise NotFound(_("Liên kết không hợp lệ hoặc đã hết hiệu lực."))
    return subscriber


@transaction.atomic
def confirm_email(token: str) -> EmailSubscriber:
    """The visitor used the link in the confirmation email: their pending subscriptions count."""
    subscriber = _subscriber_by_token(token)
    if subscriber.unsubscribed_at is not None:
        raise DomainError(_("Địa chỉ này đã hủy đăng ký; hãy đăng ký lại để nhận tin."))
    if subscriber.confirmed_at is None:
        subscriber.confirmed_at = timezone.now()
        subscriber.save(update_fields=["confirmed_at"])
    pending = list(subscriber.subscriptions.filter(active=False).select_related("email_subscriber"))
    for subscription in pending:
        subscription.active = True
        subscription.save(update_fields=["active"])
        rebuild_terms(subscription)
    record(None, "subscription.email_confirm", subscriber, summary=subscriber.email)
    return subscriber


@transaction.atomic
def unsubscribe_email(token: str) -> EmailSubscriber:
    """One-click unsubscribe: every subscription of the address goes; nothing more is sent."""
    subscriber = _subscriber_by_token(token)
    if subscriber.unsubscribed_at is None:
        subscriber.unsubscribed_at = timezone.now()
        subscriber.save(update_fields=["unsubscribed_at"])
        record_changes(subscriber.subscriptions.values_list("pk", flat=True))
        subscriber.subscriptions.all().delete()
        record(None, "subscription.email_unsubscribe", subscriber, summary=subscriber.email)
    return subscriber
