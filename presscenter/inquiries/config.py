"""Configuration of questions and feedback as data, edited by the centre: categories (lĩnh vực),
routing rules, deadline policies and how far routing runs on its own. Every write checks who
asks, validates, changes the data and records an audit entry in one transaction."""

import re
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from presscenter.audit.domain import record, save_recorded
from presscenter.core.errors import DomainError, PermissionDenied
from presscenter.inquiries import access, rules
from presscenter.inquiries.models import (
    Audience,
    Category,
    DeadlinePolicy,
    DeadlineUnit,
    Inquiry,
    Priority,
    RoutingRule,
    RoutingSettings,
)
from presscenter.orgs.models import Organisation
from presscenter.releases.models import Topic
from presscenter.workdays.loader import configured_hours

ONLY_CENTRE = _("Chỉ Trung tâm mới thay đổi cấu hình hỏi đáp.")

# Categories -----------------------------------------------------------------------------------

CATEGORY_FIELDS = (
    "code", "name", "name_en", "description", "group", "keywords", "audience", "needs_location", "position", "active",
)  # fmt: skip
CODE_PATTERN = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
MAX_POSITION = 10_000
MAX_DESCRIPTION = 2_000


def _require_manager(actor: Any) -> None:
    if not access.can_manage_rules(actor):
        raise PermissionDenied(ONLY_CENTRE)


def category_snapshot(category: Category) -> dict[str, Any]:
    return {name: getattr(category, name) for name in CATEGORY_FIELDS}


def category_in_use(category: Category) -> bool:
    """Inquiries name it: its code is in their links and in Open311 clients, so it stays."""
    return category.pk is not None and Inquiry.objects.filter(category=category).exists()


def _limited(value: Any, field: str, limit: int, *, required: Promise | None = None) -> str:
    text = str(value or "").strip()
    if required is not None and not text:
        raise DomainError(required, field=field)
    if len(text) > limit:
        raise DomainError(_("Quá dài (tối đa %(limit)s ký tự).") % {"limit": f"{limit:,}"}, field=field)
    return text


def _clean_category(fields: dict[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - set(CATEGORY_FIELDS)
    if unknown:
        raise DomainError(_("Trường không hợp lệ: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    cleaned = dict(fields)
    if "code" in cleaned:
        code = _limited(cleaned["code"], "code", 60, required=_("Hãy nhập mã lĩnh vực."))
        if not CODE_PATTERN.fullmatch(code):
            raise DomainError(
                _("Mã chỉ gồm chữ thường không dấu, số và dấu gạch ngang, ví dụ “giao-thong”."), field="code"
            )
        cleaned["code"] = code
    if "name" in cleaned:
        cleaned["name"] = _limited(cleaned["name"], "name", 200, required=_("Hãy nhập tên lĩnh vực."))
    for name, limit in (("name_en", 200), ("group", 100), ("keywords", 300), ("description", MAX_DESCRIPTION)):
        if name in cleaned:
            cleaned[name] = _limited(cleaned[name], name, limit)
    if "audience" in cleaned and cleaned["audience"] not in Audience.values:
        raise DomainError(_("Hãy chọn lĩnh vực dành cho ai."), field="audience")
    if "position" in cleaned:
        position = cleaned["position"]
        if isinstance(position, bool) or not isinstance(position, int) or not 0 <= position <= MAX_POSITION:
            raise DomainError(
                _("Thứ tự là một số từ 0 đến %(limit)s.") % {"limit": f"{MAX_POSITION:,}"}, field="position"
            )
    for name in ("needs_location", "active"):
        if name in cleaned:
            cleaned[name] = bool(cleaned[name])
    return cleaned


def _check_code_free(code: str, pk: int | None) -> None:
    others = Category.objects.filter(code=code)
    if pk is not None:
        others = others.exclude(pk=pk)
    if others.exists():
        raise DomainError(_("Mã “%(code)s” đã được dùng cho lĩnh vực khác.") % {"code": code}, field="code")


@transaction.atomic
def create_category(actor: Any, **fields: Any) -> Category:
    _require_manager(actor)
    cleaned = _clean_category(fields)
    if not cleaned.get("code"):
        raise DomainError(_("Hãy nhập mã lĩnh vực."), field="code")
    if not cleaned.get("name"):
        raise DomainError(_("Hãy nhập tên lĩnh vực."), field="name")
    _check_code_free(cleaned["code"], None)
    category = Category(**cleaned)
    try:
        with transaction.atomic():
            category.save()
    except IntegrityError as error:  # a concurrent create took the code first
        raise DomainError(_("Mã “%(code)s” đã được dùng cho lĩnh vực khác.") % cleaned, field="code") from error
    record(actor, "category.create", category, summary=category.name, after=category_snapshot(category))
    return category


@transaction.atomic
def update_category(actor: Any, category: Category, **fields: Any) -> Category:
    _require_manager(actor)
    category = Category.objects.select_for_update().get(pk=category.pk)
    cleaned = _clean_category(fields)
    if "code" in cleaned and cleaned["code"] != category.code:
        if category_in_use(category):
            raise DomainError(
                _("Đã có câu hỏi thuộc lĩnh vực này nên không đổi được mã (mã nằm trong đường dẫn và Open311)."),
                field="code",
            )
        _check_code_free(cleaned["code"], category.pk)
    changes = {name: value for name, value in cleaned.items() if getattr(category, name) != value}
    if not changes:
        return category
    action = "category.update"
    if changes.get("active") is False:
        action = "category.deactivate"
    elif changes.get("active") is True:
        action = "category.activate"
    save_recorded(actor, action, category, category_snapshot, cleaned.get("name", category.name), **changes)
    return category


def deactivate_category(actor: Any, category: Category) -> Category:
    """Never deleted: inquiries, rules and policies keep it; it stops taking new questions."""
    return update_category(actor, category, active=False)


def category_deletable(category: Category) -> bool:
    """Only a category nothing refers to: no inquiry, no routing rule (even stopped), no deadline."""
    return not (
        category_in_use(category)
        or RoutingRule.objects.filter(category=category).exists()
        or DeadlinePolicy.objects.filter(category=category).exists()
    )


@transaction.atomic
def delete_category(actor: Any, category: Category) -> None:
    """A category created by mistake goes; one that anything refers to is closed instead."""
    _require_manager(actor)
    category = Category.objects.select_for_update().get(pk=category.pk)
    if category_in_use(category):
        raise DomainError(_("Đã có câu hỏi thuộc lĩnh vực này nên không xóa được; hãy ngừng tiếp nhận."))
    if not category_deletable(category):
        raise DomainError(
            _("Lĩnh vực còn quy tắc chuyển xử lý hoặc thời hạn riêng nên không xóa được; hãy ngừng tiếp nhận.")
        )
    record(actor, "category.delete", category, summary=category.name, before=category_snapshot(category))
    category.delete()


# Routing rules --------------------------------------------------------------------------------

MAX_NOTE = 300


def rule_snapshot(rule: RoutingRule) -> dict[str, Any]:
    return {
        "category": rule.category_id,
        "area": rule.area_id,
        "topic": rule.topic_id,
        "organisation": rule.organisation_id,
        "note": rule.note,
        "active": rule.active,
    }


def rule_summary(rule: RoutingRule) -> str:
    def name(value: Any) -> str:
        return str(value) if value is not None else str(_("mọi"))

    return f"{name(rule.category)} · {name(rule.area)} · {name(rule.topic)} → {rule.organisation}"


def _duplicate_message(existing: RoutingRule | None) -> str:
    if existing is None:
        return str(_("Đã có một quy tắc đang áp dụng cho cùng lĩnh vực, địa bàn và chủ đề."))
    return str(
        _(
            "Đã có quy tắc đang áp dụng cho cùng lĩnh vực, địa bàn và chủ đề (chuyển đến %(organisation)s). "
            "Hãy sửa quy tắc đó, hoặc ngừng áp dụng nó trước."
        )
        % {"organisation": existing.organisation}
    )


def _active_twin(rule: RoutingRule) -> RoutingRule | None:
    twins = RoutingRule.objects.filter(
        category=rule.category_id, area=rule.area_id, topic=rule.topic_id, active=True
    ).select_related("organisation")
    if rule.pk is not None:
        twins = twins.exclude(pk=rule.pk)
    return twins.first()


def _check_rule(rule: RoutingRule) -> None:
    if rule.organisation_id is None:
        raise DomainError(_("Hãy chọn cơ quan chịu trách nhiệm."), field="organisation")
    if rule.active and not rule.organisation.active:
        raise DomainError(
            _("Cơ quan “%(name)s” đã ngừng hoạt động: không thể giao câu hỏi cho cơ quan này.")
            % {"name": rule.organisation},
            field="organisation",
        )
    if rule.active and rule.category is not None and not rule.category.active:
        raise DomainError(_("Lĩnh vực này đã ngừng sử dụng."), field="category")
    if rule.active:
        twin = _active_twin(rule)
        if twin is not None:
            raise DomainError(_duplicate_message(twin))


def _save_rule(rule: RoutingRule, update_fields: list[str] | None = None) -> None:
    """The database refuses a second active rule for one key (a race past _check_rule): say so."""
    try:
        with transaction.atomic():
            rule.save(update_fields=update_fields)
    except IntegrityError as error:
        raise DomainError(_duplicate_message(None)) from error


@transaction.atomic
def create_rule(
    actor: Any,
    *,
    organisation: Organisation | None,
    category: Category | None = None,
    area: Organisation | None = None,
    topic: Topic | None = None,
    note: str = "",
) -> RoutingRule:
    _require_manager(actor)
    rule = RoutingRule(
        category=category, area=area, topic=topic, organisation=organisation, note=_limited(note, "note", MAX_NOTE)
    )
    _check_rule(rule)
    _save_rule(rule)
    record(actor, "routing_rule.create", rule, summary=rule_summary(rule), after=rule_snapshot(rule))
    return rule


RULE_FIELDS = ("category", "area", "topic", "organisation", "note", "active")


@transaction.atomic
def update_rule(actor: Any, rule: RoutingRule, **fields: Any) -> RoutingRule:
    _require_manager(actor)
    unknown = set(fields) - set(RULE_FIELDS)
    if unknown:
        raise DomainError(_("Trường không hợp lệ: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    rule = RoutingRule.objects.select_for_update(of=("self",)).get(pk=rule.pk)
    before = rule_snapshot(rule)
    if "note" in fields:
        fields["note"] = _limited(fields["note"], "note", MAX_NOTE)
    if "active" in fields:
        fields["active"] = bool(fields["active"])
    changed = [name for name, value in fields.items() if getattr(rule, name) != value]
    if not changed:
        return rule
    for name in changed:
        setattr(rule, name, fields[name])
    _check_rule(rule)
    _save_rule(rule, update_fields=changed)
    action = "routing_rule.update"
    if changed == ["active"]:
        action = "routing_rule.activate" if rule.active else "routing_rule.deactivate"
    record(actor, action, rule, summary=rule_summary(rule), before=before, after=rule_snapshot(rule))
    return rule


def deactivate_rule(actor: Any, rule: RoutingRule) -> RoutingRule:
    """Kept for the record (routing decisions and the audit log name it); it stops applying."""
    return update_rule(actor, rule, active=False)


@dataclass
class Candidate:
    rule: RoutingRule
    applies: bool
    # Why it ranks where it does, in words.
    category_reason: str
    area_reason: str
    topic_reason: str
    skipped: str = ""


@dataclass
class Explanation:
    chain: list[Organisation]
    candidates: list[Candidate]
    rule: RoutingRule | None


def explain(category: Category | None, area: Organisation | None, topic: Topic | None) -> Explanation:
    """Which rule applies to such a question, and why: the areas climbed (the ward, its parent, …,
    then any area), and every rule that matched, most specific first. The winner is rules.resolve's."""
    chain_ids = rules.area_chain(area)
    by_id = Organisation.objects.in_bulk(chain_ids)
    chain = [by_id[pk] for pk in chain_ids if pk in by_id]
    candidates = RoutingRule.objects.filter(
        Q(category=None) | Q(category=category) if category else Q(category=None),
        Q(area=None) | Q(area_id__in=chain_ids),
        Q(topic=None) | Q(topic=topic) if topic else Q(topic=None),
        active=True,
    ).select_related("organisation", "category", "area", "topic")

    def specificity(rule: RoutingRule) -> tuple[int, int, int, int]:
        area_rank = chain_ids.index(rule.area_id) if rule.area_id is not None else len(chain_ids)
        return (0 if rule.category_id else 1, area_rank, 0 if rule.topic_id else 1, rule.pk)

    winner = rules.resolve(category, area, topic)
    explained = []
    for rule in sorted(candidates, key=specificity):
        if rule.area_id is None:
            area_reason = str(_("mọi địa bàn"))
        elif rule.area_id == (area.pk if area else None):
            area_reason = str(_("đúng địa bàn %(name)s") % {"name": rule.area})
        else:
            area_reason = str(
                _("địa bàn cấp trên %(name)s (cấp %(level)d)")
                % {"name": rule.area, "level": chain_ids.index(rule.area_id)}
            )
        explained.append(
            Candidate(
                rule=rule,
                applies=winner is not None and rule.pk == winner.pk,
                category_reason=str(_("đúng lĩnh vực") if rule.category_id else _("mọi lĩnh vực")),
                area_reason=area_reason,
                topic_reason=str(_("đúng chủ đề") if rule.topic_id else _("mọi chủ đề")),
                skipped="" if rule.organisation.active else str(_("bỏ qua: cơ quan đã ngừng hoạt động")),
            )
        )
    return Explanation(chain=chain, candidates=explained, rule=winner)


# Deadline policies ----------------------------------------------------------------------------

# Beyond these a deadline is a typing mistake, not a policy.
DEADLINE_LIMITS = {DeadlineUnit.WORKING_DAYS: 60, DeadlineUnit.WORKING_HOURS: 240}
MAX_REMIND_HOURS = 120


def hours_per_day() -> int:
    """Working hours in a working day (settings.WORKING_HOURS; 8 by default, lunch not counted)."""
    return max(1, round(configured_hours().per_day.total_seconds() / 3600))


def policy_snapshot(policy: DeadlinePolicy) -> dict[str, Any]:
    return {
        "category": policy.category_id,
        "priority": policy.priority,
        "amount": policy.amount,
        "unit": policy.unit,
        "remind_before_hours": policy.remind_before_hours,
    }


def _whole(value: Any) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value


def _check_policy(priority: str, amount: Any, unit: str, remind_before_hours: Any) -> tuple[int, int]:
    if priority not in Priority.values:
        raise DomainError(_("Độ khẩn không hợp lệ."), field="priority")
    if unit not in DeadlineUnit.values:
        raise DomainError(_("Hãy chọn đơn vị: ngày làm việc hoặc giờ làm việc."), field="unit")
    limit = DEADLINE_LIMITS[DeadlineUnit(unit)]
    whole = _whole(amount)
    if whole is None or not 1 <= whole <= limit:
        raise DomainError(
            _("Thời hạn phải từ 1 đến %(limit)d %(unit)s.") % {"limit": limit, "unit": DeadlineUnit(unit).label},
            field="amount",
        )
    remind = _whole(remind_before_hours)
    total_hours = whole * (hours_per_day() if unit == DeadlineUnit.WORKING_DAYS else 1)
    if remind is None or remind < 0 or remind > MAX_REMIND_HOURS:
        raise DomainError(
            _("Thời gian nhắc trước phải từ 0 đến %(limit)d giờ làm việc.") % {"limit": MAX_REMIND_HOURS},
            field="remind_before_hours",
        )
    if remind >= total_hours:
        raise DomainError(
            _(
                "Phải nhắc trước khi hết hạn: thời gian nhắc trước (%(remind)d giờ) phải ngắn hơn thời hạn (%(total)d giờ)."
            )
            % {"remind": remind, "total": total_hours},
            field="remind_before_hours",
        )
    return whole, remind


@transaction.atomic
def set_deadline_policy(
    actor: Any,
    *,
    category: Category | None,
    priority: str,
    amount: Any,
    unit: str = DeadlineUnit.WORKING_DAYS,
    remind_before_hours: Any = 8,
) -> DeadlinePolicy:
    """The deadline for questions of this category (None: any category) and priority; it applies
    to questions routed from now on (those already routed keep their deadline)."""
    _require_manager(actor)
    amount, remind = _check_policy(priority, amount, unit, remind_before_hours)
    policy = DeadlinePolicy.objects.select_for_update().filter(category=category, priority=priority).first()
    values = {"amount": amount, "unit": unit, "remind_before_hours": remind}
    label = f"{category or _('mọi lĩnh vực')} · {Priority(priority).label}"
    if policy is None:
        policy = DeadlinePolicy.objects.create(category=category, priority=priority, **values)
        record(actor, "deadline_policy.set", policy, summary=label, after=policy_snapshot(policy))
        return policy
    changes = {name: value for name, value in values.items() if getattr(policy, name) != value}
    if changes:
        save_recorded(actor, "deadline_policy.set", policy, policy_snapshot, label, **changes)
    return policy


@transaction.atomic
def clear_deadline_policy(actor: Any, policy: DeadlinePolicy) -> None:
    """Back to the fallback (the policy for any category, then the default setting)."""
    _require_manager(actor)
    policy = DeadlinePolicy.objects.select_for_update().get(pk=policy.pk)
    label = f"{policy.category or _('mọi lĩnh vực')} · {Priority(policy.priority).label}"
    record(actor, "deadline_policy.clear", policy, summary=label, before=policy_snapshot(policy))
    policy.delete()


class Source:
    OWN = "own"
    ANY_CATEGORY = "any"
    DEFAULT = "default"


@dataclass
class Cell:
    priority: str
    policy: DeadlinePolicy  # the one that applies (unsaved when it is the default setting)
    own: DeadlinePolicy | None  # the one set for this very row, if any
    source: str


@dataclass
class MatrixRow:
    category: Category | None
    cells: list[Cell]


def default_policy(priority: str) -> DeadlinePolicy:
    """What deadlines.policy_for falls back to when nothing is set."""
    days = settings.INQUIRY_DEFAULT_DAYS if priority == Priority.NORMAL else 1
    return DeadlinePolicy(category=None, priority=priority, amount=days, unit=DeadlineUnit.WORKING_DAYS)


def policy_matrix(categories: list[Category]) -> list[MatrixRow]:
    """Category × priority with what applies (as deadlines.policy_for decides), in one query."""
    stored = {(p.category_id, p.priority): p for p in DeadlinePolicy.objects.all()}
    rows = []
    for category in [None, *categories]:
        cells = []
        for priority in Priority.values:
            own = stored.get((category.pk if category else None, priority))
            fallback = stored.get((None, priority))
            if own is not None:
                cells.append(Cell(priority, own, own, Source.OWN))
            elif fallback is not None:
                cells.append(Cell(priority, fallback, None, Source.ANY_CATEGORY))
            else:
                cells.append(Cell(priority, default_policy(priority), None, Source.DEFAULT))
        rows.append(MatrixRow(category, cells))
    return rows


# Automatic routing ----------------------------------------------------------------------------

MIN_THRESHOLD, MAX_THRESHOLD = 0.5, 0.99


def routing_settings() -> RoutingSettings:
    """The one row; before anyone set it, the defaults (nothing routes on its own)."""
    return RoutingSettings.objects.order_by("pk").first() or RoutingSettings()


def settings_snapshot(row: RoutingSettings) -> dict[str, Any]:
    return {"auto_threshold": row.auto_threshold, "auto_by_rules": row.auto_by_rules}


@transaction.atomic
def set_routing_settings(actor: Any, *, auto_threshold: float | None, auto_by_rules: bool) -> RoutingSettings:
    """`auto_threshold` None: an operator confirms every suggestion of the model; otherwise a
    confidence from 50% to 99% above which the suggestion routes by itself."""
    _require_manager(actor)
    if auto_threshold is not None:
        if isinstance(auto_threshold, bool) or not isinstance(auto_threshold, int | float):
            raise DomainError(_("Ngưỡng phải là một số."), field="auto_threshold")
        if not MIN_THRESHOLD <= auto_threshold <= MAX_THRESHOLD:
            raise DomainError(_("Ngưỡng phải từ 50% đến 99%, hoặc tắt tự động chuyển."), field="auto_threshold")
        auto_threshold = float(auto_threshold)
    row = RoutingSettings.objects.select_for_update().order_by("pk").first()
    if row is None:
        row = RoutingSettings.objects.create()
    summary = str(_("Tự động chuyển xử lý"))
    save_recorded(
        actor, "routing.threshold", row, settings_snapshot, summary,
        auto_threshold=auto_threshold, auto_by_rules=bool(auto_by_rules), updated_at=timezone.now(),
    )  # fmt: skip
    return row
