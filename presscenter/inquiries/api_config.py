"""The configuration of questions and feedback over HTTP, for the centre's operators: categories
(also the Open311 services), routing rules, deadline policies and automatic routing. Mounted by
presscenter/api.py at /operator/inquiry-config. Writes go through presscenter.inquiries.config."""

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Query, Router, Schema, Status
from pydantic import Field

from presscenter.accounts.api_auth import Caller, caller_of, token_auth
from presscenter.core.api_errors import documented
from presscenter.core.api_schemas import Page, PageQuery, Slug, Text, paginate
from presscenter.core.errors import DomainError, NotFound, PermissionDenied
from presscenter.inquiries import access, config
from presscenter.inquiries.models import (
    Audience,
    Category,
    DeadlinePolicy,
    DeadlineUnit,
    Inquiry,
    RoutingRule,
)
from presscenter.inquiries.schemas_api import InquiryPriority
from presscenter.orgs.models import Organisation
from presscenter.releases.models import Topic

router = Router(tags=["inquiry configuration"], auth=token_auth)

WRITE = documented(404, 409, 422)
CategoryCode = Slug


def _operator(request: HttpRequest) -> Caller:
    caller = caller_of(request)
    caller.check_operator()
    if not access.can_manage_rules(caller.user):
        raise PermissionDenied(config.ONLY_CENTRE)
    return caller


# Categories -----------------------------------------------------------------------------------


class CategoryOut(Schema):
    code: str
    name: str
    name_en: str
    description: str
    group: str
    keywords: str
    audience: Audience
    needs_location: bool
    position: int
    active: bool
    in_use: bool


class CategoryPatch(Schema):
    code: CategoryCode | None = None
    name: Text | None = Field(None, max_length=200)
    name_en: Text | None = Field(None, max_length=200)
    description: Text | None = Field(None, max_length=config.MAX_DESCRIPTION)
    group: Text | None = Field(None, max_length=100)
    keywords: Text | None = Field(None, max_length=300)
    audience: Audience | None = None
    needs_location: bool | None = None
    position: int | None = Field(None, ge=0, le=config.MAX_POSITION)
    active: bool | None = None


class CategoryIn(CategoryPatch):
    code: CategoryCode  # type: ignore[assignment]
    name: Text = Field(max_length=200)  # type: ignore[assignment]


def category_out(category: Category, used: set[int] | None = None) -> dict[str, Any]:
    in_use = category.pk in used if used is not None else config.category_in_use(category)
    return {**config.category_snapshot(category), "in_use": in_use}


def _category(code: str) -> Category:
    category = Category.objects.filter(code=code).first()
    if category is None:
        raise NotFound(_("Không tìm thấy lĩnh vực này."))
    return category


@router.get("/categories", response=list[CategoryOut])
def list_categories(request: HttpRequest) -> list[dict[str, Any]]:
    _operator(request)
    used = set(Inquiry.objects.filter(category__isnull=False).values_list("category_id", flat=True).distinct())
    return [category_out(category, used) for category in Category.objects.all()]


@router.post("/categories", response={201: CategoryOut, **WRITE})
def create_category(request: HttpRequest, payload: CategoryIn) -> Status[dict[str, Any]]:
    caller = _operator(request)
    fields = {name: value for name, value in payload.model_dump().items() if value is not None}
    return Status(201, category_out(config.create_category(caller.user, **fields)))


@router.patch("/categories/{code}", response={200: CategoryOut, **WRITE})
def update_category(request: HttpRequest, code: CategoryCode, payload: CategoryPatch) -> dict[str, Any]:
    caller = _operator(request)
    category = _category(code)
    fields = {name: value for name, value in payload.model_dump(exclude_unset=True).items() if value is not None}
    return category_out(config.update_category(caller.user, category, **fields))


@router.delete("/categories/{code}", response={200: CategoryOut, **WRITE})
def delete_category(request: HttpRequest, code: CategoryCode) -> dict[str, Any]:
    """Only a category that no inquiry, rule or deadline refers to (409 otherwise: deactivate it).
    Answers with the category as it was."""
    caller = _operator(request)
    category = _category(code)
    deleted = category_out(category, set())
    config.delete_category(caller.user, category)
    return deleted


# Routing rules --------------------------------------------------------------------------------


class RuleOut(Schema):
    id: int
    category: str | None = Field(description="the category's code; null: any category")
    area: str | None = Field(description="the area's slug; null: any area")
    topic: str | None = Field(description="the topic's slug; null: any topic")
    organisation: str
    note: str
    active: bool


class RulePatch(Schema):
    category: CategoryCode | None = None
    area: Slug | None = None
    topic: Slug | None = None
    organisation: Slug | None = None
    note: Text | None = Field(None, max_length=config.MAX_NOTE)
    active: bool | None = None


class RuleIn(Schema):
    category: CategoryCode | None = None
    area: Slug | None = None
    topic: Slug | None = None
    organisation: Slug
    note: Text = Field("", max_length=config.MAX_NOTE)


class RuleFilters(Schema):
    category: CategoryCode | None = None
    organisation: Slug | None = None
    active: bool | None = True


def rule_out(rule: RoutingRule) -> dict[str, Any]:
    return {
        "id": rule.pk,
        "category": rule.category.code if rule.category else None,
        "area": rule.area.slug if rule.area else None,
        "topic": rule.topic.slug if rule.topic else None,
        "organisation": rule.organisation.slug,
        "note": rule.note,
        "active": rule.active,
    }


def _relations(values: dict[str, Any]) -> dict[str, Any]:
    """Codes and slugs of the body as objects; an unknown one is a refused value of its field."""
    lookups: dict[str, tuple[Any, str, Any]] = {
        "category": (Category, "code", _("Không có lĩnh vực mã này.")),
        "area": (Organisation, "slug", _("Không có địa bàn này.")),
        "topic": (Topic, "slug", _("Không có chủ đề này.")),
        "organisation": (Organisation, "slug", _("Không có cơ quan này.")),
    }
    resolved = dict(values)
    for name, (model, key, message) in lookups.items():
        if name not in values or values[name] is None:
            continue
        found = model.objects.filter(**{key: values[name]}).first()
        if found is None:
            raise DomainError(message, field=name)
        resolved[name] = found
    return resolved


@router.get("/routing-rules", response=Page[RuleOut])
def list_rules(request: HttpRequest, paging: PageQuery, filters: Query[RuleFilters]) -> dict[str, Any]:
    _operator(request)
    rules = RoutingRule.objects.select_related("category", "area", "topic", "organisation").order_by("pk")
    if filters.category:
        rules = rules.filter(category__code=filters.category)
    if filters.organisation:
        rules = rules.filter(organisation__slug=filters.organisation)
    if filters.active is not None:
        rules = rules.filter(active=filters.active)
    return paginate(request, rules, paging, rule_out)


@router.post("/routing-rules", response={201: RuleOut, **WRITE})
def create_rule(request: HttpRequest, payload: RuleIn) -> Status[dict[str, Any]]:
    caller = _operator(request)
    fields = _relations(payload.model_dump())
    return Status(201, rule_out(config.create_rule(caller.user, **fields)))


@router.patch("/routing-rules/{rule_id}", response={200: RuleOut, **WRITE})
def update_rule(request: HttpRequest, rule_id: int, payload: RulePatch) -> dict[str, Any]:
    caller = _operator(request)
    rule = RoutingRule.objects.filter(pk=rule_id).first() if 0 < rule_id < 2**63 else None
    if rule is None:
        raise NotFound(_("Không tìm thấy quy tắc này."))
    values = payload.model_dump(exclude_unset=True)
    if values.get("organisation", "") is None:
        raise DomainError(_("Hãy chọn cơ quan chịu trách nhiệm."), field="organisation")
    for name in ("note", "active"):
        if name in values and values[name] is None:
            del values[name]
    rule = config.update_rule(caller.user, rule, **_relations(values))
    rule = RoutingRule.objects.select_related("category", "area", "topic", "organisation").get(pk=rule.pk)
    return rule_out(rule)


# Deadline policies ----------------------------------------------------------------------------


class PolicyOut(Schema):
    category: str | None = Field(description="the category's code; null: any category")
    priority: InquiryPriority
    amount: int
    unit: DeadlineUnit
    remind_before_hours: int


class PolicyIn(Schema):
    category: CategoryCode | None = None
    priority: InquiryPriority
    amount: int = Field(ge=1, le=max(config.DEADLINE_LIMITS.values()))
    unit: DeadlineUnit = DeadlineUnit.WORKING_DAYS
    remind_before_hours: int = Field(8, ge=0, le=config.MAX_REMIND_HOURS)


def policy_out(policy: DeadlinePolicy) -> dict[str, Any]:
    return {
        "category": policy.category.code if policy.category else None,
        "priority": policy.priority,
        "amount": policy.amount,
        "unit": policy.unit,
        "remind_before_hours": policy.remind_before_hours,
    }


@router.get("/deadline-policies", response=list[PolicyOut])
def list_policies(request: HttpRequest) -> list[dict[str, Any]]:
    """The policies set; a category without one uses the policy for any category (category null),
    and without that the installation's default."""
    _operator(request)
    policies = DeadlinePolicy.objects.select_related("category").order_by("category__code", "priority")
    return [policy_out(policy) for policy in policies]


@router.put("/deadline-policies", response={200: PolicyOut, **WRITE})
def set_policy(request: HttpRequest, payload: PolicyIn) -> dict[str, Any]:
    """Create or replace the policy of one category (null: any category) and priority."""
    caller = _operator(request)
    values = _relations({"category": payload.category})
    policy = config.set_deadline_policy(
        caller.user,
        category=values["category"],
        priority=payload.priority,
        amount=payload.amount,
        unit=payload.unit,
        remind_before_hours=payload.remind_before_hours,
    )
    return policy_out(policy)


# Automatic routing ----------------------------------------------------------------------------


class RoutingSettingsOut(Schema):
    auto_threshold: float | None = Field(
        description="null: an operator confirms every suggestion; else the confidence (0.5 to 0.99) from which "
        "the model's suggestion routes by itself"
    )
    auto_by_rules: bool = Field(description="whether a matching routing rule routes by itself")


class RoutingSettingsIn(Schema):
    auto_threshold: float | None = Field(None, ge=config.MIN_THRESHOLD, le=config.MAX_THRESHOLD)
    auto_by_rules: bool = False


@router.get("/routing-settings", response=RoutingSettingsOut)
def get_routing_settings(request: HttpRequest) -> dict[str, Any]:
    _operator(request)
    return config.settings_snapshot(config.routing_settings())


@router.put("/routing-settings", response={200: RoutingSettingsOut, **WRITE})
def put_routing_settings(request: HttpRequest, payload: RoutingSettingsIn) -> dict[str, Any]:
    caller = _operator(request)
    row = config.set_routing_settings(
        caller.user, auto_threshold=payload.auto_threshold, auto_by_rules=payload.auto_by_rules
    )
    return config.settings_snapshot(row)
